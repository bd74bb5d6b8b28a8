/**
 * `OptionsSync`: `Sync now`, a progress bar while syncing, the page's one `role="status"` region naming "<N> articles"
 * (and how many sources could not be checked: each source's row says why), and how often to check. Presentational, no
 * browser APIs; imported by OptionsApp.
 */
import { SYNC_INTERVAL_BOUNDS } from '../lib/app/settings';
import { formatDate, formatRelativeTime, t, tn } from '../lib/i18n/messages';
import type { SyncSummary } from '../lib/model/panel';
import { STALE_AFTER_MS } from './sync-status-line';

const DAY = 86_400_000;

/** The intervals offered, in hours; a stored one not listed is offered too. */
export const INTERVAL_CHOICES: readonly number[] = [1, 3, 6, 12, 24, 72, 168];

export interface OptionsSyncProps {
  /** The background's summary; `undefined` while the first status is loading. */
  summary: SyncSummary | undefined;
  /** True from the click until the background answers, even before its status says "syncing". */
  busy: boolean;
  onSyncNow: () => void;
  /** The last `syncNow` failure, if any. */
  error?: string;
  now?: number;
  /** The periodic update interval; the interval choice is shown when `onInterval` is given. */
  intervalHours?: number;
  onInterval?: (hours: number) => void;
}

/**
 * The status text. While syncing it does not name a count: "<N> articles" means "the last sync has finished".
 * @param summary the background's summary.
 * @param busy a sync was requested and has not answered yet.
 * @param now epoch ms for the data age.
 */
export function syncStatusText(summary: SyncSummary | undefined, busy: boolean, now: number): string {
  if (!summary) return t('options.sync.loading');
  if (busy || summary.state === 'syncing') {
    const p = summary.progress;
    return p?.total ? t('options.sync.syncingPercent', Math.min(100, Math.round((p.done / p.total) * 100))) : t('options.sync.syncing');
  }
  const parts: string[] = [];
  if (summary.lastSuccessAt !== undefined) {
    const articles = tn('counts.articles', summary.articleCount);
    const updated = formatRelativeTime(summary.lastSuccessAt, now);
    // A packaged snapshot read today still holds articles of its build day: say so when it differs.
    parts.push(
      summary.dataAsOf !== undefined && summary.dataAsOf < summary.lastSuccessAt - 60_000
        ? t('options.sync.doneWithData', articles, updated, formatRelativeTime(summary.dataAsOf, now))
        : t('options.sync.done', articles, updated),
    );
  } else if (summary.state === 'error') parts.push(t('options.sync.failed'));
  else parts.push(summary.offline ? t('options.sync.offlineNever') : t('options.sync.never'));
  if (summary.errors.length) parts.push(tn('options.sync.failedFeeds', summary.errors.length));
  if (summary.offline && summary.lastSuccessAt !== undefined) parts.push(t('options.sync.offline'));
  return parts.join(' · ');
}

/** The plain warning for data no update has refreshed for a month, or undefined. */
export function staleText(dataAsOf: number | undefined, now: number): string | undefined {
  if (dataAsOf === undefined || now - dataAsOf <= STALE_AFTER_MS) return undefined;
  return t('options.sync.stale', Math.floor((now - dataAsOf) / DAY), formatDate(dataAsOf));
}

/** "Every 6 hours", "Once a day", "Once a week". */
export function intervalText(hours: number): string {
  if (hours === 24) return t('options.sync.daily');
  if (hours === 168) return t('options.sync.weekly');
  return tn('options.sync.every', hours);
}

/** Sync controls, status and problems. */
export function OptionsSync({ summary, busy, onSyncNow, error, now = Date.now(), intervalHours, onInterval }: OptionsSyncProps) {
  const syncing = busy || summary?.state === 'syncing';
  const progress = summary?.state === 'syncing' ? summary.progress : undefined;
  const stale = summary ? staleText(summary.dataAsOf, now) : undefined;
  const choices = intervalHours === undefined || INTERVAL_CHOICES.includes(intervalHours) ? INTERVAL_CHOICES : [...INTERVAL_CHOICES, intervalHours].sort((a, b) => a - b);
  return (
    <div class="hal-options-sync">
      <div class="hal-options-row">
        <button type="button" class="hal-button" data-testid="sync-now" onClick={onSyncNow} disabled={syncing} aria-disabled={syncing}>
          {t('options.sync.syncNow')}
        </button>
        <p class="hal-options-status" role="status" data-testid="options-sync-status">
          {syncStatusText(summary, busy, now)}
        </p>
      </div>
      {syncing ? (
        progress?.total ? (
          <progress class="hal-progress hal-options-progress" aria-label={t('options.sync.progress')} max={progress.total} value={Math.min(progress.done, progress.total)} />
        ) : (
          <progress class="hal-progress hal-options-progress" aria-label={t('options.sync.progress')} />
        )
      ) : null}
      {stale ? (
        <p class="hal-stale" data-testid="data-stale">
          {stale}
        </p>
      ) : null}
      {error ? (
        <p class="hal-options-error" role="alert">
          {t('options.sync.error', error)}
        </p>
      ) : null}
      {onInterval && intervalHours !== undefined ? (
        <div class="hal-options-field-group">
          <label class="hal-options-field" for="hal-sync-interval">
            {t('options.sync.interval')}
          </label>
          <select
            id="hal-sync-interval"
            class="hal-options-input hal-options-select"
            value={String(intervalHours)}
            onChange={(event) => {
              const hours = Number(event.currentTarget.value);
              if (Number.isInteger(hours) && hours >= SYNC_INTERVAL_BOUNDS.min && hours <= SYNC_INTERVAL_BOUNDS.max) onInterval(hours);
            }}
          >
            {choices.map((hours) => (
              <option key={hours} value={String(hours)}>
                {intervalText(hours)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
