/**
 * Same-story grouping: the rule that says two reports cover one story (syndicated press releases, other outlets' takes
 * within a few days) and the fold that lists them under one leader. Pure: no browser APIs. Imported by lib/rank/related.ts.
 */

/** Two reports more than this many days apart are different stories, however alike (follow-ups, re-runs of old news). */
const STORY_WINDOW_DAYS = 5;
/** Weighted Jaccard over terms above which two reports are the same story. */
const SAME_STORY_THRESHOLD = 0.5;

/** The parts of a report that story matching reads. */
export interface StoryText {
  title: string;
  excerpt?: string;
  publishedAt?: string;
  url?: string;
}

/** Tuning of the same-story rule (defaults: {@link STORY_WINDOW_DAYS}, {@link SAME_STORY_THRESHOLD}). */
export interface StoryRule {
  windowDays?: number;
  threshold?: number;
}

/**
 * The same-story rule: two reports more than the window apart never are; otherwise their similarity (measured by the
 * caller: lib/rank/related.ts reads it from the search index's term lists) must clear the threshold, a stricter one
 * when either is undated.
 * @param timeA epoch ms or NaN
 * @param timeB epoch ms or NaN
 * @param similarity 0..1, only called when the dates allow a match
 */
export function sameStoryBy(timeA: number, timeB: number, similarity: () => number, options: StoryRule = {}): boolean {
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
