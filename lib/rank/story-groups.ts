/**
 * Same-story grouping: folds near-duplicate suggestions (syndicated press releases, other outlets' takes within a few days) into one with `alsoCoveredBy`.
 * Pure: no browser APIs. Imported by lib/rank/related.ts; the UI renders the folded list.
 */
import type { Suggestion } from '../model/suggestion';
import { tokenize } from './text';
import { matchKey } from '../match/match-key';

/** Two reports more than this many days apart are different stories, however alike (follow-ups, re-runs of old news). */
export const STORY_WINDOW_DAYS = 5;
/** Weighted Jaccard over terms above which two reports are the same story. */
export const SAME_STORY_THRESHOLD = 0.5;

/** The parts of a report that story matching reads. */
export interface StoryText {
  title: string;
  excerpt?: string;
  publishedAt?: string;
  url?: string;
}

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
 * The same-story rule on its parts, for callers that measure similarity their own way (lib/rank/search-index.ts reads term
 * lists from the index): two reports more than the window apart never are; undated ones need a stricter bar.
 * @param timeA epoch ms or NaN
 * @param timeB epoch ms or NaN
 * @param similarity 0..1, only called when the dates allow a match
 */
export function sameStoryBy(timeA: number, timeB: number, similarity: () => number, options: Omit<StoryOptions, 'idf'> = {}): boolean {
  const threshold = options.threshold ?? SAME_STORY_THRESHOLD;
  const dated = !Number.isNaN(timeA) && !Number.isNaN(timeB);
  if (dated && Math.abs(timeA - timeB) > (options.windowDays ?? STORY_WINDOW_DAYS) * 86_400_000) return false;
  return similarity() >= (dated ? threshold : Math.min(1, threshold + 0.2));
}

/** One story: its best-ranked item and the others folded under it. */
export interface StoryGroup<T> {
  leader: T;
  members: T[];
}

/**
 * Folds ranked items by story, keeping order: each item joins the first earlier leader it is the same story as, or
 * leads a group. A protected item (a dataset `related` entry) never joins a group, though it may lead one.
 */
export function groupSameStoryBy<T>(items: readonly T[], isProtected: (item: T) => boolean, same: (leader: T, item: T) => boolean): StoryGroup<T>[] {
  const groups: StoryGroup<T>[] = [];
  for (const item of items) {
    const group = isProtected(item) ? undefined : groups.find((g) => same(g.leader, item));
    if (group) group.members.push(item);
    else groups.push({ leader: item, members: [] });
  }
  return groups;
}

/**
 * Folds same-story suggestions into the first (best-ranked) one of each story, listing the others in `alsoCoveredBy`.
 * Exact URL duplicates are dropped. Suggestions from the dataset's own `related` list are never folded away
 * (CONTRACT.md wants each of them as a link), though they may lead a group.
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
