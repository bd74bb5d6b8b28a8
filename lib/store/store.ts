/**
 * The Store: lookups by URL match key and id, badge facts, feed states and meta values over the
 * chunked layout (lib/store/schema.ts), and the write entry points, each one transaction that
 * commits whole or not at all. With lib/store/open.ts the only code that opens IndexedDB transactions.
 *
 * Why an in-memory URL table (lib/store/url-table.ts): most navigations are misses, and a bucket read costs
 * a structured clone of a few hundred entries. Compaction also writes a compact hash table of every key
 * with the articles' badge facts (one meta record); the worker keeps it in memory, so a miss or a badge
 * answers without IndexedDB and a full hit reads one chunk. Between a write and the next compaction
 * (a sync), lookups answer from the last table with the chunks written since laid over it, instead of
 * rebuilding the whole table per lookup.
 */
import { deleteDB } from 'idb';
import type { Article } from '../model/article';
import { mergeArticle } from '../model/merge';
import type { FeedState } from '../model/feed-state';
import { UrlTable, UrlTableOverlay, type BadgeFacts, type UrlLookup } from './url-table';
import {
  ARTICLE_COUNT,
  DATA_VERSION,
  DB_NAME,
  ID_KEY_PREFIX,
  INDEX_DIRTY,
  URL_TABLE,
  WRITE_STORES,
  indexKeys,
  type ChunkInfo,
  type LensDb,
  type WriteTx,
} from './schema';
import { openDatabase, type OpenOptions } from './open';
import { RequestQueue, abortQuietly, checkGuard, dropMonthsInTx, mergeArticlesInTx, removeChunk, replaceMonthInTx, takeChunkChanges, type WriteCounts, type WriteGuard } from './writes';
import { compactInTx, countIds } from './compaction';
import { findInTx, mergeFromChunks, readArticlesPage, readCardsInTx, readManyInTx, toFacts, type ArticleCursor } from './reads';
import { RecentArticles } from './recent-articles';


export type { BadgeFacts } from './url-table';
export type { ArticleCursor } from './reads';
export type { ChunkInfo } from './schema';
export type { WriteCounts, WriteGuard } from './writes';
export { isGuardFailedError } from './writes';
export { articleMonth, CHUNK_TARGET, DB_VERSION } from './schema';

/**
 * Opens (and creates or upgrades) the database.
 * @param name database name; tests use a unique one each.
 * @throws an error named StoreBlockedError when other connections keep it blocked past the time limit
 */
export async function openStore(name: string = DB_NAME, options: OpenOptions = {}): Promise<Store> {
  return new Store(await openDatabase(name, options));
}

/**
 * A cached `openStore`: every call shares one open Store, and the cache is dropped when the open
 * fails (a blocked open that timed out) or the connection closes (a newer version took over), so
 * the next call opens again instead of returning a dead promise forever. The background's store.
 */
export function storeOpener(name: string = DB_NAME, options: Omit<OpenOptions, 'onClose'> = {}): () => Promise<Store> {
  let cached: Promise<Store> | undefined;
  return () => {
    if (cached) return cached;
    const opening: Promise<Store> = openStore(name, {
      ...options,
      onClose: () => {
        if (cached === opening) cached = undefined;
      },
    }).catch((error: unknown) => {
      if (cached === opening) cached = undefined;
      throw error;
    });
    cached = opening;
    return opening;
  };
}

