/**
 * One sync run over every configured feed: fetch → validate per record → merge → store, with a
 * checkpoint after every page or shard so a killed worker resumes where it stopped.
 * Takes `fetch`, the store and the clock as arguments; no other browser API.
 */
import type { Article } from '../model/article';
import { parseApiPage } from '../ingest/api-schema';
import { parseBundleManifest, parseBundleArticle, parseBundleShard } from '../ingest/bundle-codec';
import type { BundleManifest } from '../ingest/bundle-schema';
import { normalizeApiItem } from '../ingest/normalize';
import type { Store } from '../store/store';
import { emptyCounts, feedKindOf, newFeedState, type FeedState, type RunCounts } from '../model/feed-state';
import { fetchResource, FeedError, isFeedError, parseJsonBody, sha256Hex, REQUEST_TIMEOUT_MS, type FetchLike } from './fetch-resource';

/** Bundle shards downloaded and validated ahead of the one being written (more showed no gain in the worker profile). */
const SHARDS_AHEAD = 1;
/** A run reads at most this many API pages per feed; the rest waits for the next run. */
export const MAX_PAGES_PER_RUN = 50;
/** How long a sync lock stays valid without a checkpoint refreshing it. */
export const LOCK_TTL_MS = 90_000;
/** Backoff after failures: base, cap (a failing feed is retried at most every 12 h). */
export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_MAX_MS = 12 * 60 * 60_000;
/** Rejection reasons kept per feed for the status view. */
const MAX_REASONS = 8;
/** Noted (not dropped) when one page or shard holds the same article twice with different content. */
const DUPLICATE_REASON = 'same article twice in one page or shard (copies merged)';

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

export interface SyncResult {
  status: 'done' | 'locked';
  feeds: FeedState[];
  /** True when any stored article was added, changed or removed. */
  changed: boolean;
}

interface SyncLock {
  owner: string;
  expiresAt: number;
}

