import { describe, expect, it } from 'vitest';
import { planRelated, RELEVANCE_THRESHOLD } from '../../../lib/rank/related';
import { clearsMinQuality, diversifyProviders, qualityPrior, textScore, timeCloseness, topicOverlap, specificityOf } from '../../../lib/rank/scoring';
import { rankRelated, searchArticles, topPicks } from '../../support/rank';
import type { Article } from '../../../lib/model/article';
import { createSearchIndex } from '../../../lib/rank/search-index';
import { madeUpArticle } from '../../support/sample-articles';

const DAY = 86_400_000;

function setup(articles: Article[]) {
  const index = createSearchIndex();
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const a of articles) index.add(a);
  return { index, get: (id: string) => byId.get(id) };
}

const source = madeUpArticle({
  id: 'src',
  title: 'Invented hospital deploys sepsis triage model in emergency wards',
  excerpt: 'Clinicians at a made-up hospital use a sepsis model to triage emergency patients.',
  publishedAt: '2021-06-15T12:00:00.000Z',
  urls: { web: 'https://src.test/sepsis-triage' },
  related: [
    { title: 'Unrelated shipping piece', url: 'https://listed.test/shipping', quality: 20 },
    { title: 'Same as a stored one', url: 'https://www.near.test/sepsis-copy/?utm_source=feed' },
  ],
});
const near = madeUpArticle({
  id: 'near',
  title: 'Sepsis triage model reaches emergency wards of invented hospital',
  excerpt: 'A made-up hospital uses a sepsis model for triage of emergency patients.',
  publishedAt: '2021-06-16T08:00:00.000Z',
  urls: { web: 'https://near.test/sepsis-copy' },
  provider: { name: 'Near', domain: 'near.test' },
  quality: 60,
});
const topical = madeUpArticle({ id: 'topical', title: 'Sepsis screening study in made-up clinics', excerpt: 'Emergency sepsis screening.', quality: 80 });
const offTopic = madeUpArticle({ id: 'off', title: 'Sepsis chatbot for invented retailers', topics: ['AI', 'AI in Sales'], quality: 80 });
const selfCopy = madeUpArticle({ id: 'self-copy', title: source.title, excerpt: source.excerpt, urls: { web: 'http://www.src.test/sepsis-triage/' } });
const cooking = madeUpArticle({ id: 'cook', title: 'Robot kitchens and model recipes', excerpt: 'Unrelated made-up food story.' });

describe('scoring components', () => {
  it('text score is the share of the query mass, capped at 1', () => {
    expect(textScore(3, 6)).toBe(0.5);
    expect(textScore(9, 6)).toBe(1);
    expect(textScore(1, 0)).toBe(0);
  });

  it('topic overlap weighs specific topics over the generic "AI"', () => {
    const { index } = setup([source, near, topical, offTopic, cooking]);
    const weight = specificityOf(index);
    expect(weight('AI')).toBeLessThan(weight('AI in Healthcare'));
    expect(weight('AI in Sales')).toBeGreaterThan(weight('AI in Healthcare'));
    const sharesSpecific = topicOverlap(['AI', 'AI in Healthcare'], ['AI in Healthcare'], weight);
    const sharesGeneric = topicOverlap(['AI', 'AI in Healthcare'], ['AI', 'AI in Sales'], weight);
    expect(sharesSpecific).toBeGreaterThan(0.8);
    expect(sharesGeneric).toBeLessThan(0.2);
  });

  it('time closeness halves every 30 days; unknown is neutral', () => {
    expect(timeCloseness(0, 0)).toBe(1);
    expect(timeCloseness(0, 30 * DAY)).toBeCloseTo(0.5);
    expect(timeCloseness(Number.NaN, 0)).toBe(0.5);
  });

  it('quality prior saturates and never invents a score', () => {
    expect(qualityPrior(50)).toBe(0.5);
    expect(qualityPrior(171)).toBe(1);
    expect(qualityPrior(undefined)).toBe(0.5);
    expect(clearsMinQuality(undefined, 10)).toBe(false);
    expect(clearsMinQuality(undefined, undefined)).toBe(true);
    expect(clearsMinQuality(10, 10)).toBe(true);
    expect(clearsMinQuality(undefined, 10, true)).toBe(true);
    expect(clearsMinQuality(9, 10, true)).toBe(false);
    expect(clearsMinQuality(undefined, 0, false)).toBe(false);
  });

  it('provider diversity lets a second provider in before a third item from the first', () => {
    const items = [
      { score: 1, provider: 'a' },
      { score: 0.95, provider: 'a' },
      { score: 0.9, provider: 'b' },
    ];
    expect(diversifyProviders(items, 3).map((i) => i.provider)).toEqual(['a', 'b', 'a']);
  });
});

