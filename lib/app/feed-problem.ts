/**
 * What went wrong with a feed, in a reader's terms: the sync's technical message (lib/sync) sorted into a few kinds,
 * the site it concerns, and when the next try comes. Pure; the options page words each kind through the locale files.
 */
import type { FeedState } from '../model/feed-state';

/** A reader-level kind of feed failure; `other` when the message says nothing more useful. */
export type FeedProblemKind =
  | 'unreachable'
  | 'timeout'
  | 'notFound'
  | 'refused'
  | 'serverError'
  | 'unreadable'
  | 'tooLarge'
  | 'storageFull'
  | 'cancelled'
  | 'other';

export interface FeedProblem {
  kind: FeedProblemKind;
  /** The site to name ("everyday-cc.github.io"); the raw text when the feed is not a URL. */
  site: string;
  /** The sync's own message, kept for the technical details. */
  detail: string;
}

/** Message patterns of lib/sync/ (fetch-resource, api-feed, bundle-feed, run-sync), first match wins. */
const PATTERNS: readonly [FeedProblemKind, RegExp][] = [
  ['storageFull', /storage is full/i],
  ['cancelled', /^cancelled\b/i],
  ['timeout', /^timed out\b/i],
  ['unreachable', /^network error\b|connection lost/i],
  ['notFound', /^HTTP (404|410)\b/],
  ['refused', /^HTTP (401|403|451)\b|redirected to another site/],
  ['serverError', /^HTTP (429|5\d\d)\b/],
  ['tooLarge', /too large|downloaded more than|holds more than/i],
  ['unreadable', /not JSON|not valid UTF-8|^manifest\b|^shard\b|shards failed|^page \d+|links back|expected a JSON API|content does not match/i],
];

/**
 * The kind of a sync failure message.
 * @param message `FeedState.lastError` or a `SyncSummary` error message.
 */
export function feedProblemKind(message: string): FeedProblemKind {
  for (const [kind, pattern] of PATTERNS) if (pattern.test(message)) return kind;
  return 'other';
}

/** The host a feed URL points to, or the text itself when it is not a URL. */
export function feedSite(feed: string): string {
  try {
    return new URL(feed).host || feed;
  } catch {
    return feed;
  }
}

/** A failure of `feed` with `message`, sorted for the reader. */
export function feedProblem(feed: string, message: string): FeedProblem {
  return { kind: feedProblemKind(message), site: feedSite(feed), detail: message };
}

/**
 * When a failed feed is tried again: the later of its backoff (`nextRetryAt`) and the next periodic sync after its
 * last attempt. `undefined` when that moment has passed or is unknown (the next sync, whenever it runs, tries it).
 * @param state the feed's stored state, if any.
 * @param intervalHours the periodic sync interval from settings.
 * @param now epoch ms.
 */
export function nextTryAt(state: Pick<FeedState, 'nextRetryAt' | 'lastAttemptAt'> | undefined, intervalHours: number, now: number): number | undefined {
  if (!state || state.lastAttemptAt === undefined) return undefined;
  const periodic = state.lastAttemptAt + intervalHours * 3_600_000;
  const at = Math.max(periodic, state.nextRetryAt ?? 0);
  return at > now ? at : undefined;
}
