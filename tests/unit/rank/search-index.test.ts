import { describe, expect, it } from 'vitest';
import { createSearchIndex, loadSearchIndex, SearchIndex } from '../../../lib/rank/search-index';
import { storySimilarity } from '../../support/story-reference';
import { tokenize } from '../../../lib/rank/text';
import { madeUpArticle } from '../../support/sample-articles';

const q = (text: string) => tokenize(text).map((term) => ({ term, weight: 1 }));

function corpus() {
  const titleHit = madeUpArticle({ id: 'title', title: 'Sepsis alerts in the emergency room', excerpt: 'A hospital story.' });
  const excerptHit = madeUpArticle({ id: 'excerpt', title: 'Hospital software update', excerpt: 'Mentions sepsis once.' });
  const other = madeUpArticle({ id: 'other', title: 'Radiology scanners get faster', excerpt: 'Imaging news.', quality: 90 });
  const nlp = madeUpArticle({ id: 'nlp', title: 'Clinical notes summarised', excerpt: 'Sepsis notes.', topics: ['AI', 'Natural Language Processing'], quality: 40 });
  return [titleHit, excerptHit, other, nlp];
}

describe('SearchIndex', () => {
  it('ranks a title match above an excerpt match (title boost) and reports matched terms', () => {
    const index = createSearchIndex();
    for (const a of corpus()) index.add(a);
    const hits = index.search(q('sepsis'));
    expect(hits.map((h) => h.id).slice(0, 1)).toEqual(['title']);
    expect(hits.map((h) => h.id)).toContain('excerpt');
    expect(hits[0]?.matched).toEqual(['sepsis']);
    expect(hits.map((h) => h.id)).not.toContain('other');
  });

  it('applies topic, minimum-quality and exclusion filters while selecting', () => {
    const index = createSearchIndex();
    for (const a of corpus()) index.add(a);
    expect(index.search(q('sepsis'), { topics: ['Natural Language Processing'] }).map((h) => h.id)).toEqual(['nlp']);
    expect(index.search(q('sepsis'), { minQuality: 30 }).map((h) => h.id)).toEqual(['nlp']);
    expect(index.search(q('sepsis'), { minQuality: 50 })).toEqual([]);
    // With "Hide unrated" off the minimum judges scored articles only: the unscored ones stay.
    const unscored = corpus().filter((a) => a.quality === undefined && index.search(q('sepsis')).some((h) => h.id === a.id)).map((a) => a.id);
    expect(unscored.length).toBeGreaterThan(0);
    expect(index.search(q('sepsis'), { minQuality: 50, keepUnrated: true }).map((h) => h.id).sort()).toEqual(unscored.sort());
    expect(index.search(q('sepsis'), { excludeIds: new Set(['title']) }).map((h) => h.id)).not.toContain('title');
    expect(index.search(q('sepsis'), { topics: [] })).toEqual([]);
  });

  it('adds and removes incrementally; re-adding an id replaces it', () => {
    const index = createSearchIndex();
    for (const a of corpus()) index.add(a);
    expect(index.size).toBe(4);
    index.remove('title');
    expect(index.size).toBe(3);
    expect(index.search(q('sepsis')).map((h) => h.id)).not.toContain('title');
    index.add(madeUpArticle({ id: 'excerpt', title: 'Now about dermatology', excerpt: '' }));
    expect(index.size).toBe(3);
    expect(index.search(q('sepsis')).map((h) => h.id)).toEqual(['nlp']);
    expect(index.search(q('dermatology')).map((h) => h.id)).toEqual(['excerpt']);
    index.remove('missing');
    expect(index.size).toBe(3);
  });

  it('stays correct across sweeps of many tombstones', () => {
    const index = createSearchIndex();
    for (let i = 0; i < 3000; i++) {
      index.add(madeUpArticle({ id: `d${i}`, title: `Topic word${i % 50} shared`, excerpt: i % 7 === 0 ? 'rare marker' : '' }));
    }
    for (let i = 0; i < 2500; i++) index.remove(`d${i}`);
    expect(index.size).toBe(500);
    const ids = index.search(q('rare marker'), { limit: 1000 }).map((h) => h.id);
    const expected = Array.from({ length: 500 }, (_, j) => 2500 + j).filter((i) => i % 7 === 0).map((i) => `d${i}`);
    expect(ids.sort()).toEqual(expected.sort());
    expect(index.info('d10')).toBeUndefined();
    expect(index.info('d2999')?.id).toBe('d2999');
  });

  it('keeps per-article info: date, quality, provider, topics', () => {
    const index = createSearchIndex();
    index.add(madeUpArticle({ id: 'x', quality: 71, provider: { name: 'X', domain: 'X.test' }, publishedAt: '2021-06-10T14:01:00.000Z' }));
    expect(index.info('x')).toEqual({
      id: 'x',
      publishedAt: Date.parse('2021-06-10T14:01:00.000Z'),
      quality: 71,
      providerDomain: 'x.test',
      topics: ['AI', 'AI in Healthcare'],
    });
    expect(index.topicCount('AI in Healthcare')).toBe(1);
    index.remove('x');
    expect(index.topicCount('AI in Healthcare')).toBe(0);
  });

  it('round-trips through a structured clone (what IndexedDB stores) with identical results, and rejects what is not an index', () => {
    const index = createSearchIndex();
    for (const a of corpus()) index.add(a);
    index.remove('other');
    const json = structuredClone(index.serialize()) as unknown;
    const restored = loadSearchIndex(json);
    expect(restored).toBeInstanceOf(SearchIndex);
    expect(restored.size).toBe(3);
    expect(restored.search(q('sepsis notes hospital'))).toEqual(index.search(q('sepsis notes hospital')));
    restored.add(madeUpArticle({ id: 'later', title: 'Sepsis sepsis sepsis' }));
    expect(restored.search(q('sepsis'))[0]?.id).toBe('later');
    expect(() => loadSearchIndex({ v: 2 })).toThrow(/serialized search index/);
    // A version-1 index (no title flags) is not read as this version: the corpus rebuilds it.
    expect(() => loadSearchIndex({ ...(json as object), v: 1 })).toThrow(/serialized search index/);
  });

  it('stores its number lists as typed arrays, and still reads a snapshot that stored them as plain arrays', () => {
    const index = createSearchIndex();
    for (const a of corpus()) index.add(a);
    const serialized = index.serialize();
    expect(serialized.postings).toBeInstanceOf(Uint32Array);
    const older = Object.fromEntries(
      Object.entries(serialized).map(([key, value]) => [key, ArrayBuffer.isView(value) ? Array.from(value as Uint32Array) : value]),
    );
    expect(loadSearchIndex(older).search(q('sepsis notes hospital'))).toEqual(index.search(q('sepsis notes hospital')));
  });

  it('reads same-story similarity from its term lists, as the text-based reference (tests/support/story-reference.ts) computes it', () => {
    const a = madeUpArticle({ id: 'a', title: 'Mayo Clinic sepsis model cuts deaths', excerpt: 'The hospital says the alert fired early. Sepsis sepsis.' });
    const b = madeUpArticle({ id: 'b', title: 'Sepsis model at Mayo Clinic cuts deaths, study finds', excerpt: 'A different lede about alerts.' });
    const c = madeUpArticle({ id: 'c', title: 'Radiology scanners get faster', excerpt: 'Imaging news from the hospital.' });
    const gone = madeUpArticle({ id: 'gone', title: 'Mayo sepsis', excerpt: 'Removed later.' });
    const index = createSearchIndex();
    for (const article of [gone, a, b, c]) index.add(article);
    index.remove('gone');
    const idf = (term: string) => index.idf(term);
    const check = (idx: SearchIndex) => {
      for (const [x, y] of [[a, b], [a, c], [b, c], [a, a]] as const) {
        const expected = storySimilarity(x, y, idf);
        expect(idx.storySimilarity(idx.slotOf(x.id)!, idx.slotOf(y.id)!)).toBeCloseTo(expected, 10);
        expect(idx.storySimilarity(idx.storyTerms(x.title, x.excerpt), idx.slotOf(y.id)!)).toBeCloseTo(expected, 10);
      }
      // Terms the index never saw still count in the union.
      const page = { title: 'Mayo Clinic sepsis model zzyzx', excerpt: 'Quokka.' };
      expect(idx.storySimilarity(idx.storyTerms(page.title, page.excerpt), idx.slotOf('a')!)).toBeCloseTo(storySimilarity(page, a, idf), 10);
    };
    check(index);
    check(loadSearchIndex(structuredClone(index.serialize())));
  });

  it('lists quality scores per topic and the newest date without building per-article info', () => {
    const index = createSearchIndex();
    for (const a of corpus()) index.add(a);
    const expected = corpus()
      .filter((a) => a.quality !== undefined && a.topics.includes('AI'))
      .map((a) => a.quality);
    expect(index.qualityScores('AI').sort()).toEqual(expected.sort());
    expect(index.qualityScores('Natural Language Processing')).toEqual([40]);
    expect(index.qualityScores('Nope')).toEqual([]);
    expect(index.newestPublished()).toBe(Math.max(...corpus().map((a) => Date.parse(a.publishedAt))));
  });

  it('suggests indexed terms for a typed prefix', () => {
    const index = createSearchIndex();
    for (const a of corpus()) index.add(a);
    expect(index.termsWithPrefix('seps')).toEqual(['sepsis']);
    expect(index.termsWithPrefix('s')).toEqual([]);
  });
});