/**
 * Runs one sync over `feeds`. Never throws for a feed failure, nor for a storage failure: each
 * feed's outcome lands in its state (`lastError`), and stored articles of a failing feed stay as
 * they were (every write is one transaction that commits whole or not at all).
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  let locked: boolean;
  try {
    locked = await acquireLock(options, now());
  } catch {
    // Storage unusable (quota, corruption): nothing can be stored this run, so nothing is fetched.
    return { status: 'done', feeds: [], changed: false };
  }
  if (!locked) return { status: 'locked', feeds: [], changed: false };
  const states: FeedState[] = [];
  let changed = false;
  try {
    for (const [index, feed] of options.feeds.entries()) {
      if (options.signal?.aborted) break;
      const progress = (stepsDone: number, stepsTotal?: number) =>
        options.onProgress?.({ feedsDone: index, feedsTotal: options.feeds.length, stepsDone, stepsTotal, feed });
      progress(0);
      const state = await syncFeed(options, feed, now, progress);
      changed ||= state.counts.added + state.counts.updated + state.counts.removed > 0;
      states.push(state);
      // The URL index is rebuilt once per feed rather than per page or shard (lib/store/store.ts).
      await options.store.compactIndex().catch(() => {});
      await refreshLock(options, now()).catch(() => {});
    }
    options.onProgress?.({ feedsDone: options.feeds.length, feedsTotal: options.feeds.length, stepsDone: 0 });
  } finally {
    // A lock that cannot be released expires on its own (LOCK_TTL_MS).
    await releaseLock(options).catch(() => {});
  }
  return { status: 'done', feeds: states, changed };
}

async function syncFeed(
  options: SyncOptions,
  url: string,
  now: () => number,
  progress: (done: number, total?: number) => void,
): Promise<FeedState> {
  const kind = feedKindOf(url);
  let previous: FeedState | undefined;
  try {
    previous = await options.store.getFeedState(url);
  } catch (error) {
    const state = newFeedState(url, kind.ok ? kind.kind : 'api');
    state.lastError = describeError(error);
    return state;
  }
  const state: FeedState = structuredClone(previous ?? newFeedState(url, kind.ok ? kind.kind : 'api'));
  if (!kind.ok) {
    state.lastError = kind.reason;
    await options.store.putFeedState(state).catch(() => {});
    return state;
  }
  if (options.honourBackoff && state.nextRetryAt && state.nextRetryAt > now()) return state;
  state.lastAttemptAt = now();
  const resuming = state.checkpoint !== undefined;
  if (!resuming) {
    state.counts = emptyCounts();
    state.rejections = [];
  }
  const rejections = new RejectionLog(state.rejections);
  try {
    if (kind.kind === 'api') await syncApiFeed(options, state, rejections, now, progress);
    else await syncBundleFeed(options, state, rejections, now, progress);
    state.lastSuccessAt = now();
    state.lastError = undefined;
    state.consecutiveFailures = 0;
    state.nextRetryAt = undefined;
    // An API feed that hit the page cap keeps its checkpoint: the next run continues from there.
    if (state.checkpoint?.nextPage === undefined) state.checkpoint = undefined;
  } catch (error) {
    if (options.signal?.aborted) {
      // Cancelled (worker shutting down): not the feed's fault, and the checkpoint stays for resume.
      state.rejections = rejections.top();
      await options.store.putFeedState(state).catch(() => {});
      return state;
    }
    state.lastError = describeError(error);
    state.consecutiveFailures += 1;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (state.consecutiveFailures - 1));
    state.nextRetryAt = now() + Math.round(delay * (0.5 + (options.random ?? Math.random)()));
    // The checkpoint of a failed run is dropped: the next run starts clean, stored data untouched.
    state.checkpoint = undefined;
  }
  state.rejections = rejections.top();
  try {
    await options.store.putFeedState(state);
  } catch (error) {
    // The outcome cannot be saved (storage full): it is still returned for this run's status.
    state.lastError = `${state.lastError ? `${state.lastError}; ` : ''}${describeError(error)}`;
  }
  return state;
}

async function syncApiFeed(
  options: SyncOptions,
  state: FeedState,
  rejections: RejectionLog,
  now: () => number,
  progress: (done: number, total?: number) => void,
): Promise<void> {
  const base = state.url;
  const checkpoint = state.checkpoint ?? { runId: `${options.owner}:${now()}`, pagesDone: 0 };
  let page: number | undefined = checkpoint.nextPage ?? 1;
  const seen = new Set<number>();
  let pagesThisRun = 0;
  const maxPages = options.maxPagesPerRun ?? MAX_PAGES_PER_RUN;
  for (;;) {
    if (page === undefined || options.signal?.aborted) break;
    if (pagesThisRun >= maxPages) {
      // Page cap: remember where to continue; the checkpoint survives the successful finish.
      state.checkpoint = { ...checkpoint, nextPage: page };
      return;
    }
    if (seen.has(page)) throw new FeedError(`page ${page} links back to an earlier page`, base);
    seen.add(page);
    const pageUrl = page === 1 ? `${base}index.json` : `${base}page/${page}/index.json`;
    let fetched: Awaited<ReturnType<typeof fetchResource>>;
    try {
      fetched = await fetchResource(options.fetch, pageUrl, state.validators[pageUrl], options.signal, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    } catch (error) {
      // A later page that is gone (the API's window moved, or `nextPage` is stale) ends the chain
      // like `nextPage: null`: the pages read so far stand and the feed still succeeds; the gap
      // is reported with the rejections.
      if (page > 1 && isFeedError(error) && /^HTTP (404|410)\b/.test(error.message)) {
        rejections.add(`page ${page} missing (${error.message}): paging stopped there`, pageUrl);
        state.counts.rejected = rejections.total;
        state.checkpoint = { ...checkpoint, nextPage: undefined, pagesDone: checkpoint.pagesDone };
        break;
      }
      throw error;
    }
    pagesThisRun++;
    if (fetched.status === 'not-modified') break; // nothing new on this page: later pages are older still
    state.counts.downloaded++;
    const parsed = parseApiPage(tolerateEnvelope(parseJsonBody(fetched.text, pageUrl, fetched.contentType), page, rejections));
    if (!parsed.ok) throw new FeedError(`page ${page}: ${parsed.reason}`, pageUrl);
    const articles: Article[] = [];
    const ids = new Set<string>();
    for (const [position, item] of parsed.items.entries()) {
      const result = normalizeApiItem(item, base, now());
      if (!result.ok) {
        rejections.add(result.reason, `page ${page} item ${position + 1}`);
        continue;
      }
      // Kept (the store merges copies, later fields win) but reported: the feed contradicts itself.
      if (ids.has(result.article.id)) rejections.add(DUPLICATE_REASON, `page ${page} item ${position + 1}`);
      ids.add(result.article.id);
      articles.push(result.article);
    }
    state.counts.rejected = rejections.total;
    const nextPage = parsed.nextPage ?? undefined;
    state.validators[pageUrl] = { etag: fetched.etag, lastModified: fetched.lastModified };
    state.checkpoint = { ...checkpoint, nextPage, pagesDone: checkpoint.pagesDone + 1 };
    checkpoint.pagesDone++;
    state.rejections = rejections.top();
    const counts = await options.store.mergeArticles(base, articles, state, now());
    addCounts(state.counts, counts);
    progress(checkpoint.pagesDone);
    await refreshLock(options, now());
    // Stop once a page brings nothing new: the rest was read by an earlier run.
    if (counts.added === 0 && counts.updated === 0 && articles.length > 0) break;
    page = nextPage;
  }
  state.checkpoint = undefined;
}

/**
 * The page envelope's `page` and `nextPage` only steer paging: a missing or malformed one is noted
 * as a rejection and replaced (the requested number; "no next page"), so the page's good items
 * are still stored. `value` stays strict (see parseApiPage).
 */
