/**
 * What went wrong with a feed, in a reader's terms: the sync's problem (lib/model/problem.ts) sorted by its code into a
 * few kinds, the site it concerns, and when the next try comes. Pure; the options page words each kind and each
 * problem through the locale files.
 */
import type { FeedState } from '../model/feed-state';
import { knownProblem, type Problem, type ProblemCode, type StoredProblem } from '../model/problem';

/** A reader-level kind of feed failure; `other` when the problem says nothing more useful. */
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
  /** The sync's own problem, kept for the technical details (a string: what an earlier version stored). */
  detail: StoredProblem;
}

/** The kind of each problem code that is not an HTTP status (those go by their status). */
const KIND_OF_CODE: Readonly<Record<Exclude<ProblemCode, 'http-status'>, FeedProblemKind>> = {
  'storage-full': 'storageFull',
  cancelled: 'cancelled',
  timeout: 'timeout',
  network: 'unreachable',
  'connection-lost': 'unreachable',
  redirected: 'refused',
  'too-large': 'tooLarge',
  'byte-limit': 'tooLarge',
  'feed-too-big': 'tooLarge',
  'manifest-too-many-shards': 'tooLarge',
  'manifest-too-many-articles': 'tooLarge',
  'wrong-content-type': 'unreadable',
  'html-page': 'unreadable',
  'invalid-json': 'unreadable',
  'not-utf8': 'unreadable',
  'unexpected-304': 'unreadable',
  'page-loop': 'unreadable',
  'bad-page': 'unreadable',
  'bad-manifest': 'unreadable',
  'bad-shard': 'unreadable',
  'manifest-month-twice': 'unreadable',
  'manifest-older': 'unreadable',
  'manifest-drops-months': 'unreadable',
  'shard-other-site': 'unreadable',
  'shard-hash': 'unreadable',
  'shards-failed': 'unreadable',
  'not-a-feed-url': 'unreadable',
  'not-a-url': 'other',
  'not-http': 'other',
  'credentials-in-url': 'other',
  internal: 'other',
  // Record problems are rejections, not failures; one reaching here means the source is unreadable.
  'not-object': 'unreadable',
  invalid: 'unreadable',
  'field-missing': 'unreadable',
  'field-type': 'unreadable',
  'field-invalid': 'unreadable',
  'too-long': 'unreadable',
  'url-not-http': 'unreadable',
  'invalid-date': 'unreadable',
  'out-of-range': 'unreadable',
  'wrong-format': 'unreadable',
  'version-missing': 'unreadable',
  'version-newer': 'unreadable',
  'version-older': 'unreadable',
  'shard-listed-twice': 'unreadable',
  'count-mismatch': 'unreadable',
  'month-mismatch': 'unreadable',
  'page-no-items': 'unreadable',
  duplicate: 'unreadable',
  'page-number-invalid': 'unreadable',
  'next-page-invalid': 'unreadable',
  'page-missing': 'notFound',
};

function httpKind(status: number): FeedProblemKind {
  if (status === 404 || status === 410) return 'notFound';
  if (status === 401 || status === 403 || status === 451) return 'refused';
  if (status === 429 || (status >= 500 && status < 600)) return 'serverError';
  return 'other';
}

/**
 * The kind of a sync failure, by its code. A string (what an earlier version stored) or a problem this version does
 * not know is `other`: its text still shows as is under the technical details.
 * @param problem `FeedState.lastError` or a `SyncSummary` error's problem.
 */
export function feedProblemKind(problem: StoredProblem | unknown): FeedProblemKind {
  const known: Problem | undefined = knownProblem(problem);
  if (!known) return 'other';
  return known.code === 'http-status' ? httpKind(known.status) : KIND_OF_CODE[known.code];
}

/** The host a feed URL points to, or the text itself when it is not a URL. */
export function feedSite(feed: string): string {
  try {
    return new URL(feed).host || feed;
  } catch {
    return feed;
  }
}

/** A failure of `feed` with `problem`, sorted for the reader. */
export function feedProblem(feed: string, problem: StoredProblem): FeedProblem {
  return { kind: feedProblemKind(problem), site: feedSite(feed), detail: problem };
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
