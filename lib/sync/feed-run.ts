/**
 * What a sync run is given (`SyncOptions`) and what one feed's reader works with (`FeedRun`): the
 * store, fetch, clock, lock, the feed's state and rejection log. Types and small helpers only;
 * built by run-sync, read by api-feed and bundle-feed.
 */
import type { Store, WriteCounts } from '../store/store';
import type { FeedState, RunCounts } from '../model/feed-state';
import type { FetchLike } from './fetch-resource';
import type { RunLock } from './lock';
import type { RejectionLog } from './rejections';

export interface SyncProgress {
  /** Feeds finished so far in this run. */
  feedsDone: number;
  feedsTotal: number;
  /** Pages or shards finished for the current feed, and the total when known (bundles). */
  stepsDone: number;
  stepsTotal?: number;
  feed?: string;
}

export interface SyncOptions {
  store: Store;
  fetch: FetchLike;
  /** Enabled feed URLs, in order. */
  feeds: readonly string[];
  now?: () => number;
  /** Identifies this worker instance; a lock held by another instance that is older is taken over. */
  owner: string;
  /** Treat a lock held by `lock.owner` as dead (e.g. a previous worker instance). */
  isStaleOwner?: (owner: string) => boolean;
  /** Scheduled runs honour backoff; manual ones ("Sync now") do not. */
  honourBackoff?: boolean;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  random?: () => number;
  /** Per-request time limit (default REQUEST_TIMEOUT_MS); tests pass a short one. */
  requestTimeoutMs?: number;
  /** API pages per feed per run (default MAX_PAGES_PER_RUN). */
  maxPagesPerRun?: number;
}

/** One feed's run: everything its reader needs, in one object instead of a parameter list. */
export interface FeedRun {
  store: Store;
  fetch: FetchLike;
  now: () => number;
  signal?: AbortSignal;
  /** Identifies the run in checkpoints. */
  owner: string;
  lock: RunLock;
  /** Per-request time limit. */
  timeoutMs: number;
  maxPagesPerRun: number;
  /** The feed's state, updated as the run goes and saved with each write. */
  state: FeedState;
  rejections: RejectionLog;
  /** Reports pages or shards done (and the total when known). */
  progress: (done: number, total?: number) => void;
}

/** Adds one write's counts to the run's. */
export function addCounts(total: RunCounts, counts: WriteCounts): void {
  total.added += counts.added;
  total.updated += counts.updated;
  total.unchanged += counts.unchanged;
  total.removed += counts.removed;
}
