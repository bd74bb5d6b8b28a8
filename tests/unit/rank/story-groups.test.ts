import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../lib/model/suggestion';
import { groupSameStory, isSameStory, storySimilarity } from '../../support/story-reference';

const suggestion = (overrides: Partial<Suggestion>): Suggestion => ({
  url: 'https://one.test/a',
  title: 'Made-up clinic launches triage robot',
  excerpt: 'The invented clinic said its robot sorts walk-in patients.',
  publishedAt: '2021-08-26T10:00:00.000Z',
  score: 1,
  reasons: [],
  fromDataset: false,
  ...overrides,
});

describe('same-story grouping', () => {
  const a = suggestion({});
  const copy = suggestion({ url: 'https://two.test/b', title: "Made-up Clinic Launches Triage Robot", publishedAt: '2021-08-27T09:00:00.000Z', provider: { name: 'Two', domain: 'two.test' } });
  const unrelated = suggestion({ url: 'https://three.test/c', title: 'Imaginary insurer cuts premiums', excerpt: 'Prices fall for made-up customers.' });

  it('scores near-duplicates high and different stories low', () => {
    expect(storySimilarity(a, copy)).toBeGreaterThan(0.8);
    expect(storySimilarity(a, unrelated)).toBeLessThan(0.2);
  });

  it('needs the reports to fall within the window', () => {
    expect(isSameStory(a, copy)).toBe(true);
    expect(isSameStory(a, { ...copy, publishedAt: '2021-10-01T00:00:00.000Z' })).toBe(false);
    expect(isSameStory(a, copy, { windowDays: 0.5 })).toBe(false);
  });

  it('folds the copy into the first report as alsoCoveredBy, keeping order', () => {
    const grouped = groupSameStory([a, unrelated, copy]);
    expect(grouped.map((s) => s.url)).toEqual([a.url, unrelated.url]);
    expect(grouped[0]?.alsoCoveredBy).toEqual([{ title: copy.title, url: copy.url, provider: copy.provider, quality: undefined }]);
    expect(a.alsoCoveredBy).toBeUndefined();
  });

  it('drops exact URL duplicates and never folds a dataset entry away', () => {
    const listed = { ...copy, fromDataset: true };
    const grouped = groupSameStory([a, suggestion({ url: 'https://one.test/a/?utm_source=x' }), listed]);
    expect(grouped.map((s) => s.url)).toEqual([a.url, listed.url]);
  });
});
