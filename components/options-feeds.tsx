/**
 * `OptionsFeeds`: the sources articles come from, by name (the address under "Technical details"), with when each was
 * last checked and what it brought in plain words; enable/disable/remove, and add by URL (through `onAdd`).
 * Presentational, no browser APIs; imported by OptionsApp.
 */
import { useState } from 'preact/hooks';
import type { FeedSetting, Settings } from '../lib/app/settings';
import { nextTryAt } from '../lib/app/feed-problem';
import { packagedSnapshot, type PackagedSnapshot } from '../lib/app/snapshot';
import { formatDate, formatNumber, formatRelativeTime, t, tn, type MessageKey } from '../lib/i18n/messages';
import type { FeedState } from '../lib/model/feed-state';
import { TOPICS, type Topic } from '../lib/model/topics';
import { FeedProblemNote } from './options-feed-problem';
import { storedProblemMessage } from './problem-text';

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
  now?: number;
  /** The snapshot packaged in this build (default: the build's own), named on the snapshot feed's row. */
  snapshot?: PackagedSnapshot;
  /** Topics and their feeds, to name a topic's feed by its topic. */
  topics?: readonly Topic[];
}

const ORIGIN: Readonly<Record<FeedSetting['origin'], MessageKey>> = {
  default: 'feeds.origin.default',
  user: 'feeds.origin.user',
  topic: 'feeds.origin.topic',
  snapshot: 'feeds.origin.snapshot',
};

/** An address shown as the field's example: the same in every language. */
const EXAMPLE_FEED_URL = 'https://everyday-cc.github.io/ai/api/news/machine-learning/';

/** The hosted A.I. Every Day dataset; its feeds are named by topic. */
const EVERYDAY_HOST = 'everyday-cc.github.io';

/** A feed URL shortened for display (host + path), or the raw string when it is not a URL. */
export function feedAddress(feed: string): string {
  try {
    const url = new URL(feed);
    return `${url.host}${url.pathname}`.replace(/\/$/, '');
  } catch {
    return feed;
  }
}

/**
 * A feed's name for readers: the packaged articles with their date, an A.I. Every Day feed by its topic, anything
 * else by its shortened address.
 * @param feed the feed's setting.
 * @param topics topics and their feeds.
 * @param snapshot this build's packaged snapshot.
 */
export function feedName(feed: Pick<FeedSetting, 'url' | 'origin'>, topics: readonly Topic[] = TOPICS, snapshot?: PackagedSnapshot): string {
  if (feed.origin === 'snapshot') {
    const date = snapshot ? new Date(snapshot.generatedAt) : undefined;
    return date && !Number.isNaN(date.getTime()) ? t('feeds.snapshotDated', formatDate(date, { dateStyle: 'medium', timeZone: 'UTC' }), tn('counts.articles', snapshot!.articleCount)) : t('feeds.snapshot');
  }
  // By address, not scheme: the same folder over http (a local mirror) is the same topic's feed.
  const address = feedAddress(feed.url);
  const sameFeed = (candidate: Topic) => candidate.feed !== undefined && feedAddress(candidate.feed) === address;
  const topic = topics.find(sameFeed) ?? TOPICS.find(sameFeed);
  if (topic && feedHost(feed.url) === EVERYDAY_HOST) return topic.id === 'ai' ? t('feeds.everydayAll') : t('feeds.everyday', topic.name);
  if (topic) return t('feeds.everyday', topic.name);
  return feedAddress(feed.url);
}

function feedHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** One feed's last check in plain words: "Checked 2 hours ago · 165 new articles". */
export function feedCheckedText(state: FeedState, now: number): string {
  const added = state.counts.added;
  const what = [added > 0 ? tn('feeds.newArticles', added) : t('feeds.noNewArticles')];
  if (state.counts.updated > 0) what.push(tn('feeds.changedArticles', state.counts.updated));
  return state.lastSuccessAt !== undefined ? t('feeds.checked', formatRelativeTime(state.lastSuccessAt, now), what.join(' · ')) : t('feeds.neverChecked');
}

