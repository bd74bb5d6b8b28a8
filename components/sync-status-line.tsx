/**
 * `SyncStatusLine`: one line on the local data: article count and age, progress while syncing, offline
 * data age, a plain warning when no update has refreshed the data for a month, failed feeds with Retry. Presentational, no browser APIs; imported by Panel (and the options page).
 */
import type { SyncSummary } from '../lib/model/panel';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `then` was, in words.
 * @param then epoch ms.
 * @param now epoch ms (injected so tests are deterministic).
 * @returns e.g. "just now", "5 minutes ago", "3 hours ago", "2 days ago".
 */
export function formatAge(then: number, now: number): string {
  const age = Math.max(0, now - then);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return plural(Math.floor(age / MINUTE), 'minute');
  if (age < DAY) return plural(Math.floor(age / HOUR), 'hour');
  return plural(Math.floor(age / DAY), 'day');
}


/** Data older than this gets a plain warning: the feeds have not updated it for a month. */
export const STALE_AFTER_MS = 30 * DAY;

/**
 * The plain warning for data no update has refreshed for over {@link STALE_AFTER_MS}, or undefined.
 * @param dataAsOf epoch ms the data is current as of (`SyncSummary.dataAsOf`)
 */
export function staleDataText(dataAsOf: number | undefined, now: number): string | undefined {
  if (dataAsOf === undefined || now - dataAsOf <= STALE_AFTER_MS) return undefined;
  const date = new Date(dataAsOf).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });
  return `No update for ${Math.floor((now - dataAsOf) / DAY)} days: scores and articles are from ${date}. Newer articles are not recognised until a feed updates.`;
}

/** Counts as people read them ("1,204"); English grouping to match the options page's "<N> articles". */
export function formatCount(count: number): string {
  return new Intl.NumberFormat('en-US').format(count);
}

/** "1 article" / "1,204 articles". */
export function articleCountText(count: number): string {
  return `${formatCount(count)} article${count === 1 ? '' : 's'}`;
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

export interface SyncStatusLineProps {
  sync: SyncSummary;
  /** Asks the background to sync again (Retry / Sync now). */
  onRetry: () => void;
  /** Epoch ms "now", injected for deterministic ages in tests. */
  now?: number;
}

/** The sync line: a live status text, a progress bar while syncing, and failed feeds with Retry. */
export function SyncStatusLine({ sync, onRetry, now = Date.now() }: SyncStatusLineProps) {
  const asOf = sync.dataAsOf ?? sync.lastSuccessAt;
  const age = asOf !== undefined ? formatAge(asOf, now) : undefined;
  const stale = staleDataText(sync.dataAsOf, now);
  const progress = sync.state === 'syncing' ? sync.progress : undefined;
  const failed = sync.errors.length > 0 || sync.state === 'error';

  let text: string;
  if (sync.state === 'syncing') {
    const counts = progress
      ? ` ${formatCount(progress.done)}${progress.total !== undefined ? ` of ${formatCount(progress.total)}` : ''}`
      : '';
    text = `Syncing…${counts}${progress?.label ? ` (${progress.label})` : ''} · ${articleCountText(sync.articleCount)} so far`;
  } else if (sync.offline) {
    text = age ? `Offline · data from ${age}` : 'Offline · nothing downloaded yet';
  } else if (sync.state === 'never') {
    text = 'Not synced yet';
  } else {
    text = `${articleCountText(sync.articleCount)}${age ? ` · updated ${age}` : ''}`;
  }
  if (sync.offline && sync.state !== 'syncing' && sync.articleCount > 0) text += ` · ${articleCountText(sync.articleCount)}`;

  return (
    <div class="hal-sync" data-testid="sync-status" data-state={sync.offline ? 'offline' : sync.state}>
      <p class="hal-sync-text" role="status">
        {text}
      </p>
      {stale ? (
        <p class="hal-stale" data-testid="data-stale">
          {stale}
        </p>
      ) : null}
      {sync.state === 'syncing' ? (
        <progress
          class="hal-progress"
          aria-label="Sync progress"
          max={progress?.total !== undefined && progress.total > 0 ? progress.total : undefined}
          value={progress?.total !== undefined && progress.total > 0 ? Math.min(progress.done, progress.total) : undefined}
        />
      ) : null}
      {failed && sync.state !== 'syncing' ? (
        <div class="hal-sync-errors">
          <p class="hal-sync-error-title">
            {sync.errors.length > 0
              ? `Could not update ${sync.errors.length === 1 ? '1 feed' : `${sync.errors.length} feeds`}:`
              : 'The last sync failed.'}
          </p>
          {sync.errors.length > 0 ? (
            <ul class="hal-sync-error-list">
              {sync.errors.map((error, index) => (
                <li key={`${index}:${error.feed}`}>
                  <span class="hal-feed" title={error.feed}>
                    {feedLabel(error.feed)}
                  </span>
                  : {error.message}
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" class="hal-button hal-retry" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : null}
    </div>
  );
}
