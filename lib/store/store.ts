/**
 * The IndexedDB layout (idb): articles in chunks per (feed, month, part), a compact URL-key index
 * bucketed by key hash, feed states and small meta values. The only module that imports `idb`.
 *
 * Why chunks: one IndexedDB record per article costs ~190 µs in Chromium however it is written;
 * a few thousand larger records per 100k articles cost a fraction of that, while a lookup stays two
 * key reads (one index bucket, one chunk). A chunk belongs to one feed, so a bundle shard replaces
 * its chunks wholesale and an API page merges into its months; an article present in several
 * feeds is merged on read (fresher chunk wins field by field, see lib/model/merge.ts).
 *
 * Why a compacted index: a chunk write stores its own URL keys beside it (`chunkKeys`, one record)
 * and marks the index dirty; `compactIndex()` rebuilds the bucketed index from those once per
 * feed (or lazily before a lookup), so an import writes two records per chunk instead of one index
 * record per bucket per chunk, and a lookup reads one small bucket instead of one per chunk.
 *
 * Why an in-memory URL table (lib/store/url-table.ts): most navigations are misses, and a bucket read costs
 * a structured clone of a few hundred entries. Compaction also writes a compact hash table of every key
 * with the articles' badge facts (one meta record); the worker keeps it in memory, so a miss or a badge
 * answers without IndexedDB and a full hit reads one chunk. Any write drops it until the next compaction.
 */
import { openDB, deleteDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { Article } from '../model/article';
import { mergeArticle } from '../model/merge';
import type { FeedState } from '../model/feed-state';
import { articleMatchKeys } from '../match/match-key';
import { UrlTable, type BadgeFacts, type FactRow } from './url-table';

export type { BadgeFacts } from './url-table';

/** Database name; tests pass their own to stay isolated. */
export const DB_NAME = 'health-ai-lens';
/**
 * v1: one record per article. v2: chunks + per-chunk index records. v3: chunks + compacted index.
 * v4: chunk key records carry badge facts, and compaction persists the in-memory URL table.
 */
export const DB_VERSION = 4;
/** Number of URL-index buckets: ~170 keys per bucket at 100k articles keeps a lookup read small. */
export const URL_BUCKETS = 2048;
/** Target articles per chunk: big enough to amortize per-record cost (~0.8 ms median read; the p99 is a blob-file read, see README). */
export const CHUNK_TARGET = 64;
/** Meta key set while chunks changed since the index was last compacted. */
const INDEX_DIRTY = 'indexDirty';
/** Meta key caching the distinct article count, refreshed by each compaction. */
const ARTICLE_COUNT = 'articleCount';
/** Meta key counting compactions: changes whenever stored articles did (caches key on it). */
const DATA_VERSION = 'dataVersion';
/** Parts per month for feeds merged page by page (JSON API), whose month sizes are unknown up front. */
export const MERGE_PARTS = 4;
/** Meta key of the persisted URL table (lib/store/url-table.ts), rewritten by every compaction. */
const URL_TABLE = 'urlTable';
/** Prefix of the index entry that maps an article id to its chunk. */
const ID_KEY_PREFIX = '#';

export interface ChunkRecord {
  /** `${feed}\u0000${month}\u0000${part}` */
  key: string;
  feed: string;
  month: string;
  part: number;
  articles: Article[];
  updatedAt: number;
}

/** Small per-chunk summary, read without the articles: ids for counts, hash for incremental sync. */
export interface ChunkInfo {
  key: string;
  feed: string;
  month: string;
  part: number;
  /** Content hash of the bundle shard this chunk came from (bundle feeds only). */
  hash?: string;
  ids: string[];
  updatedAt: number;
}

/** A chunk's index keys, kept beside it so compaction never has to read articles. */
export interface ChunkKeysRecord {
  key: string;
  /** `[matchKey | '#'+id, articleId]` for every article of the chunk. */
  entries: [string, string][];
  /** Badge facts per article (v4; absent in records written before). */
  facts?: FactRow[];
}

/** One bucket of the compacted URL index. */
export interface UrlIndexRecord {
  bucket: number;
  /** `[matchKey | '#'+id, articleId, chunkKey]`. */
  entries: [string, string, string][];
}

export interface LensDbSchema extends DBSchema {
  chunks: { key: string; value: ChunkRecord };
  chunkInfo: { key: string; value: ChunkInfo; indexes: { byFeed: string; byFeedMonth: [string, string] } };
  chunkKeys: { key: string; value: ChunkKeysRecord };
  urlIndex: { key: number; value: UrlIndexRecord };
  feeds: { key: string; value: FeedState };
  meta: { key: string; value: unknown };
}

export type LensDb = IDBPDatabase<LensDbSchema>;
const WRITE_STORES = ['chunks', 'chunkInfo', 'chunkKeys', 'urlIndex', 'feeds', 'meta'] as const;
type WriteTx = IDBPTransaction<LensDbSchema, ('chunks' | 'chunkInfo' | 'chunkKeys' | 'urlIndex' | 'feeds' | 'meta')[], 'readwrite'>;

/**
 * Opens (and creates or upgrades) the database.
 * @param name database name; tests use a unique one each.
 */
export async function openStore(name: string = DB_NAME): Promise<Store> {
  const db = await openDB<LensDbSchema>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      const raw = db as unknown as IDBPDatabase;
      if (oldVersion < 2) {
        db.createObjectStore('chunks', { keyPath: 'key' });
        const info = db.createObjectStore('chunkInfo', { keyPath: 'key' });
        info.createIndex('byFeed', 'feed');
        if (!raw.objectStoreNames.contains('feeds')) db.createObjectStore('feeds', { keyPath: 'url' });
        if (!raw.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      }
      if (oldVersion < 3) {
        // v2 kept one index record per (bucket, chunk); v3 keeps keys per chunk + compacted buckets.
        if (raw.objectStoreNames.contains('urlIndex')) raw.deleteObjectStore('urlIndex');
        db.createObjectStore('urlIndex', { keyPath: 'bucket' });
        db.createObjectStore('chunkKeys', { keyPath: 'key' });
        // A shard replaces one month: find its chunks without reading every summary of the feed.
        tx.objectStore('chunkInfo').createIndex('byFeedMonth', ['feed', 'month']);
      }
      const writeTx = tx as unknown as WriteTx;
      if (oldVersion === 1) await migrateV1Articles(raw, writeTx);
      // v2 had no key records; v3's lack the badge facts.
      if (oldVersion === 2 || oldVersion === 3) await rebuildChunkKeys(writeTx);
      if (oldVersion >= 1 && oldVersion < 4) await compactInTx(writeTx);
    },
  });
  return new Store(db);
}

