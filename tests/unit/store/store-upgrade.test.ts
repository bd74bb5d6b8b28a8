/**
 * Schema upgrades: a per-article v1 database, a v2 database (chunks + per-chunk index records) and a
 * v3 database (key records without badge facts),
 * each built by hand with idb, open at the current version with every valid article findable by URL
 * and id; a corrupt v1 record does not block the upgrade.
 */
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { openStore, DB_VERSION } from '../../../lib/store/store';
import { candidateMatchKeys } from '../../../lib/match/match-key';
import { fakeArticle } from '../../fixtures/fake-article';
import { toCard } from '../../../lib/model/card';

const API = 'https://feeds.example.org/api/news/ai-in-healthcare/';
const BUNDLE = 'https://bundles.example.org/health/manifest.json';

describe('IndexedDB v1 → v2', () => {
  it('keeps every article, findable by match keys and id', async () => {
    const name = `upgrade-${process.pid}-1`;
    const articles = [
      fakeArticle({ sources: [API] }),
      fakeArticle({ sources: [BUNDLE, API], urls: { web: 'https://www.example.org/2020/02/02/story-b/', amp: 'https://amp.example.org/2020/02/02/story-b/' }, publishedAt: '2020-02-02T00:00:00.000Z' }),
      fakeArticle({ sources: [], urls: { web: 'https://news.example.net/c' }, publishedAt: 'not-a-date' }),
    ];
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('articles', { keyPath: 'id' });
        db.createObjectStore('feeds', { keyPath: 'url' });
        db.createObjectStore('meta');
      },
    });
    for (const article of articles) await v1.put('articles', article);
    await v1.put('articles', { id: 'corrupt', title: 42 }); // a broken record must not block the upgrade
    await v1.put('feeds', { url: API, kind: 'api', validators: {}, consecutiveFailures: 0, counts: { added: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0, downloaded: 0 }, rejections: [] });
    v1.close();

    const store = await openStore(name);
    expect(store.db.version).toBe(DB_VERSION);
    expect([...store.db.objectStoreNames]).not.toContain('articles');
    expect(await store.countArticles()).toBe(3);
    for (const article of articles) {
      expect(await store.getArticle(article.id)).toEqual(article);
      expect((await store.findByMatchKeys(candidateMatchKeys(article.urls.web)))?.id).toBe(article.id);
    }
    expect((await store.findByMatchKeys(candidateMatchKeys('https://amp.example.org/2020/02/02/story-b/')))?.id).toBe(articles[1]!.id);
    expect(await store.getFeedState(API)).toMatchObject({ url: API });
    store.close();

    // Opening again (already v2) changes nothing.
    const again = await openStore(name);
    expect(await again.countArticles()).toBe(3);
    again.close();
  });

  it('v2 → v3: chunks keep their articles; the compacted index replaces per-chunk index records', async () => {
    const name = `upgrade-${process.pid}-3`;
    const a = fakeArticle({ sources: [BUNDLE] });
    const b = fakeArticle({ sources: [BUNDLE], urls: { web: 'https://news.example.net/2021/05/b', amp: 'https://news.example.net/2021/05/b/amp' }, publishedAt: '2021-05-02T00:00:00.000Z' });
    const chunk = `${BUNDLE}\u00002021-05\u00000`;
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('chunks', { keyPath: 'key' });
        db.createObjectStore('chunkInfo', { keyPath: 'key' }).createIndex('byFeed', 'feed');
        db.createObjectStore('urlIndex', { keyPath: ['bucket', 'chunk'] });
        db.createObjectStore('feeds', { keyPath: 'url' });
        db.createObjectStore('meta');
      },
    });
    await v2.put('chunks', { key: chunk, feed: BUNDLE, month: '2021-05', part: 0, articles: [a, b], updatedAt: 1 });
    await v2.put('chunkInfo', { key: chunk, feed: BUNDLE, month: '2021-05', part: 0, hash: 'h', ids: [a.id, b.id], buckets: [7], updatedAt: 1 });
    await v2.put('urlIndex', { bucket: 7, chunk, entries: [['stale', a.id]] });
    v2.close();

    const store = await openStore(name);
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.countArticles()).toBe(2);
    expect((await store.findByMatchKeys(candidateMatchKeys('http://news.example.net/2021/05/b/amp?utm_source=x')))?.id).toBe(b.id);
    expect(await store.getArticle(a.id)).toEqual(a);
    // The old per-chunk records are gone; every entry of the new index points at a stored chunk.
    for (const record of await store.db.getAll('urlIndex')) {
      for (const [, , chunkKey] of record.entries) expect(chunkKey).toBe(chunk);
    }
    expect((await store.chunkInfos(BUNDLE))[0]?.hash).toBe('h');
    store.close();
  });

  it('v3 → v4: key records gain badge facts and the URL table is built, so lookups answer from memory', async () => {
    const name = `upgrade-${process.pid}-4`;
    const a = fakeArticle({ sources: [BUNDLE], quality: 81 });
    const chunk = `${BUNDLE}\u00002021-09\u00000`;
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        db.createObjectStore('chunks', { keyPath: 'key' });
        const info = db.createObjectStore('chunkInfo', { keyPath: 'key' });
        info.createIndex('byFeed', 'feed');
        info.createIndex('byFeedMonth', ['feed', 'month']);
        db.createObjectStore('chunkKeys', { keyPath: 'key' });
        db.createObjectStore('urlIndex', { keyPath: 'bucket' });
        db.createObjectStore('feeds', { keyPath: 'url' });
        db.createObjectStore('meta');
      },
    });
    await v3.put('chunks', { key: chunk, feed: BUNDLE, month: '2021-09', part: 0, articles: [a], updatedAt: 1 });
    await v3.put('chunkInfo', { key: chunk, feed: BUNDLE, month: '2021-09', part: 0, hash: 'h', ids: [a.id], updatedAt: 1 });
    // A v3 key record: no facts.
    await v3.put('chunkKeys', { key: chunk, entries: [[`#${a.id}`, a.id]] });
    v3.close();

    const store = await openStore(name);
    expect(store.db.version).toBe(DB_VERSION);
    expect((await store.db.get('chunkKeys', chunk))?.facts).toEqual([[a.id, a.title, 81, a.publishedAt]]);
    expect(await store.tableReady()).toBe(true);
    expect(await store.findFacts(candidateMatchKeys(a.urls.amp!))).toEqual({ id: a.id, title: a.title, quality: 81 });
    expect(await store.getArticle(a.id)).toEqual(a);
    expect(await store.countArticles()).toBe(1);
    store.close();
  });

  it('v4 → v5: every stored chunk gets its card record, so related cards read no chunk', async () => {
    const name = `upgrade-${process.pid}-5`;
    const a = fakeArticle({ sources: [BUNDLE], quality: 64, excerpt: 'z'.repeat(700) });
    const chunk = `${BUNDLE}\u00002021-09\u00000`;
    const v4 = await openDB(name, 4, {
      upgrade(db) {
        db.createObjectStore('chunks', { keyPath: 'key' });
        const info = db.createObjectStore('chunkInfo', { keyPath: 'key' });
        info.createIndex('byFeed', 'feed');
        info.createIndex('byFeedMonth', ['feed', 'month']);
        db.createObjectStore('chunkKeys', { keyPath: 'key' });
        db.createObjectStore('urlIndex', { keyPath: 'bucket' });
        db.createObjectStore('feeds', { keyPath: 'url' });
        db.createObjectStore('meta');
      },
    });
    await v4.put('chunks', { key: chunk, feed: BUNDLE, month: '2021-09', part: 0, articles: [a], updatedAt: 1 });
    await v4.put('chunkInfo', { key: chunk, feed: BUNDLE, month: '2021-09', part: 0, hash: 'h', ids: [a.id], updatedAt: 1 });
    await v4.put('chunkKeys', { key: chunk, entries: [[`#${a.id}`, a.id]], facts: [[a.id, a.title, 64, a.publishedAt]] });
    v4.close();

    const store = await openStore(name);
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.db.get('chunkCards', chunk)).toEqual({ key: chunk, ids: [a.id], cards: [JSON.stringify(toCard(a))] });
    expect(await store.tableReady()).toBe(true);
    expect(await store.getCards([a.id])).toEqual(new Map([[a.id, toCard(a)]]));
    store.close();
  });

  it('a fresh database opens at the current version, empty', async () => {
    const store = await openStore(`upgrade-${process.pid}-2`);
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.countArticles()).toBe(0);
    store.close();
  });
});
