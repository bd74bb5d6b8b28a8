/**
 * Per-feed sync state: validators for conditional requests, the resume checkpoint, counts and
 * recent rejection reasons. Pure types + helpers; stored by lib/store/store.ts, written by lib/sync/.
 */
import { z } from 'zod';
import { StoredProblem, type Problem } from './problem';

export const FeedKind = z.enum(['api', 'bundle']);
export type FeedKind = z.infer<typeof FeedKind>;

export const RunCounts = z.object({
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number(),
  rejected: z.number(),
  /** Pages or shards fetched with a body (304s and skipped shards not counted). */
  downloaded: z.number(),
});
export type RunCounts = z.infer<typeof RunCounts>;

export const FeedState = z.object({
  url: z.string(),
  kind: FeedKind,
  /** ETag / Last-Modified per resource URL, sent back as If-None-Match / If-Modified-Since. */
  validators: z.record(z.string(), z.object({ etag: z.string().optional(), lastModified: z.string().optional() })),
  /** Set while a run is in progress; a restarted worker resumes from here. */
  checkpoint: z
    .object({ runId: z.string(), nextPage: z.number().optional(), pagesDone: z.number() })
    .optional(),
  /** `generatedAt` of the last bundle manifest applied in full: an older one is refused. */
  manifestGeneratedAt: z.string().optional(),
  lastAttemptAt: z.number().optional(),
  lastSuccessAt: z.number().optional(),
  /** Why the last run failed: a `Problem`, or the English sentence an earlier version stored. */
  lastError: StoredProblem.optional(),
  consecutiveFailures: z.number(),
  /** Scheduled runs skip the feed until then (exponential backoff with jitter). */
  nextRetryAt: z.number().optional(),
  /** Counts of the last run (or the run in progress). */
  counts: RunCounts,
  /**
   * Most frequent rejection reasons of the last run, e.g. `{ reason: { code: 'field-missing', field: 'title' }, count: 3,
   * example: 'page 2 item 5' }` (an earlier version stored the reason as an English sentence).
   */
  rejections: z.array(z.object({ reason: StoredProblem, count: z.number(), example: z.string().optional() })),
});
export type FeedState = z.infer<typeof FeedState>;

export function emptyCounts(): RunCounts {
  return { added: 0, updated: 0, unchanged: 0, removed: 0, rejected: 0, downloaded: 0 };
}

/** What kind of feed a URL is (a JSON API folder or a bundle manifest), or a reason it is none. */
export function feedKindOf(url: string): { ok: true; kind: FeedKind } | { ok: false; problem: Problem } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: { code: 'not-a-url' } };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, problem: { code: 'not-http' } };
  if (parsed.username || parsed.password) return { ok: false, problem: { code: 'credentials-in-url' } };
  if (parsed.pathname.endsWith('/manifest.json')) return { ok: true, kind: 'bundle' };
  if (parsed.pathname.endsWith('/') && !parsed.search && !parsed.hash) return { ok: true, kind: 'api' };
  return { ok: false, problem: { code: 'not-a-feed-url' } };
}

export function newFeedState(url: string, kind: FeedKind): FeedState {
  return { url, kind, validators: {}, consecutiveFailures: 0, counts: emptyCounts(), rejections: [] };
}
