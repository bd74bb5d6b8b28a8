/**
 * The in-memory URL table (lib/store/url-table.ts) and the store's use of it: misses and badge hits read
 * nothing from IndexedDB, full hits read only the article's chunk, and the table follows every
 * write (sync merges and month replacements, feed removal, clearing) and a worker restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { UrlTable, UrlTableOverlay, keyHash, type UrlTableSource } from '../../../lib/store/url-table';
import { newFeedState } from '../../../lib/model/feed-state';
import { candidateMatchKeys } from '../../../lib/match/match-key';
import { fakeArticle } from '../../fixtures/fake-article';
import { bundleArticle } from '../../fixtures/hostile-feeds/feeds';

const API = 'https://feeds.example.org/api/news/ai-in-healthcare/';
const BUNDLE = 'https://bundles.example.org/health/manifest.json';
const apiState = newFeedState(API, 'api');
const bundleState = newFeedState(BUNDLE, 'bundle');
const sepsis = fakeArticle({ sources: [API] });
const MISS = 'https://unknown.example.net/2021/06/01/some-story/';

describe('UrlTable', () => {
  const sources: UrlTableSource[] = [
    { chunk: 'a', updatedAt: 20, entries: [['k1', 'x'], ['#x', 'x'], ['shared', 'x']], facts: [['x', 'Newer title', null]] },
    { chunk: 'b', updatedAt: 10, entries: [['k2', 'y'], ['#y', 'y'], ['shared', 'y'], ['k1', 'x'], ['#x', 'x']], facts: [['y', 'Y', 7], ['x', 'Older title', 55]] },
    { chunk: 'c', updatedAt: 5, entries: [['k3', 'z']] },
  ];
  const table = UrlTable.build(sources);

  it('finds every key, misses the rest; the first chunk wins a key two articles claim', () => {
    expect(table.id(table.find('k1'))).toBe('x');
    expect(table.id(table.find('k2'))).toBe('y');
    expect(table.id(table.find('shared'))).toBe('x');
    expect(table.find('nope')).toBe(-1);
    expect(table.findFirst(['nope', 'k2', 'k1'])).toMatchObject({ key: 'k2' });
    expect(table.keyCount).toBe(6);
    expect(table.articleCount).toBe(3);
  });

  it('facts merge like articles: fresher chunk wins, a missing field never erases a present one', () => {
    expect(table.facts(table.find('k1'))).toEqual({ id: 'x', title: 'Newer title', quality: 55 });
    expect(table.facts(table.find('k2'))).toEqual({ id: 'y', title: 'Y', quality: 7 });
    // Built from a key record without facts: unknown, so callers read the article instead.
    expect(table.facts(table.find('k3'))).toBeUndefined();
  });

  it('knows every chunk that holds an article', () => {
    expect(table.chunksOf(table.find('#x')).sort()).toEqual(['a', 'b']);
    expect(table.chunksOf(table.find('#y'))).toEqual(['b']);
  });

  it('survives a structured clone (what IndexedDB stores) and rejects other shapes', () => {
    const copy = new UrlTable(structuredClone(table.data));
    expect(copy.facts(copy.find('k1'))).toEqual(table.facts(table.find('k1')));
    expect(UrlTable.isData(structuredClone(table.data))).toBe(true);
    expect(UrlTable.isData({ format: 2 })).toBe(false);
    expect(UrlTable.isData(undefined)).toBe(false);
  });

  it('hashes are 64-bit, stable and spread out', () => {
    expect(keyHash('example.org/a')).toEqual(keyHash('example.org/a'));
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(keyHash(`example.org/story-${i}`).join(':'));
    expect(seen.size).toBe(50_000);
  });

  it('non-Latin titles and ids round-trip', () => {
    const t = UrlTable.build([{ chunk: 'a', updatedAt: 1, entries: [['k', 'é€😀']], facts: [['é€😀', 'Ärzte — 医疗 😀', 3.5]] }]);
    expect(t.facts(t.find('k'))).toEqual({ id: 'é€😀', title: 'Ärzte — 医疗 😀', quality: 3.5 });
  });
});

describe('UrlTableOverlay (the last table with the chunks written since)', () => {
  const base = UrlTable.build([
    { chunk: 'a', updatedAt: 1, entries: [['k1', 'x'], ['#x', 'x'], ['old', 'x']], facts: [['x', 'X', 50, '2021-01-01']] },
    { chunk: 'b', updatedAt: 1, entries: [['k2', 'y'], ['#y', 'y'], ['k3', 'z'], ['#z', 'z']], facts: [['y', 'Y', 7, '2021-01-01'], ['z', 'Z', 9, '2021-01-01']] },
    { chunk: 'c', updatedAt: 1, entries: [['k1', 'x'], ['#x', 'x']], facts: [['x', 'X', 50, '2021-01-01']] },
  ]);
  const factsOf = (t: UrlTableOverlay, key: string) => (t.find(key) < 0 ? undefined : t.facts(t.find(key)));

  it('answers like the base until a chunk changes', () => {
    const overlay = new UrlTableOverlay(base);
    expect(factsOf(overlay, 'k2')).toEqual({ id: 'y', title: 'Y', quality: 7 });
    expect(overlay.find('nope')).toBe(-1);
    expect(overlay.chunksOf(overlay.find('#x')).sort()).toEqual(['a', 'c']);
  });

  it('a new chunk adds keys; a rewritten chunk drops the keys it lost; a removed chunk drops its articles', () => {
    const overlay = new UrlTableOverlay(base);
    overlay.apply({ chunk: 'd', updatedAt: 2, entries: [['new', 'w'], ['#w', 'w']], facts: [['w', 'W', 70, '2021-02-01']] });
    expect(factsOf(overlay, 'new')).toEqual({ id: 'w', title: 'W', quality: 70 });
    // b rewritten without z: z's keys answered from b only, so they are gone; y keeps its key and takes the new facts.
    overlay.apply({ chunk: 'b', updatedAt: 3, entries: [['k2', 'y'], ['#y', 'y']], facts: [['y', 'Y renamed', 3, '2021-01-02']] });
    expect(overlay.find('k3')).toBe(-1);
    expect(overlay.find('#z')).toBe(-1);
    expect(factsOf(overlay, 'k2')).toEqual({ id: 'y', title: 'Y renamed', quality: 3 });
    // x is in a and c: removing a leaves it found through c (whose keys still hold it).
    overlay.apply({ chunk: 'a', updatedAt: 4 });
    expect(overlay.id(overlay.find('k1'))).toBe('x');
    expect(overlay.chunksOf(overlay.find('k1'))).toEqual(['c']);
    overlay.apply({ chunk: 'c', updatedAt: 5 });
    expect(overlay.find('k1')).toBe(-1);
    expect(overlay.changedChunks).toBe(4);
  });

  it('an article rewritten in one feed and untouched in another: title from the rewrite, the greater score', () => {
    const overlay = new UrlTableOverlay(base);
    overlay.apply({ chunk: 'a', updatedAt: 2, entries: [['k1', 'x'], ['#x', 'x']], facts: [['x', 'X v2', 20, '2021-01-03']] });
    expect(factsOf(overlay, 'k1')).toEqual({ id: 'x', title: 'X v2', quality: 50 });
    expect(overlay.chunksOf(overlay.find('k1')).sort()).toEqual(['a', 'c']);
    // Written without facts (an old record shape): unknown, so the store reads the article instead.
    overlay.apply({ chunk: 'e', updatedAt: 3, entries: [['k9', 'v'], ['#v', 'v']] });
    expect(overlay.find('k9')).toBeGreaterThanOrEqual(0);
    expect(overlay.facts(overlay.find('k9'))).toBeUndefined();
  });
});

let dbCount = 0;
const stores: Store[] = [];
const dbName = () => `url-index-test-${process.pid}-${++dbCount}`;
async function open(name: string): Promise<Store> {
  const store = await openStore(name);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** Object stores each IndexedDB transaction of `store` asks for, from now on. */
