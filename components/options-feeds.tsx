/**
 * `OptionsFeeds`: feeds with their sync status, enable/disable/remove, add by URL (through `onAdd`) and the sync interval.
 * Presentational, no browser APIs; imported by OptionsApp.
 */
import { useState } from 'preact/hooks';
import { SYNC_INTERVAL_BOUNDS, type FeedSetting, type Settings } from '../lib/app/settings';
import type { FeedState } from '../lib/model/feed-state';
import { packagedSnapshot, type PackagedSnapshot } from '../lib/app/snapshot';
import { feedLabel, formatAge, formatCount } from './sync-status-line';

/** What adding a feed came to: saved, or a reason shown as an alert. */
export type AddFeedResult = { ok: true; message: string } | { ok: false; message: string };

export interface OptionsFeedsProps {
  settings: Settings;
  /** Per-feed sync state from `status` (enabled feeds only). */
  states: readonly FeedState[];
  /** Must start its browser work (permission request) synchronously: it runs inside the click's user gesture. */
  onAdd: (url: string) => Promise<AddFeedResult>;
  onEnable: (url: string, enabled: boolean) => void;
  onRemove: (url: string) => void;
  onInterval: (hours: number) => void;
  now?: number;
  /** The snapshot packaged in this build (default: the build's own), shown on the snapshot feed's row. */
  snapshot?: PackagedSnapshot;
}

const ORIGIN_TEXT: Record<FeedSetting['origin'], string> = {
  default: 'built in',
  user: 'added by you',
  topic: 'topic feed',
  snapshot: 'built in, no network',
};

/** "Packaged dataset of 5 Dec 2026 · 10,000 articles": the snapshot row's name, with its date. */
export function snapshotLabel(snapshot: PackagedSnapshot | undefined): string {
  if (!snapshot) return 'Packaged dataset';
  const date = new Date(snapshot.generatedAt);
  const day = Number.isNaN(date.getTime())
    ? snapshot.generatedAt
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `Packaged dataset of ${day} · ${formatCount(snapshot.articleCount)} articles`;
}

/** One feed's last run in words: "+3 added · 1 updated · 0 removed · 2 rejected". */
export function feedCountsText(state: FeedState): string {
  const c = state.counts;
  return `${formatCount(c.added)} added · ${formatCount(c.updated)} updated · ${formatCount(c.removed)} removed · ${formatCount(c.rejected)} rejected`;
}