describe('rankRelated for an article', () => {
  const { index, get } = setup([source, near, topical, offTopic, selfCopy, cooking]);
  const ranked = rankRelated({ kind: 'article', article: source }, index, get);

  it('never suggests the source, not even under another id with the same URL', () => {
    expect(ranked.map((s) => s.articleId)).not.toContain('src');
    expect(ranked.map((s) => s.articleId)).not.toContain('self-copy');
  });

  it('puts the same story first with its reasons', () => {
    expect(ranked[0]?.articleId).toBe('near');
    expect(ranked[0]?.reasons).toContainEqual({ kind: 'same-story' });
    const terms = ranked[0]?.reasons.find((r) => r.kind === 'key-terms');
    expect(terms?.kind === 'key-terms' && terms.terms).toEqual(expect.arrayContaining(['triage']));
  });

  it('does not give a topic most stored articles carry as a reason', () => {
    // Every made-up article here carries "AI in Healthcare": sharing it says nothing.
    expect(ranked.flatMap((s) => s.reasons).filter((r) => r.kind === 'shared-topic')).toEqual([]);
  });

  it('merges dataset related entries, deduped by match key, each flagged fromDataset', () => {
    const nearOnes = ranked.filter((s) => s.url.includes('near.test'));
    expect(nearOnes).toHaveLength(1);
    expect(nearOnes[0]?.fromDataset).toBe(true);
    expect(nearOnes[0]?.reasons).toContainEqual({ kind: 'listed' });
    const listed = ranked.find((s) => s.url === 'https://listed.test/shipping');
    expect(listed?.fromDataset).toBe(true);
    expect(listed?.articleId).toBeUndefined();
  });

  it('ranks an on-topic article above an off-topic one with the same words', () => {
    const ids = ranked.map((s) => s.articleId);
    expect(ids).toContain('topical');
    // The off-topic one is either below it or cut off as too weak.
    if (ids.includes('off')) expect(ids.indexOf('topical')).toBeLessThan(ids.indexOf('off'));
  });

  it('ranks on the index alone and needs the cards of the shown articles only', () => {
    const plan = planRelated({ kind: 'article', article: source }, index, { limit: 2 });
    expect(plan.ids.length).toBeLessThanOrEqual(6);
    const only = new Set(plan.ids);
    const built = plan.build((id) => (only.has(id) ? get(id) : undefined));
    expect(built).toEqual(rankRelated({ kind: 'article', article: source }, index, get, { limit: 2 }));
    expect(built.filter((s) => !s.fromDataset || s.articleId).length).toBeGreaterThan(0);
  });

  it('applies topic filters to computed neighbours but keeps dataset entries', () => {
    const filtered = rankRelated({ kind: 'article', article: source }, index, get, { topics: ['AI in Sales'] });
    expect(filtered.filter((s) => s.articleId).map((s) => s.articleId)).toEqual(['off']);
    expect(filtered.some((s) => s.url === 'https://listed.test/shipping')).toBe(true);
  });

  it('applies minQuality to everything, dataset entries included', () => {
    const strict = rankRelated({ kind: 'article', article: source }, index, get, { minQuality: 70 });
    expect(strict.every((s) => (s.quality ?? -1) >= 70)).toBe(true);
    expect(strict.map((s) => s.articleId)).toEqual(expect.arrayContaining(['topical', 'off']));
  });

  it('limits computed neighbours only; dataset entries come on top', () => {
    const one = rankRelated({ kind: 'article', article: source }, index, get, { limit: 1 });
    expect(one.filter((s) => !s.fromDataset)).toHaveLength(0);
    expect(one.map((s) => s.url)).toEqual(expect.arrayContaining(['https://near.test/sepsis-copy', 'https://listed.test/shipping']));
    expect(one).toHaveLength(2);
  });
});

describe('rankRelated for a page outside the dataset', () => {
  const { index, get } = setup([source, near, topical, offTopic, cooking]);

  it('builds its query from title and description and suggests when relevant', () => {
    const page = { kind: 'page' as const, title: 'Sepsis triage in emergency wards', description: 'How hospitals screen for sepsis.', url: 'https://elsewhere.test/sepsis' };
    const out = rankRelated(page, index, get);
    expect(out.length).toBeGreaterThan(0);
    expect(JSON.stringify(out[0]?.reasons)).toMatch(/triage/);
  });

  it('returns nothing for an unrelated page (below RELEVANCE_THRESHOLD)', () => {
    expect(RELEVANCE_THRESHOLD).toBeGreaterThan(0);
    const page = { kind: 'page' as const, title: 'Easy weeknight garlic pasta', description: 'Fresh tomatoes, basil and parmesan for a quick dinner recipe.' };
    expect(rankRelated(page, index, get)).toEqual([]);
  });

  it('does not suggest the page itself', () => {
    const page = { kind: 'page' as const, title: near.title, url: 'https://www.near.test/sepsis-copy/' };
    expect(rankRelated(page, index, get).map((s) => s.articleId)).not.toContain('near');
  });
});

describe('searchArticles and topPicks', () => {
  const { index, get } = setup([source, near, topical, offTopic, cooking]);

  it('finds articles while the last word is still being typed', () => {
    expect(searchArticles('screen', index, get).map((s) => s.articleId)).toEqual(['topical']);
    expect(searchArticles('', index, get)).toEqual([]);
    expect(searchArticles('sepsis', index, get, { topics: ['AI in Sales'] }).map((s) => s.articleId)).toEqual(['off']);
  });

  it('picks recent, high-quality articles for the enabled topics', () => {
    const now = Date.parse('2021-06-17T00:00:00.000Z');
    const picks = topPicks(index, get, { now, days: 7, topics: ['AI in Healthcare'] });
    expect(picks[0]?.articleId).toBe('topical');
    expect(picks.map((s) => s.articleId)).not.toContain('off');
    expect(topPicks(index, get, { now: now + 60 * DAY, days: 7 })).toEqual([]);
  });
});
