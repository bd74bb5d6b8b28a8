/**
 * The ranking corpus is built once per data change and persisted: a restarted worker loads the
 * snapshot instead of reading and tokenizing every article, and gets the same answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { createCorpus, toCard, type CorpusSnapshot } from '../../../lib/app/corpus';
import { ANALYZER_VERSION } from '../../../lib/rank/text';
import { openStore } from '../../../lib/store/store';
import { newFeedState } from '../../../lib/model/feed-state';
import { fakeArticle } from '../../fixtures/fake-article';
import { countSlicer, type Slicer } from '../../../lib/model/slices';

const FEED = 'https://bundles.example.org/health/manifest.json';

function articles() {
  const topics = ['AI in Healthcare', 'AI'];
  return [
    fakeArticle({ title: 'Hospital tests sepsis alert model', urls: { web: 'https://news.example.org/a' }, topics }),
    fakeArticle({ title: 'Sepsis alert pilot shows fewer missed cases', urls: { web: 'https://news.example.org/b' }, topics }),
    fakeArticle({ title: 'Radiology startup reads chest scans', urls: { web: 'https://news.example.org/c' }, topics }),
    fakeArticle({ title: 'Warehouse robots pick parcels', urls: { web: 'https://news.example.org/d' }, topics: ['AI in Robotics', 'AI'] }),
  ];
}

describe('corpus', () => {
  it('is built once per data change; a restarted worker loads the snapshot', async () => {
    const store = await openStore(`corpus-${process.pid}-1`);
    await store.replaceMonth(FEED, '2021-09', articles(), 'h1', newFeedState(FEED, 'bundle'), 1);
    const all = vi.spyOn(store, 'forEachChunkBatch');
    const first = await createCorpus(store);
    expect(all).toHaveBeenCalledTimes(1);
    const source = articles()[0]!;
    const ranked = (await first.related(source, { topics: ['AI in Healthcare'] })).map((s) => s.url);
    expect(ranked[0]).toBe('https://news.example.org/b');

    const second = await createCorpus(store); // as a new worker would
    expect(all).toHaveBeenCalledTimes(1);
    expect((await second.related(source, { topics: ['AI in Healthcare'] })).map((s) => s.url)).toEqual(ranked);
    expect(second.size).toBe(first.size);

    // New data: the snapshot is stale and the corpus is rebuilt.
    const extra = fakeArticle({ title: 'Sepsis alerts reach a fourth hospital', urls: { web: 'https://news.example.org/e' } });
    await store.replaceMonth(FEED, '2021-10', [extra], 'h2', newFeedState(FEED, 'bundle'), 2);
    const third = await createCorpus(store);
    expect(all).toHaveBeenCalledTimes(2);
    expect(third.size).toBe(first.size + 1);
    store.close();
  });

  it('rebuilds a snapshot written by another text analyzer instead of querying it with unknown terms', async () => {
    const store = await openStore(`corpus-${process.pid}-2`);
    await store.replaceMonth(FEED, '2021-09', articles(), 'h1', newFeedState(FEED, 'bundle'), 1);
    const all = vi.spyOn(store, 'forEachChunkBatch');
    await createCorpus(store);
    const saved = await store.getMeta<CorpusSnapshot>('corpusSnapshot');
    expect(saved?.analyzer).toBe(ANALYZER_VERSION);
    await store.putMeta('corpusSnapshot', { ...saved, analyzer: ANALYZER_VERSION - 1 });
    const rebuilt = await createCorpus(store);
    expect(all).toHaveBeenCalledTimes(2);
    expect(rebuilt.size).toBe(4);
    expect((await store.getMeta<CorpusSnapshot>('corpusSnapshot'))?.analyzer).toBe(ANALYZER_VERSION);
    store.close();
  });

  it('keeps only the index in memory and snapshot: cards of the shown articles are read from the store', async () => {
    const store = await openStore(`corpus-${process.pid}-3`);
    await store.replaceMonth(FEED, '2021-09', articles(), 'h1', newFeedState(FEED, 'bundle'), 1);
    const corpus = await createCorpus(store);
    const saved = await store.getMeta<Record<string, unknown>>('corpusSnapshot');
    expect(saved?.format).toBe(2);
    expect(saved).not.toHaveProperty('cards');
    const reads = vi.spyOn(store, 'getCards');
    const whole = vi.spyOn(store, 'getArticles');
    const one = vi.spyOn(store, 'getArticle');
    const transactions = vi.spyOn(store.db, 'transaction');
    const related = await corpus.related(articles()[0]!, { topics: ['AI in Healthcare'], limit: 3 });
    expect(related.map((s) => s.url)).toContain('https://news.example.org/b');
    expect(related.length).toBeGreaterThan(1);
    // The shown cards come in one read of the store's card records: one transaction for the whole list, not one per card.
    expect(reads).toHaveBeenCalledTimes(1);
    expect(whole).not.toHaveBeenCalled();
    expect(one).not.toHaveBeenCalled();
    expect(transactions.mock.calls.filter(([stores]) => ([stores].flat() as string[]).includes('chunks'))).toHaveLength(1);
    // A card shown again comes from the small cache.
    reads.mockClear();
    await corpus.related(articles()[0]!, { topics: ['AI in Healthcare'], limit: 3 });
    expect(reads).not.toHaveBeenCalled();
    store.close();
  });

  it('rebuilds a format-1 snapshot (one card per article)', async () => {
    const store = await openStore(`corpus-${process.pid}-4`);
    await store.replaceMonth(FEED, '2021-09', articles(), 'h1', newFeedState(FEED, 'bundle'), 1);
    await createCorpus(store);
    const saved = await store.getMeta<CorpusSnapshot>('corpusSnapshot');
    await store.putMeta('corpusSnapshot', { ...saved, format: 1, cards: articles() });
    const all = vi.spyOn(store, 'forEachChunkBatch');
    const rebuilt = await createCorpus(store);
    expect(all).toHaveBeenCalledTimes(1);
    expect(rebuilt.size).toBe(4);
    expect((await store.getMeta<CorpusSnapshot>('corpusSnapshot'))?.format).toBe(2);
    store.close();
  });

  it('indexes an article stored by two feeds once, merged', async () => {
    const store = await openStore(`corpus-${process.pid}-5`);
    const other = 'https://bundles.example.org/robots/manifest.json';
    const shared = articles()[0]!;
    await store.replaceMonth(FEED, '2021-09', articles(), 'h1', newFeedState(FEED, 'bundle'), 1);
    await store.replaceMonth(other, '2021-09', [{ ...shared, topics: ['AI in Robotics'] }], 'h2', newFeedState(other, 'bundle'), 2);
    const corpus = await createCorpus(store);
    expect(corpus.size).toBe(4);
    const topics = new Map(corpus.summary().topics.map((t) => [t.topic, t.count]));
    expect(topics.get('AI in Robotics')).toBe(2);
    expect(topics.get('AI in Healthcare')).toBe(3);
    store.close();
  });

  it('keeps cards, not records: no excerpt (a related item shows none), no related list, the first image', () => {
    const card = toCard(fakeArticle({ excerpt: 'x'.repeat(2000), images: [{ url: 'https://img.example.org/a.jpg', width: 10 }, { url: 'https://img.example.org/b.jpg' }] }));
    expect(card.excerpt).toBe('');
    expect(card.related).toEqual([]);
    expect(card.images).toEqual([{ url: 'https://img.example.org/a.jpg' }]);
  });

  it('builds in slices on the worker: many pauses, and the same snapshot as a build that never pauses', async () => {
    const many = Array.from({ length: 600 }, (_, i) =>
      fakeArticle({ title: `Made-up sepsis alert study ${i}`, excerpt: `Nurses review alert ${i % 17} in pilot ${i % 29}.`, urls: { web: `https://news.example.org/s/${i}` } }),
    );
    const build = async (name: string, slicer: Slicer) => {
      const store = await openStore(`corpus-${process.pid}-${name}`);
      await store.replaceMonth(FEED, '2021-09', many, 'h1', newFeedState(FEED, 'bundle'), 1);
      const corpus = await createCorpus(store, slicer);
      const saved = await store.getMeta<CorpusSnapshot>('corpusSnapshot');
      store.close();
      return { corpus, saved };
    };
    const never: Slicer = { due: () => false, pause: () => Promise.resolve(), pauses: 0 };
    const plain = await build('plain', never);
    const slicer = countSlicer(1, () => Promise.resolve());
    const sliced = await build('sliced', slicer);
    // One pause per article added at least, besides the index's own checkpoints.
    expect(slicer.pauses).toBeGreaterThan(many.length);
    expect(sliced.saved?.index).toEqual(plain.saved?.index);
    expect(sliced.corpus.size).toBe(600);
  });
});