/** The sources section. */
export function OptionsFeeds({ settings, states, onAdd, onEnable, onRemove, now = Date.now(), snapshot = packagedSnapshot(), topics = TOPICS }: OptionsFeedsProps) {
  const [url, setUrl] = useState('');
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<AddFeedResult | undefined>();
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

  return (
    <div class="hal-options-feeds">
      <p class="hal-muted">{t('feeds.help')}</p>
      <ul class="hal-options-feed-list" data-testid="feed-list">
        {settings.feeds.map((feed) => {
          const state = stateOf.get(feed.url);
          const name = feedName(feed, topics, snapshot);
          return (
            <li key={feed.url} class="hal-options-feed" data-testid="feed" data-feed-url={feed.url} data-origin={feed.origin}>
              <div class="hal-options-feed-head">
                <label class="hal-options-check">
                  <input type="checkbox" checked={feed.enabled} aria-label={t('feeds.syncToggle', name)} onChange={(e) => onEnable(feed.url, e.currentTarget.checked)} />
                  <span class="hal-options-feed-name">{name}</span>
                </label>
                <span class="hal-options-origin">{t(ORIGIN[feed.origin])}</span>
                {feed.origin === 'user' || feed.origin === 'topic' ? (
                  <button type="button" class="hal-link-button" aria-label={t('feeds.removeFeed', name)} onClick={() => onRemove(feed.url)}>
                    {t('feeds.remove')}
                  </button>
                ) : null}
              </div>
              <FeedStatus feed={feed} name={name} state={state} now={now} intervalHours={settings.syncIntervalHours} />
            </li>
          );
        })}
      </ul>

      <form class="hal-options-add" onSubmit={submit} noValidate>
        <label class="hal-options-field" for="hal-feed-url">
          {t('feeds.urlLabel')}
        </label>
        <div class="hal-options-row">
          <input
            id="hal-feed-url"
            class="hal-options-input"
            type="url"
            inputMode="url"
            spellcheck={false}
            autoComplete="off"
            placeholder={EXAMPLE_FEED_URL}
            value={url}
            aria-invalid={result && !result.ok ? true : undefined}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
          <button type="submit" class="hal-button" disabled={pending}>
            {t('feeds.add')}
          </button>
        </div>
        {/* Always rendered, so screen readers announce what appears in it. */}
        <div aria-live="polite">
          {pending ? <p class="hal-muted">{t('feeds.checking')}</p> : null}
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
    </div>
  );
}

/** One feed's last check in plain words; a failure says what and when it is retried; the engine's counts are details. */
function FeedStatus({ feed, name, state, now, intervalHours }: { feed: FeedSetting; name: string; state: FeedState | undefined; now: number; intervalHours: number }) {
  if (!feed.enabled) return <p class="hal-muted hal-options-feed-status">{t('feeds.paused')}</p>;
  if (!state) return <p class="hal-muted hal-options-feed-status">{t('feeds.notYet')}</p>;
  const c = state.counts;
  return (
    <div class="hal-options-feed-status" data-testid="feed-status">
      <p class="hal-muted">{feedCheckedText(state, now)}</p>
      {state.lastError ? <FeedProblemNote feed={feed.url} site={feed.origin === 'snapshot' ? name : undefined} problem={state.lastError} retryAt={nextTryAt(state, intervalHours, now)} now={now} /> : null}
      <details class="hal-options-details">
        <summary>{t('feeds.details')}</summary>
        <p class="hal-options-tech">{t('feeds.address', feed.url)}</p>
        <p class="hal-options-tech">{t('feeds.counts', c.added, c.updated, c.removed, c.rejected)}</p>
        {state.lastError ? (
          <p class="hal-options-tech" data-testid="feed-last-error">
            {t('feeds.lastError', storedProblemMessage(state.lastError))}
          </p>
        ) : null}
        {state.rejections.length ? (
          <p class="hal-options-tech">
            {t('feeds.rejected', state.rejections.slice(0, 3).map((r) => t('feeds.rejectedReason', storedProblemMessage(r.reason), formatNumber(r.count))).join('; '))}
          </p>
        ) : null}
      </details>
    </div>
  );
}