/** Deletes the database (options page "clear all data", tests). */
export async function deleteStore(name: string = DB_NAME): Promise<void> {
  await deleteDB(name);
}

/** Bucket of a key: FNV-1a 32-bit, so lookups need no scan. */
export function urlBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % URL_BUCKETS;
}

/** UTC `YYYY-MM` of an article, its chunk month. */
export function articleMonth(article: Pick<Article, 'publishedAt'>): string {
  const month = article.publishedAt.slice(0, 7);
  return /^\d{4}-\d{2}$/.test(month) ? month : 'undated';
}

export function chunkKey(feed: string, month: string, part: number): string {
  return `${feed}\u0000${month}\u0000${part}`;
}

/** What a write changed, for sync status counts. */
export interface WriteCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** One article as stored in several chunks, merged on read. */
export class Store {
  /**
   * True once this instance saw the index clean and has written nothing since, so a lookup skips
   * the dirty check. Only the background writes, through one instance, so nothing else can dirty it.
   */
  private knownClean = false;
  /** Bumped by every write: a table loaded or built across a write is stale and not kept. */
  private generation = 0;
  /** The URL table of the current data, while this instance knows it is current. */
  private table: UrlTable | undefined;
  private tableLoad: Promise<void> | undefined;

  constructor(readonly db: LensDb) {}

  close(): void {
    this.db.close();
  }

  /**
   * The article one of `keys` (match keys, most specific first) points to; `undefined` on a miss.
   * With the URL table in memory: a miss reads nothing, a hit reads the article's chunk(s). Until the
   * table is loaded (a worker's first lookup): the index bucket, then the chunk(s).
   */
  async findByMatchKeys(keys: readonly string[]): Promise<Article | undefined> {
    const table = await this.currentTable();
    if (table) {
      const hit = table.findFirst(keys);
      if (!hit) return undefined;
      const article = await this.readArticle(table.id(hit.article), table.chunksOf(hit.article));
      // The table knows keys by hash only: a hit must really be one of the article's keys.
      if (article && indexKeys(article).includes(hit.key)) return article;
    }
    const tx = this.db.transaction(['urlIndex', 'chunks'], 'readonly');
    for (const key of keys) {
      const article = await findInTx(tx, key);
      if (article) return article;
    }
    return undefined;
  }

