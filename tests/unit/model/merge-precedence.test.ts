/**
 * Fixed field precedence across feeds: the same source records written in every order give the same article, both when
 * folded with `mergeArticle` and when written through the store (chunks per feed, merged on read).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeArticle } from '../../../lib/model/merge';
import type { Article } from '../../../lib/model/article';
import { newFeedState } from '../../../lib/model/feed-state';
import { openStore, type Store } from '../../../lib/store/store';
import { fakeArticle } from '../../fixtures/fake-article';
import { candidateMatchKeys } from '../../../lib/match/match-key';

const SNAPSHOT = 'https://snapshot.example.invalid/manifest.json';
const HOSTED = 'https://bundles.example.org/health/manifest.json';
const API = 'https://feeds.example.org/api/news/ai-in-healthcare/';
const API_TOPIC = 'https://feeds.example.org/api/news/ai-in-robotics/';

/** A JSON API item as normalized: no quality, no related, no images; its own (newer) headline and heat. */
function apiRecord(feed: string, overrides: Partial<Article>): Article {
  const { quality: _q, images: _i, ...rest } = fakeArticle({ related: [], sources: [feed], ...overrides });
  return rest;
}

/** The four sources of one article: the packaged snapshot, a newer hosted bundle, and two JSON API feeds. */
const SOURCES: readonly Article[] = [
  fakeArticle({ sources: [SNAPSHOT], quality: 64, heat: 80, topics: ['AI in Healthcare', 'AI'] }),
  fakeArticle({
    sources: [HOSTED],
    quality: 64,
    heat: 85,
    topics: ['AI in Healthcare', 'AI'],
    related: [
      ...fakeArticle().related,
      { title: 'A second related piece', url: 'https://medwire.example.org/news/second-related-piece' },
    ],
  }),
  apiRecord(API, { title: 'Headline as edited later', excerpt: 'The outlet rewrote its excerpt.', publishedAt: '2021-09-20T18:00:00.000Z', heat: 90, topics: ['AI'] }),
  apiRecord(API_TOPIC, { topics: ['AI in Robotics'], excerpt: '' }),
];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

function fold(records: readonly Article[]): Article {
  let merged: Article | undefined;
  records.forEach((record, i) => (merged = mergeArticle(merged, record, i + 1).article));
  return merged!;
}

function withoutStamp(article: Article | undefined): Omit<Article, 'updatedAt'> | undefined {
  if (!article) return undefined;
  const { updatedAt: _stamp, ...rest } = article;
  return rest;
}

const EXPECTED = {
  // The newest record by its own date gives the headline.
  title: 'Headline as edited later',
  excerpt: 'The outlet rewrote its excerpt.',
  publishedAt: '2021-09-20T18:00:00.000Z',
  // The dataset's score and list survive every source that lacks them.
  quality: 64,
  related: SOURCES[1]!.related,
  heat: 90,
  topics: ['AI', 'AI in Healthcare', 'AI in Robotics'],
  sources: [HOSTED, API, API_TOPIC, SNAPSHOT].sort(),
};

describe('merge precedence, folded in memory', () => {
  it('gives the same article for all 24 orders of four sources', () => {
    const results = permutations(SOURCES).map((order) => withoutStamp(fold(order)));
    expect(results).toHaveLength(24);
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]).toMatchObject(EXPECTED);
  });

  it('is order-independent for any records (property: every order of three random sources)', () => {
    const record = fc.record({
      title: fc.constantFrom('A', 'B', 'C'),
      excerpt: fc.constantFrom('', 'x', 'y'),
      publishedAt: fc.constantFrom('2021-09-20T14:00:00.000Z', '2021-09-21T14:00:00.000Z'),
      quality: fc.option(fc.integer({ min: 0, max: 189 }), { nil: undefined }),
      heat: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
      topics: fc.uniqueArray(fc.constantFrom('AI', 'AI in Healthcare', 'NLP')),
      related: fc.uniqueArray(fc.constantFrom('a', 'b', 'c')).map((keys) => keys.map((k) => ({ title: k, url: `https://r.example.com/${k}` }))),
      amp: fc.option(fc.constantFrom('https://example-health-news.com/a/amp', 'https://example-health-news.com/b/amp'), { nil: undefined }),
      provider: fc.constantFrom({ name: '', domain: '' }, { name: 'P', domain: 'p.example' }, { name: 'Q', domain: '' }),
    });
    type Generated = typeof record extends fc.Arbitrary<infer T> ? T : never;
    const build = ({ quality, heat, amp, ...rest }: Generated, source: string): Article => {
      const base = fakeArticle({ ...rest, sources: [source] });
      delete base.quality;
      delete base.heat;
      delete base.urls.amp;
      return { ...base, urls: { ...base.urls, ...(amp ? { amp } : {}) }, ...(quality === undefined ? {} : { quality }), ...(heat === undefined ? {} : { heat }) };
    };
    fc.assert(
      fc.property(fc.array(record, { minLength: 2, maxLength: 3 }), (generated) => {
        // One record per feed: a feed's own re-read is not a precedence question.
        const records = generated.map((g, i) => build(g, [SNAPSHOT, HOSTED, API][i]!));
        const results = permutations(records).map((order) => withoutStamp(fold(order)));
        for (const result of results) expect(result).toEqual(results[0]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('merge precedence, through the store (merge on read)', () => {
  const stores: Store[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });
  let dbCount = 0;

  /** Writes each source as its feed would: bundles replace their month, API pages merge into theirs. */
  async function writeInOrder(order: readonly Article[]): Promise<Store> {
    const store = await openStore(`merge-precedence-${process.pid}-${++dbCount}`);
    stores.push(store);
    for (const [i, record] of order.entries()) {
      const feed = record.sources[0]!;
      const now = 1_000 + i;
      if (feed.endsWith('manifest.json')) await store.replaceMonth(feed, '2021-09', [record], `hash-${feed}`, newFeedState(feed, 'bundle'), now);
      else await store.mergeArticles(feed, [record], newFeedState(feed, 'api'), now);
      await store.compactIndex();
    }
    return store;
  }

  it('reads the same article after the four sources were written in each of the 24 orders', async () => {
    const id = SOURCES[0]!.id;
    const read: Array<Omit<Article, 'updatedAt'> | undefined> = [];
    for (const order of permutations(SOURCES)) {
      const store = await writeInOrder(order);
      const byId = withoutStamp(await store.getArticle(id));
      const all = (await store.allArticles()).map(withoutStamp);
      expect(all).toEqual([byId]);
      // The badge, answered from the URL table without reading the article, agrees with it.
      expect(await store.findFacts(candidateMatchKeys(SOURCES[0]!.urls.amp!))).toEqual({ id, title: byId!.title, quality: byId!.quality });
      read.push(byId);
      store.close();
      stores.splice(stores.indexOf(store), 1);
    }
    expect(read).toHaveLength(24);
    for (const article of read) expect(article).toEqual(read[0]);
    expect(read[0]).toMatchObject(EXPECTED);
  });
});
