import { describe, expect, it } from 'vitest';
import { isFillerWord } from '../../../lib/rank/text';
import { isKeyTerm, KEY_TERM_MAX_SHARE, KEY_TERM_MIN_CEILING } from '../../../lib/rank/scoring';
import { createSearchIndex } from '../../../lib/rank/search-index';
import { planRelated, RELATIVE_SCORE_FLOOR } from '../../../lib/rank/related';
import { planSearch } from '../../../lib/rank/search';
import type { Article } from '../../../lib/model/article';
import { madeUpArticle, loadSampleArticles } from '../../support/sample-articles';
import { describeWithSharedData, readShared, sharedFiles } from '../../support/shared-data';

describe('filler words', () => {
  it('treats stop words and generic news words as filler, in any form', () => {
    for (const word of ['next', 'New', 'says', 'the', 'Market', 'markets', 'launching', 'global', 'AI']) expect(isFillerWord(word)).toBe(true);
    for (const word of ['sepsis', 'triage', 'radiology', 'Watson', 'FDA']) expect(isFillerWord(word)).toBe(false);
  });

  it('keeps an acronym that spells a stop word ("WHO") but not the word itself', () => {
    expect(isFillerWord('WHO')).toBe(false);
    expect(isFillerWord('who')).toBe(true);
  });
});

describe('key terms', () => {
  const many = Array.from({ length: 40 }, (_, i) =>
    madeUpArticle({ title: `Invented clinic ${i} adopts software`, excerpt: i < 10 ? 'Made-up sepsis alerts.' : 'Made-up billing.' }),
  );
  const index = createSearchIndex();
  for (const a of many) index.add(a);

  it('are rare words: a word in more than the share ceiling of articles is not one', () => {
    expect(KEY_TERM_MAX_SHARE * index.size).toBeGreaterThanOrEqual(KEY_TERM_MIN_CEILING - 1);
    expect(isKeyTerm('clinic', 'clinic', index)).toBe(false);
    expect(isKeyTerm('sepsis', 'sepsis', index)).toBe(false);
    expect(isKeyTerm('radiology', 'radiology', index)).toBe(true);
  });

  it('never includes filler, even when rare', () => {
    expect(isKeyTerm('next', 'next', index)).toBe(false);
    expect(isKeyTerm('^next', 'Next', index)).toBe(false);
  });
});

describe('the relevance floor', () => {
  it('drops computed suggestions far below the best one but keeps the source\'s own related entries', () => {
    const source = madeUpArticle({
      title: 'Invented hospital trials sepsis triage model',
      excerpt: 'A made-up sepsis triage model in invented emergency wards.',
      related: [{ title: 'Listed elsewhere', url: 'https://listed.test/one' }],
    });
    const strong = madeUpArticle({ title: 'Sepsis triage model trial in invented emergency wards', excerpt: 'Made-up hospital sepsis triage.' });
    const weak = madeUpArticle({ title: 'Invented retailer ships parcels', excerpt: 'A made-up hospital car park.', topics: ['AI', 'AI in Retail'] });
    const filler = Array.from({ length: 6 }, (_, i) => madeUpArticle({ title: `Unrelated made-up topic ${i}`, topics: ['AI', 'AI in Retail'] }));
    const all: Article[] = [source, strong, weak, ...filler];
    const index = createSearchIndex();
    for (const a of all) index.add(a);
    const byId = new Map(all.map((a) => [a.id, a]));
    const out = planRelated({ kind: 'article', article: source }, index).build((id) => byId.get(id));
    expect(out.map((s) => s.articleId)).toContain(strong.id);
    expect(out.map((s) => s.articleId)).not.toContain(weak.id);
    expect(out.map((s) => s.url)).toContain('https://listed.test/one');
    const best = Math.max(...out.filter((s) => !s.fromDataset).map((s) => s.score));
    for (const s of out.filter((x) => !x.fromDataset)) expect(s.score).toBeGreaterThanOrEqual(best * RELATIVE_SCORE_FLOOR);
  });
});

describeWithSharedData('key terms on the real sample', () => {
  it('never shows a stop word, filler or a word common in the corpus as a key term, in related reading or search', () => {
    const { articles } = loadSampleArticles({ files: sharedFiles, text: readShared });
    const index = createSearchIndex();
    for (const a of articles) index.add(a);
    index.prepareStories();
    const byId = new Map(articles.map((a) => [a.id, a]));
    const shown: string[] = [];
    for (const article of articles) {
      for (const s of planRelated({ kind: 'article', article }, index).build((id) => byId.get(id))) {
        for (const r of s.reasons) if (r.kind === 'key-terms') shown.push(...r.terms);
      }
    }
    for (const query of ['next', 'healthcare market', 'new says', 'radiology']) {
      for (const s of planSearch(query, index).build((id) => byId.get(id))) for (const r of s.reasons) if (r.kind === 'key-terms') shown.push(...r.terms);
    }
    expect(shown.length).toBeGreaterThan(100);
    const lower = new Set(shown.map((t) => t.toLowerCase()));
    for (const word of ['next', 'new', 'says', 'healthcare', 'market', 'global', 'ai']) expect(lower.has(word)).toBe(false);
    expect(shown.filter((t) => isFillerWord(t))).toEqual([]);
  }, 120_000);
});
