/**
 * Read helpers of the Store: a lookup through the bucketed URL index, and merging one article over
 * the chunks that hold it. Imported by lib/store/store.ts only.
 */
import type { Article } from '../model/article';
import { mergeArticle } from '../model/merge';
import type { BadgeFacts, UrlTable } from './url-table';
import { ID_KEY_PREFIX, urlBucket, type ChunkRecord, type ReadTx } from './schema';

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
