/**
 * The chunked IndexedDB store on fake-indexeddb: lookups by match key and id, merge across feeds on
 * read, month replacement and page merges, counts and removals. Each test opens its own database.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, CHUNK_TARGET, type Store } from '../../../lib/store/store';
import { newFeedState } from '../../../lib/model/feed-state';
import { candidateMatchKeys } from '../../../lib/match/match-key';
import type { Article } from '../../../lib/model/article';
import { toCard } from '../../../lib/model/card';
import { fakeArticle } from '../../fixtures/fake-article';
import { bundleArticle } from '../../fixtures/hostile-feeds/feeds';

const API = 'https://feeds.example.org/api/news/ai-in-healthcare/';
const BUNDLE = 'https://bundles.example.org/health/manifest.json';
let dbCount = 0;
const stores: Store[] = [];
async function freshStore(): Promise<Store> {
  const store = await openStore(`store-test-${process.pid}-${++dbCount}`);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const apiState = newFeedState(API, 'api');
const bundleState = newFeedState(BUNDLE, 'bundle');
const sepsis = fakeArticle({ sources: [API] });
const find = (store: Store, url: string) => store.findByMatchKeys(candidateMatchKeys(url));

describe('lookups', () => {
  it('finds an article by every URL form a reader may land on', async () => {
    const store = await freshStore();
    await store.mergeArticles(API, [sepsis], apiState, 1);
    const web = sepsis.urls.web;
    for (const url of [
      web,
      web.replace('https://www.', 'http://'),
      `${web}?utm_source=newsletter&utm_medium=email`,
      `${web}#comments`,
      `${web}amp/`,
      `${web}?outputType=amp`,
      sepsis.urls.cdnAmp!,
    ]) {
      expect((await find(store, url))?.id, url).toBe(sepsis.id);
    }
    expect(await find(store, 'https://www.example-health-news.com/2021/09/20/another-story/')).toBeUndefined();
  });

  it('getArticle by id; misses are undefined', async () => {
    const store = await freshStore();
    await store.mergeArticles(API, [sepsis], apiState, 1);
    // A new article takes the write's time as updatedAt; everything else is as given.
    expect(await store.getArticle(sepsis.id)).toEqual({ ...sepsis, updatedAt: 1 });
    expect(await store.getArticle('nope')).toBeUndefined();
  });

  it('an article present in two feeds is merged on read (fresher wins, sources united, nothing erased)', async () => {
    const store = await freshStore();
    const fromBundle = { ...sepsis, sources: [BUNDLE], quality: 70, updatedAt: 10 };
    const fromApi = { ...sepsis, sources: [API], title: 'Updated headline', quality: undefined, updatedAt: 20 };
    await store.replaceMonth(BUNDLE, '2021-09', [fromBundle], 'h1', bundleState, 10);
    await store.mergeArticles(API, [fromApi], apiState, 20);
    const merged = await store.getArticle(sepsis.id);
    expect(merged).toMatchObject({ title: 'Updated headline', quality: 70 });
    expect(merged!.sources.sort()).toEqual([API, BUNDLE].sort());
    expect(await find(store, sepsis.urls.amp!)).toEqual(merged);
    expect(await store.allArticles()).toEqual([merged]);
    expect(await store.countArticles()).toBe(1);
  });
});

describe('reads of several articles and repeated reads', () => {
  const many = (n: number, monthOf: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ ...bundleArticle(i + 1, monthOf(i)), sources: [BUNDLE] }));

  it('getArticles reads a list of cards in one transaction, merged across feeds; misses are left out', async () => {
    const store = await freshStore();
    const articles = many(120, (i) => (i % 3 === 0 ? '2021-04' : i % 3 === 1 ? '2021-05' : '2021-06'));
    for (const m of ['2021-04', '2021-05', '2021-06']) {
      await store.replaceMonth(BUNDLE, m, articles.filter((a) => a.publishedAt.startsWith(m)), undefined, bundleState, 1);
    }
    const fresher = { ...articles[4]!, sources: [API], updatedAt: 9 };
    await store.mergeArticles(API, [fresher], apiState, 9);
    expect(await store.tableReady()).toBe(true);
    const wanted = [...articles.slice(0, 15).map((a) => a.id), 'no-such-id'];
    const transaction = vi.spyOn(store.db, 'transaction');
    const read = await store.getArticles(wanted);
    expect(transaction).toHaveBeenCalledTimes(1);
    transaction.mockRestore();
    expect([...read.keys()].sort()).toEqual(articles.slice(0, 15).map((a) => a.id).sort());
    for (const a of articles.slice(0, 15)) expect(read.get(a.id)).toEqual(await store.getArticle(a.id));
    expect([...read.get(fresher.id)!.sources].sort()).toEqual([API, BUNDLE].sort());
  });

  it('getArticles answers from the exact index while the URL table is not loaded', async () => {
    const store = await freshStore();
    const articles = many(10, () => '2021-05');
    await store.replaceMonth(BUNDLE, '2021-05', articles, undefined, bundleState, 1);
    await store.compactIndex();
    // Another instance has no table in memory yet: its first read goes through the bucketed index.
    const other = await openStore(store.db.name);
    stores.push(other);
    const read = await other.getArticles([articles[2]!.id, articles[7]!.id, 'no-such-id']);
    expect([...read.keys()].sort()).toEqual([articles[2]!.id, articles[7]!.id].sort());
  });

  it('getCards gives each article the card its whole record gives, merged across feeds, in one transaction', async () => {
    const store = await freshStore();
    const articles = many(90, (i) => (i % 2 === 0 ? '2021-04' : '2021-05'));
    for (const m of ['2021-04', '2021-05']) {
      await store.replaceMonth(BUNDLE, m, articles.filter((a) => a.publishedAt.startsWith(m)), undefined, bundleState, 1);
    }
    const fresher = { ...articles[3]!, sources: [API], title: 'Zeta: a fresher headline', excerpt: 'y'.repeat(900), updatedAt: 9 };
    await store.mergeArticles(API, [fresher], apiState, 9);
    expect(await store.tableReady()).toBe(true);
    const wanted = [...articles.slice(0, 12).map((a) => a.id), 'no-such-id'];
    const transaction = vi.spyOn(store.db, 'transaction');
    const cards = await store.getCards(wanted);
    expect(transaction).toHaveBeenCalledTimes(1);
    transaction.mockRestore();
    expect([...cards.keys()].sort()).toEqual(articles.slice(0, 12).map((a) => a.id).sort());
    for (const a of articles.slice(0, 12)) expect(cards.get(a.id)).toEqual(toCard((await store.getArticle(a.id))!));
    expect(cards.get(fresher.id)).toMatchObject({ title: 'Zeta: a fresher headline', provider: fresher.provider });
  });

  it('getCards reads the chunks\' card records, not the chunks', async () => {
    const store = await freshStore();
    const articles = many(40, () => '2021-05');
    await store.replaceMonth(BUNDLE, '2021-05', articles, undefined, bundleState, 1);
    expect(await store.tableReady()).toBe(true);
    const expected = new Map(articles.slice(0, 10).map((a) => [a.id, toCard({ ...a, updatedAt: 1 })] as const));
    // With the chunks gone, only the card records can answer.
    await store.db.clear('chunks');
    expect(await store.getCards([...expected.keys()])).toEqual(expected);
  });

  it('getCards falls back to the chunks for a store written before card records existed', async () => {
    const store = await freshStore();
    const articles = many(40, () => '2021-05');
    await store.replaceMonth(BUNDLE, '2021-05', articles, undefined, bundleState, 1);
    expect(await store.tableReady()).toBe(true);
    const ids = articles.slice(5, 15).map((a) => a.id);
    const before = await store.getCards(ids);
    await store.db.clear('chunkCards');
    expect(await store.getCards(ids)).toEqual(before);
    // Another instance without the URL table in memory answers through the exact index the same way.
    const other = await openStore(store.db.name);
    stores.push(other);
    expect(await other.getCards(ids)).toEqual(before);
  });

  it('card records follow every write: a rewritten month shows its new cards, a removed feed leaves none', async () => {
    const store = await freshStore();
    const articles = many(10, () => '2021-05');
    await store.replaceMonth(BUNDLE, '2021-05', articles, 'h1', bundleState, 1);
    const revised = articles.map((a) => ({ ...a, title: `Revised: ${a.title}` }));
    await store.replaceMonth(BUNDLE, '2021-05', revised, 'h2', bundleState, 2);
    const cards = await store.getCards(revised.map((a) => a.id));
    for (const a of revised) expect(cards.get(a.id)?.title).toBe(a.title);
    expect((await store.db.getAll('chunkCards')).flatMap((r) => r.ids).sort()).toEqual(revised.map((a) => a.id).sort());
    await store.deleteFeed(BUNDLE);
    expect(await store.db.count('chunkCards')).toBe(0);
    expect((await store.getCards(revised.map((a) => a.id))).size).toBe(0);
  });

  it('an article read whole is kept for the next lookup, and forgotten by any write', async () => {
    const store = await freshStore();
    await store.mergeArticles(API, [sepsis], apiState, 1);
    expect(await store.tableReady()).toBe(true);
    expect((await find(store, sepsis.urls.web))?.title).toBe(sepsis.title);
    const transaction = vi.spyOn(store.db, 'transaction');
    expect((await find(store, sepsis.urls.web))?.title).toBe(sepsis.title);
    expect((await store.getArticle(sepsis.id))?.title).toBe(sepsis.title);
    expect(transaction).not.toHaveBeenCalled();
    transaction.mockRestore();
    await store.mergeArticles(API, [{ ...sepsis, title: 'A corrected headline' }], apiState, 2);
    expect((await find(store, sepsis.urls.web))?.title).toBe('A corrected headline');
    expect((await store.getArticle(sepsis.id))?.title).toBe('A corrected headline');
  });
});

describe('bundle months', () => {
  const month = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ ...bundleArticle(from + i, '2021-05'), sources: [BUNDLE] }));

  it('replaceMonth drops removed articles and their URL keys, counts what changed', async () => {
    const store = await freshStore();
    const first = month(4);
    expect(await store.replaceMonth(BUNDLE, '2021-05', first, 'a', bundleState, 1)).toEqual({ added: 4, updated: 0, unchanged: 0, removed: 0 });
    const next = [first[0]!, { ...first[1]!, title: 'Changed' }, ...month(1, 50)];
    expect(await store.replaceMonth(BUNDLE, '2021-05', next, 'b', bundleState, 2)).toEqual({ added: 1, updated: 1, unchanged: 1, removed: 2 });
    expect(await store.countArticles()).toBe(3);
    for (const gone of first.slice(2)) {
      expect(await find(store, gone.urls.web)).toBeUndefined();
      expect(await store.getArticle(gone.id)).toBeUndefined();
    }
    expect((await store.chunkInfos(BUNDLE)).map((c) => c.hash)).toEqual(['b']);
    // The URL index holds exactly the keys of what is stored: nothing stale.
    const indexed = new Set((await store.db.getAll('urlIndex')).flatMap((r) => r.entries.map(([, id]) => id)));
    expect([...indexed].sort()).toEqual(next.map((a) => a.id).sort());
  });

  it('a big month is split into chunks of at most CHUNK_TARGET articles, far fewer records than articles', async () => {
    const store = await freshStore();
    const articles = month(CHUNK_TARGET * 3);
    await store.replaceMonth(BUNDLE, '2021-05', articles, 'a', bundleState, 1);
    const chunks = await store.db.getAll('chunks');
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks.length).toBeLessThanOrEqual(6);
    expect(Math.max(...chunks.map((c) => c.articles.length))).toBeLessThanOrEqual(CHUNK_TARGET);
    // Records written per article: a chunk, its summary and its key list per CHUNK_TARGET articles.
    const written = (await store.db.count('chunks')) + (await store.db.count('chunkInfo')) + (await store.db.count('chunkKeys'));
    expect(written).toBeLessThan(articles.length / 10);
    expect(await store.countArticles()).toBe(articles.length);
    const middle = articles[Math.floor(articles.length / 2)]!;
    for (const a of [articles[0]!, middle, articles.at(-1)!]) expect((await store.getArticle(a.id))?.title).toBe(a.title);
  });

  it('a month of long articles is split by size: every chunk stays under 64 KiB (an inline IndexedDB value)', async () => {
    const store = await freshStore();
    const long = month(200).map((a, i) => ({ ...a, excerpt: `${'A made-up excerpt sentence about a clinic pilot. '.repeat(30 + (i % 20))}`, related: [{ title: `Made-up related story ${i}`, url: `https://related.example.org/story-${i}/`, excerpt: 'x'.repeat(400) }] }));
    await store.replaceMonth(BUNDLE, '2021-05', long, 'a', bundleState, 1);
    const sizes = (await store.db.getAll('chunks')).map((c) => JSON.stringify(c.articles).length);
    expect(Math.max(...sizes)).toBeLessThan(65_536);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeGreaterThan(30_000);
    expect(await store.countArticles()).toBe(200);
    for (const a of [long[0]!, long[117]!, long[199]!]) expect((await store.getArticle(a.id))?.excerpt).toBe(a.excerpt);
  });

  it('a month goes to IndexedDB in one go: no read of each chunk before writing it, old chunks read and deleted together', async () => {
    const store = await freshStore();
    await store.replaceMonth(BUNDLE, '2021-05', month(CHUNK_TARGET * 3), 'a', bundleState, 1);
    const oldChunks = (await store.chunkInfos(BUNDLE)).length;
    expect(oldChunks).toBeGreaterThanOrEqual(3);
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    try {
      const next = month(CHUNK_TARGET * 3, 2);
      expect(await store.replaceMonth(BUNDLE, '2021-05', next, 'b', bundleState, 2)).toEqual({ added: 1, updated: 0, unchanged: CHUNK_TARGET * 3 - 1, removed: 1 });
      // Only the old chunks are read (their articles count as unchanged or kept); never a summary per new chunk.
      const read = gets.mock.contexts.map((objectStore) => (objectStore as IDBObjectStore).name);
      expect(read.filter((name) => name === 'chunkInfo')).toEqual([]);
      expect(read.filter((name) => name === 'chunks').length).toBe(oldChunks);
      expect(new Set((await store.chunkInfos(BUNDLE)).map((c) => c.hash))).toEqual(new Set(['b']));
      expect(await store.countArticles()).toBe(next.length);
    } finally {
      gets.mockRestore();
    }
  });

  it('keepMissing keeps old articles the new month lacks', async () => {
    const store = await freshStore();
    await store.replaceMonth(BUNDLE, '2021-05', month(3), 'a', bundleState, 1);
    const counts = await store.replaceMonth(BUNDLE, '2021-05', month(1, 9), 'b', bundleState, 2, { keepMissing: true });
    expect(counts).toMatchObject({ added: 1, removed: 0, unchanged: 3 });
    expect(await store.countArticles()).toBe(4);
  });

  it('dropMonths removes the months not kept, with their keys', async () => {
    const store = await freshStore();
    const may = month(2);
    const june = [{ ...bundleArticle(7, '2021-06'), sources: [BUNDLE] }];
    await store.replaceMonth(BUNDLE, '2021-05', may, 'a', bundleState, 1);
    await store.replaceMonth(BUNDLE, '2021-06', june, 'b', bundleState, 1);
    expect(await store.dropMonths(BUNDLE, new Set(['2021-06']), bundleState)).toBe(2);
    expect(await store.countArticles()).toBe(1);
    expect(await find(store, may[0]!.urls.web)).toBeUndefined();
    expect((await find(store, june[0]!.urls.web))?.id).toBe(june[0]!.id);
  });
});

describe('API merges', () => {
  it('mergeArticles never removes; repeated merges are unchanged', async () => {
    const store = await freshStore();
    const a = fakeArticle({ sources: [API] });
    const b = fakeArticle({ sources: [API], urls: { web: 'https://news.example.com/b/' }, publishedAt: '2020-01-01T00:00:00.000Z' });
    expect(await store.mergeArticles(API, [a, b], apiState, 1)).toMatchObject({ added: 2 });
    expect(await store.mergeArticles(API, [a], apiState, 2)).toEqual({ added: 0, updated: 0, unchanged: 1, removed: 0 });
    expect(await store.mergeArticles(API, [], apiState, 3)).toEqual({ added: 0, updated: 0, unchanged: 0, removed: 0 });
    expect(await store.countArticles()).toBe(2);
  });

  it('the feed state (checkpoint) is written in the same transaction as the data', async () => {
    const store = await freshStore();
    const state = { ...apiState, checkpoint: { runId: 'r', nextPage: 3, pagesDone: 2 } };
    await store.mergeArticles(API, [sepsis], state, 1);
    expect((await store.getFeedState(API))?.checkpoint).toEqual(state.checkpoint);
  });
});

describe('removal', () => {
  it('deleteFeed removes its articles but not those another feed also has', async () => {
    const store = await freshStore();
    const other = { ...bundleArticle(3, '2021-05'), sources: [BUNDLE] };
    await store.mergeArticles(API, [sepsis], apiState, 1);
    await store.replaceMonth(BUNDLE, '2021-09', [{ ...sepsis, sources: [BUNDLE] }], 'a', bundleState, 1);
    await store.replaceMonth(BUNDLE, '2021-05', [other], 'b', bundleState, 1);
    await store.deleteFeed(BUNDLE);
    expect(await store.countArticles()).toBe(1);
    expect((await store.getArticle(sepsis.id))?.sources).toEqual([API]);
    expect(await store.getFeedState(BUNDLE)).toBeUndefined();
  });

  it('the index is marked dirty by every write transaction (once each), so another instance sees each write', async () => {
    const store = await freshStore();
    const big = Array.from({ length: CHUNK_TARGET * 2 }, (_, i) => ({ ...bundleArticle(i + 1, '2021-05'), sources: [BUNDLE] }));
    await store.replaceMonth(BUNDLE, '2021-05', big, 'a', bundleState, 1);
    expect(await store.getMeta('indexDirty')).toBe(true);
    expect(await store.compactIndex()).toBe(true);
    expect(await store.getMeta('indexDirty')).toBeUndefined();
    await store.mergeArticles(API, [sepsis], apiState, 2);
    expect(await store.getMeta('indexDirty')).toBe(true);
    // A second instance (another context) trusts only the persisted flag.
    const other = await openStore(store.db.name);
    stores.push(other);
    expect((await find(other, sepsis.urls.web))?.id).toBe(sepsis.id);
    await store.deleteFeed(API);
    expect(await store.getMeta('indexDirty')).toBe(true);
    const third = await openStore(store.db.name);
    stores.push(third);
    expect(await find(third, sepsis.urls.web)).toBeUndefined();
  });

  it('clearAll empties everything', async () => {
    const store = await freshStore();
    await store.mergeArticles(API, [sepsis], apiState, 1);
    await store.putMeta('runStatus', { state: 'idle' });
    await store.clearAll();
    expect(await store.countArticles()).toBe(0);
    expect(await store.allArticles()).toEqual([] as Article[]);
    expect(await find(store, sepsis.urls.web)).toBeUndefined();
    expect(await store.allFeedStates()).toEqual([]);
    expect(await store.getMeta('runStatus')).toBeUndefined();
  });
});

describe('updateMeta', () => {
  it('compare-and-set: undefined leaves the value as it is', async () => {
    const store = await freshStore();
    expect(await store.updateMeta<number>('n', (v) => (v ?? 0) + 1)).toBe(1);
    expect(await store.updateMeta<number>('n', () => undefined)).toBeUndefined();
    expect(await store.getMeta('n')).toBe(1);
  });
});
