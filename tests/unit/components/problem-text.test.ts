/**
 * Every problem code in every language: the options page words what the sync and ingest store, with its values in
 * place and formatted for the language, never an English sentence in a German, French or Spanish page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatDuration, formatSize, problemMessage, storedProblemMessage } from '../../../components/problem-text';
import { formatNumber, setMessageSource } from '../../../lib/i18n/messages';
import { Problem, problemText, type ProblemCode } from '../../../lib/model/problem';
import { catalogSource, flatCatalog } from '../../support/locale-catalog';

/** One problem per code, with values (a typed record: a new code fails to compile until it has a sample). */
const SAMPLES: { [C in ProblemCode]: Extract<Problem, { code: C }> } = {
  'not-object': { code: 'not-object', scope: 'page' },
  invalid: { code: 'invalid', scope: 'shard' },
  'field-missing': { code: 'field-missing', field: 'title' },
  'field-type': { code: 'field-type', field: 'heat', expected: 'number' },
  'field-invalid': { code: 'field-invalid', field: 'urls.web', detail: 'Invalid URL' },
  'too-long': { code: 'too-long', field: 'title', max: 2000 },
  'url-not-http': { code: 'url-not-http', field: 'webUrl' },
  'invalid-date': { code: 'invalid-date', field: 'publishedDateTime' },
  'out-of-range': { code: 'out-of-range', field: 'quality', value: 12345, min: 0, max: 1000 },
  'wrong-format': { code: 'wrong-format', scope: 'manifest', format: 'health-ai-lens-bundle' },
  'version-missing': { code: 'version-missing' },
  'version-newer': { code: 'version-newer', version: 3, supported: 2 },
  'version-older': { code: 'version-older', version: 1, supported: 2 },
  'shard-listed-twice': { code: 'shard-listed-twice' },
  'count-mismatch': { code: 'count-mismatch', declared: 12345, sum: 12000 },
  'month-mismatch': { code: 'month-mismatch', month: '2021-07', expected: '2021-08' },
  'page-no-items': { code: 'page-no-items' },
  duplicate: { code: 'duplicate' },
  'page-number-invalid': { code: 'page-number-invalid' },
  'next-page-invalid': { code: 'next-page-invalid' },
  'page-missing': { code: 'page-missing', page: 2, status: 404 },
  timeout: { code: 'timeout', ms: 30_000 },
  cancelled: { code: 'cancelled' },
  network: { code: 'network', detail: 'Failed to fetch' },
  'connection-lost': { code: 'connection-lost' },
  redirected: { code: 'redirected', origin: 'https://elsewhere.example' },
  'http-status': { code: 'http-status', status: 404 },
  'wrong-content-type': { code: 'wrong-content-type', contentType: 'text/html' },
  'html-page': { code: 'html-page' },
  'invalid-json': { code: 'invalid-json' },
  'too-large': { code: 'too-large', limitBytes: 20 * 1024 * 1024, bytes: 25 * 1024 * 1024 },
  'not-utf8': { code: 'not-utf8' },
  'unexpected-304': { code: 'unexpected-304' },
  'page-loop': { code: 'page-loop', page: 4 },
  'bad-page': { code: 'bad-page', page: 3, issue: { code: 'field-type', field: 'value', expected: 'array' } },
  'bad-manifest': { code: 'bad-manifest', issue: { code: 'field-missing', field: 'shards' } },
  'bad-shard': { code: 'bad-shard', file: 'shards/2021-07.abc.json', issue: { code: 'month-mismatch', month: '2021-07', expected: '2021-08' } },
  'feed-too-big': { code: 'feed-too-big', limit: 250_000, page: 12 },
  'byte-limit': { code: 'byte-limit', limitBytes: 512 * 1024 * 1024 },
  'manifest-too-many-shards': { code: 'manifest-too-many-shards', shards: 1500, limit: 1200 },
  'manifest-too-many-articles': { code: 'manifest-too-many-articles', articles: 300_000, limit: 250_000 },
  'manifest-month-twice': { code: 'manifest-month-twice', month: '2021-02' },
  'manifest-older': { code: 'manifest-older', generatedAt: '2021-06-01T00:00:00.000Z', appliedAt: '2022-01-01T00:00:00.000Z' },
  'manifest-drops-months': { code: 'manifest-drops-months', dropped: 3, stored: 4 },
  'shard-other-site': { code: 'shard-other-site', file: 'https://cdn.example/x.json' },
  'shard-hash': { code: 'shard-hash', file: 'shards/2021-09.0123456789ab.json' },
  'shards-failed': { code: 'shards-failed', failed: 2, total: 9, examples: [{ code: 'http-status', status: 404 }, { code: 'shard-hash', file: 'shards/2021-09.0123456789ab.json' }] },
  'not-a-url': { code: 'not-a-url' },
  'not-http': { code: 'not-http' },
  'credentials-in-url': { code: 'credentials-in-url' },
  'not-a-feed-url': { code: 'not-a-feed-url' },
  'storage-full': { code: 'storage-full' },
  internal: { code: 'internal', name: 'UnknownError', detail: 'disk I/O failed' },
};
const CASES = Object.values(SAMPLES) as Problem[];

