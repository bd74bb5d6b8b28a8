/**
 * The search index's long passes run in slices on the worker (lib/model/slices.ts): folding recent adds, readying it for
 * queries and packing its snapshot pause at checkpoints instead of walking every posting in one task, and give the same
 * index, byte for byte, as the unsliced passes. Pauses are counted, never timed.
 */
import { describe, expect, it } from 'vitest';
import { createSearchIndex, type SearchIndex } from '../../../lib/rank/search-index';
import { countSlicer, runToEnd, type Slicer } from '../../../lib/model/slices';
import { fakeArticle } from '../../fixtures/fake-article';

const WORDS = 'sepsis alert model hospital radiology scan chest nurse pilot trial robot parcel warehouse cancer screen diabetes insulin heart rhythm watch sleep apnea stroke triage clinic rural drone vaccine cold chain genome protein fold'.split(' ');

/** `n` made-up articles whose titles and excerpts draw on a small vocabulary plus a few words of their own. */
function corpus(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const pick = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]!;
    return fakeArticle({
      title: `${pick(1)} ${pick(2)} ${pick(3)} study ${i}`,
      excerpt: `${pick(4)} ${pick(5)} ${pick(6)} ${pick(7)} ${pick(8)} word${i % 997} term${i % 211} note${i} ${pick(9)} ${pick(10)} ${pick(11)} ${pick(12)}`,
      urls: { web: `https://news.example.org/2021/story-${i}` },
      publishedAt: new Date(Date.UTC(2021, 0, 1) + i * 3_600_000).toISOString(),
      quality: i % 5 === 0 ? undefined : (i * 37) % 200,
      topics: i % 3 ? ['AI in Healthcare', 'AI'] : ['AI in Robotics', 'AI'],
    });
  });
}

/** Builds as the corpus does on the worker: no sweep inside `add`, sliced sweeps and preparation instead. */
async function slicedBuild(articles: ReturnType<typeof corpus>, slicer: Slicer): Promise<SearchIndex> {
  const index = createSearchIndex();
  for (const article of articles) {
    index.add(article, false);
    if (index.needsSweep()) await index.sweepSliced(slicer);
  }
  await index.prepareStoriesSliced(slicer);
  return index;
}

describe('search index in slices', () => {
  it('gives the same serialized index and the same answers as the unsliced build', async () => {
    // Enough postings for several sweeps during the build (the delta tier folds past 50k postings).
    const articles = corpus(4000);
    const plain = createSearchIndex();
    for (const article of articles) plain.add(article);
    plain.prepareStories();
    const slicer = countSlicer(1, () => Promise.resolve());
    const sliced = await slicedBuild(articles, slicer);
    const fromSliced = await sliced.serializeSliced(slicer);
    expect(fromSliced).toEqual(plain.serialize());
    expect(slicer.pauses).toBeGreaterThan(20);
    const query = [{ term: 'sepsi', weight: 1 }, { term: 'alert', weight: 1 }];
    expect(sliced.search(query, { limit: 20 })).toEqual(plain.search(query, { limit: 20 }));
    const a = sliced.slotOf(articles[10]!.id)!;
    const b = sliced.slotOf(articles[17]!.id)!;
    expect(sliced.storySimilarity(a, b)).toBe(plain.storySimilarity(plain.slotOf(articles[10]!.id)!, plain.slotOf(articles[17]!.id)!));
  });

  it('pauses many times while building 10k articles: no pass walks the whole index in one task', async () => {
    const articles = corpus(10_000);
    const slicer = countSlicer(1, () => Promise.resolve());
    const index = await slicedBuild(articles, slicer);
    const afterBuild = slicer.pauses;
    await index.serializeSliced(slicer);
    // Checkpoints come every few thousand postings: a 10k index has hundreds of thousands.
    expect(afterBuild).toBeGreaterThan(50);
    expect(slicer.pauses - afterBuild).toBeGreaterThan(20);
    expect(index.size).toBe(10_000);
  });

  it('runToEnd runs the same steps without pausing', () => {
    function* steps() {
      yield;
      yield;
      return 3;
    }
    expect(runToEnd(steps())).toBe(3);
  });
});