  /** The article with this id, merged across feeds; `undefined` on a miss. */
  async getArticle(id: string): Promise<Article | undefined> {
    const table = await this.currentTable();
    if (table) {
      const n = table.find(ID_KEY_PREFIX + id);
      if (n < 0) return undefined;
      const article = await this.readArticle(id, table.chunksOf(n));
      if (article) return article;
    }
    const tx = this.db.transaction(['urlIndex', 'chunks'], 'readonly');
    return findInTx(tx, ID_KEY_PREFIX + id);
  }

  /**
   * What the toolbar badge needs (id, title, quality) for the first of `keys` that is stored. With
   * the URL table in memory this reads nothing from IndexedDB, hit or miss.
   */
  async findFacts(keys: readonly string[]): Promise<BadgeFacts | undefined> {
    const table = await this.currentTable();
    if (table) {
      const hit = table.findFirst(keys);
      if (!hit) return undefined;
      const facts = table.facts(hit.article);
      if (facts) return facts;
    }
    return toFacts(await this.findByMatchKeys(keys));
  }

  /** Badge facts of the article with this id (see `findFacts`). */
  async findFactsById(id: string): Promise<BadgeFacts | undefined> {
    return this.findFacts([ID_KEY_PREFIX + id]);
  }

  /**
   * The URL table when it is current, else `undefined` (callers use the bucketed index) after
   * starting to load it. Compacts first when chunks changed since the last compaction.
   */
  private async currentTable(): Promise<UrlTable | undefined> {
    if (this.knownClean && this.table) return this.table;
    if (this.tableLoad) {
      // A load already under way (the worker's warm-up): its one read is the quickest answer.
      await this.tableLoad;
      if (this.knownClean && this.table) return this.table;
    }
    await this.compactIndex();
    if (this.knownClean && this.table) return this.table;
    this.loadTable();
    return undefined;
  }

  /**
   * Loads the persisted table in the background (one read). Kept only if no write started
   * meanwhile and the index was clean when read; a store without one (fresh, or written by an
   * older version) gets one by compaction.
   */
  private loadTable(): void {
    if (this.tableLoad) return;
    const generation = this.generation;
    this.tableLoad = (async () => {
      const tx = this.db.transaction('meta', 'readonly');
      const [dirty, data] = await Promise.all([tx.store.get(INDEX_DIRTY), tx.store.get(URL_TABLE)]);
      if (dirty || generation !== this.generation) return;
      if (UrlTable.isData(data)) {
        this.table = new UrlTable(data);
        this.knownClean = true;
        return;
      }
      await this.compact(true);
    })()
      .catch(() => {
        // A failed load leaves lookups on the bucketed index; the next lookup tries again.
      })
      .finally(() => {
        this.tableLoad = undefined;
      });
  }

  /** Resolves once a table load started by a lookup has finished (tests, warm-up). */
  async tableReady(): Promise<boolean> {
    await this.currentTable();
    await this.tableLoad;
    return !!(this.knownClean && this.table);
  }

  /** Reads and merges one article from the chunks the table says hold it (fresher chunk wins). */
  private async readArticle(id: string, chunkKeys: readonly string[]): Promise<Article | undefined> {
    const tx = this.db.transaction('chunks', 'readonly');
    const chunks = await Promise.all(chunkKeys.map((key) => tx.store.get(key)));
    return mergeFromChunks(chunks, id);
  }

  /**
   * Rebuilds the URL index from the chunks' key lists when chunks changed since the last time, and
   * refreshes the cached article count. Sync calls it after each feed; lookups call it first, so
   * they are never stale (a lookup during a large first import pays for one rebuild).
   * @returns whether anything was rebuilt
   */
  async compactIndex(): Promise<boolean> {
    if (this.knownClean) return false;
    const generation = this.generation;
    if (!(await this.db.get('meta', INDEX_DIRTY))) {
      if (generation === this.generation) this.knownClean = true;
      return false;
    }
    return this.compact(false);
  }

