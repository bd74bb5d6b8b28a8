/**
 * Opens the database at DB_VERSION, creating or upgrading it (the migrations from each older
 * layout live here). Imported by lib/store/store.ts only.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { Article } from '../model/article';
import { DB_VERSION, MERGE_PARTS, articleMonth, chunkKey, factRows, indexKeys, urlBucket, type LensDb, type LensDbSchema, type WriteTx } from './schema';
import { RequestQueue, writeChunk } from './writes';
import { compactInTx } from './compaction';

/** Opens (and creates or upgrades) the database `name`. */
export async function openDatabase(name: string): Promise<LensDb> {
  return openDB<LensDbSchema>(name, DB_VERSION, {
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
