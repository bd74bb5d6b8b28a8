/**
 * Index compaction: rebuilds the bucketed URL index, the article count and the persisted URL table
 * from the chunks' key lists, inside the caller's transaction. Imported by lib/store/store.ts and
 * the schema upgrade only.
 *
 * Why a compacted index: a chunk write stores its own URL keys beside it (`chunkKeys`, one record)
 * and marks the index dirty; compaction rebuilds the bucketed index from those once per feed (or
 * lazily before a lookup), so an import writes two records per chunk instead of one index record
 * per bucket per chunk, and a lookup reads one small bucket instead of one per chunk.
 */
import type { StoreValue } from 'idb';
import { ARTICLE_COUNT, DATA_VERSION, INDEX_DIRTY, URL_TABLE, urlBucket, type ChunkInfo, type LensDbSchema, type WriteTx } from './schema';
import { UrlTable } from './url-table';
import { RequestQueue, forgetDirty } from './writes';
import { runSliced, timeSlicer, type Slicer } from '../model/slices';

/** Records read per request while compacting: a few requests per 100k articles, never one clone of a whole store. */
const READ_BATCH = 512;
/** Bucket writes issued between two checkpoints (each put clones its bucket in the calling task). */
const PUTS_PER_CHECKPOINT = 32;

/**
 * Compaction's slicer: a pause is one small read in the same transaction, not a timer. A transaction with no request
 * pending when its task ends commits, so a timer would end it half-written; the read keeps it active while the
 * worker answers what waited (a navigation's badge answers from the URL table overlay, in memory).
 */
export function compactionSlicer(tx: WriteTx): Slicer {
  return timeSlicer({ pause: () => tx.objectStore('meta').get(INDEX_DIRTY) });
}

/** Every record of `name`, read in key order a batch at a time. */
async function readInBatches<Name extends 'chunkKeys' | 'chunkInfo'>(tx: WriteTx, name: Name): Promise<StoreValue<LensDbSchema, Name>[]> {
  const out: StoreValue<LensDbSchema, Name>[] = [];
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const batch = (await tx.objectStore(name).getAll(range, READ_BATCH)) as StoreValue<LensDbSchema, Name>[];
    out.push(...batch);
    if (batch.length < READ_BATCH) return out;
    after = batch[batch.length - 1]!.key;
  }
}

/** Distinct ids over chunk summaries. */
export function countIds(infos: readonly ChunkInfo[]): number {
  const ids = new Set<string>();
  for (const info of infos) for (const id of info.ids) ids.add(id);
  return ids.size;
}

/**
 * Rebuilds every URL-index bucket from the chunks' key lists and caches the article count, in the
 * caller's transaction. Entries are ordered by chunk key, so the result does not depend on the
 * order chunks were written (a resumed sync ends with the same index as a clean one).
 */
export async function compactInTx(tx: WriteTx, slicer: Slicer = compactionSlicer(tx)): Promise<UrlTable> {
  const [keyRecords, infos] = await Promise.all([readInBatches(tx, 'chunkKeys'), readInBatches(tx, 'chunkInfo')]);
  // Batches come in key order already; sorted anyway so the result never depends on how they were read.
  keyRecords.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const updatedAt = new Map(infos.map((info) => [info.key, info.updatedAt] as const));
  const table = await runSliced(
    UrlTable.buildSteps(keyRecords.map((record) => ({ chunk: record.key, updatedAt: updatedAt.get(record.key) ?? 0, entries: record.entries, facts: record.facts }))),
    slicer,
  );
  const buckets = new Map<number, [string, string, string][]>();
  for (const record of keyRecords) {
    if (slicer.due()) await slicer.pause();
    for (const [entryKey, id] of record.entries) {
      const bucket = urlBucket(entryKey);
      let list = buckets.get(bucket);
      if (!list) buckets.set(bucket, (list = []));
      list.push([entryKey, id, record.key]);
    }
  }
  const writes = new RequestQueue();
  writes.add(tx.objectStore('urlIndex').clear());
  let puts = 0;
  for (const [bucket, entries] of buckets) {
    writes.add(tx.objectStore('urlIndex').put({ bucket, entries }));
    if (++puts % PUTS_PER_CHECKPOINT === 0 && slicer.due()) await slicer.pause();
  }
  writes.add(tx.objectStore('meta').put(countIds(infos), ARTICLE_COUNT));
  writes.add(tx.objectStore('meta').put(Date.now() + Math.random(), DATA_VERSION));
  writes.add(tx.objectStore('meta').put(table.data, URL_TABLE));
  writes.add(tx.objectStore('meta').delete(INDEX_DIRTY));
  forgetDirty(tx);
  await writes.done();
  return table;
}
