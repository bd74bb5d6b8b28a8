/**
 * `OptionsSync`: `Sync now`, a progress bar while syncing and the page's one `role="status"` region naming "<N> articles".
 * Presentational, no browser APIs; imported by OptionsApp.
 */
import type { SyncSummary } from '../lib/model/panel';
import { articleCountText, formatAge, staleDataText } from './sync-status-line';

export interface OptionsSyncProps {
  /** The background's summary; `undefined` while the first status is loading. */
  summary: SyncSummary | undefined;
  /** True from the click until the background answers, even before its status says "syncing". */
  busy: boolean;
  onSyncNow: () => void;
  /** The last `syncNow` failure, if any. */
  error?: string;
  now?: number;
}

/**
 * The status text. While syncing it does not name a count: "<N> articles" means "the last sync has finished".
 * @param summary the background's summary.
 * @param busy a sync was requested and has not answered yet.
 * @param now epoch ms for the data age.
 */
export function syncStatusText(summary: SyncSummary | undefined, busy: boolean, now: number): string {
  if (!summary) return 'Reading sync status…';
  if (busy || summary.state === 'syncing') {
    const p = summary.progress;
    const percent = p?.total ? ` ${Math.min(100, Math.round((p.done / p.total) * 100))}%` : '';
    return `Syncing…${percent}${p?.label ? ` (${p.label})` : ''}`;
  }
  const failed = summary.errors.length;
  const failures = failed ? ` · ${failed} feed${failed === 1 ? '' : 's'} failed` : '';
  if (summary.lastSuccessAt !== undefined) {
    const dataAge = summary.dataAsOf !== undefined && summary.dataAsOf < summary.lastSuccessAt - 60_000 ? ` · data from ${formatAge(summary.dataAsOf, now)}` : '';
    return `${articleCountText(summary.articleCount)} stored · last synced ${formatAge(summary.lastSuccessAt, now)}${dataAge}${failures}${summary.offline ? ' · offline' : ''}`;
  }
  if (summary.state === 'error') return `Sync failed${failures}`;
  return summary.offline ? 'Offline · not synced yet' : 'Not synced yet';
}

/** Sync controls and status. */
export function OptionsSync({ summary, busy, onSyncNow, error, now = Date.now() }: OptionsSyncProps) {
  const syncing = busy || summary?.state === 'syncing';
  const progress = summary?.state === 'syncing' ? summary.progress : undefined;
  return (
    <div class="hal-options-sync">
      <div class="hal-options-row">
        <button type="button" class="hal-button" data-testid="sync-now" onClick={onSyncNow} disabled={syncing} aria-disabled={syncing}>
          Sync now
        </button>
        <p class="hal-options-status" role="status" data-testid="options-sync-status">
          {syncStatusText(summary, busy, now)}
        </p>
      </div>
      {summary && staleDataText(summary.dataAsOf, now) ? (
        <p class="hal-stale" data-testid="data-stale">
          {staleDataText(summary.dataAsOf, now)}
        </p>
      ) : null}
      {syncing ? (
        progress?.total ? (
          <progress class="hal-progress hal-options-progress" aria-label="Sync progress" max={progress.total} value={Math.min(progress.done, progress.total)} />
        ) : (
          <progress class="hal-progress hal-options-progress" aria-label="Sync progress" />
        )
      ) : null}
      {error ? (
        <p class="hal-options-error" role="alert">
          Sync failed: {error}
        </p>
      ) : null}
    </div>
  );
}
