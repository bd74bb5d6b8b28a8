/**
 * Compaction in slices: building the URL table and issuing the bucket writes pause at checkpoints (a small read in the
 * same transaction, which keeps it active), and the result is the same table and the same buckets as an unsliced run.
 * Pauses are counted, never timed.
 */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../lib/store/store';
import { compactInTx } from '../../../lib/store/compaction';
import { INDEX_DIRTY, WRITE_STORES, type WriteTx } from '../../../lib/store/schema';
import { countSlicer, type Slicer } from '../../../lib/model/slices';
import { newFeedState } from '../../../lib/model/feed-state';
import { candidateMatchKeys } from '../../../lib/match/match-key';
import { fakeArticle } from '../../fixtures/fake-article';

const FEED = 'https://bundles.example.org/health/manifest.json';

function articles(n: number, month: string) {
  return Array.from({ length: n }, (_, i) =>
    fakeArticle({ title: `Made-up story ${month} ${i}`, urls: { web: `https://news.example.org/${month}/story-${i}/` }, publishedAt: `${month}-10T10:00:00.000Z` }),
  );
}

/** One compaction in its own transaction with `slicer` (or the never-pausing one), returning the table and the buckets. */
async function compactWith(store: Awaited<ReturnType<typeof openStore>>, slicer: (tx: WriteTx) => Slicer) {
  const tx = store.db.transaction([...WRITE_STORES], 'readwrite') as unknown as WriteTx;
  const table = await compactInTx(tx, slicer(tx));
  const buckets = await tx.objectStore('urlIndex').getAll();
  await tx.done;
  return { table, buckets };
}

describe('compaction in slices', () => {
  it('pauses inside its transaction and builds the same URL table and buckets as an unsliced run', async () => {
    const store = await openStore(`compaction-slices-${process.pid}`);
    // ~3000 articles × 4 keys: rows enough for several checkpoints of the table build.
    for (const month of ['2021-07', '2021-08', '2021-09']) {
      await store.replaceMonth(FEED, month, articles(1000, month), month, newFeedState(FEED, 'bundle'), 1);
    }
    const never: Slicer = { due: () => false, pause: () => Promise.resolve(), pauses: 0 };
    const plain = await compactWith(store, () => never);
    let slicer: Slicer | undefined;
    // The pause compaction uses on the worker: a read in the same transaction (a timer would let it commit half-done).
    const sliced = await compactWith(store, (tx) => (slicer = countSlicer(1, () => tx.objectStore('meta').get(INDEX_DIRTY))));
    expect(slicer!.pauses).toBeGreaterThan(10);
    expect(sliced.table.data).toEqual(plain.table.data);
    expect(sliced.buckets).toEqual(plain.buckets);
    // And the store answers from what the sliced run wrote.
    const probe = articles(1000, '2021-08')[123]!;
    expect((await store.findByMatchKeys(candidateMatchKeys(probe.urls.web)))?.id).toBe(probe.id);
    store.close();
  });
});
