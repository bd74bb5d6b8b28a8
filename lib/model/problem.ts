/**
 * `Problem`: what went wrong with a feed or one of its records, as a code with typed values (`{ code: 'http-status',
 * status: 404 }`), never as a sentence. lib/ingest and lib/sync produce them, feed state stores them, the UI words
 * them through the locale files; `problemText` is the English technical form for logs and the dataset CLI. Pure.
 */
import { z } from 'zod';

/** Which part of a source a record-level problem concerns. */
export const ProblemScope = z.enum(['record', 'page', 'manifest', 'shard']);
export type ProblemScope = z.infer<typeof ProblemScope>;

const field = z.string().max(200);
const short = z.string().max(500);
const count = z.number();

/** Problems of one record or envelope (lib/ingest): a rejected item, or why a page, manifest or shard is unreadable. */
export const RecordProblem = z.discriminatedUnion('code', [
  z.object({ code: z.literal('not-object'), scope: ProblemScope }),
  z.object({ code: z.literal('invalid'), scope: ProblemScope }),
  z.object({ code: z.literal('field-missing'), field, scope: ProblemScope.optional() }),
  z.object({ code: z.literal('field-type'), field, expected: field, scope: ProblemScope.optional() }),
  /** `detail` is the validator's own English wording: for logs only. */
  z.object({ code: z.literal('field-invalid'), field, scope: ProblemScope.optional(), detail: short.optional() }),
  z.object({ code: z.literal('too-long'), field, max: count }),
  z.object({ code: z.literal('url-not-http'), field }),
  z.object({ code: z.literal('invalid-date'), field }),
  z.object({ code: z.literal('out-of-range'), field, value: count, min: count, max: count }),
  z.object({ code: z.literal('wrong-format'), scope: ProblemScope, format: short }),
  z.object({ code: z.literal('version-missing') }),
  z.object({ code: z.literal('version-newer'), version: count, supported: count }),
  z.object({ code: z.literal('version-older'), version: count, supported: count }),
  z.object({ code: z.literal('shard-listed-twice') }),
  z.object({ code: z.literal('count-mismatch'), declared: count, sum: count }),
  z.object({ code: z.literal('month-mismatch'), month: short, expected: short }),
  z.object({ code: z.literal('page-no-items') }),
  /** Noted, not dropped: one page or shard holds the same article twice (the copies are merged). */
  z.object({ code: z.literal('duplicate') }),
  z.object({ code: z.literal('page-number-invalid') }),
  z.object({ code: z.literal('next-page-invalid') }),
  /** A later API page is gone (404/410): paging stopped there, the pages before stand. */
  z.object({ code: z.literal('page-missing'), page: count, status: count }),
]);
export type RecordProblem = z.infer<typeof RecordProblem>;

/** Problems of a request or a whole feed (lib/sync), and a feed URL that is no feed (lib/model/feed-state). */
const FEED_PROBLEMS = [
  z.object({ code: z.literal('timeout'), ms: count }),
  z.object({ code: z.literal('cancelled') }),
  /** `detail` is the browser's own wording: for logs only. */
  z.object({ code: z.literal('network'), detail: short.optional() }),
  z.object({ code: z.literal('connection-lost') }),
  z.object({ code: z.literal('redirected'), origin: short.optional() }),
  z.object({ code: z.literal('http-status'), status: count }),
  z.object({ code: z.literal('wrong-content-type'), contentType: short }),
  z.object({ code: z.literal('html-page') }),
  z.object({ code: z.literal('invalid-json') }),
  z.object({ code: z.literal('too-large'), limitBytes: count, bytes: count.optional() }),
  z.object({ code: z.literal('not-utf8') }),
  z.object({ code: z.literal('unexpected-304'), file: short.optional() }),
  z.object({ code: z.literal('page-loop'), page: count }),
  z.object({ code: z.literal('bad-page'), page: count, issue: RecordProblem }),
  z.object({ code: z.literal('bad-manifest'), issue: RecordProblem }),
  z.object({ code: z.literal('bad-shard'), file: short, issue: RecordProblem }),
  z.object({ code: z.literal('feed-too-big'), limit: count, page: count }),
  z.object({ code: z.literal('byte-limit'), limitBytes: count }),
  z.object({ code: z.literal('manifest-too-many-shards'), shards: count, limit: count }),
  z.object({ code: z.literal('manifest-too-many-articles'), articles: count, limit: count }),
  z.object({ code: z.literal('manifest-month-twice'), month: short }),
  z.object({ code: z.literal('manifest-older'), generatedAt: short, appliedAt: short }),
  z.object({ code: z.literal('manifest-drops-months'), dropped: count, stored: count }),
  z.object({ code: z.literal('shard-other-site'), file: short }),
  z.object({ code: z.literal('shard-hash'), file: short }),
  z.object({ code: z.literal('not-a-url') }),
  z.object({ code: z.literal('not-http') }),
  z.object({ code: z.literal('credentials-in-url') }),
  z.object({ code: z.literal('not-a-feed-url') }),
  z.object({ code: z.literal('storage-full') }),
  /** Storage or a bug: `name` and `detail` are the error's own, for logs only. */
  z.object({ code: z.literal('internal'), name: short.optional(), detail: short.optional() }),
] as const;

