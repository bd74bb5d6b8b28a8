/**
 * Opens the database at DB_VERSION, creating or upgrading it (the migrations from each older
 * layout live here). An open never hangs: this connection closes when a newer version wants the
 * database, and an open blocked by an older connection gives up after a time limit. Imported by
 * lib/store/store.ts only.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { Article } from '../model/article';
import { DB_VERSION, MERGE_PARTS, articleMonth, cardsRecord, chunkKey, factRows, indexKeys, urlBucket, type LensDb, type LensDbSchema, type WriteTx } from './schema';
import { RequestQueue, writeChunk } from './writes';
import { compactInTx } from './compaction';

/** How long an open may wait for other connections (an older worker or page) to close. */
const OPEN_BLOCKED_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** Give up this long after the open was reported blocked (default OPEN_BLOCKED_TIMEOUT_MS). */
  blockedTimeoutMs?: number;
  /** Called once the connection closed on its own (a newer version asked for it, or the browser closed it). */
  onClose?: () => void;
}

/** Thrown when another connection kept the database blocked past the time limit. */
class StoreBlockedError extends Error {
  override name = 'StoreBlockedError';
}

/** Opens (and creates or upgrades) the database `name`. */
export async function openDatabase(name: string, options: OpenOptions = {}): Promise<LensDb> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let giveUp: ((error: Error) => void) | undefined;
  const timedOut = new Promise<never>((_, reject) => (giveUp = reject));
  const opening = openWithUpgrade(name, {
    blocked: () => {
      timer ??= setTimeout(
        () => giveUp?.(new StoreBlockedError(`database "${name}" is held open by an older version of the extension: close its other pages and try again`)),
        options.blockedTimeoutMs ?? OPEN_BLOCKED_TIMEOUT_MS,
      );
    },
    blocking: (event) => {
      // A newer version waits for this connection: let it go (callers open again when they need to).
      (event.target as IDBDatabase).close();
      options.onClose?.();
    },
    terminated: () => options.onClose?.(),
  });
  try {
    return await Promise.race([opening, timedOut]);
  } catch (error) {
    // The abandoned request may still open later: that connection is closed at once.
    opening.then((db) => db.close()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function openWithUpgrade(
  name: string,
  callbacks: { blocked: () => void; blocking: (event: IDBVersionChangeEvent) => void; terminated: () => void },
): Promise<LensDb> {
  return openDB<LensDbSchema>(name, DB_VERSION, {
    blocked: callbacks.blocked,
    blocking: (_current, _blocked, event) => callbacks.blocking(event),
    terminated: callbacks.terminated,
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
      // v5: each chunk's cards beside it (created before the v1 migration, whose chunk writes fill it).
      if (oldVersion < 5) db.createObjectStore('chunkCards', { keyPath: 'key' });
      const writeTx = tx as unknown as WriteTx;
      if (oldVersion === 1) await migrateV1Articles(raw, writeTx);
      // v2 had no key records; v3's lack the badge facts.
      if (oldVersion === 2 || oldVersion === 3) await rebuildChunkKeys(writeTx);
      if (oldVersion >= 1 && oldVersion < 4) await compactInTx(writeTx);
      if (oldVersion >= 2 && oldVersion < 5) await fillChunkCards(writeTx);
    },
  });
}

/**
 * v2 → v3: key lists computed from the stored chunks (v2 kept them only in its old index). Chunks
 * are read one at a time with a cursor: the whole store at once would be one huge clone at 100k articles.
 */
async function rebuildChunkKeys(tx: WriteTx): Promise<void> {
  const writes = new RequestQueue();
  for (let cursor = await tx.objectStore('chunks').openCursor(); cursor; cursor = await cursor.continue()) {
    const chunk = cursor.value;
    const entries: [string, string][] = [];
    for (const article of chunk.articles) for (const entryKey of indexKeys(article)) entries.push([entryKey, article.id]);
    writes.add(tx.objectStore('chunkKeys').put({ key: chunk.key, entries, facts: factRows(chunk.articles) }));
  }
  await writes.done();
}

/**
 * v2–v4 → v5: the cards of every stored chunk, a chunk at a time with a cursor (reads also fall back
 * to the chunk for a card record that is missing).
 */
async function fillChunkCards(tx: WriteTx): Promise<void> {
  const writes = new RequestQueue();
  for (let cursor = await tx.objectStore('chunks').openCursor(); cursor; cursor = await cursor.continue()) {
    writes.add(tx.objectStore('chunkCards').put(cardsRecord(cursor.value.key, cursor.value.articles)));
  }
  await writes.done();
}

/** v1 → v2: per-article records move into chunks of their first source, keeping every article. */
async function migrateV1Articles(db: IDBPDatabase, tx: WriteTx): Promise<void> {
  if (!db.objectStoreNames.contains('articles')) return;
  const legacy = (tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>).objectStore('articles');
  const groups = new Map<string, { feed: string; month: string; part: number; articles: Article[] }>();
  // Read with a cursor, record by record, never the whole store at once.
  for (let cursor = await legacy.openCursor(); cursor; cursor = await cursor.continue()) {
    // A v1 record that is no longer a valid Article (older shape, corruption) cannot be indexed; it
    // is skipped rather than failing the upgrade, which would lock the user out of the database.
    const parsed = Article.safeParse(cursor.value);
    if (!parsed.success) continue;
    const article = parsed.data;
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