  /** Compacts (when dirty, or always with `force`) and keeps the built table if nothing wrote meanwhile. */
  private async compact(force: boolean): Promise<boolean> {
    let built: UrlTable | undefined;
    const generation = await this.write(async (tx, generation) => {
      // Checked again inside the write: another caller may have compacted meanwhile.
      if (!force && !(await tx.objectStore('meta').get(INDEX_DIRTY))) return generation;
      built = await compactInTx(tx);
      return generation;
    });
    if (generation === this.generation) {
      this.knownClean = true;
      if (built) this.table = built;
    }
    return !!built;
  }

  /** Every stored article, merged across feeds (export, index rebuilds). Reads every chunk. */
  async allArticles(): Promise<Article[]> {
    const chunks = await this.db.getAll('chunks');
    chunks.sort((a, b) => a.updatedAt - b.updatedAt);
    const byId = new Map<string, Article>();
    for (const chunk of chunks) {
      for (const article of chunk.articles) {
        byId.set(article.id, mergeArticle(byId.get(article.id), article, article.updatedAt).article);
      }
    }
    return [...byId.values()];
  }

  /**
   * A value that changes whenever stored articles change (after compaction): caches derived from
   * the articles (the ranking corpus) are valid while it stays the same.
   */
  async dataVersion(): Promise<number> {
    await this.compactIndex();
    return ((await this.db.get('meta', DATA_VERSION)) as number | undefined) ?? 0;
  }

  /**
   * Calls `visit` with the stored chunks' articles, a few chunks at a time, each batch in its own
   * short read: a large corpus streams through without one huge read blocking the worker.
   * @param visit may be async (e.g. to yield to other events between batches)
   */
  async forEachChunkBatch(visit: (articles: Article[]) => void | Promise<void>, chunksPerBatch = 16): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
      const chunks = await this.db.getAll('chunks', range, chunksPerBatch);
      if (!chunks.length) return;
      after = chunks[chunks.length - 1]!.key;
      await visit(chunks.flatMap((chunk) => chunk.articles));
    }
  }

  /** Distinct stored articles: cached by the last compaction, else counted from chunk summaries. */
  async countArticles(): Promise<number> {
    const [dirty, cached] = await Promise.all([this.db.get('meta', INDEX_DIRTY), this.db.get('meta', ARTICLE_COUNT)]);
    if (!dirty && typeof cached === 'number') return cached;
    return countIds(await this.db.getAll('chunkInfo'));
  }

  /** Summaries of one feed's chunks (hashes for incremental bundle sync). */
  async chunkInfos(feed: string): Promise<ChunkInfo[]> {
    return this.db.getAllFromIndex('chunkInfo', 'byFeed', feed);
  }

  async getFeedState(url: string): Promise<FeedState | undefined> {
    return this.db.get('feeds', url);
  }

  async allFeedStates(): Promise<FeedState[]> {
    return this.db.getAll('feeds');
  }

  async putFeedState(state: FeedState): Promise<void> {
    await this.db.put('feeds', state);
  }

  async deleteFeed(url: string): Promise<void> {
    await this.write(async (tx) => {
      const infos = await tx.objectStore('chunkInfo').index('byFeed').getAll(url);
      for (const info of infos) await removeChunk(tx, info.key);
      await tx.objectStore('feeds').delete(url);
    });
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key)) as T | undefined;
  }

  async putMeta(key: string, value: unknown): Promise<void> {
    await this.db.put('meta', value, key);
  }

  /**
   * Reads and rewrites one meta value in a single transaction (compare-and-set: the sync lock), so
   * two contexts cannot both see the value free and both take it.
   * @param update returns the new value, or `undefined` to leave it as it is
   * @returns what `update` returned
   */
  async updateMeta<T>(key: string, update: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    const tx = this.db.transaction('meta', 'readwrite');
    try {
      const next = update((await tx.store.get(key)) as T | undefined);
      if (next !== undefined) await tx.store.put(next, key);
      await tx.done;
      return next;
    } catch (error) {
      abortQuietly(tx);
      throw error;
    }
  }

  /**
   * Atomically replaces one bundle month of `feed` with `articles` and saves `feedState` (the
   * checkpoint) in the same transaction, so a worker killed mid-sync leaves either the old or the
   * new month, never half of one.
   * @param options.keepMissing keep old articles the new month lacks (the shard had rejected
   *   records: an article that turned invalid is not taken as removed by its source)
   */
  async replaceMonth(
    feed: string,
    month: string,
    articles: Article[],
    hash: string | undefined,
    feedState: FeedState,
    now: number,
    options: { keepMissing?: boolean } = {},
  ): Promise<WriteCounts> {
    return this.write((tx) => replaceMonthInTx(tx, feed, month, articles, hash, feedState, now, options.keepMissing ?? false));
  }

  /** Atomically drops the bundle months of `feed` that are not in `keepMonths`, with the checkpoint. */
  async dropMonths(feed: string, keepMonths: ReadonlySet<string>, feedState: FeedState): Promise<number> {
    return this.write(async (tx) => {
      let removed = 0;
      for (const info of await tx.objectStore('chunkInfo').index('byFeed').getAll(feed)) {
        if (keepMonths.has(info.month)) continue;
        removed += info.ids.length;
        await removeChunk(tx, info.key);
      }
      await tx.objectStore('feeds').put(feedState);
      return removed;
    });
  }

  /**
   * Atomically merges `articles` (one JSON API page) into `feed`'s month chunks and saves the
   * checkpoint. Nothing is removed: articles that leave the API's rolling window stay.
   */
  async mergeArticles(feed: string, articles: Article[], feedState: FeedState, now: number): Promise<WriteCounts> {
    return this.write((tx) => mergeArticlesInTx(tx, feed, articles, feedState, now));
  }

  /** Removes every article and feed state (keeps nothing but the schema). */
  async clearAll(): Promise<void> {
    await this.write(async (tx) => {
      const clears = new RequestQueue();
      for (const name of WRITE_STORES) clears.add(tx.objectStore(name).clear());
      await clears.done();
      await compactInTx(tx);
    });
  }

  /**
   * Runs `body` in one read-write transaction and waits for the commit. On any failure (a throwing
   * request, QuotaExceededError, a bug in `body`) the transaction is aborted, so nothing it wrote
   * so far is committed: IndexedDB would otherwise auto-commit the requests that did succeed.
   */
  private async write<T>(body: (tx: WriteTx, generation: number) => Promise<T>): Promise<T> {
    this.knownClean = false;
    this.table = undefined;
    const generation = ++this.generation;
    const tx = this.db.transaction([...WRITE_STORES], 'readwrite', { durability: 'relaxed' });
    try {
      const result = await body(tx, generation);
      await tx.done;
      return result;
    } catch (error) {
      abortQuietly(tx);
      throw error;
    }
  }
}