/** Every problem but the one that lists others. */
export const SingleProblem = z.discriminatedUnion('code', [...RecordProblem.options, ...FEED_PROBLEMS]);
export type SingleProblem = z.infer<typeof SingleProblem>;

/** Any problem: a single one, or shards of a bundle that failed (with the first few of their problems). */
export const Problem = z.discriminatedUnion('code', [
  ...SingleProblem.options,
  z.object({ code: z.literal('shards-failed'), failed: count, total: count, examples: z.array(SingleProblem).max(3) }),
]);
export type Problem = z.infer<typeof Problem>;
export type ProblemCode = Problem['code'];

/**
 * A problem as feed state holds it: a `Problem`, or the English sentence an earlier version stored (shown as is).
 * Reading state never fails on it: anything else is kept as unknown and shown as "other".
 */
export const StoredProblem = z.union([Problem, z.string()]);
export type StoredProblem = z.infer<typeof StoredProblem>;

/** The problem in `value` if it is one this version knows; `undefined` for a legacy string or anything unknown. */
export function knownProblem(value: unknown): Problem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const parsed = Problem.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A stable key for counting problems by identity (same code, same values). */
export function problemKey(problem: StoredProblem): string {
  return typeof problem === 'string' ? problem : JSON.stringify(problem);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/**
 * The English technical form (logs, the dataset CLI, the hand-off to older readers): `HTTP 404`, `missing title`.
 * Never shown in the UI, which words each code through the locale files. A legacy string comes back as is.
 */
export function problemText(problem: StoredProblem | unknown): string {
  if (typeof problem === 'string') return problem;
  const p = knownProblem(problem);
  if (!p) return 'unknown problem';
  const scoped = (scope: ProblemScope | undefined, text: string) => (scope ? `${scope} ${text}` : text);
  switch (p.code) {
    case 'not-object':
      return p.scope === 'record' ? 'record is not an object' : `${p.scope} is not a JSON object`;
    case 'invalid':
      return p.scope === 'record' ? 'invalid record' : `${p.scope} is invalid`;
    case 'field-missing':
      return scoped(p.scope, `missing ${p.field}`);
    case 'field-type':
      return `${scoped(p.scope, p.field)} is not ${article(p.expected)} ${p.expected}`;
    case 'field-invalid':
      return p.detail !== undefined ? `${scoped(p.scope, p.field)}: ${p.detail}` : `${scoped(p.scope, 'field')} ${p.field} is invalid`;
    case 'too-long':
      return `${p.field} longer than ${p.max} chars`;
    case 'url-not-http':
      return `${p.field} is not http(s)`;
    case 'invalid-date':
      return `${p.field} is not a valid date`;
    case 'out-of-range':
      return `${p.field} ${p.value} is outside ${p.min}–${p.max}`;
    case 'wrong-format':
      return `not a ${p.format} ${p.scope === 'shard' ? 'file' : p.scope}`;
    case 'version-missing':
      return 'bundle version is missing or not an integer';
    case 'version-newer':
      return `bundle format version ${p.version} is newer than supported (${p.supported}): update the extension`;
    case 'version-older':
      return `bundle format version ${p.version} is no longer supported (need ${p.supported})`;
    case 'shard-listed-twice':
      return 'manifest lists a shard file twice';
    case 'count-mismatch':
      return `manifest articleCount ${p.declared} ≠ sum of shard counts ${p.sum}`;
    case 'month-mismatch':
      return `shard month ${p.month} ≠ manifest month ${p.expected}`;
    case 'page-no-items':
      return 'page has no value array';
    case 'duplicate':
      return 'same article twice in one page or shard (copies merged)';
    case 'page-number-invalid':
      return 'page number missing or invalid';
    case 'next-page-invalid':
      return 'nextPage is not a page number: paging stopped';
    case 'page-missing':
      return `page ${p.page} missing (HTTP ${p.status}): paging stopped there`;
    case 'timeout':
      return `timed out after ${seconds(p.ms)}`;
    case 'cancelled':
      return 'cancelled';
    case 'network':
      return p.detail ? `network error (${p.detail})` : 'network error';
    case 'connection-lost':
      return 'connection lost while reading the response';
    case 'redirected':
      return `redirected to another site (${p.origin ?? 'an invalid URL'}): refused, a feed's files must stay on its own site`;
    case 'http-status':
      return `HTTP ${p.status}`;
    case 'wrong-content-type':
      return `not JSON (content type ${p.contentType})`;
    case 'html-page':
      return 'not JSON (got an HTML page)';
    case 'invalid-json':
      return 'not JSON (invalid or truncated JSON)';
    case 'too-large':
      return p.bytes !== undefined ? `response too large (${p.bytes} bytes)` : `response too large (over ${p.limitBytes} bytes)`;
    case 'not-utf8':
      return 'response is not valid UTF-8 text';
    case 'unexpected-304':
      return p.file ? `shard ${p.file}: unexpected 304` : 'the server answered 304 to a fresh request';
    case 'page-loop':
      return `page ${p.page} links back to an earlier page`;
    case 'bad-page':
      return `page ${p.page}: ${problemText(p.issue)}`;
    case 'bad-manifest':
      return `manifest: ${problemText(p.issue)}`;
    case 'bad-shard':
      return `shard ${p.file}: ${problemText(p.issue)}`;
    case 'feed-too-big':
      return `feed holds more than ${p.limit} articles; at most ${p.limit} per feed are stored: page ${p.page} and later not read`;
    case 'byte-limit':
      return `downloaded more than ${p.limitBytes} bytes in one run: stopped; the rest is read next run`;
    case 'manifest-too-many-shards':
      return `manifest refused: it lists ${p.shards} shards; at most ${p.limit} are read; stored articles were kept`;
    case 'manifest-too-many-articles':
      return `manifest refused: it lists ${p.articles} articles; at most ${p.limit} per feed are stored; stored articles were kept`;
    case 'manifest-month-twice':
      return `manifest refused: it lists month ${p.month} twice; stored articles were kept`;
    case 'manifest-older':
      return `manifest refused: it is older than the one already applied (generated ${p.generatedAt}; applied: ${p.appliedAt}); stored articles were kept`;
    case 'manifest-drops-months':
      return `manifest refused: it would remove ${p.dropped} of ${p.stored} stored months (remove and add the feed again to accept it); stored articles were kept`;
    case 'shard-other-site':
      return `shard ${p.file} points to another site`;
    case 'shard-hash':
      return `shard ${p.file}: content does not match its hash`;
    case 'shards-failed':
      return `${p.failed} of ${p.total} shards failed: ${p.examples.map(problemText).join('; ')}`;
    case 'not-a-url':
      return 'not a valid URL';
    case 'not-http':
      return 'only http(s) feeds are supported';
    case 'credentials-in-url':
      return 'feed URLs must not carry credentials';
    case 'not-a-feed-url':
      return 'expected a JSON API folder URL ending in "/" or a bundle URL ending in "manifest.json"';
    case 'storage-full':
      return 'storage is full: stored articles were kept; free disk space or remove a feed';
    case 'internal':
      return `storage or internal error (${p.name ?? 'Error'}: ${p.detail ?? ''}): stored articles were kept`;
  }
}
