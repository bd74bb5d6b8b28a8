/**
 * The write algorithms, each inside the caller's read-write transaction: write or remove a chunk,
 * replace a bundle month, merge an API page into its months. Imported by lib/store/store.ts (which
 * owns the transactions) and the schema upgrade; never opens a transaction itself.
 */
import type { Article } from '../model/article';
import { mergeArticle } from '../model/merge';
import type { FeedState } from '../model/feed-state';
import { CHUNK_CHARS, CHUNK_TARGET, INDEX_DIRTY, MERGE_PARTS, articleChars, articleMonth, cardsRecord, chunkKey, factRows, indexKeys, urlBucket, type WriteTx } from './schema';
import type { ChunkChange } from './url-table';

/** What a write changed, for sync status counts. */
export interface WriteCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

function emptyWriteCounts(): WriteCounts {
  return { added: 0, updated: 0, unchanged: 0, removed: 0 };
}

/**
 * A condition on one meta value that a write checks inside its own transaction before writing
 * anything (the sync lock: only its owner writes). IndexedDB runs overlapping read-write
 * transactions one after another, so nothing can change the value between check and write.
 */
export interface WriteGuard {
  key: string;
  holds: (value: unknown) => boolean;
}

/** Thrown (and the transaction aborted) when a write's guard no longer holds. */
export class GuardFailedError extends Error {
  override name = 'GuardFailedError';
}

export function isGuardFailedError(error: unknown): error is GuardFailedError {
  return error instanceof Error && error.name === 'GuardFailedError';
}

/** Throws GuardFailedError when `guard` is given and does not hold in `tx`. */
export async function checkGuard(tx: WriteTx, guard: WriteGuard | undefined): Promise<void> {
  if (guard && !guard.holds(await tx.objectStore('meta').get(guard.key))) {
    throw new GuardFailedError(`write refused: ${guard.key} changed`);
  }
}

/**
 * Requests queued in one transaction, awaited together. Each is observed as soon as it is queued:
 * if queuing a later one throws (quota, closed transaction), the abort rejections of the earlier
 * ones must not surface as unhandled rejections (which crash a test run and spam the worker log).
 */
export class RequestQueue {
  private readonly requests: Promise<unknown>[] = [];

  add(request: Promise<unknown>): void {
    request.catch(() => {});
    this.requests.push(request);
  }

  done(): Promise<unknown[]> {
    return Promise.all(this.requests);
  }
}

/** Aborts a transaction that may already be finished, and swallows its `done` rejection (already reported). */
export function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  try {
    tx.abort();
  } catch {
    // already committed or aborted
  }
  tx.done.catch(() => {});
}

/** Transactions that already set the dirty flag: one put per transaction, not one per chunk (a record costs). */
const dirtied = new WeakSet<object>();

function markDirty(tx: WriteTx, queue: RequestQueue): void {
  if (dirtied.has(tx)) return;
  dirtied.add(tx);
  queue.add(tx.objectStore('meta').put(true, INDEX_DIRTY));
}

/** Chunks each write transaction put or removed, taken by the store once it commits (its URL-table overlay). */
const chunkChanges = new WeakMap<object, ChunkChange[]>();

function noteChange(tx: WriteTx, change: ChunkChange): void {
  let list = chunkChanges.get(tx);
  if (!list) chunkChanges.set(tx, (list = []));
  list.push(change);
}

/** The chunk writes and removals `tx` made, in order (forgotten after this call). */
export function takeChunkChanges(tx: object): ChunkChange[] {
  const list = chunkChanges.get(tx) ?? [];
  chunkChanges.delete(tx);
  return list;
}

/** Called by compaction once it cleared the flag: a later chunk write in the same transaction sets it again. */
export function forgetDirty(tx: WriteTx): void {
  dirtied.delete(tx);
}

export async function writeChunk(
  tx: WriteTx,
  feed: string,
  month: string,
  part: number,
  articles: Article[],
  hash: string | undefined,
  now: number,
): Promise<void> {
  // Without a hash the chunk keeps the one it had (an API page merged into a bundle's month).
  const previousHash = hash ?? (await tx.objectStore('chunkInfo').get(chunkKey(feed, month, part)))?.hash;
  const writes = new RequestQueue();
  queueChunk(tx, writes, feed, month, part, articles, previousHash, now);
  await writes.done();
}

