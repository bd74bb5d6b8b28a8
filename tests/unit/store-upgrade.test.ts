/**
 * Schema upgrades: a per-article v1 database and a v2 database (chunks + per-chunk index records),
 * each built by hand with idb, open at the current version with every valid article findable by URL
 * and id; a corrupt v1 record does not block the upgrade.
 */
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { openStore, DB_VERSION } from '../../lib/store';
import { candidateMatchKeys } from '../../lib/url';
import { fakeArticle } from '../fixtures/fake-article';

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

  it('a fresh database opens at the current version, empty', async () => {
    const store = await openStore(`upgrade-${process.pid}-2`);
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.countArticles()).toBe(0);
    store.close();
  });
});