// ---- internals ---------------------------------------------------------------------------------

/** Aborts a transaction that may already be finished, and swallows its `done` rejection (already reported). */
function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  try {
    tx.abort();
  } catch {
    // already committed or aborted
  }
  tx.done.catch(() => {});
}

async function replaceMonthInTx(
  tx: WriteTx,
  feed: string,
  month: string,
  articles: Article[],
  hash: string | undefined,
  feedState: FeedState,
  now: number,
  keepMissing: boolean,
): Promise<WriteCounts> {
  const counts: WriteCounts = { added: 0, updated: 0, unchanged: 0, removed: 0 };
  const old = await tx.objectStore('chunkInfo').index('byFeedMonth').getAll([feed, month]);
  const oldIds = new Set(old.flatMap((c) => c.ids));
  const oldArticles = new Map<string, Article>();
  for (const info of old) {
    const chunk = await tx.objectStore('chunks').get(info.key);
    for (const a of chunk?.articles ?? []) oldArticles.set(a.id, a);
    await removeChunk(tx, info.key);
  }
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
  const parts = Math.max(1, Math.ceil(byId.size / CHUNK_TARGET));
  const grouped: Article[][] = Array.from({ length: parts }, () => []);
  for (const article of byId.values()) grouped[urlBucket(article.id) % parts]!.push(article);
  for (let part = 0; part < parts; part++) {
    // An empty month still gets one (empty) chunk: it records the shard hash, so an unchanged
    // empty shard is not downloaded again.
    if (grouped[part]!.length || part === 0) await writeChunk(tx, feed, month, part, grouped[part]!, hash, now);
  }
  await tx.objectStore('feeds').put(feedState);
  return counts;
}

