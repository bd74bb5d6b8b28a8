/**
 * `problemMessage`: a sync or ingest `Problem` (lib/model/problem.ts) in the reader's language, its numbers, sizes,
 * durations and dates formatted for that language; `storedProblemMessage` also shows what an earlier version stored
 * (an English sentence) as is. No browser APIs; imported by the options page's feed rows and its add-feed check.
 */
import { knownProblem, type Problem, type ProblemScope, type StoredProblem } from '../lib/model/problem';
import { formatDate, formatNumber, t, type MessageKey } from '../lib/i18n/messages';

const SCOPE: Readonly<Record<ProblemScope, MessageKey>> = {
  record: 'problems.scopeRecord',
  page: 'problems.scopePage',
  manifest: 'problems.scopeManifest',
  shard: 'problems.scopeShard',
};

const KIB = 1024;

/** A size in bytes with its unit, in the UI language ("20 MB", "20 MB", "20 Mo"). */
export function formatSize(bytes: number): string {
  const [value, unit] = bytes >= KIB ** 3 ? [bytes / KIB ** 3, 'gigabyte'] : bytes >= KIB ** 2 ? [bytes / KIB ** 2, 'megabyte'] : bytes >= KIB ? [bytes / KIB, 'kilobyte'] : [bytes, 'byte'];
  return formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 });
}

/** A duration in the UI language ("30 seconds", "30 Sekunden"). */
export function formatDuration(ms: number): string {
  return ms >= 1000
    ? formatNumber(Math.round(ms / 1000), { style: 'unit', unit: 'second', unitDisplay: 'long' })
    : formatNumber(ms, { style: 'unit', unit: 'millisecond', unitDisplay: 'long' });
}

/** A `YYYY-MM` month as the UI language names it ("July 2021"); anything else as is. */
function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return formatDate(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1), { year: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** An ISO date-time in the UI language; anything unparsable as is. */
function formatInstant(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : formatDate(at, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
}

const n = (value: number) => formatNumber(value);
const code = (value: number) => formatNumber(value, { useGrouping: false });

/** One problem in the reader's language. */
export function problemMessage(p: Problem): string {
  switch (p.code) {
    case 'not-object':
      return t('problems.notObject', t(SCOPE[p.scope]));
    case 'invalid':
      return t('problems.invalid', t(SCOPE[p.scope]));
    case 'field-missing':
      return t('problems.fieldMissing', p.field);
    case 'field-type':
      return t('problems.fieldType', p.field, p.expected);
    case 'field-invalid':
      return t('problems.fieldInvalid', p.field);
    case 'too-long':
      return t('problems.tooLong', p.field, n(p.max));
    case 'url-not-http':
      return t('problems.urlNotHttp', p.field);
    case 'invalid-date':
      return t('problems.invalidDate', p.field);
    case 'out-of-range':
      return t('problems.outOfRange', p.field, n(p.value), n(p.min), n(p.max));
    case 'wrong-format':
      return t('problems.wrongFormat', t(SCOPE[p.scope]), p.format);
    case 'version-missing':
      return t('problems.versionMissing');
    case 'version-newer':
      return t('problems.versionNewer', n(p.version), n(p.supported));
    case 'version-older':
      return t('problems.versionOlder', n(p.version), n(p.supported));
    case 'shard-listed-twice':
      return t('problems.shardListedTwice');
    case 'count-mismatch':
      return t('problems.countMismatch', n(p.declared), n(p.sum));
    case 'month-mismatch':
      return t('problems.monthMismatch', formatMonth(p.month), formatMonth(p.expected));
    case 'page-no-items':
      return t('problems.pageNoItems');
    case 'duplicate':
      return t('problems.duplicate');
    case 'page-number-invalid':
      return t('problems.pageNumberInvalid');
    case 'next-page-invalid':
      return t('problems.nextPageInvalid');
    case 'page-missing':
      return t('problems.pageMissing', n(p.page), code(p.status));
    case 'timeout':
      return t('problems.timeout', formatDuration(p.ms));
    case 'cancelled':
      return t('problems.cancelled');
    case 'network':
      return t('problems.network');
    case 'connection-lost':
      return t('problems.connectionLost');
    case 'redirected':
      return p.origin !== undefined ? t('problems.redirected', p.origin) : t('problems.redirectedInvalid');
    case 'http-status':
      return t('problems.httpStatus', code(p.status));
    case 'wrong-content-type':
      return t('problems.wrongContentType', p.contentType);
    case 'html-page':
      return t('problems.htmlPage');
    case 'invalid-json':
      return t('problems.invalidJson');
    case 'too-large':
      return p.bytes !== undefined ? t('problems.tooLarge', formatSize(p.bytes), formatSize(p.limitBytes)) : t('problems.tooLargeOver', formatSize(p.limitBytes));
    case 'not-utf8':
      return t('problems.notUtf8');
    case 'unexpected-304':
      return p.file !== undefined ? t('problems.badShard', p.file, t('problems.unexpected304')) : t('problems.unexpected304');
    case 'page-loop':
      return t('problems.pageLoop', n(p.page));
    case 'bad-page':
      return t('problems.badPage', n(p.page), problemMessage(p.issue));
    case 'bad-manifest':
      return t('problems.badManifest', problemMessage(p.issue));
    case 'bad-shard':
      return t('problems.badShard', p.file, problemMessage(p.issue));
    case 'feed-too-big':
      return t('problems.feedTooBig', n(p.limit), n(p.page));
    case 'byte-limit':
      return t('problems.byteLimit', formatSize(p.limitBytes));
    case 'manifest-too-many-shards':
      return t('problems.manifestTooManyShards', n(p.shards), n(p.limit));
    case 'manifest-too-many-articles':
      return t('problems.manifestTooManyArticles', n(p.articles), n(p.limit));
    case 'manifest-month-twice':
      return t('problems.manifestMonthTwice', formatMonth(p.month));
    case 'manifest-older':
      return t('problems.manifestOlder', formatInstant(p.generatedAt), formatInstant(p.appliedAt));
    case 'manifest-drops-months':
      return t('problems.manifestDropsMonths', n(p.dropped), n(p.stored));
    case 'shard-other-site':
      return t('problems.shardOtherSite', p.file);
    case 'shard-hash':
      return t('problems.shardHash', p.file);
    case 'shards-failed':
      return t('problems.shardsFailed', n(p.failed), n(p.total), p.examples.map(problemMessage).join('; '));
    case 'not-a-url':
      return t('problems.notAUrl');
    case 'not-http':
      return t('problems.notHttp');
    case 'credentials-in-url':
      return t('problems.credentialsInUrl');
    case 'not-a-feed-url':
      return t('problems.notAFeedUrl');
    case 'storage-full':
      return t('problems.storageFull');
    case 'internal':
      return t('problems.internal', p.name ?? 'Error');
  }
}

/**
 * What feed state holds, for the technical details: a problem in the reader's language; an English sentence an earlier
 * version stored, as is; anything else (a newer version's problem) as "unknown problem", never a blank.
 */
export function storedProblemMessage(stored: StoredProblem | unknown): string {
  if (typeof stored === 'string') return stored;
  const known = knownProblem(stored);
  return known ? problemMessage(known) : t('problems.unknown');
}