/** English words that have no business in a German, French or Spanish sentence. */
const ENGLISH = /\b(the|is|was|were|not|with|and|than|too|answer|missing|invalid|refused|stored|kept|file|data|field|could|received)\b/i;

afterEach(async () => setMessageSource(catalogSource(await flatCatalog('en'))));

describe('problem samples', () => {
  it('are valid problems, one per code', () => {
    for (const problem of CASES) expect(Problem.safeParse(problem).success, problem.code).toBe(true);
  });
});

describe.each(['en', 'de', 'fr', 'es'])('every problem in %s', (language) => {
  it.each(CASES.map((problem) => [problem.code, problem] as const))('%s', async (_code, problem) => {
    const english = (setMessageSource(catalogSource(await flatCatalog('en'))), problemMessage(problem));
    setMessageSource(catalogSource(await flatCatalog(language)));
    const text = problemMessage(problem);
    expect(text).not.toMatch(/\$\d/);
    expect(text).not.toMatch(/problems\.|undefined|\[object/);
    expect(text.trim().length).toBeGreaterThan(5);
    if (language !== 'en') {
      expect(text).not.toBe(english);
      expect(text.replace(/“[^”]*”|„[^“]*“|«[^»]*»|https?:\S+|\S+\.json\b/g, ''), text).not.toMatch(ENGLISH);
    }
  });
});

describe('values in the reader\'s language', () => {
  it.each(['en', 'de', 'fr', 'es'])('%s: counts, sizes, durations and months are formatted for the language', async (language) => {
    setMessageSource(catalogSource(await flatCatalog(language)));
    expect(problemMessage(SAMPLES['count-mismatch'])).toContain(formatNumber(12345));
    expect(problemMessage(SAMPLES['count-mismatch'])).toContain(formatNumber(12000));
    expect(problemMessage(SAMPLES['too-large'])).toContain(formatSize(25 * 1024 * 1024));
    expect(problemMessage(SAMPLES.timeout)).toContain(formatDuration(30_000));
  });

  it('English reads as a sentence with units', () => {
    expect(problemMessage(SAMPLES['too-large'])).toBe('The answer is too large (25 MB; the limit is 20 MB)');
    expect(problemMessage(SAMPLES.timeout)).toBe('No answer within 30 seconds');
    expect(problemMessage(SAMPLES['http-status'])).toBe('The server answered with HTTP status 404');
    expect(problemMessage(SAMPLES['count-mismatch'])).toBe('The manifest announces 12,345 articles, but its data files hold 12,000');
    expect(problemMessage(SAMPLES['bad-shard'])).toBe('Data file shards/2021-07.abc.json: The data file is for July 2021, the manifest expects August 2021');
  });

  it('German says it in German, with German numbers', async () => {
    setMessageSource(catalogSource(await flatCatalog('de')));
    expect(problemMessage(SAMPLES['http-status'])).toBe('Der Server antwortete mit HTTP-Status 404');
    expect(problemMessage(SAMPLES['count-mismatch'])).toBe('Das Manifest kündigt 12.345 Artikel an, seine Datendateien enthalten aber 12.000');
    expect(problemMessage(SAMPLES.timeout)).toBe('Keine Antwort innerhalb von 30 Sekunden');
  });
});

describe('what earlier versions stored', () => {
  it('an English sentence is shown as is; something unknown is named, never blank', () => {
    expect(storedProblemMessage('network error (Failed to fetch)')).toBe('network error (Failed to fetch)');
    expect(storedProblemMessage({ code: 'from-a-newer-version' })).toBe('Unknown problem');
    expect(storedProblemMessage(undefined)).toBe('Unknown problem');
    expect(storedProblemMessage(SAMPLES['http-status'])).toBe('The server answered with HTTP status 404');
  });
});

describe('problemText (English technical form, for logs and the dataset CLI)', () => {
  it.each(CASES.map((problem) => [problem.code, problem] as const))('%s has a complete technical form', (_code, problem) => {
    const text = problemText(problem);
    expect(text).not.toMatch(/undefined|\[object|unknown problem/);
    expect(text.length).toBeGreaterThan(5);
  });
});