async function mergeArticlesInTx(tx: WriteTx, feed: string, articles: Article[], feedState: FeedState, now: number): Promise<WriteCounts> {
  const counts: WriteCounts = { added: 0, updated: 0, unchanged: 0, removed: 0 };
  const byChunk = new Map<string, { month: string; part: number; articles: Article[] }>();
  for (const article of articles) {
    const month = articleMonth(article);
    const part = urlBucket(article.id) % MERGE_PARTS;
    const key = chunkKey(feed, month, part);
    const group = byChunk.get(key) ?? { month, part, articles: [] };
    group.articles.push(article);
    byChunk.set(key, group);
  }
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


type ReadTx = IDBPTransaction<LensDbSchema, ('urlIndex' | 'chunks')[], 'readonly'>;

async function findInTx(tx: ReadTx, key: string): Promise<Article | undefined> {
  const record = await tx.objectStore('urlIndex').get(urlBucket(key));
  const hits = (record?.entries ?? []).filter(([entryKey]) => entryKey === key);
  if (!hits.length) return undefined;
  // One id per page: if two articles claim the same key (syndicated copies), the first entry's wins.
  const id = hits[0]![1];
  const chunks = await Promise.all(
    [...new Set(hits.filter((h) => h[1] === id).map((h) => h[2]))].map((chunk) => tx.objectStore('chunks').get(chunk)),
  );
  return mergeFromChunks(chunks, id);
}

/** Article `id` merged over the chunks that hold it, older chunks first (fresher fields win). */
function mergeFromChunks(chunks: readonly (ChunkRecord | undefined)[], id: string): Article | undefined {
  let merged: Article | undefined;
  for (const chunk of chunks.filter(Boolean).sort((a, b) => a!.updatedAt - b!.updatedAt)) {
    const article = chunk!.articles.find((a) => a.id === id);
    if (article) merged = mergeArticle(merged, article, article.updatedAt).article;
  }
  return merged;
}

function toFacts(article: Article | undefined): BadgeFacts | undefined {
  return article && { id: article.id, title: article.title, ...(article.quality === undefined ? {} : { quality: article.quality }) };
}

/** A chunk's badge facts, stored with its keys so compaction builds the URL table without reading articles. */
function factRows(articles: readonly Article[]): FactRow[] {
  return articles.map((a) => [a.id, a.title, a.quality ?? null, a.publishedAt]);
}

/** Keys under which an article can be found: its URL match keys (precomputed) and its id. */
function indexKeys(article: Article): string[] {
  return [...new Set([...articleMatchKeys(article.urls), ID_KEY_PREFIX + article.id])];
}

async function writeChunk(
  tx: WriteTx,
  feed: string,
  month: string,
  part: number,
  articles: Article[],
  hash: string | undefined,
  now: number,
): Promise<void> {
  const key = chunkKey(feed, month, part);
  const previous = await tx.objectStore('chunkInfo').get(key);
  const entries: [string, string][] = [];
  for (const article of articles) for (const entryKey of indexKeys(article)) entries.push([entryKey, article.id]);
  // Requests are queued without awaiting each: IndexedDB runs them in order within the transaction.
  const writes = new RequestQueue();
  writes.add(tx.objectStore('chunks').put({ key, feed, month, part, articles, updatedAt: now }));
  writes.add(
    tx.objectStore('chunkInfo').put({ key, feed, month, part, hash: hash ?? previous?.hash, ids: articles.map((a) => a.id), updatedAt: now }),
  );
  writes.add(tx.objectStore('chunkKeys').put({ key, entries, facts: factRows(articles) }));
  markDirty(tx, writes);
  await writes.done();
}

/** Transactions that already set the dirty flag: one put per transaction, not one per chunk (a record costs). */
const dirtied = new WeakSet<object>();

function markDirty(tx: WriteTx, queue: RequestQueue): void {
  if (dirtied.has(tx)) return;
  dirtied.add(tx);
  queue.add(tx.objectStore('meta').put(true, INDEX_DIRTY));
}

/**
 * Requests queued in one transaction, awaited together. Each is observed as soon as it is queued:
 * if queuing a later one throws (quota, closed transaction), the abort rejections of the earlier
 * ones must not surface as unhandled rejections (which crash a test run and spam the worker log).
 */
class RequestQueue {
  private readonly requests: Promise<unknown>[] = [];

  add(request: Promise<unknown>): void {
    request.catch(() => {});
    this.requests.push(request);
  }

  done(): Promise<unknown[]> {
    return Promise.all(this.requests);
  }
}

async function removeChunk(tx: WriteTx, key: string): Promise<void> {
  const deletes = new RequestQueue();
  deletes.add(tx.objectStore('chunks').delete(key));
  deletes.add(tx.objectStore('chunkInfo').delete(key));
  deletes.add(tx.objectStore('chunkKeys').delete(key));
  markDirty(tx, deletes);
  await deletes.done();
}

/** Distinct ids over chunk summaries. */
function countIds(infos: readonly ChunkInfo[]): number {
  const ids = new Set<string>();
  for (const info of infos) for (const id of info.ids) ids.add(id);
  return ids.size;
}

/**
 * Rebuilds every URL-index bucket from the chunks' key lists and caches the article count, in the
 * caller's transaction. Entries are ordered by chunk key, so the result does not depend on the
 * order chunks were written (a resumed sync ends with the same index as a clean one).
 */
async function compactInTx(tx: WriteTx): Promise<UrlTable> {
  const [keyRecords, infos] = await Promise.all([tx.objectStore('chunkKeys').getAll(), tx.objectStore('chunkInfo').getAll()]);
  keyRecords.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const updatedAt = new Map(infos.map((info) => [info.key, info.updatedAt] as const));
  const table = UrlTable.build(
    keyRecords.map((record) => ({ chunk: record.key, updatedAt: updatedAt.get(record.key) ?? 0, entries: record.entries, facts: record.facts })),
  );
  const buckets = new Map<number, [string, string, string][]>();
  for (const record of keyRecords) {
    for (const [entryKey, id] of record.entries) {
      const bucket = urlBucket(entryKey);
      let list = buckets.get(bucket);
      if (!list) buckets.set(bucket, (list = []));
      list.push([entryKey, id, record.key]);
    }
  }
  const writes = new RequestQueue();
  writes.add(tx.objectStore('urlIndex').clear());
  for (const [bucket, entries] of buckets) writes.add(tx.objectStore('urlIndex').put({ bucket, entries }));
  writes.add(tx.objectStore('meta').put(countIds(infos), ARTICLE_COUNT));
  writes.add(tx.objectStore('meta').put(Date.now() + Math.random(), DATA_VERSION));
  writes.add(tx.objectStore('meta').put(table.data, URL_TABLE));
  writes.add(tx.objectStore('meta').delete(INDEX_DIRTY));
  dirtied.delete(tx);
  await writes.done();
  return table;
}

/** v2 → v3: key lists computed from the stored chunks (v2 kept them only in its old index). */
async function rebuildChunkKeys(tx: WriteTx): Promise<void> {
  const writes = new RequestQueue();
  for (const chunk of await tx.objectStore('chunks').getAll()) {
    const entries: [string, string][] = [];
    for (const article of chunk.articles) for (const entryKey of indexKeys(article)) entries.push([entryKey, article.id]);
    writes.add(tx.objectStore('chunkKeys').put({ key: chunk.key, entries, facts: factRows(chunk.articles) }));
  }
  await writes.done();
}

/** v1 → v2: per-article records move into chunks of their first source, keeping every article. */
async function migrateV1Articles(db: IDBPDatabase, tx: WriteTx): Promise<void> {
  if (!db.objectStoreNames.contains('articles')) return;
  const legacy = (tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>).objectStore('articles');
  // A v1 record that is no longer a valid Article (older shape, corruption) cannot be indexed; it
  // is skipped rather than failing the upgrade, which would lock the user out of the database.
  const articles = ((await legacy.getAll()) as unknown[]).flatMap((raw) => {
    const parsed = Article.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  const groups = new Map<string, { feed: string; month: string; part: number; articles: Article[] }>();
  for (const article of articles) {
    const feed = article.sources[0] ?? 'migrated';
    const month = articleMonth(article);
    const part = urlBucket(article.id) % MERGE_PARTS;
    const key = chunkKey(feed, month, part);
    const group = groups.get(key) ?? { feed, month, part, articles: [] };
    group.articles.push(article);
    groups.set(key, group);
  }
  const now = Date.now();
  for (const group of groups.values()) {
    await writeChunk(tx, group.feed, group.month, group.part, group.articles, undefined, now);
  }
  db.deleteObjectStore('articles');
  if (db.objectStoreNames.contains('urlKeys')) db.deleteObjectStore('urlKeys');
}