/**
 * Queues one chunk's three records (articles, summary, index keys) without reading or awaiting
 * anything, so a month's chunks go to IndexedDB back to back instead of one round trip each.
 * @param hash the chunk's shard hash as it is to be stored
 */
function queueChunk(tx: WriteTx, writes: RequestQueue, feed: string, month: string, part: number, articles: Article[], hash: string | undefined, now: number): void {
  const key = chunkKey(feed, month, part);
  const entries: [string, string][] = [];
  for (const article of articles) for (const entryKey of indexKeys(article)) entries.push([entryKey, article.id]);
  // Requests are queued without awaiting each: IndexedDB runs them in order within the transaction.
  writes.add(tx.objectStore('chunks').put({ key, feed, month, part, articles, updatedAt: now }));
  writes.add(tx.objectStore('chunkInfo').put({ key, feed, month, part, hash, ids: articles.map((a) => a.id), updatedAt: now }));
  const facts = factRows(articles);
  writes.add(tx.objectStore('chunkKeys').put({ key, entries, facts }));
  // The chunk's cards beside it: a related list reads these instead of the chunk.
  writes.add(tx.objectStore('chunkCards').put(cardsRecord(key, articles)));
  markDirty(tx, writes);
  noteChange(tx, { chunk: key, updatedAt: now, entries, facts });
}

export async function removeChunk(tx: WriteTx, key: string): Promise<void> {
  const deletes = new RequestQueue();
  queueRemoval(tx, deletes, key);
  await deletes.done();
}

function queueRemoval(tx: WriteTx, deletes: RequestQueue, key: string): void {
  deletes.add(tx.objectStore('chunks').delete(key));
  deletes.add(tx.objectStore('chunkInfo').delete(key));
  deletes.add(tx.objectStore('chunkKeys').delete(key));
  deletes.add(tx.objectStore('chunkCards').delete(key));
  markDirty(tx, deletes);
  noteChange(tx, { chunk: key, updatedAt: 0 });
}

/** Groups articles into their merge chunks (month, part by id hash) of `feed`. */
function groupForMerge(feed: string, articles: readonly Article[]): Map<string, { month: string; part: number; articles: Article[] }> {
  const byChunk = new Map<string, { month: string; part: number; articles: Article[] }>();
  for (const article of articles) {
    const month = articleMonth(article);
    const part = urlBucket(article.id) % MERGE_PARTS;
    const key = chunkKey(feed, month, part);
    const group = byChunk.get(key) ?? { month, part, articles: [] };
    group.articles.push(article);
    byChunk.set(key, group);
  }
  return byChunk;
}