/** The feeds section. */
export function OptionsFeeds({ settings, states, onAdd, onEnable, onRemove, onInterval, now = Date.now(), snapshot = packagedSnapshot() }: OptionsFeedsProps) {
  const [url, setUrl] = useState('');
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<AddFeedResult | undefined>();
  const [interval, setIntervalText] = useState<string | undefined>();
  const stateOf = new Map(states.map((s) => [s.url, s]));

  const submit = (event: Event) => {
    event.preventDefault();
    setPending(true);
    setResult(undefined);
    // Called before any await: the permission request needs the submit's user gesture.
    onAdd(url.trim()).then(
      (outcome) => {
        setResult(outcome);
        if (outcome.ok) setUrl('');
      },
      (error: unknown) => setResult({ ok: false, message: error instanceof Error ? error.message : String(error) }),
    ).finally(() => setPending(false));
  };

  const intervalValue = interval ?? String(settings.syncIntervalHours);
  const intervalValid = /^\d+$/.test(intervalValue) && Number(intervalValue) >= SYNC_INTERVAL_BOUNDS.min && Number(intervalValue) <= SYNC_INTERVAL_BOUNDS.max;

  return (
    <div class="hal-options-feeds">
      <ul class="hal-options-feed-list" data-testid="feed-list">
        {settings.feeds.map((feed) => {
          const state = stateOf.get(feed.url);
          const label = feed.origin === 'snapshot' ? snapshotLabel(snapshot) : feedLabel(feed.url);
          return (
            <li key={feed.url} class="hal-options-feed" data-testid="feed" data-feed-url={feed.url} data-origin={feed.origin}>
              <div class="hal-options-row">
                <label class="hal-options-check">
                  <input type="checkbox" checked={feed.enabled} aria-label={`Sync ${label}`} onChange={(e) => onEnable(feed.url, e.currentTarget.checked)} />
                  <span class="hal-options-feed-url">{label}</span>
                </label>
                <span class="hal-options-origin">{ORIGIN_TEXT[feed.origin]}</span>
                {feed.origin === 'user' || feed.origin === 'topic' ? (
                  <button type="button" class="hal-link-button" aria-label={`Remove ${label}`} onClick={() => onRemove(feed.url)}>
                    Remove
                  </button>
                ) : null}
              </div>
              <FeedStatus enabled={feed.enabled} state={state} now={now} />
            </li>
          );
        })}
      </ul>

      <form class="hal-options-add" onSubmit={submit} noValidate>
        <label class="hal-options-field" for="hal-feed-url">
          Feed URL
        </label>
        <div class="hal-options-row">
          <input
            id="hal-feed-url"
            class="hal-options-input"
            type="url"
            inputMode="url"
            spellcheck={false}
            autoComplete="off"
            placeholder="https://everyday-cc.github.io/ai/api/news/machine-learning/"
            value={url}
            aria-describedby="hal-feed-url-help"
            aria-invalid={result && !result.ok ? true : undefined}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          <button type="submit" class="hal-button" disabled={pending}>
            Add feed
          </button>
        </div>
        <p class="hal-muted" id="hal-feed-url-help">
          A JSON API folder ending in “/” or a snapshot bundle ending in “manifest.json”. It is test-fetched before it is saved.
        </p>
        {/* Always rendered, so screen readers announce what appears in it. */}
        <div aria-live="polite">
          {pending ? <p class="hal-muted">Checking the feed…</p> : null}
          {result?.ok ? (
            <p class="hal-options-ok" data-testid="add-feed-ok">
              {result.message}
            </p>
          ) : null}
        </div>
        {result && !result.ok ? (
          <p class="hal-options-error" role="alert" data-testid="add-feed-error">
            {result.message}
          </p>
        ) : null}
      </form>

      <div class="hal-options-interval">
        <label class="hal-options-field" for="hal-sync-interval">
          Sync every (hours)
        </label>
        <input
          id="hal-sync-interval"
          class="hal-options-input hal-options-number"
          type="number"
          min={SYNC_INTERVAL_BOUNDS.min}
          max={SYNC_INTERVAL_BOUNDS.max}
          step={1}
          value={intervalValue}
          aria-invalid={!intervalValid || undefined}
          aria-describedby="hal-sync-interval-help"
          onInput={(e) => setIntervalText(e.currentTarget.value)}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (/^\d+$/.test(value) && Number(value) >= SYNC_INTERVAL_BOUNDS.min && Number(value) <= SYNC_INTERVAL_BOUNDS.max) {
              onInterval(Number(value));
              setIntervalText(undefined);
            }
          }}
        />
        <p class={intervalValid ? 'hal-muted' : 'hal-options-error'} id="hal-sync-interval-help">
          {intervalValid
            ? `Between ${SYNC_INTERVAL_BOUNDS.min} and ${SYNC_INTERVAL_BOUNDS.max} hours.`
            : `Enter whole hours between ${SYNC_INTERVAL_BOUNDS.min} and ${SYNC_INTERVAL_BOUNDS.max}; not saved.`}
        </p>
      </div>
    </div>
  );
}

/** One feed's last sync: when, counts, top rejection reasons, last error. */
function FeedStatus({ enabled, state, now }: { enabled: boolean; state: FeedState | undefined; now: number }) {
  if (!enabled) return <p class="hal-muted hal-options-feed-status">Disabled: not synced.</p>;
  if (!state) return <p class="hal-muted hal-options-feed-status">Not synced yet.</p>;
  return (
    <div class="hal-options-feed-status" data-testid="feed-status">
      <p class="hal-muted">
        {state.lastSuccessAt !== undefined ? `Last success ${formatAge(state.lastSuccessAt, now)}` : 'No successful sync yet'} · {feedCountsText(state)}
      </p>
      {state.rejections.length ? (
        <p class="hal-muted">
          Rejected: {state.rejections.slice(0, 3).map((r) => `${r.reason} (${formatCount(r.count)})`).join('; ')}
        </p>
      ) : null}
      {state.lastError ? <p class="hal-options-error">Last error: {state.lastError}</p> : null}
    </div>
  );
}