function recordTransactions(store: Store): string[][] {
  const seen: string[][] = [];
  const original = store.db.transaction.bind(store.db);
  (store.db as unknown as { transaction: unknown }).transaction = (names: string | string[], ...rest: unknown[]) => {
    seen.push(typeof names === 'string' ? [names] : [...names]);
    return (original as (...args: unknown[]) => unknown)(names, ...rest);
  };
  return seen;
}
const keysOf = (url: string) => candidateMatchKeys(url);

describe('store lookups through the URL table', () => {
  it('a miss and a badge hit read nothing from IndexedDB; a full hit reads only the chunk store', async () => {
    const store = await open(dbName());
    await store.mergeArticles(API, [sepsis], apiState, 1);
    await store.compactIndex();
    expect(await store.tableReady()).toBe(true);
    const seen = recordTransactions(store);
    expect(await store.findByMatchKeys(keysOf(MISS))).toBeUndefined();
    expect(await store.findFacts(keysOf(MISS))).toBeUndefined();
    expect(await store.getArticle('nope')).toBeUndefined();
    expect(await store.findFacts(keysOf(`${sepsis.urls.web}?utm_source=x`))).toEqual({ id: sepsis.id, title: sepsis.title, quality: 64 });
    expect(await store.findFactsById(sepsis.id)).toEqual({ id: sepsis.id, title: sepsis.title, quality: 64 });
    expect(seen).toEqual([]);
    expect((await store.findByMatchKeys(keysOf(sepsis.urls.amp!)))?.id).toBe(sepsis.id);
    // The same article again (the popup after the badge) comes from the articles read lately.
    expect((await store.getArticle(sepsis.id))?.id).toBe(sepsis.id);
    expect(seen).toEqual([['chunks']]);
  });

  it('a restarted worker loads the persisted table with one read and answers misses from memory', async () => {
    const name = dbName();
    const first = await open(name);
    await first.replaceMonth(BUNDLE, '2021-09', [{ ...sepsis, sources: [BUNDLE] }], 'h', bundleState, 1);
    await first.compactIndex();
    first.close();
    const store = await open(name);
    const seen = recordTransactions(store);
    // Before the table is in memory the lookup still answers (bucketed index), never waiting for it.
    expect((await store.findByMatchKeys(keysOf(sepsis.urls.web)))?.id).toBe(sepsis.id);
    expect(await store.tableReady()).toBe(true);
    seen.length = 0;
    expect(await store.findFacts(keysOf(MISS))).toBeUndefined();
    expect((await store.findFacts(keysOf(sepsis.urls.web)))?.quality).toBe(64);
    expect(seen).toEqual([]);
  });

  it('follows sync writes: merges, month replacements, moved and removed articles', async () => {
    const store = await open(dbName());
    const other = { ...bundleArticle(3, '2021-05'), sources: [BUNDLE] };
    await store.replaceMonth(BUNDLE, '2021-05', [other], 'a', bundleState, 1);
    expect(await store.tableReady()).toBe(true);
    expect(await store.findFacts(keysOf(sepsis.urls.web))).toBeUndefined();
    // A sync write: the next lookup sees it (no stale table).
    await store.mergeArticles(API, [sepsis], apiState, 2);
    expect((await store.findFacts(keysOf(sepsis.urls.web)))?.title).toBe(sepsis.title);
    await store.mergeArticles(API, [{ ...sepsis, title: 'Renamed', quality: 12 }], apiState, 3);
    expect(await store.findFacts(keysOf(sepsis.urls.web))).toEqual({ id: sepsis.id, title: 'Renamed', quality: 12 });
    // Another feed with a newer copy (by its own date) that lacks a score: title from it, score kept.
    await store.replaceMonth(BUNDLE, '2021-09', [{ ...sepsis, sources: [BUNDLE], title: 'Bundle title', publishedAt: '2021-09-21T08:00:00.000Z', quality: undefined }], 'b', bundleState, 4);
    expect(await store.findFacts(keysOf(sepsis.urls.amp!))).toEqual({ id: sepsis.id, title: 'Bundle title', quality: 12 });
    // The month is replaced without `other`: gone from the table too.
    await store.replaceMonth(BUNDLE, '2021-05', [], 'c', bundleState, 5);
    expect(await store.findFacts(keysOf(other.urls.web))).toBeUndefined();
    expect(await store.findByMatchKeys(keysOf(other.urls.web))).toBeUndefined();
  });

  it('follows feed removal and clearing, also after a restart', async () => {
    const name = dbName();
    const store = await open(name);
    const other = { ...bundleArticle(4, '2021-05'), sources: [BUNDLE] };
    await store.mergeArticles(API, [sepsis], apiState, 1);
    await store.replaceMonth(BUNDLE, '2021-05', [other], 'a', bundleState, 1);
    expect((await store.findFacts(keysOf(other.urls.web)))?.id).toBe(other.id);
    await store.deleteFeed(BUNDLE);
    expect(await store.findFacts(keysOf(other.urls.web))).toBeUndefined();
    expect((await store.findFacts(keysOf(sepsis.urls.web)))?.id).toBe(sepsis.id);
    store.close();

    const restarted = await open(name);
    expect(await restarted.tableReady()).toBe(true);
    expect(await restarted.findFacts(keysOf(other.urls.web))).toBeUndefined();
    expect((await restarted.findFacts(keysOf(sepsis.urls.web)))?.id).toBe(sepsis.id);
    await restarted.clearAll();
    expect(await restarted.findFacts(keysOf(sepsis.urls.web))).toBeUndefined();
    expect(await restarted.tableReady()).toBe(true);
    const seen = recordTransactions(restarted);
    expect(await restarted.findByMatchKeys(keysOf(sepsis.urls.web))).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('between a write and the next compaction, lookups answer from the last table and the chunks written since (no rebuild)', async () => {
    const store = await open(dbName());
    const other = { ...bundleArticle(5, '2021-05'), sources: [BUNDLE] };
    await store.replaceMonth(BUNDLE, '2021-05', [other], 'a', bundleState, 1);
    expect(await store.tableReady()).toBe(true);
    await store.mergeArticles(API, [sepsis], apiState, 2);
    const seen = recordTransactions(store);
    // A badge lookup after a sync write: no IndexedDB at all (a rebuild would read every key record and write the table).
    expect(await store.findFacts(keysOf(sepsis.urls.web))).toEqual({ id: sepsis.id, title: sepsis.title, quality: 64 });
    expect(await store.findFacts(keysOf(MISS))).toBeUndefined();
    expect((await store.findFacts(keysOf(other.urls.web)))?.id).toBe(other.id);
    expect(seen).toEqual([]);
    // A full hit reads only the article's chunk.
    expect((await store.findByMatchKeys(keysOf(sepsis.urls.amp!)))?.id).toBe(sepsis.id);
    expect((await store.getArticle(other.id))?.id).toBe(other.id);
    expect(seen).toEqual([['chunks'], ['chunks']]);
    // The month replaced without `other`: gone at once, still without a rebuild.
    await store.replaceMonth(BUNDLE, '2021-05', [], 'b', bundleState, 3);
    seen.length = 0;
    expect(await store.findFacts(keysOf(other.urls.web))).toBeUndefined();
    expect(await store.findByMatchKeys(keysOf(other.urls.web))).toBeUndefined();
    expect(seen).toEqual([]);
    // The sync's own compaction then makes the table exact again.
    expect(await store.compactIndex()).toBe(true);
    expect(await store.findFacts(keysOf(sepsis.urls.web))).toEqual({ id: sepsis.id, title: sepsis.title, quality: 64 });
  });

  it('a fresh, never-written store answers and builds an (empty) table', async () => {
    const store = await open(dbName());
    expect(await store.findFacts(keysOf(MISS))).toBeUndefined();
    expect(await store.tableReady()).toBe(true);
  });
});
