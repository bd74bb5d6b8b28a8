/**
 * Tests for lib/app/topic-catalog.ts: where the hosted catalog is, which feed each topic gets from it, reading it with
 * a fake fetch (only the default bundle's host is asked), and settings' topic feeds following the catalog's topics.
 */
import { describe, expect, it } from 'vitest';
import { catalogUrlFor, loadTopicCatalog, topicsWithCatalog } from '../../../lib/app/topic-catalog';
import { defaultSettings, withTopic } from '../../../lib/app/settings';
import { FEED_CATALOG_FORMAT, type FeedCatalog } from '../../../lib/model/feed-catalog';
import { TOPICS, topicByName } from '../../../lib/model/topics';

const BASE = 'https://lens.example.io/health-ai-lens/';
const HEALTH_BUNDLE = `${BASE}topics/ai-in-healthcare/manifest.json`;
const LIVE_API = 'https://everyday-cc.github.io/ai/api/news/ai-in-healthcare/';

const CATALOG: FeedCatalog = {
  format: FEED_CATALOG_FORMAT,
  version: 1,
  generatedAt: '2026-12-01T05:17:00.000Z',
  all: { manifest: 'manifest.json', articleCount: 30, from: '2021-06-10T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' },
  topics: [
    { topic: 'AI', slug: 'ai', manifest: 'manifest.json', articleCount: 30 },
    { topic: 'AI in Healthcare', slug: 'ai-in-healthcare', manifest: 'topics/ai-in-healthcare/manifest.json', articleCount: 20 },
    { topic: 'Machine Learning', slug: 'machine-learning', manifest: 'topics/machine-learning/manifest.json', articleCount: 5 },
    { topic: 'AI in Marketing', slug: 'ai-in-marketing', manifest: 'topics/ai-in-marketing/manifest.json', articleCount: 0 },
    { topic: 'Robotic Surgery', slug: 'robotic-surgery', manifest: 'topics/robotic-surgery/manifest.json', articleCount: 3 },
  ],
};

describe('catalogUrlFor', () => {
  it.each([
    ['a topic bundle: the catalog two folders up', [HEALTH_BUNDLE, LIVE_API], `${BASE}feeds.json`],
    ['a main bundle: the catalog beside it', [LIVE_API, `${BASE}manifest.json`], `${BASE}feeds.json`],
    ['a bundle with a query: the query is dropped', [`${BASE}manifest.json?v=2`], `${BASE}feeds.json`],
    ['only the live API: no catalog', [LIVE_API], undefined],
    ['a non-http bundle or a broken URL: skipped', ['ftp://x.example/manifest.json', 'not a url'], undefined],
  ])('%s', (_name, feeds, expected) => {
    expect(catalogUrlFor(feeds)).toBe(expected);
  });
});

describe('topicsWithCatalog', () => {
  const topics = topicsWithCatalog(CATALOG, `${BASE}feeds.json`);

  it('gives a listed topic its hosted bundle, keeps the taxonomy feed of the others, appends topics only the catalog has', () => {
    expect(topics.find((t) => t.name === 'AI in Healthcare')?.feed).toBe(HEALTH_BUNDLE);
    expect(topics.find((t) => t.name === 'Machine Learning')?.feed).toBe(`${BASE}topics/machine-learning/manifest.json`);
    // A topic every article carries is served by the main bundle.
    expect(topics.find((t) => t.name === 'AI')?.feed).toBe(`${BASE}manifest.json`);
    expect(topics.find((t) => t.name === 'AI Ethics')?.feed).toBe(topicByName('AI Ethics')?.feed);
    // An empty topic bundle is no better than nothing.
    expect(topics.find((t) => t.name === 'AI in Marketing')?.feed).toBeUndefined();
    expect(topics.map((t) => t.name)).toEqual([...TOPICS.map((t) => t.name), 'Robotic Surgery']);
    expect(topics.at(-1)).toEqual({ id: 'robotic-surgery', name: 'Robotic Surgery', feed: `${BASE}topics/robotic-surgery/manifest.json` });
  });

  it('leaves the built-in list untouched', () => {
    expect(TOPICS.find((t) => t.name === 'AI in Healthcare')?.feed).toBe(LIVE_API);
  });
});

describe('loadTopicCatalog', () => {
  function fakeFetch(respond: (url: string) => Response) {
    const asked: string[] = [];
    const fetchImpl = async (input: string) => (asked.push(input), respond(input));
    return { asked, fetchImpl };
  }
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('asks only the default bundle’s host for feeds.json and maps its topics', async () => {
    const { asked, fetchImpl } = fakeFetch(() => json(CATALOG));
    const result = await loadTopicCatalog(fetchImpl, [HEALTH_BUNDLE, LIVE_API]);
    expect(asked).toEqual([`${BASE}feeds.json`]);
    expect(result).toMatchObject({ status: 'ok', url: `${BASE}feeds.json`, generatedAt: CATALOG.generatedAt });
    expect(result.status === 'ok' && result.topics.find((t) => t.name === 'Machine Learning')?.feed).toBe(`${BASE}topics/machine-learning/manifest.json`);
  });

  it('asks nothing when no default feed is a bundle', async () => {
    const { asked, fetchImpl } = fakeFetch(() => json(CATALOG));
    expect(await loadTopicCatalog(fetchImpl, [LIVE_API])).toEqual({ status: 'none' });
    expect(asked).toEqual([]);
  });

  it.each([
    ['a missing catalog', () => new Response('not found', { status: 404 }), /HTTP 404/],
    ['a body that is not JSON', () => new Response('{oops', { headers: { 'content-type': 'application/json' } }), /not JSON/],
    ['a catalog pointing at another host', () => json({ ...CATALOG, topics: [{ ...CATALOG.topics[0], manifest: 'https://evil.example/manifest.json' }] }), /not a relative manifest\.json path/],
    ['a newer catalog version', () => json({ ...CATALOG, version: 9 }), /version 9 is newer/],
  ])('reports %s instead of throwing', async (_name, respond, reason) => {
    const { fetchImpl } = fakeFetch(respond);
    const result = await loadTopicCatalog(fetchImpl, [HEALTH_BUNDLE]);
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.reason).toMatch(reason);
  });
});

describe('withTopic with the catalog’s topics', () => {
  const topics = topicsWithCatalog(CATALOG, `${BASE}feeds.json`);
  const settings = defaultSettings([HEALTH_BUNDLE, LIVE_API]);

  it('syncs a ticked topic from its hosted bundle, and drops it again when unticked', () => {
    const on = withTopic(settings, 'Machine Learning', true, topics);
    expect(on.feeds).toEqual([...settings.feeds, { url: `${BASE}topics/machine-learning/manifest.json`, enabled: true, origin: 'topic' }]);
    expect(withTopic(on, 'Machine Learning', false, topics).feeds).toEqual(settings.feeds);
  });

  it('adds nothing for the default topic: its hosted bundle already is a default feed', () => {
    const off = withTopic(settings, 'AI in Healthcare', false, topics);
    expect(withTopic(off, 'AI in Healthcare', true, topics).feeds).toEqual(settings.feeds);
  });
});
