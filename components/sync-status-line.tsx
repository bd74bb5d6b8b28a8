/**
 * `SyncStatusLine`: the panel's quiet footer line on the local data: "Updated 2 hours ago"; while
 * importing, progress in articles; on failure "Couldn't refresh — showing data from 2 hours ago ·
 * Retry". Never feed URLs or raw error text: those are for the options page, in plain words. Also
 * the age, count and stale-data wording the options page shares. Presentational, no browser APIs;
 * imported by Panel (and the options page).
 */
import type { SyncSummary } from '../lib/model/panel';
import { formatDate, formatNumber, formatRelativeTime, t, tn } from '../lib/i18n/messages';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * How long ago `then` was, in words of the UI language.
 * @param then epoch ms.
 * @param now epoch ms (injected so tests are deterministic).
 * @returns e.g. "just now", "5 minutes ago", "3 hours ago", "2 days ago".
 */
export function formatAge(then: number, now: number): string {
  if (now - then < MINUTE) return t('sync.justNow');
  return formatRelativeTime(then, now);
}

/** Data older than this gets a plain warning: the feeds have not updated it for a month. */
export const STALE_AFTER_MS = 30 * DAY;

/**
 * The plain warning for data no update has refreshed for over {@link STALE_AFTER_MS}, or undefined.
 * @param dataAsOf epoch ms the data is current as of (`SyncSummary.dataAsOf`)
 */
export function staleDataText(dataAsOf: number | undefined, now: number): string | undefined {
  if (dataAsOf === undefined || now - dataAsOf <= STALE_AFTER_MS) return undefined;
  return tn('sync.stale', Math.floor((now - dataAsOf) / DAY), formatDate(dataAsOf));
}

/** A feed URL shortened for display (host + path), or the raw string when it is not a URL. */
export function feedLabel(feed: string): string {
  try {
    const url = new URL(feed);
    return `${url.host}${url.pathname}`.replace(/\/$/, '');
  } catch {
    return feed;
  }
}

/** The running sync in words: articles where the source counts them, else just "Updating…". */
export function syncingText(progress: SyncSummary['progress']): string {
  if (progress?.unit !== 'articles') return t('sync.updating');
  if (progress.total !== undefined) return tn('sync.importingOf', progress.total, formatNumber(progress.done));
  return tn('sync.importingCount', progress.done);
}

export interface SyncStatusLineProps {
  sync: SyncSummary;
  /** Asks the background to sync again (Retry). */
  onRetry: () => void;
  /** Epoch ms "now", injected for deterministic ages in tests. */
  now?: number;
}

/** The footer line: one quiet status text, a progress bar while importing, Retry after a failure. */
export function SyncStatusLine({ sync, onRetry, now = Date.now() }: SyncStatusLineProps) {
  const asOf = sync.dataAsOf ?? sync.lastSuccessAt;
  const age = asOf !== undefined ? formatAge(asOf, now) : undefined;
  const stale = staleDataText(sync.dataAsOf, now);
  const syncing = sync.state === 'syncing';
  const progress = syncing ? sync.progress : undefined;
  const failed = !syncing && !sync.offline && (sync.errors.length > 0 || sync.state === 'error');

  let text: string;
  if (syncing) text = syncingText(progress);
  else if (sync.offline) text = age ? t('sync.offline', age, tn('counts.articles', sync.articleCount)) : t('sync.offlineNoData');
  else if (failed) text = age ? t('sync.failed', age) : t('sync.failedNoData');
  else if (sync.state === 'never' || !age) text = t('sync.notYet');
  else text = t('sync.updated', age);

  const counted = progress?.total !== undefined && progress.total > 0;
  return (
    <div class="hal-sync" data-testid="sync-status" data-state={sync.offline ? 'offline' : sync.state}>
      <p class="hal-sync-line">
        <span class="hal-sync-text" role="status">
          {text}
        </span>
        {failed ? (
          <>
            <span aria-hidden="true"> · </span>
            <button type="button" class="hal-link-button hal-retry" onClick={onRetry}>
              {t('sync.retry')}
            </button>
          </>
        ) : null}
      </p>
      {syncing ? (
        <progress
          class="hal-progress"
          aria-label={t('sync.progressLabel')}
          max={counted ? progress!.total : undefined}
          value={counted ? Math.min(progress!.done, progress!.total!) : undefined}
        />
      ) : null}
      {stale ? (
        <p class="hal-stale" data-testid="data-stale">
          {stale}
        </p>
      ) : null}
    </div>
  );
}
