/**
 * Schema upgrade v1 → v2: a per-article v1 database built by hand with idb opens as v2 with every
 * valid article findable by URL and id; a corrupt v1 record does not block the upgrade.
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

  it('a fresh database opens at the current version, empty', async () => {
    const store = await openStore(`upgrade-${process.pid}-2`);
    expect(store.db.version).toBe(DB_VERSION);
    expect(await store.countArticles()).toBe(0);
    store.close();
  });
});
