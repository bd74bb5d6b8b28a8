import { describe, expect, it } from 'vitest';
import { pickSearchExamples } from '../../../lib/rank/search-examples';
import { createSearchIndex } from '../../../lib/rank/search-index';
import { planSearch } from '../../../lib/rank/search';
import { loadSampleArticles } from '../../support/sample-articles';
import { describeWithSharedData, readShared, sharedFiles } from '../../support/shared-data';
import { isFillerWord } from '../../../lib/rank/text';

describe('pickSearchExamples', () => {
  const df: Record<string, number> = { radiology: 6, watson: 9, fda: 4, next: 30, market: 40, once: 1, hospital: 80, visionary: 5 };
  const docFreq = (term: string) => df[term] ?? 0;

  it('picks meaningful words that several stored articles contain, the most widely used first, as written', () => {
    const titles = ['Made-up radiology team tests Watson', 'Invented FDA nod for the next market hit', 'A once-only word'];
    // Names and acronyms count extra: "FDA" (4 articles) ties "radiology" (6).
    expect(pickSearchExamples(titles, docFreq, 100)).toEqual(['Watson', 'FDA', 'radiology']);
  });

  it('never picks filler, a word almost every article has, one no other article has, or a topic name\'s word', () => {
    const out = pickSearchExamples(['Next market hospital once', 'Visionary radiology'], docFreq, 100, 5, ['Computer Vision', 'Radiology AI']);
    expect(out).toEqual(['visionary']);
  });
});

describeWithSharedData('search examples on the real sample', () => {
  it('are words every one of which finds stored articles, none of them filler', () => {
    const { articles } = loadSampleArticles({ files: sharedFiles, text: readShared });
    const index = createSearchIndex();
    for (const a of articles) index.add(a);
    const topics = [...new Set(articles.flatMap((a) => a.topics))];
    const recent = [...articles].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).slice(0, 10);
    const examples = pickSearchExamples(recent.map((a) => a.title), (t) => index.docFreq(t), index.size, 3, topics);
    expect(examples.length).toBeGreaterThan(0);
    for (const word of examples) {
      expect(isFillerWord(word), word).toBe(false);
      expect(planSearch(`${word} `, index).ids.length, word).toBeGreaterThanOrEqual(2);
    }
    // The old fixed example finds nothing in this data: examples must come from the data instead.
    expect(planSearch('sepsis ', index).ids).toEqual([]);
  }, 60_000);
});