function tolerateEnvelope(json: unknown, requested: number, rejections: RejectionLog): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const envelope = { ...(json as Record<string, unknown>) };
  const isPageNumber = (value: unknown, min: number) => typeof value === 'number' && Number.isInteger(value) && value >= min;
  if (!isPageNumber(envelope.page, 0)) {
    rejections.add('page number missing or invalid', `page ${requested}`);
    envelope.page = requested;
  }
  if (envelope.nextPage !== undefined && envelope.nextPage !== null && !isPageNumber(envelope.nextPage, 1)) {
    rejections.add('nextPage is not a page number: paging stopped', `page ${requested}`);
    envelope.nextPage = null;
  }
  return envelope;
}

async function syncBundleFeed(
  options: SyncOptions,
  state: FeedState,
  rejections: RejectionLog,
  now: () => number,
  progress: (done: number, total?: number) => void,
): Promise<void> {
  const manifestUrl = state.url;
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const fetched = await fetchResource(options.fetch, manifestUrl, state.validators[manifestUrl], options.signal, timeoutMs);
  if (fetched.status === 'not-modified') return;
  state.counts.downloaded++;
  const parsed = parseBundleManifest(parseJsonBody(fetched.text, manifestUrl, fetched.contentType));
  if (!parsed.ok) throw new FeedError(`manifest: ${parsed.reason}`, manifestUrl);
  const manifest: BundleManifest = parsed.manifest;
  state.checkpoint ??= { runId: `${options.owner}:${now()}`, pagesDone: 0 };
  const stored = new Map<string, string | undefined>();
  for (const info of await options.store.chunkInfos(manifestUrl)) stored.set(info.month, info.hash);
  let done = 0;
  // One bad shard does not stop the others: its month keeps what is stored, the rest is updated,
  // and the feed reports the failure (so the manifest is read again next time).
  const failures: string[] = [];
  // Content-hashed shards: an unchanged hash means unchanged content, so it is skipped. This is
  // also what makes a resumed run cheap: months stored before the worker died are skipped.
  const todo = manifest.shards.filter((shard) => !(stored.has(shard.month) && stored.get(shard.month) === shard.sha256));
  done = manifest.shards.length - todo.length;
  if (done) progress(done, manifest.shards.length);
  // The next shards download and validate while the current one is written: network and
  // IndexedDB overlap. Results are applied in manifest order, so checkpoints stay in order.
  const start = (shard: BundleManifest['shards'][number]) =>
    fetchShard(options, manifestUrl, shard, now, timeoutMs).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  const ahead = todo.slice(0, SHARDS_AHEAD).map(start);
  for (const [position, shard] of todo.entries()) {
    if (options.signal?.aborted) throw new FeedError('cancelled', manifestUrl);
    const current = await ahead.shift()!;
    const upcoming = todo[position + SHARDS_AHEAD];
    if (upcoming) ahead.push(start(upcoming));
    try {
      if (!current.ok) throw current.error;
      const articles = current.value;
      state.counts.downloaded++;
      for (const [reason, where] of articles.reasons) rejections.add(reason, where);
      state.counts.rejected = rejections.total;
      state.checkpoint = { ...state.checkpoint, pagesDone: done + 1 };
      state.rejections = rejections.top();
      const counts = await options.store.replaceMonth(manifestUrl, shard.month, articles.kept, shard.sha256, state, now(), {
        keepMissing: articles.rejected > 0,
      });
      addCounts(state.counts, counts);
    } catch (error) {
      if (!isFeedError(error) || error.message === 'cancelled') throw error; // storage failures end the run
      failures.push(error.message);
    }
    progress(++done, manifest.shards.length);
    await refreshLock(options, now());
  }
  if (failures.length) {
    throw new FeedError(`${failures.length} of ${manifest.shards.length} shards failed: ${failures.slice(0, 3).join('; ')}`, manifestUrl);
  }
  // Months the bundle no longer lists are gone from the source: drop them. Validators are saved only
  // now, so a manifest whose run did not finish is fetched again.
  state.validators[manifestUrl] = { etag: fetched.etag, lastModified: fetched.lastModified };
  state.counts.removed += await options.store.dropMonths(manifestUrl, new Set(manifest.shards.map((s) => s.month)), state);
}

