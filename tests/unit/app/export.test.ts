/**
 * Export in pages (lib/app/export.ts over Store.readArticlesFrom) on fake-indexeddb: every article exactly once,
 * merged across feeds, no page over its bound, and the assembled file parses back to the stored count, at 100k.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { newFeedState } from '../../../lib/model/feed-state';
import type { Article } from '../../../lib/model/article';
import { EXPORT_PAGE_CHARS, exportFile, exportPage, exportSettingsPart, type ArticleCursor, type ExportPage } from '../../../lib/app/export';
import { defaultSettings } from '../../../lib/app/settings';
import { fakeArticle } from '../../fixtures/fake-article';

const BUNDLE = 'https://bundles.example.org/health/manifest.json';
const API = 'https://feeds.example.org/api/news/ai-in-healthcare/';
const settings = defaultSettings([BUNDLE]);
let dbCount = 0;
const stores: Store[] = [];
async function freshStore(): Promise<Store> {
  const store = await openStore(`export-test-${process.pid}-${++dbCount}`);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const base = fakeArticle({ sources: [BUNDLE] });

/** Made-up article `i`, published in one of `months` months. */
function synthetic(i: number, months: number): Article {
  const month = i % months;
  const publishedAt = `${2015 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-10T08:00:00.000Z`;
  return {
    ...base,
    id: `id-${i}`,
    title: `Made-up clinic story number ${i}`,
    publishedAt,
    urls: { web: `https://news-${i % 97}.example.com/${publishedAt.slice(0, 7)}/story-${i}/` },
    quality: i % 200,
  };
}

/** Writes `articles` as bundle months of BUNDLE (what a bundle sync does). */
async function fillBundle(store: Store, articles: readonly Article[]): Promise<void> {
  const byMonth = new Map<string, Article[]>();
  for (const article of articles) {
    const month = article.publishedAt.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), article]);
  }
  const state = newFeedState(BUNDLE, 'bundle');
  for (const [month, list] of byMonth) await store.replaceMonth(BUNDLE, month, list, undefined, state, 1);
}

/** Every page through a message-like JSON round trip, with the size of each message. */
async function readAllPages(store: Store, maxChars?: number): Promise<{ pages: ExportPage[]; sizes: number[]; file: Blob; articles: number }> {
  const pages: ExportPage[] = [];
  const sizes: number[] = [];
  const { file, articles } = await exportFile(async (after?: ArticleCursor) => {
    const text = JSON.stringify(await exportPage(store, settings, after, maxChars));
    sizes.push(text.length);
    const page = JSON.parse(text) as ExportPage;
    pages.push(page);
    return page;
  }, new Date(Date.UTC(2024, 4, 1)));
  return { pages, sizes, file, articles };
}

describe('export in pages', () => {
  it('offers every article once, merged across feeds, however small the pages', async () => {
    const store = await freshStore();
    const articles = Array.from({ length: 150 }, (_, i) => synthetic(i, 5));
    await fillBundle(store, articles);
    // Some articles are also in an API feed, with a fresher title: they come once, merged.
    const fromApi = articles.slice(0, 10).map((a) => ({ ...a, title: `${a.title} (updated)`, sources: [API], updatedAt: 5 }));
    await store.mergeArticles(API, fromApi, newFeedState(API, 'api'), 5);

    const { pages, articles: count, file } = await readAllPages(store, 1);
    // One article per page: the cursor moves past exactly one each time.
    expect(pages.every((p) => p.articles.length === 1)).toBe(true);
    expect(count).toBe(150);
    const parsed = JSON.parse(await file.text()) as { settings: unknown; articles: Article[] };
    expect(parsed.settings).toEqual(settings);
    const ids = parsed.articles.map((a) => a.id);
    expect(new Set(ids).size).toBe(150);
    expect(new Set(ids)).toEqual(new Set(articles.map((a) => a.id)));
    const merged = parsed.articles.find((a) => a.id === 'id-3')!;
    expect(merged.title).toBe('Made-up clinic story number 3 (updated)');
    expect([...merged.sources].sort()).toEqual([API, BUNDLE].sort());
    // The same as the whole store read at once.
    expect(parsed.articles.sort((a, b) => a.id.localeCompare(b.id))).toEqual((await store.allArticles()).sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('finds the settings part only at the start of an export file', () => {
    expect(exportSettingsPart('{"settings": {}, "articles": []}')).toBeUndefined();
    expect(exportSettingsPart('{\n  "exportedAt": "2024-05-01T00:00:00.000Z",\n  "settings": {')).toBeUndefined();
    expect(JSON.parse(exportSettingsPart('{\n  "exportedAt": "x",\n  "settings": {\n    "a": 1\n  },\n  "articles": [\n    {"id": "cut mid-')!)).toEqual({ exportedAt: 'x', settings: { a: 1 } });
  });

  it('an empty store exports a file with settings and no articles', async () => {
    const store = await freshStore();
    const { file, articles, pages } = await readAllPages(store);
    expect(articles).toBe(0);
    expect(pages).toHaveLength(1);
    expect(JSON.parse(await file.text())).toMatchObject({ settings: { version: 1 }, articles: [] });
  });

  it('exports 100k articles in bounded pages, and the file parses back to 100k', async () => {
    const store = await freshStore();
    const total = 100_000;
    await fillBundle(store, Array.from({ length: total }, (_, i) => synthetic(i, 120)));
    expect(await store.countArticles()).toBe(total);

    const { sizes, articles, file } = await readAllPages(store);
    expect(articles).toBe(total);
    // No message carries more than one page's worth (plus the few kB of settings): the whole export is ~40 pages.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(EXPORT_PAGE_CHARS + 20_000);
    expect(sizes.length).toBeGreaterThan(10);
    const text = await file.text();
    const parsed = JSON.parse(text) as { exportedAt: string; settings: unknown; articles: Article[] };
    expect(parsed.exportedAt).toBe('2024-05-01T00:00:00.000Z');
    // The settings import reads only the start of so large a file.
    expect(JSON.parse(exportSettingsPart(text.slice(0, 1_000_000))!)).toEqual({ exportedAt: parsed.exportedAt, settings });
    expect(parsed.articles).toHaveLength(total);
    expect(new Set(parsed.articles.map((a) => a.id)).size).toBe(total);
  }, 300_000); // ~15 s of CPU; the limit allows for a machine shared with other runs
});
