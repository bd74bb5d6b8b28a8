/**
 * The IndexedDB layout: store names, record shapes, schema versions and the keys records are filed
 * under (chunk keys, URL buckets, months). Types and pure helpers only; opened by lib/store/open.ts.
 *
 * Why chunks: one IndexedDB record per article costs ~190 µs in Chromium however it is written;
 * a few thousand larger records per 100k articles cost a fraction of that, while a lookup stays two
 * key reads (one index bucket, one chunk). A chunk belongs to one feed, so a bundle shard replaces
 * its chunks wholesale and an API page merges into its months; an article present in several
 * feeds is merged on read (fresher chunk wins field by field, see lib/model/merge.ts).
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import type { Article } from '../model/article';
import type { FeedState } from '../model/feed-state';
import { toCard } from '../model/card';
import { articleMatchKeys } from '../match/match-key';
import type { FactRow } from './url-table';

/** Database name; tests pass their own to stay isolated. */
export const DB_NAME = 'health-ai-lens';
/**
 * v1: one record per article. v2: chunks + per-chunk index records. v3: chunks + compacted index.
 * v4: chunk key records carry badge facts, and compaction persists the in-memory URL table.
 * v5: each chunk's cards (ChunkCardsRecord) are stored beside it.
 */
export const DB_VERSION = 5;
/** Number of URL-index buckets: ~170 keys per bucket at 100k articles keeps a lookup read small. */
const URL_BUCKETS = 2048;
/** Most articles per chunk: big enough to amortize per-record cost. */
export const CHUNK_TARGET = 64;
/**
 * A bundle month's chunk is closed once its articles reach about this many JSON characters. Chromium
 * keeps an IndexedDB value over 64 KiB as a separate blob file, and reading one costs milliseconds
 * more than an inline value (the full-article lookup's tail); one more article past this mark stays under it.
 */
export const CHUNK_CHARS = 44_000;
/** Parts per month for feeds merged page by page (JSON API), whose month sizes are unknown up front. */
export const MERGE_PARTS = 4;
/** Meta key set while chunks changed since the index was last compacted. */
export const INDEX_DIRTY = 'indexDirty';
/** Meta key caching the distinct article count, refreshed by each compaction. */
export const ARTICLE_COUNT = 'articleCount';
/** Meta key counting compactions: changes whenever stored articles did (caches key on it). */
export const DATA_VERSION = 'dataVersion';
/** Meta key of the persisted URL table (lib/store/url-table.ts), rewritten by every compaction. */
export const URL_TABLE = 'urlTable';
/** Prefix of the index entry that maps an article id to its chunk. */
export const ID_KEY_PREFIX = '#';

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
interface ChunkKeysRecord {
  key: string;
  /** `[matchKey | '#'+id, articleId]` for every article of the chunk. */
  entries: [string, string][];
  /** Badge facts per article (v4; absent in records written before). */
  facts?: FactRow[];
}

/**
 * The cards of a chunk's articles (lib/model/card.ts), each as its own JSON text: a related list
 * reads one small record per chunk instead of the chunk, and parses only the cards it shows
 * (cloning a list of strings out of IndexedDB is a copy; 25 card objects would each be rebuilt).
 */
export interface ChunkCardsRecord {
  key: string;
  /** Article ids, in the order of `cards`. */
  ids: string[];
  /** `JSON.stringify(toCard(article))` per article. */
  cards: string[];
}

/** One bucket of the compacted URL index. */
interface UrlIndexRecord {
  bucket: number;
  /** `[matchKey | '#'+id, articleId, chunkKey]`. */
  entries: [string, string, string][];
}

export interface LensDbSchema extends DBSchema {
  chunks: { key: string; value: ChunkRecord };
  chunkInfo: { key: string; value: ChunkInfo; indexes: { byFeed: string; byFeedMonth: [string, string] } };
  chunkKeys: { key: string; value: ChunkKeysRecord };
  chunkCards: { key: string; value: ChunkCardsRecord };
  urlIndex: { key: number; value: UrlIndexRecord };
  feeds: { key: string; value: FeedState };
  meta: { key: string; value: unknown };
}

export type LensDb = IDBPDatabase<LensDbSchema>;
/** Every store a write may touch: writes take them all, so one transaction holds data and checkpoint. */
export const WRITE_STORES = ['chunks', 'chunkInfo', 'chunkKeys', 'chunkCards', 'urlIndex', 'feeds', 'meta'] as const;
export type WriteTx = IDBPTransaction<LensDbSchema, (typeof WRITE_STORES)[number][], 'readwrite'>;
export type ReadTx = IDBPTransaction<LensDbSchema, ('urlIndex' | 'chunks')[], 'readonly'>;
export type CardTx = IDBPTransaction<LensDbSchema, ('urlIndex' | 'chunks' | 'chunkCards')[], 'readonly'>;

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

/** Keys under which an article can be found: its URL match keys (precomputed) and its id. */
export function indexKeys(article: Article): string[] {
  return [...new Set([...articleMatchKeys(article.urls), ID_KEY_PREFIX + article.id])];
}

/** The card record of chunk `key` holding `articles`. */
export function cardsRecord(key: string, articles: readonly Article[]): ChunkCardsRecord {
  return { key, ids: articles.map((a) => a.id), cards: articles.map((a) => JSON.stringify(toCard(a))) };
}

/** A chunk's badge facts, stored with its keys so compaction builds the URL table without reading articles. */
export function factRows(articles: readonly Article[]): FactRow[] {
  return articles.map((a) => [a.id, a.title, a.quality ?? null, a.publishedAt]);
}

/**
 * About how many JSON characters `article` takes (within a few percent for real records), without
 * serializing it: an import weighs every article.
 */
export function articleChars(article: Article): number {
  let n = 260 + article.id.length + article.title.length + article.excerpt.length + article.provider.name.length + article.provider.domain.length;
  const { web, original, amp, cdnAmp } = article.urls;
  n += web.length + (original?.length ?? 0) + (amp?.length ?? 0) + (cdnAmp?.length ?? 0);
  for (const topic of article.topics) n += topic.length + 3;
  for (const source of article.sources) n += source.length + 3;
  for (const image of article.images ?? []) n += image.url.length + 40;
  for (const r of article.related) {
    n += 120 + r.title.length + r.url.length + (r.excerpt?.length ?? 0) + (r.provider ? r.provider.name.length + r.provider.domain.length : 0);
    n += (r.ampUrl?.length ?? 0) + (r.cdnAmpUrl?.length ?? 0) + (r.image?.length ?? 0);
  }
  return n;
}
