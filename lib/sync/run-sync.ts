/**
 * One sync run over every configured feed: takes the lock, reads each feed (lib/sync/api-feed.ts,
 * lib/sync/bundle-feed.ts) with a checkpoint after every page or shard so a killed worker resumes
 * where it stopped, and records each feed's outcome and backoff. Takes `fetch`, the store and the
 * clock as arguments; no other browser API. Imported by lib/app/lens-service.ts.
 */
import { emptyCounts, feedKindOf, newFeedState, type FeedState } from '../model/feed-state';
import type { Problem } from '../model/problem';
import { isFeedError, REQUEST_TIMEOUT_MS } from './fetch-resource';
import { DEFAULT_LIMITS, type ArticleProgress, type FeedRun, type SyncOptions } from './feed-run';
import { isGuardFailedError } from '../store/store';
import { isLockLostError, RunLock } from './lock';
import { RejectionLog } from './rejections';
import { MAX_PAGES_PER_RUN, syncApiFeed } from './api-feed';
import { syncBundleFeed } from './bundle-feed';

export type { SyncLimits, SyncOptions, SyncProgress } from './feed-run';
export { LOCK_TTL_MS } from './lock';
export { MAX_PAGES_PER_RUN } from './api-feed';

/** Backoff after failures: base, cap (a failing feed is retried at most every 12 h). */
export const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_MAX_MS = 12 * 60 * 60_000;
/**
 * Failed runs in a row that still resume an API feed from its checkpoint. Past that the page there
 * looks broken for good, and runs start from page 1 again so new items keep arriving meanwhile.
 */
const RESUMES_AFTER_FAILURE = 3;

export interface SyncResult {
  /** `locked`: another run held the lock, or took it over midway (this run then stopped writing). */
  status: 'done' | 'locked';
  feeds: FeedState[];
  /** True when any stored article was added, changed or removed. */
  changed: boolean;
}

/**
 * Runs one sync over `feeds`. Never throws for a feed failure, nor for a storage failure: each
 * feed's outcome lands in its state (`lastError`), and stored articles of a failing feed stay as
 * they were (every write is one transaction that commits whole or not at all).
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const lock = new RunLock(options.store, options.owner, options.isStaleOwner);
  let locked: boolean;
  try {
    locked = await lock.acquire(now());
  } catch {
    // Storage unusable (quota, corruption): nothing can be stored this run, so nothing is fetched.
    return { status: 'done', feeds: [], changed: false };
  }
  if (!locked) return { status: 'locked', feeds: [], changed: false };
  const states: FeedState[] = [];
  let changed = false;
  let lost = false;
  try {
    for (const [index, feed] of options.feeds.entries()) {
      if (options.signal?.aborted) break;
      const progress = (stepsDone: number, stepsTotal?: number, articles?: ArticleProgress) =>
        options.onProgress?.({
          feedsDone: index,
          feedsTotal: options.feeds.length,
          stepsDone,
          stepsTotal,
          ...(articles ? { articlesDone: articles.done, articlesTotal: articles.total } : {}),
          feed,
        });
      progress(0);
      const state = await syncFeed(options, lock, feed, progress);
      if (!state) {
        // Another run owns the feeds now: it redoes what this one did not save. Pages this run
        // stored before it noticed may have changed articles, so callers refresh their caches.
        lost = true;
        changed = true;
        break;
      }
      changed ||= state.counts.added + state.counts.updated + state.counts.removed > 0;
      states.push(state);
      // The URL index is rebuilt once per feed rather than per page or shard (lib/store/compaction.ts).
      await options.store.compactIndex().catch(() => {});
      try {
        await lock.refresh(now());
      } catch (error) {
        if (isLockLostError(error)) {
          lost = true;
          break;
        }
      }
    }
    if (!lost) options.onProgress?.({ feedsDone: options.feeds.length, feedsTotal: options.feeds.length, stepsDone: 0 });
  } finally {
    // Only this run's lock is freed; one that cannot be released expires on its own (LOCK_TTL_MS).
    await lock.release().catch(() => {});
  }
  return { status: lost ? 'locked' : 'done', feeds: states, changed };
}

/**
 * Syncs one feed and saves its outcome.
 * @returns the feed's state, or `undefined` when the run lost its lock (nothing more was written)
 */
