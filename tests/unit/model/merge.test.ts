/** Tests for lib/model/merge.ts: fixed precedence per field, nothing is erased by absence, sets unite, `changed` is honest. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeArticle } from '../../../lib/model/merge';
import { removeSource } from '../../support/remove-source';
import { Article } from '../../../lib/model/article';
import { fakeArticle } from '../../fixtures/fake-article';

const NOW = 1_700_000_000_000;
const JSON_FEED = 'https://feeds.example.org/api/news/ai-in-healthcare/';
const BUNDLE = 'https://bundles.example.org/health/manifest.json';

/** What a JSON API item normalizes to: no quality, no related, no images. */
function jsonRecord(overrides: Partial<Article> = {}): Article {
  const { quality: _q, images: _i, ...rest } = fakeArticle({ related: [], sources: [JSON_FEED], ...overrides });
  return rest;
}

describe('mergeArticle', () => {
  it('stores a new article as is, stamped with now, changed', () => {
    const incoming = fakeArticle();
    const { article, changed } = mergeArticle(undefined, incoming, NOW);
    expect(changed).toBe(true);
    expect(article).toEqual({ ...incoming, updatedAt: NOW });
  });

  it('reports unchanged, and keeps the old updatedAt, when the same record comes again', () => {
    const existing = fakeArticle();
    const { article, changed } = mergeArticle(existing, fakeArticle({ updatedAt: NOW }), NOW);
    expect(changed).toBe(false);
    expect(article).toEqual(existing);
    expect(article.updatedAt).toBe(existing.updatedAt);
  });

  it('lets the incoming record win for present fields', () => {
    const existing = fakeArticle();
    const incoming = fakeArticle({
      title: 'New title from a fresher feed',
      excerpt: 'New excerpt.',
      publishedAt: '2021-09-21T08:00:00.000Z',
      provider: { name: 'Renamed Provider', domain: 'example-health-news.com' },
      quality: 70,
      heat: 120,
    });
    const { article, changed } = mergeArticle(existing, incoming, NOW);
    expect(changed).toBe(true);
    expect(article).toMatchObject({
      title: 'New title from a fresher feed',
      excerpt: 'New excerpt.',
      publishedAt: '2021-09-21T08:00:00.000Z',
      provider: { name: 'Renamed Provider' },
      quality: 70,
      heat: 120,
      updatedAt: NOW,
    });
  });

  it('never erases quality, heat, images, related or optional URLs with a record that lacks them', () => {
    const existing = fakeArticle({ sources: [BUNDLE] });
    const { heat: _h, ...withoutHeat } = jsonRecord({ urls: { web: existing.urls.web } });
    const { article } = mergeArticle(existing, withoutHeat, NOW);
    expect(article.quality).toBe(existing.quality);
    expect(article.heat).toBe(existing.heat);
    expect(article.images).toEqual(existing.images);
    expect(article.related).toEqual(existing.related);
    expect(article.urls).toEqual(existing.urls);
  });

  it('does not invent quality when neither record has one', () => {
    const { quality: _q, ...noScore } = fakeArticle();
    const { article } = mergeArticle(noScore, jsonRecord(), NOW);
    expect('quality' in article).toBe(false);
  });

  it('keeps one related list whole: the longer one, whatever the order (a list never mixes two sources)', () => {
    const shorter = fakeArticle({ sources: [BUNDLE], related: [{ title: 'Old title', url: 'https://medwire.example.org/news/a' }] });
    const longer = fakeArticle({
      sources: [JSON_FEED],
      related: [
        { title: 'Fresh title', url: 'https://medwire.example.org/news/a', quality: 50 },
        { title: 'Only in the longer list', url: 'https://c.example.com/piece' },
      ],
    });
    for (const [a, b] of [[shorter, longer], [longer, shorter]] as const) {
      expect(mergeArticle(a, b, NOW).article.related.map((r) => r.title)).toEqual(['Fresh title', 'Only in the longer list']);
    }
  });

  it('takes title and excerpt from the record newest by its own date, whichever arrives last', () => {
    const older = jsonRecord({ title: 'Older headline', excerpt: 'Older excerpt.', publishedAt: '2021-09-20T14:00:00.000Z' });
    const newer = fakeArticle({ title: 'Newer headline', excerpt: 'Newer excerpt.', publishedAt: '2021-09-21T09:00:00.000Z', sources: [BUNDLE] });
    for (const [a, b] of [[older, newer], [newer, older]] as const) {
      expect(mergeArticle(a, b, NOW).article).toMatchObject({ title: 'Newer headline', excerpt: 'Newer excerpt.', publishedAt: newer.publishedAt });
    }
  });

  it('unites topics and sources without duplicates', () => {
    const existing = fakeArticle({ topics: ['AI in Healthcare', 'AI'], sources: [BUNDLE] });
    const incoming = fakeArticle({ topics: ['AI', 'AI in Robotics'], sources: [JSON_FEED] });
    const { article } = mergeArticle(existing, incoming, NOW);
    expect(article.topics.sort()).toEqual(['AI', 'AI in Healthcare', 'AI in Robotics']);
    expect(article.sources).toEqual([BUNDLE, JSON_FEED]);
  });

  it('reports changed when only a source is added', () => {
    const existing = fakeArticle({ sources: [BUNDLE] });
    expect(mergeArticle(existing, fakeArticle({ sources: [JSON_FEED] }), NOW).changed).toBe(true);
  });

  it('a JSON item merged into a Markdown record keeps the score and changes only what it carries', () => {
    const markdown = fakeArticle({ sources: [BUNDLE], heat: 80 });
    const json = jsonRecord({ heat: 95 });
    const { article, changed } = mergeArticle(markdown, json, NOW);
    expect(changed).toBe(true);
    expect(article).toMatchObject({ quality: markdown.quality, heat: 95, related: markdown.related, sources: [BUNDLE, JSON_FEED] });
  });

  it('is idempotent and always yields a valid Article (property)', () => {
    const optionalNumber = fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined });
    const record = fc.record({
      title: fc.string({ minLength: 1, maxLength: 20 }),
      quality: optionalNumber,
      heat: optionalNumber,
      topics: fc.uniqueArray(fc.constantFrom('AI', 'AI in Healthcare', 'NLP', 'AI Ethics')),
      related: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd')).map((keys) => keys.map((k) => ({ title: k, url: `https://r.example.com/${k}` }))),
      sources: fc.uniqueArray(fc.constantFrom(BUNDLE, JSON_FEED), { minLength: 1 }),
    });
    type Generated = typeof record extends fc.Arbitrary<infer T> ? T : never;
    const build = (r: Generated): Article => {
      const { quality, heat, ...rest } = r;
      const base = fakeArticle(rest);
      delete base.quality;
      delete base.heat;
      return { ...base, ...(quality === undefined ? {} : { quality }), ...(heat === undefined ? {} : { heat }) };
    };
    fc.assert(
      fc.property(record, record, (a, b) => {
        const existing = build(a);
        const incoming = build(b);
        const once = mergeArticle(existing, incoming, NOW).article;
        expect(Article.safeParse(once).success).toBe(true);
        expect(mergeArticle(once, incoming, NOW + 1).changed).toBe(false);
        // Nothing present is lost.
        const sameFeed = existing.sources.length === 1 && incoming.sources.length === 1 && existing.sources[0] === incoming.sources[0];
        const expectedQuality = sameFeed ? (incoming.quality ?? existing.quality) : Math.max(incoming.quality ?? -1, existing.quality ?? -1);
        if (existing.quality !== undefined || incoming.quality !== undefined) expect(once.quality).toBe(expectedQuality);
        for (const topic of [...existing.topics, ...incoming.topics]) expect(once.topics).toContain(topic);
        const unitedRelated = new Set([...existing.related, ...incoming.related].map((r) => r.url)).size;
        expect(once.related.length).toBe(sameFeed ? unitedRelated : Math.max(existing.related.length, incoming.related.length));
        // Either record may be the stored one: the result is the same (across feeds; a feed's own re-read is newer).
        if (!sameFeed) expect(withoutStamp(mergeArticle(incoming, existing, NOW).article)).toEqual(withoutStamp(once));
      }),
    );
  });
});

function withoutStamp(article: Article): Omit<Article, 'updatedAt'> {
  const { updatedAt: _stamp, ...rest } = article;
  return rest;
}

describe('removeSource', () => {
  it('drops one source and keeps the article while another remains', () => {
    const article = fakeArticle({ sources: [BUNDLE, JSON_FEED] });
    expect(removeSource(article, BUNDLE)).toEqual({ ...article, sources: [JSON_FEED] });
  });

  it('returns undefined when the last source goes', () => {
    expect(removeSource(fakeArticle({ sources: [BUNDLE] }), BUNDLE)).toBeUndefined();
  });

  it('returns the article untouched for a source it never had', () => {
    const article = fakeArticle({ sources: [BUNDLE] });
    expect(removeSource(article, JSON_FEED)).toBe(article);
  });
});
