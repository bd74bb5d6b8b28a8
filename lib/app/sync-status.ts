/**
 * The sync status every surface shows (summary line, per-feed states), read from the store in one
 * set of reads, and the persisted run status it is built from. Pure apart from the injected store;
 * imported by lib/app/lens-service.ts and lib/app/sync-progress.ts.
 */
import type { SyncProgress, SyncSummary } from '../model/panel';
import type { StatusReport } from './messages';
import { feedsToSync, type Settings } from './settings';
import { packagedSnapshot, SNAPSHOT_FEED_URL } from './snapshot';
import type { FeedState } from '../model/feed-state';
import { problemText } from '../model/problem';
import type { Store } from '../store/store';

/** Meta key of the persisted run status. */
export const RUN_STATUS_KEY = 'runStatus';

/** Persisted run status: survives a worker restart, so the UI keeps showing "syncing" until resumed. */
export interface RunStatus {
  state: 'syncing' | 'idle';
  startedAt?: number;
  finishedAt?: number;
  progress?: SyncProgress;
}

/**
 * Per-feed states of the enabled feeds and the summary every surface shows.
 * @param online whether the browser is online; `undefined` when unknown (reported as online).
 */
export async function readStatus(store: Store, settings: Settings, online?: boolean): Promise<StatusReport> {
  const [run, allFeeds, articleCount] = await Promise.all([
    store.getMeta<RunStatus>(RUN_STATUS_KEY),
    store.allFeedStates(),
    store.countArticles(),
  ]);
  const enabled = new Set(feedsToSync(settings));
  const feeds = allFeeds.filter((f) => enabled.has(f.url));
  const lastSuccessAt = Math.max(0, ...feeds.map((f) => f.lastSuccessAt ?? 0)) || undefined;
  const dataAsOf = Math.max(0, ...feeds.map((f) => currentAsOf(f))) || undefined;
  const errors = feeds.filter((f) => f.lastError).map((f) => ({ feed: f.url, problem: f.lastError!, message: problemText(f.lastError) }));
  const state: SyncSummary['state'] =
    run?.state === 'syncing' ? 'syncing' : errors.length && !lastSuccessAt ? 'error' : lastSuccessAt ? 'idle' : errors.length ? 'error' : 'never';
  const summary: SyncSummary = {
    state,
    articleCount,
    ...(lastSuccessAt ? { lastSuccessAt } : {}),
    ...(dataAsOf ? { dataAsOf } : {}),
    ...(run?.state === 'syncing' && run.progress ? { progress: run.progress } : {}),
    errors,
    offline: online === undefined ? false : !online,
  };
  return { summary, feeds };
}

/** When a feed's data was current: its last successful read; the packaged snapshot's build date for the snapshot. */
function currentAsOf(feed: FeedState, snapshot = packagedSnapshot()): number {
  if (!feed.lastSuccessAt) return 0;
  if (feed.url !== SNAPSHOT_FEED_URL || !snapshot) return feed.lastSuccessAt;
  const built = Date.parse(snapshot.generatedAt);
  return Number.isFinite(built) ? Math.min(built, feed.lastSuccessAt) : feed.lastSuccessAt;
}
