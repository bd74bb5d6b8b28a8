/**
 * What a sync run is given (`SyncOptions`) and what one feed's reader works with (`FeedRun`): the
 * store, fetch, clock, lock, the feed's state and rejection log. Types and small helpers only;
 * built by run-sync, read by api-feed and bundle-feed.
 */
import type { Store, WriteCounts, WriteGuard } from '../store/store';
import type { FeedState, RunCounts } from '../model/feed-state';
import { fetchResource, FeedError, type Fetched, type FetchLike } from './fetch-resource';
import type { RunLock } from './lock';
import type { RejectionLog } from './rejections';

export interface SyncProgress {
  /** Feeds finished so far in this run. */
  feedsDone: number;
  feedsTotal: number;
  /** Pages or shards finished for the current feed, and the total when known (bundles). */
  stepsDone: number;
  stepsTotal?: number;
  /** Articles read for the current feed, and the total when the source says (a bundle's manifest). */
  articlesDone?: number;
  articlesTotal?: number;
  feed?: string;
}

/** What one feed may cost; going over is an error for that feed only. */
export interface SyncLimits {
  /** Distinct articles stored per feed (the whole dataset is ~100k; a feed many times that is broken or hostile). */
  maxArticlesPerFeed: number;
  /** Shards one manifest may list (one per month: a century of months). */
  maxShardsPerManifest: number;
  /** Bytes downloaded per feed per run; an API feed continues from its checkpoint next run. */
  maxBytesPerRun: number;
}

export const DEFAULT_LIMITS: SyncLimits = {
  maxArticlesPerFeed: 250_000,
  maxShardsPerManifest: 1_200,
  maxBytesPerRun: 512 * 1024 * 1024,
};

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
  /** Per-feed limits (DEFAULT_LIMITS for what is not given); tests pass small ones. */
  limits?: Partial<SyncLimits>;
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
  /** Passed with every write: the store refuses it once the lock is no longer this run's. */
  guard: WriteGuard;
  limits: SyncLimits;
  /** Bytes downloaded for this feed so far in this run. */
  bytes: number;
  /** Per-request time limit. */
  timeoutMs: number;
  maxPagesPerRun: number;
  /** The feed's state, updated as the run goes and saved with each write. */
  state: FeedState;
  rejections: RejectionLog;
  /** Reports pages or shards done (and the total when known), and articles read where the source knows them. */
  progress: (done: number, total?: number, articles?: ArticleProgress) => void;
}

/** Articles read so far for one feed, and how many it has when the source says. */
export interface ArticleProgress {
  done: number;
  total?: number;
}

/** Adds one write's counts to the run's. */
export function addCounts(total: RunCounts, counts: WriteCounts): void {
  total.added += counts.added;
  total.updated += counts.updated;
  total.unchanged += counts.unchanged;
  total.removed += counts.removed;
}

/**
 * Fetches one resource of the run's feed and counts its bytes against `maxBytesPerRun`.
 * @throws FeedError as fetchResource does, or when the run went over its byte limit
 */
export async function fetchForRun(run: FeedRun, url: string, validators: { etag?: string; lastModified?: string } = {}): Promise<Fetched> {
  const fetched = await fetchResource(run.fetch, url, validators, run.signal, run.timeoutMs);
  if (fetched.status === 'ok') run.bytes += fetched.bytes.byteLength;
  if (overByteLimit(run)) {
    throw new FeedError({ code: 'byte-limit', limitBytes: run.limits.maxBytesPerRun }, url);
  }
  return fetched;
}

/** True once the run downloaded more than it may. */
export function overByteLimit(run: FeedRun): boolean {
  return run.bytes > run.limits.maxBytesPerRun;
}