async function syncFeed(
  options: SyncOptions,
  lock: RunLock,
  url: string,
  progress: (done: number, total?: number, articles?: ArticleProgress) => void,
): Promise<FeedState | undefined> {
  const now = options.now ?? Date.now;
  const kind = feedKindOf(url);
  let previous: FeedState | undefined;
  try {
    previous = await options.store.getFeedState(url);
  } catch (error) {
    const state = newFeedState(url, kind.ok ? kind.kind : 'api');
    state.lastError = problemOf(error);
    return state;
  }
  const state: FeedState = structuredClone(previous ?? newFeedState(url, kind.ok ? kind.kind : 'api'));
  if (!kind.ok) {
    state.lastError = kind.problem;
    await options.store.putFeedState(state, lock.guard).catch(() => {});
    return state;
  }
  if (options.honourBackoff && state.nextRetryAt && state.nextRetryAt > now()) return state;
  state.lastAttemptAt = now();
  const resuming = state.checkpoint !== undefined;
  if (!resuming) {
    state.counts = emptyCounts();
    state.rejections = [];
  }
  const run: FeedRun = {
    store: options.store,
    fetch: options.fetch,
    now,
    signal: options.signal,
    owner: options.owner,
    lock,
    guard: lock.guard,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    bytes: 0,
    timeoutMs: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    maxPagesPerRun: options.maxPagesPerRun ?? MAX_PAGES_PER_RUN,
    state,
    rejections: new RejectionLog(state.rejections),
    progress,
  };
  try {
    if (kind.kind === 'api') await syncApiFeed(run);
    else await syncBundleFeed(run);
    state.lastSuccessAt = now();
    state.lastError = undefined;
    state.consecutiveFailures = 0;
    state.nextRetryAt = undefined;
    // An API feed that hit the page cap keeps its checkpoint: the next run continues from there.
    if (state.checkpoint?.nextPage === undefined) state.checkpoint = undefined;
  } catch (error) {
    if (isLockLostError(error) || isGuardFailedError(error)) return undefined;
    if (options.signal?.aborted) {
      // Cancelled (worker shutting down): not the feed's fault, and the checkpoint stays for resume.
      state.rejections = run.rejections.top();
      await options.store.putFeedState(state, lock.guard).catch(() => {});
      return state;
    }
    state.lastError = problemOf(error);
    state.consecutiveFailures += 1;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (state.consecutiveFailures - 1));
    state.nextRetryAt = now() + Math.round(delay * (0.5 + (options.random ?? Math.random)()));
    // An API feed keeps its checkpoint (the last page stored with it): the next run continues
    // there, so an interrupted import finishes. A bundle resumes by shard hashes instead.
    if (kind.kind === 'bundle' || state.consecutiveFailures > RESUMES_AFTER_FAILURE) state.checkpoint = undefined;
  }
  state.rejections = run.rejections.top();
  try {
    await options.store.putFeedState(state, lock.guard);
  } catch (error) {
    if (isGuardFailedError(error)) return undefined;
    // The outcome cannot be saved (storage full): it is still returned for this run's status. The storage problem
    // is the one to report: it is why nothing of this run was kept, whatever else went wrong.
    state.lastError = problemOf(error);
  }
  return state;
}

/** The problem a run's failure stores: a feed's own, storage full, or anything else as `internal`. */
function problemOf(error: unknown): Problem {
  if (isFeedError(error)) return error.problem;
  // By name, not class: IndexedDB errors are DOMExceptions of whichever realm raised them.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'QuotaExceededError') return { code: 'storage-full' };
  if (error instanceof Error || name) {
    const message = (error as { message?: unknown }).message;
    return { code: 'internal', name: (name || 'Error').slice(0, 500), detail: String(message ?? '').slice(0, 500) };
  }
  return { code: 'internal', detail: String(error).slice(0, 500) };
}