/** Replaces one bundle month of `feed` (see Store.replaceMonth). */
export async function replaceMonthInTx(
  tx: WriteTx,
  feed: string,
  month: string,
  articles: Article[],
  hash: string | undefined,
  feedState: FeedState,
  now: number,
  keepMissing: boolean,
): Promise<WriteCounts> {
  const counts = emptyWriteCounts();
  const old = await tx.objectStore('chunkInfo').index('byFeedMonth').getAll([feed, month]);
  const oldIds = new Set(old.flatMap((c) => c.ids));
  const oldArticles = new Map<string, Article>();
  // Requests go out together (one round trip, not two per chunk); a month's chunks are read before they are deleted.
  const writes = new RequestQueue();
  const oldChunks = old.map((info) => tx.objectStore('chunks').get(info.key));
  for (const request of oldChunks) writes.add(request);
  for (const info of old) queueRemoval(tx, writes, info.key);
  for (const chunk of await Promise.all(oldChunks)) for (const a of chunk?.articles ?? []) oldArticles.set(a.id, a);
  const byId = new Map<string, Article>();
  for (const article of articles) byId.set(article.id, mergeArticle(byId.get(article.id), article, now).article);
  for (const [id, article] of byId) {
    const before = oldArticles.get(id);
    if (!before) counts.added++;
    else if (mergeArticle(before, article, now).changed || mergeArticle(article, before, now).changed) counts.updated++;
    else counts.unchanged++;
  }
  for (const id of oldIds) {
    if (byId.has(id)) continue;
    const kept = keepMissing ? oldArticles.get(id) : undefined;
    if (kept) {
      byId.set(id, kept);
      counts.unchanged++;
    } else counts.removed++;
  }
  // Filled in order up to CHUNK_CHARS (or CHUNK_TARGET articles): every chunk stays an inline value.
  // An empty month still gets one (empty) chunk: it records the shard hash, so an unchanged empty
  // shard is not downloaded again.
  const grouped: Article[][] = [[]];
  let chars = 0;
  for (const article of byId.values()) {
    const size = articleChars(article);
    let current = grouped[grouped.length - 1]!;
    if (current.length && (chars + size > CHUNK_CHARS || current.length >= CHUNK_TARGET)) {
      grouped.push((current = []));
      chars = 0;
    }
    current.push(article);
    chars += size;
  }
  // Every chunk key of this month was among `old` and is deleted above: no earlier hash to keep.
  for (const [part, group] of grouped.entries()) queueChunk(tx, writes, feed, month, part, group, hash, now);
  writes.add(tx.objectStore('feeds').put(feedState));
  await writes.done();
  return counts;
}

/** Merges one API page into `feed`'s month chunks (see Store.mergeArticles). */
export async function mergeArticlesInTx(tx: WriteTx, feed: string, articles: Article[], feedState: FeedState, now: number): Promise<WriteCounts> {
  const counts = emptyWriteCounts();
  const byChunk = groupForMerge(feed, articles);
  // An article whose date moved to another month must not stay behind in its old chunk.
  const incomingIds = new Set(articles.map((a) => a.id));
  const movedFrom = new Map<string, string>();
  for (const info of await tx.objectStore('chunkInfo').index('byFeed').getAll(feed)) {
    for (const id of info.ids) {
      if (!incomingIds.has(id) || byChunk.get(info.key)?.articles.some((a) => a.id === id)) continue;
      movedFrom.set(id, info.key);
    }
  }
  const carried = new Map<string, Article>();
  for (const [id, key] of movedFrom) {
    const chunk = await tx.objectStore('chunks').get(key);
    if (!chunk) continue;
    const kept = chunk.articles.filter((a) => a.id !== id);
    const moved = chunk.articles.find((a) => a.id === id);
    if (moved) carried.set(id, moved);
    if (kept.length) await writeChunk(tx, feed, chunk.month, chunk.part, kept, undefined, now);
    else await removeChunk(tx, key);
  }
  for (const [key, group] of byChunk) {
    const existing = await tx.objectStore('chunks').get(key);
    const byId = new Map((existing?.articles ?? []).map((a) => [a.id, a] as const));
    let changed = false;
    for (const incoming of group.articles) {
      const before = byId.get(incoming.id) ?? carried.get(incoming.id);
      const merged = mergeArticle(before, incoming, now);
      if (!before) counts.added++;
      else if (merged.changed) counts.updated++;
      else counts.unchanged++;
      if (merged.changed || !byId.has(incoming.id)) changed = true;
      byId.set(incoming.id, merged.article);
    }
    if (changed) await writeChunk(tx, feed, group.month, group.part, [...byId.values()], undefined, now);
  }
  await tx.objectStore('feeds').put(feedState);
  return counts;
}

/** Drops `feed`'s months not in `keepMonths` and saves its state; returns how many articles went. */
export async function dropMonthsInTx(tx: WriteTx, feed: string, keepMonths: ReadonlySet<string>, feedState: FeedState): Promise<number> {
  let removed = 0;
  for (const info of await tx.objectStore('chunkInfo').index('byFeed').getAll(feed)) {
    if (keepMonths.has(info.month)) continue;
    removed += info.ids.length;
    await removeChunk(tx, info.key);
  }
  await tx.objectStore('feeds').put(feedState);
  return removed;
}
