/**
 * The background's service end to end in Node: sync the real sample (JSON API pages + a bundle
 * built by our CLI code) over a fake fetch into fake-indexeddb, then match URLs and build panels.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLensService, type LensService } from '../../../lib/app/lens-service';
import { openStore, type Store } from '../../../lib/store/store';
import { defaultSettings, type Settings } from '../../../lib/app/settings';
import { buildBundle } from '../../../tools/bundle-build';
import { qualityBandId } from '../../../lib/rank/quality';
import { describeWithSharedData, SHARED_DATA_DIR, sharedFiles, readShared } from '../../support/shared-data';

const FEED_HOST = 'https://feeds.example.test';
const API_FEED = `${FEED_HOST}/api/news/ai-in-healthcare/`;
const BUNDLE_FEED = `${FEED_HOST}/bundle/manifest.json`;
const SEED_URL = 'https://cointelegraph.com/news/the-next-generation-of-data-driven-healthcare-is-here';

let counter = 0;

function routesFromSample(): Map<string, string> {
  const routes = new Map<string, string>();
  for (const path of sharedFiles('api/news/ai-in-healthcare', '.json')) {
    routes.set(`${FEED_HOST}/${path}`, readShared(path));
  }
  const dir = join(SHARED_DATA_DIR, '_news');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
  const bundle = buildBundle(files, 0);
  routes.set(BUNDLE_FEED, bundle.manifestText);
  for (const shard of bundle.shards) routes.set(`${FEED_HOST}/bundle/${shard.file}`, shard.text);
  return routes;
}

function fakeFetch(routes: Map<string, string>, log: string[]) {
  return async (url: string) => {
    log.push(url);
    const body = routes.get(url);
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { headers: { 'content-type': 'application/json' } });
  };
}

describeWithSharedData('lens service over the real sample', () => {
  let routes: Map<string, string>;
  let store: Store;
  let service: LensService;
  let settings: Settings;
  let log: string[];

  beforeAll(() => {
    routes = routesFromSample();
  });

  async function setUp(feeds = [BUNDLE_FEED, API_FEED]) {
    store = await openStore(`lens-service-${++counter}`);
    settings = defaultSettings(feeds);
    log = [];
    service = createLensService({ store: async () => store, fetch: fakeFetch(routes, log), settings: async () => settings, owner: 'test' });
    return service.sync({ manual: true });
  }

  afterEach(() => store?.close());

  it('syncs both formats into one record per article and reports the count', async () => {
    const report = await setUp();
    expect(report.summary.errors).toEqual([]);
    expect(report.summary.state).toBe('idle');
    const all = await service.exportArticles();
    expect(report.summary.articleCount).toBe(all.length);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    // The seed is in the bundle only; API items carry no quality.
    const seed = await service.matchUrl(SEED_URL);
    expect(seed?.quality).toBe(59);
    expect(seed?.heat).toBe(79);
    // An article present in both formats merged: it has the bundle's quality and both sources.
    const both = all.filter((a) => a.sources.length === 2);
    expect(both.length).toBeGreaterThan(0);
    expect(both.some((a) => a.quality !== undefined)).toBe(true);
  });

  it('matches AMP, cache and tracking variants of the seed to the same article', async () => {
    await setUp([BUNDLE_FEED]);
    const variants = [
      SEED_URL.replace('https:', 'http:') + '?utm_source=newsletter&fbclid=abc#top',
      `${SEED_URL}/amp`,
      'https://cointelegraph-com.cdn.ampproject.org/c/s/cointelegraph.com/news/the-next-generation-of-data-driven-healthcare-is-here/amp',
      'https://www.cointelegraph.com/news/the-next-generation-of-data-driven-healthcare-is-here/',
    ];
    for (const url of variants) expect((await service.matchUrl(url))?.quality, url).toBe(59);
    expect(await service.matchUrl('https://cointelegraph.com/news/')).toBeUndefined();
    expect(await service.matchUrl('https://cointelegraph.com/news/the-next-generation-of-data-driven-healthcare')).toBeUndefined();
  });

  it('badge facts agree with the matched article after a real sync, for every URL form, and misses stay empty', async () => {
    await setUp();
    const variants = [SEED_URL, `${SEED_URL}/amp`, SEED_URL.replace('https:', 'http:') + '?utm_source=newsletter#top'];
    for (const url of variants) {
      const article = await service.matchUrl(url);
      expect(await service.badgeForUrl(url), url).toEqual({ id: article!.id, title: article!.title, quality: 59 });
    }
    // Every stored article: badge facts equal its merged title and score.
    for (const article of (await service.exportArticles()).slice(0, 200)) {
      const facts = await service.badgeForUrl(article.urls.web);
      expect(facts, article.urls.web).toEqual({ id: article.id, title: article.title, ...(article.quality === undefined ? {} : { quality: article.quality }) });
    }
    expect(await service.badgeForUrl('https://cointelegraph.com/news/')).toBeUndefined();
    expect(await service.badgeForUrl('not a url')).toBeUndefined();
    await service.clearData();
    expect(await service.badgeForUrl(SEED_URL)).toBeUndefined();
  });

  it('answers a matched panel at once, then with computed neighbours once the index is loaded', async () => {
    await setUp([BUNDLE_FEED]);
    const first = await service.panelForUrl(SEED_URL);
    if (first.kind !== 'matched') throw new Error(first.kind);
    // A cold worker: the card and the dataset's own entries first, the rest marked pending.
    expect(first.relatedPending).toBe(true);
    expect(first.related.map((s) => s.fromDataset)).toEqual([true, true]);
    let panel = first;
    for (let i = 0; i < 100 && panel.relatedPending; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const next = await service.panelForUrl(SEED_URL);
      if (next.kind !== 'matched') throw new Error(next.kind);
      panel = next;
    }
    expect(panel.relatedPending).toBeUndefined();
    expect(panel.article.quality).toBe(59);
    const urls = panel.related.map((s) => s.url);
    expect(urls).toContain('https://www.healthtechzone.com/topics/healthcare/articles/2021/09/22/450067-how-data-annotation-enabling-development-ai-healthcare.htm');
    expect(urls).toContain('https://www.news-medical.net/news/20210925/NYUs-initiative-empowers-healthcare-workers-to-take-advantage-of-data-driven-technologies.aspx');
    expect(panel.related.length).toBeGreaterThan(2);
    expect(urls).not.toContain(SEED_URL);
  });

  it('draws the verdict scale from the same topic scores as the percentile, so band and percentile agree', async () => {
    await setUp([BUNDLE_FEED]);
    let panel = await service.panelForUrl(SEED_URL);
    for (let i = 0; i < 100 && panel.kind === 'matched' && panel.relatedPending; i++) {
      await new Promise((r) => setTimeout(r, 20));
      panel = await service.panelForUrl(SEED_URL);
    }
    if (panel.kind !== 'matched') throw new Error(panel.kind);
    expect(panel.percentile?.topic).toBe('AI in Healthcare');
    const scale = panel.scale!;
    expect(scale.count).toBeGreaterThanOrEqual(100);
    expect(scale.min).toBe(0);
    expect(scale.cuts[0]).toBeLessThan(scale.cuts[1]);
    expect(scale.cuts[1]).toBeLessThan(scale.cuts[2]);
    // 59 is just above the lower quartile: "fair", and rated higher than about a quarter to a half of the topic.
    expect(qualityBandId(59, scale.cuts)).toBe('fair');
    expect(panel.percentile!.value).toBeGreaterThanOrEqual(20);
    expect(panel.percentile!.value).toBeLessThan(50);
    const again = await service.panelForUrl(SEED_URL);
    expect(again.kind === 'matched' && again.scale).toEqual(scale);
  });

  it('accepts a canonical link only on the same site', async () => {
    await setUp([BUNDLE_FEED]);
    const base = { isArticle: true, title: 'x' };
    const sameSite = await service.matchSignals({ ...base, url: 'https://cointelegraph.com/some-shared-link?id=1', canonical: SEED_URL });
    expect(sameSite?.quality).toBe(59);
    const otherSite = await service.matchSignals({ ...base, url: 'https://evil.example.com/copy', canonical: SEED_URL, ogUrl: SEED_URL });
    expect(otherSite).toBeUndefined();
  });

  it('a broken feed keeps stored data and reports the reason', async () => {
    await setUp([BUNDLE_FEED]);
    const before = (await service.exportArticles()).length;
    routes.set(BUNDLE_FEED + '.bak', routes.get(BUNDLE_FEED)!);
    routes.set(BUNDLE_FEED, '<html>Service unavailable</html>');
    try {
      const report = await service.sync({ manual: true });
      expect(report.summary.errors[0]?.message).toMatch(/not JSON/);
      expect((await service.exportArticles()).length).toBe(before);
      expect((await service.matchUrl(SEED_URL))?.quality).toBe(59);
    } finally {
      routes.set(BUNDLE_FEED, routes.get(BUNDLE_FEED + '.bak')!);
    }
  });

  it('removing a feed takes the articles only it had, and keeps those another feed has too', async () => {
    await setUp();
    const before = await service.exportArticles();
    const apiOnly = before.filter((a) => a.sources.length === 1 && a.sources[0] === API_FEED);
    const both = before.filter((a) => a.sources.length === 2);
    expect(apiOnly.length).toBeGreaterThan(0);
    await service.removeFeedData(API_FEED);
    const after = await service.exportArticles();
    expect(after.length).toBe(before.length - apiOnly.length);
    for (const article of both) expect(after.some((a) => a.id === article.id)).toBe(true);
    expect((await service.status()).summary.articleCount).toBe(after.length);
    expect((await service.matchUrl(SEED_URL))?.quality).toBe(59);
  });

  it('no-match panel offers top picks; a non-article page gets no sidebar', async () => {
    await setUp();
    await service.search('warm up'); // builds the ranking index
    const panel = await service.panelForUrl('https://example.org/recipes/lemon-cake');
    expect(panel.kind).toBe('no-match');
    if (panel.kind === 'no-match') expect(panel.topPicks.length).toBeGreaterThan(0);
    // The search box's examples are words of the stored data, and each finds articles.
    const examples = panel.kind === 'no-match' ? (panel.searchExamples ?? []) : [];
    expect(examples.length).toBeGreaterThan(0);
    for (const word of examples) expect((await service.search(word)).length, word).toBeGreaterThan(0);
    const sidebar = await service.panelForSignals({ url: 'https://example.org/recipes/lemon-cake', isArticle: false, title: 'Lemon cake' });
    expect(sidebar.panel).toBeNull();
  });
});
