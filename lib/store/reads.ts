/**
 * Read helpers of the Store: a lookup through the bucketed URL index, merging one article over the
 * chunks that hold it, reading many articles' chunks at once, and paging through every article.
 * Imported by lib/store/store.ts only.
 */
import type { Article } from '../model/article';
import { toCard } from '../model/card';
import { mergeArticle } from '../model/merge';
import type { BadgeFacts, UrlTable } from './url-table';
import { ID_KEY_PREFIX, urlBucket, type CardTx, type ChunkRecord, type ReadTx } from './schema';

/** The article `key` points to in the bucketed index, merged over its chunks. */
export async function findInTx(tx: ReadTx, key: string): Promise<Article | undefined> {
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

/**
 * Keys of the chunks holding article `id`: from the URL table when it is current (no read; its
 * hash is checked against the id it decodes), else from the id's index bucket.
 */
export async function holdersOf(tx: ReadTx, table: UrlTable | undefined, id: string): Promise<string[]> {
  const key = ID_KEY_PREFIX + id;
  if (table) {
    const n = table.find(key);
    if (n >= 0 && table.id(n) === id) return table.chunksOf(n);
  }
  const record = await tx.objectStore('urlIndex').get(urlBucket(key));
  return [...new Set((record?.entries ?? []).filter(([entryKey]) => entryKey === key).map((entry) => entry[2]))];
}

/** Article `id` merged over the chunks that hold it, older chunks first (fresher fields win). */
export function mergeFromChunks(chunks: readonly (ChunkRecord | undefined)[], id: string): Article | undefined {
  let merged: Article | undefined;
  for (const chunk of chunks.filter(Boolean).sort((a, b) => a!.updatedAt - b!.updatedAt)) {
    const article = chunk!.articles.find((a) => a.id === id);
    if (article) merged = mergeArticle(merged, article, article.updatedAt).article;
  }
  return merged;
}

/** Badge facts of an article read in full. */
export function toFacts(article: Article | undefined): BadgeFacts | undefined {
  return article && { id: article.id, title: article.title, ...(article.quality === undefined ? {} : { quality: article.quality }) };
}

/**
 * Reads the chunks of every article in `holders` (id → chunk keys from the URL table) once each and
 * adds the merged articles to `out`; ids a chunk lacks (a hash collision) and the `unresolved` ones
 * are looked up in the exact index instead.
 */
export async function readManyInTx(tx: ReadTx, holders: ReadonlyMap<string, readonly string[]>, unresolved: string[], out: Map<string, Article>): Promise<void> {
  const keys = [...new Set([...holders.values()].flat())];
  const chunks = new Map(await Promise.all(keys.map(async (key) => [key, await tx.objectStore('chunks').get(key)] as const)));
  for (const [id, chunkKeys] of holders) {
    const article = mergeFromChunks(chunkKeys.map((key) => chunks.get(key)), id);
    if (article) out.set(id, article);
    // The table hit its hash but the chunk lacks the id (a collision): the exact index decides.
    else unresolved.push(id);
  }
  const found = await Promise.all(unresolved.map((id) => findInTx(tx, ID_KEY_PREFIX + id)));
  for (const article of found) if (article) out.set(article.id, article);
}

/**
 * Adds to `out` the cards of the articles in `holders` (id → chunk keys from the URL table) and of
 * the `unresolved` ids. An article in one chunk (one feed) is parsed from that chunk's card record,
 * each record read once; an article held by several feeds is merged from its chunks first (a card
 * of the merged article, not a merge of cards), as are ids whose chunk has no card record (a store
 * written before cards were) or lacks the id (a hash collision).
 */
export async function readCardsInTx(tx: CardTx, holders: ReadonlyMap<string, readonly string[]>, unresolved: string[], out: Map<string, Article>): Promise<void> {
  const byChunk = new Map<string, string[]>();
  const whole = new Map<string, readonly string[]>();
  for (const [id, chunkKeys] of holders) {
    if (chunkKeys.length !== 1) whole.set(id, chunkKeys);
    else {
      const ids = byChunk.get(chunkKeys[0]!);
      if (ids) ids.push(id);
      else byChunk.set(chunkKeys[0]!, [id]);
    }
  }
  const records = await Promise.all([...byChunk.keys()].map((key) => tx.objectStore('chunkCards').get(key)));
  for (const [n, [key, ids]] of [...byChunk].entries()) {
    const record = records[n];
    for (const id of ids) {
      const at = record ? record.ids.indexOf(id) : -1;
      if (at >= 0) out.set(id, JSON.parse(record!.cards[at]!) as Article);
      else whole.set(id, [key]);
    }
  }
  if (!whole.size && !unresolved.length) return;
  const articles = new Map<string, Article>();
  await readManyInTx(tx as unknown as ReadTx, whole, unresolved, articles);
  for (const article of articles.values()) out.set(article.id, toCard(article));
}

/** Chunks read per request while paging through every article: a few MB at most. */
const EXPORT_CHUNKS_PER_READ = 8;

/** Where a paged read of every article stands: the next article is number `index` of chunk `chunk` (chunk key order). */
export interface ArticleCursor {
  chunk: string;
  index: number;
}

/** One page of Store.readArticlesFrom, in `tx`; `table` when current, for the holders of an id. */
export async function readArticlesPage(
  tx: ReadTx,
  table: UrlTable | undefined,
  from: ArticleCursor | undefined,
  take: (article: Article, next: ArticleCursor) => boolean,
): Promise<ArticleCursor | undefined> {
  let range = from ? IDBKeyRange.lowerBound(from.chunk) : undefined;
  for (;;) {
    const chunks = await tx.objectStore('chunks').getAll(range, EXPORT_CHUNKS_PER_READ);
    if (!chunks.length) return undefined;
    for (const chunk of chunks) {
      for (let index = chunk.key === from?.chunk ? from.index : 0; index < chunk.articles.length; index++) {
        const stored = chunk.articles[index]!;
        const holders = await holdersOf(tx, table, stored.id);
        let article: Article | undefined = stored;
        if (holders.length > 1) {
          // Merged over every feed's copy, once: at the holder first in key order.
          const first = holders.reduce((a, b) => (b < a ? b : a));
          article = first === chunk.key ? mergeFromChunks(await Promise.all(holders.map((key) => tx.objectStore('chunks').get(key))), stored.id) : undefined;
        }
        if (article && !take(article, { chunk: chunk.key, index: index + 1 })) return { chunk: chunk.key, index };
      }
    }
    range = IDBKeyRange.lowerBound(chunks[chunks.length - 1]!.key, true);
  }
}