/** Downloads, verifies and parses one shard; bad articles are logged as rejections, not thrown. */
async function fetchShard(
  options: SyncOptions,
  manifestUrl: string,
  shard: BundleManifest['shards'][number],
  now: () => number,
  timeoutMs: number,
): Promise<{ kept: Article[]; rejected: number; reasons: [reason: string, where: string][] }> {
  const shardUrl = new URL(shard.file, manifestUrl).href;
  if (new URL(shardUrl).origin !== new URL(manifestUrl).origin) {
    throw new FeedError(`shard ${shard.file} points to another site`, manifestUrl);
  }
  const body = await fetchResource(options.fetch, shardUrl, {}, options.signal, timeoutMs);
  if (body.status !== 'ok') throw new FeedError(`shard ${shard.file}: unexpected 304`, shardUrl);
  const hash = await sha256Hex(body.bytes);
  if (hash !== shard.sha256) throw new FeedError(`shard ${shard.file}: content does not match its hash`, shardUrl);
  const parsedShard = parseBundleShard(parseJsonBody(body.text, shardUrl, body.contentType), shard.month);
  if (!parsedShard.ok) throw new FeedError(`shard ${shard.file}: ${parsedShard.reason}`, shardUrl);
  const kept: Article[] = [];
  const ids = new Set<string>();
  const reasons: [string, string][] = [];
  let rejected = 0;
  for (const [position, raw] of parsedShard.articles.entries()) {
    const result = parseBundleArticle(raw, manifestUrl, now());
    if (!result.ok) {
      rejected++;
      reasons.push([result.reason, `${shard.month} item ${position + 1}`]);
      continue;
    }
    if (ids.has(result.article.id)) reasons.push([DUPLICATE_REASON, `${shard.month} item ${position + 1}`]);
    ids.add(result.article.id);
    kept.push(result.article);
  }
  return { kept, rejected, reasons };
}

function addCounts(total: RunCounts, counts: { added: number; updated: number; unchanged: number; removed: number }): void {
  total.added += counts.added;
  total.updated += counts.updated;
  total.unchanged += counts.unchanged;
  total.removed += counts.removed;
}

function describeError(error: unknown): string {
  if (isFeedError(error)) return error.message;
  // By name, not class: IndexedDB errors are DOMExceptions of whichever realm raised them.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'QuotaExceededError') return 'storage is full: stored articles were kept; free disk space or remove a feed';
  if (error instanceof Error || name) {
    const message = (error as { message?: unknown }).message;
    return `storage or internal error (${name || 'Error'}: ${String(message ?? '')}): stored articles were kept`;
  }
  return String(error);
}

/** Counts rejected records by reason, keeping one example location each. */
class RejectionLog {
  private readonly reasons = new Map<string, { count: number; example?: string }>();
  total = 0;

  constructor(previous: FeedState['rejections']) {
    for (const r of previous) {
      this.reasons.set(r.reason, { count: r.count, example: r.example });
      this.total += r.count;
    }
  }

  add(reason: string, where: string): void {
    const entry = this.reasons.get(reason) ?? { count: 0, example: where };
    entry.count++;
    this.reasons.set(reason, entry);
    this.total++;
  }

  top(): FeedState['rejections'] {
    return [...this.reasons]
      .map(([reason, { count, example }]) => ({ reason, count, example }))
      .sort((a, b) => b.count - a.count)
      .slice(0, MAX_REASONS);
  }
}

/** Takes the lock if it is free, expired, ours or held by a dead owner: read and write in one transaction. */
async function acquireLock(options: SyncOptions, now: number): Promise<boolean> {
  const taken = await options.store.updateMeta<SyncLock | null>('syncLock', (lock) => {
    const free =
      !lock || lock.expiresAt <= now || lock.owner === options.owner || (options.isStaleOwner?.(lock.owner) ?? false);
    return free ? { owner: options.owner, expiresAt: now + LOCK_TTL_MS } : undefined;
  });
  return taken !== undefined;
}

/** Last lock refresh per run options object: a refresh per shard would cost a transaction each. */
const lastRefresh = new WeakMap<SyncOptions, number>();
/** Refresh the lock at most this often; far below LOCK_TTL_MS, so a live run never loses it. */
const LOCK_REFRESH_MS = 10_000;

async function refreshLock(options: SyncOptions, now: number): Promise<void> {
  if (now - (lastRefresh.get(options) ?? -Infinity) < LOCK_REFRESH_MS) return;
  lastRefresh.set(options, now);
  await options.store.putMeta('syncLock', { owner: options.owner, expiresAt: now + LOCK_TTL_MS } satisfies SyncLock);
}

async function releaseLock(options: SyncOptions): Promise<void> {
  const lock = await options.store.getMeta<SyncLock>('syncLock');
  if (lock?.owner === options.owner) await options.store.putMeta('syncLock', null);
}
