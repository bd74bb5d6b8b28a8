/**
 * The text-based same-story reference: similarity measured on tokenized text, then folding suggestions by it.
 * Test-only: the product reads the same measure from the search index's term lists (SearchIndex.storySimilarity);
 * tests check the index against this plain version and pin the same-story rule's behaviour on readable inputs.
 */
import type { Suggestion } from '../../lib/model/suggestion';
import { matchKey } from '../../lib/match/match-key';
import { sameStoryBy, type StoryText } from '../../lib/rank/story-groups';
import { tokenize } from '../../lib/rank/text';

/** Tuning for {@link isSameStory} and {@link groupSameStory}. */
export interface StoryOptions {
  windowDays?: number;
  threshold?: number;
  /** Term weight (e.g. the index's idf) so shared names count more than shared filler; default: every term weighs 1. */
  idf?: (term: string) => number;
}

function weightedJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>, weight: (term: string) => number): number {
  let shared = 0;
  let union = 0;
  for (const term of a) {
    const w = weight(term);
    union += w;
    if (b.has(term)) shared += w;
  }
  for (const term of b) if (!a.has(term)) union += weight(term);
  return union > 0 ? shared / union : 0;
}

/** A report's term sets, computed once per object (grouping compares every pair). */
interface StoryProfile {
  title: Set<string>;
  full: Set<string>;
  time: number;
  key: string | undefined;
}

const profiles = new WeakMap<StoryText, StoryProfile>();

function profile(text: StoryText): StoryProfile {
  let p = profiles.get(text);
  if (!p) {
    const title = new Set(tokenize(text.title));
    p = {
      title,
      full: new Set([...title, ...tokenize(text.excerpt ?? '')]),
      time: text.publishedAt ? Date.parse(text.publishedAt) : Number.NaN,
      key: text.url ? matchKey(text.url) : undefined,
    };
    profiles.set(text, p);
  }
  return p;
}

/**
 * How alike two reports read, 0..1: the larger of the weighted Jaccard over title terms and over title+excerpt terms
 * (a syndicated copy may swap the excerpt; a rewrite may keep the lede but retitle).
 */
export function storySimilarity(a: StoryText, b: StoryText, idf?: (term: string) => number): number {
  const weight = idf ?? (() => 1);
  const pa = profile(a);
  const pb = profile(b);
  return Math.max(weightedJaccard(pa.title, pb.title, weight), weightedJaccard(pa.full, pb.full, weight));
}

/**
 * Whether two reports cover the same story: the same URL, or alike text published within the window.
 * Reports without a date are compared on text alone, with a stricter bar.
 */
export function isSameStory(a: StoryText, b: StoryText, options: StoryOptions = {}): boolean {
  const pa = profile(a);
  const pb = profile(b);
  if (pa.key !== undefined && pa.key === pb.key) return true;
  return sameStoryBy(pa.time, pb.time, () => storySimilarity(a, b, options.idf), options);
}

/**
 * Folds same-story suggestions into the first (best-ranked) one of each story, listing the others in `alsoCoveredBy`.
 * Exact URL duplicates are dropped. Suggestions from the dataset's own `related` list are never folded away
 * (each must stay a link of its own), though they may lead a group.
 * @param suggestions ranked best first
 * @param options window, threshold, term weights
 * @returns the folded list, order kept
 */
export function groupSameStory(suggestions: readonly Suggestion[], options: StoryOptions = {}): Suggestion[] {
  const leaders: Suggestion[] = [];
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    const key = matchKey(suggestion.url) ?? suggestion.url;
    if (seen.has(key)) continue;
    seen.add(key);
    const leader = suggestion.fromDataset ? undefined : leaders.find((l) => isSameStory(l, suggestion, options));
    if (!leader) {
      leaders.push({ ...suggestion, reasons: [...suggestion.reasons], alsoCoveredBy: suggestion.alsoCoveredBy ? [...suggestion.alsoCoveredBy] : undefined });
      continue;
    }
    const also = (leader.alsoCoveredBy ??= []);
    also.push({ title: suggestion.title, url: suggestion.url, provider: suggestion.provider, quality: suggestion.quality });
    for (const more of suggestion.alsoCoveredBy ?? []) also.push(more);
  }
  return leaders;
}