/** Deletes the database (options page "clear all data", tests). */
export async function deleteStore(name: string = DB_NAME): Promise<void> {
  await deleteDB(name);
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
  /**
   * A table this instance knew current, with every chunk committed since laid over it; kept from the
   * first write after that table until a compaction replaces it. Undefined when no such table exists.
   */
  private overlay: UrlTableOverlay | undefined;
  private tableLoad: Promise<void> | undefined;
  /**
   * Articles read whole lately, by id, oldest first: a page's badge, sidebar and popup ask for the
   * same article in turn, and its chunk is a read of tens of kB. Emptied by every write.
   */
  private readonly recent = new RecentArticles();

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
   * The articles with these ids, merged across feeds, read in one transaction that reads each
   * chunk once (a related list's 10–20 cards share chunks); misses are left out.
   */
  async getArticles(ids: readonly string[]): Promise<Map<string, Article>> {
    const out = new Map<string, Article>();
    const { holders, unresolved } = await this.holdersOf(ids);
    await readManyInTx(this.db.transaction(['urlIndex', 'chunks'], 'readonly'), holders, unresolved, out);
    return out;
  }

  /**
   * The cards (lib/model/card.ts) of the articles with these ids, merged across feeds, read in one
   * transaction from the chunks' card records (each read once), not from the chunks; misses are left out.
   */
  async getCards(ids: readonly string[]): Promise<Map<string, Article>> {
    const out = new Map<string, Article>();
    const { holders, unresolved } = await this.holdersOf(ids);
    await readCardsInTx(this.db.transaction(['urlIndex', 'chunks', 'chunkCards'], 'readonly'), holders, unresolved, out);
    return out;
  }

  /** Which chunks hold each id, from the URL table; without a table, every id is left for the read to resolve. */
  private async holdersOf(ids: readonly string[]): Promise<{ holders: Map<string, string[]>; unresolved: string[] }> {
    const table = await this.currentTable();
    const unresolved: string[] = [];
    const holders = new Map<string, string[]>();
    for (const id of new Set(ids)) {
      const n = table ? table.find(ID_KEY_PREFIX + id) : -1;
      if (n >= 0) holders.set(id, table!.chunksOf(n));
      else if (!table) unresolved.push(id);
    }
    return { holders, unresolved };
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
   * The URL table when it is current; after writes, the last table with the chunks written since
   * laid over it; else `undefined` (callers use the bucketed index) after starting to load it.
   * Compacts first when chunks changed and no table is known.
   */
  private async currentTable(): Promise<UrlLookup | undefined> {
    if (this.knownClean && this.table) return this.table;
    if (this.overlay) return this.overlay;
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

  /**
   * Reads and merges one article from the chunks the table says hold it (fresher chunk wins), or
   * takes it from the recently read ones.
   */
  private async readArticle(id: string, chunkKeys: readonly string[]): Promise<Article | undefined> {
    const cached = this.recent.get(id);
    if (cached) return cached;
    const generation = this.generation;
    const tx = this.db.transaction('chunks', 'readonly');
    const chunks = await Promise.all(chunkKeys.map((key) => tx.store.get(key)));
    const article = mergeFromChunks(chunks, id);
    // Not kept when a write started meanwhile: it may have changed the article.
    if (article && generation === this.generation) this.recent.remember(article);
    return article;
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
      if (built) {
        this.table = built;
        this.overlay = undefined;
      }
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
   * Every stored article once, merged across feeds, a page at a time in chunk key order (export):
   * a caller streams 100k articles without the store or a message ever holding them all. An article
   * held by several chunks (several feeds) comes whole at its first chunk and is passed over at
   * the others, so no page needs what an earlier one read.
   * @param from where the previous page stopped; `undefined` for the first page
   * @param take called per article with the cursor just past it; `false` leaves this article for
   *   the next page and ends this one (a caller must take at least the first, or no page moves on)
   * @returns where to resume, or `undefined` once every article was offered
   */
  async readArticlesFrom(from: ArticleCursor | undefined, take: (article: Article, next: ArticleCursor) => boolean): Promise<ArticleCursor | undefined> {
    const table = (await this.tableReady()) ? this.table : undefined;
    return readArticlesPage(this.db.transaction(['urlIndex', 'chunks'], 'readonly'), table, from, take);
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

  /** Saves a feed's state; with `guard`, only while it holds (checked in the same transaction). */
  async putFeedState(state: FeedState, guard?: WriteGuard): Promise<void> {
    if (!guard) {
      await this.db.put('feeds', state);
      return;
    }
    const tx = this.db.transaction(['meta', 'feeds'], 'readwrite');
    try {
      await checkGuard(tx as unknown as WriteTx, guard);
      await tx.objectStore('feeds').put(state);
      await tx.done;
    } catch (error) {
      abortQuietly(tx);
      throw error;
    }
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
   * @param options.guard write only while it holds (GuardFailedError otherwise)
   */
  async replaceMonth(
    feed: string,
    month: string,
    articles: Article[],
    hash: string | undefined,
    feedState: FeedState,
    now: number,
    options: { keepMissing?: boolean; guard?: WriteGuard } = {},
  ): Promise<WriteCounts> {
    return this.write((tx) => replaceMonthInTx(tx, feed, month, articles, hash, feedState, now, options.keepMissing ?? false), options.guard);
  }

  /** Atomically drops the bundle months of `feed` that are not in `keepMonths`, with the checkpoint. */
  async dropMonths(feed: string, keepMonths: ReadonlySet<string>, feedState: FeedState, guard?: WriteGuard): Promise<number> {
    return this.write((tx) => dropMonthsInTx(tx, feed, keepMonths, feedState), guard);
  }

  /**
   * Atomically merges `articles` (one JSON API page) into `feed`'s month chunks and saves the
   * checkpoint. Nothing is removed: articles that leave the API's rolling window stay.
   */
  async mergeArticles(feed: string, articles: Article[], feedState: FeedState, now: number, guard?: WriteGuard): Promise<WriteCounts> {
    return this.write((tx) => mergeArticlesInTx(tx, feed, articles, feedState, now), guard);
  }

  /** Removes every article and feed state (keeps nothing but the schema). */
  async clearAll(): Promise<void> {
    let built: UrlTable | undefined;
    const generation = await this.write(async (tx, generation) => {
      const clears = new RequestQueue();
      for (const name of WRITE_STORES) clears.add(tx.objectStore(name).clear());
      await clears.done();
      built = await compactInTx(tx);
      return generation;
    });
    // Cleared without chunk-by-chunk removals: the overlay would still show the old chunks.
    this.overlay = generation === this.generation ? undefined : new UrlTableOverlay(built!);
    if (generation === this.generation) {
      this.knownClean = true;
      this.table = built;
    }
  }

  /**
   * Runs `body` in one read-write transaction and waits for the commit. On any failure (a throwing
   * request, QuotaExceededError, a bug in `body`) the transaction is aborted, so nothing it wrote
   * so far is committed: IndexedDB would otherwise auto-commit the requests that did succeed.
   * @param guard checked first, in the same transaction
   */
  private async write<T>(body: (tx: WriteTx, generation: number) => Promise<T>, guard?: WriteGuard): Promise<T> {
    if (!this.overlay && this.knownClean && this.table) this.overlay = new UrlTableOverlay(this.table);
    this.knownClean = false;
    this.table = undefined;
    this.recent.clear();
    const generation = ++this.generation;
    const tx = this.db.transaction([...WRITE_STORES], 'readwrite', { durability: 'relaxed' });
    try {
      await checkGuard(tx, guard);
      const result = await body(tx, generation);
      await tx.done;
      // Transactions over the same stores commit in the order they were opened, so changes land in order.
      for (const change of takeChunkChanges(tx)) this.overlay?.apply(change);
      return result;
    } catch (error) {
      abortQuietly(tx);
      throw error;
    }
  }
}
