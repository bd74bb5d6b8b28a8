/** Sync failures sorted for readers: every problem lib/sync stores lands in a kind that says something. */
import { describe, expect, it } from 'vitest';
import { feedProblem, feedProblemKind, feedSite, nextTryAt } from '../../../lib/app/feed-problem';

const HOUR = 3_600_000;

describe('feedProblemKind', () => {
  it.each([
    [{ code: 'network', detail: 'Failed to fetch' }, 'unreachable'],
    [{ code: 'connection-lost' }, 'unreachable'],
    [{ code: 'timeout', ms: 30_000 }, 'timeout'],
    [{ code: 'http-status', status: 404 }, 'notFound'],
    [{ code: 'http-status', status: 410 }, 'notFound'],
    [{ code: 'http-status', status: 403 }, 'refused'],
    [{ code: 'redirected', origin: 'https://evil.example' }, 'refused'],
    [{ code: 'http-status', status: 503 }, 'serverError'],
    [{ code: 'http-status', status: 429 }, 'serverError'],
    [{ code: 'http-status', status: 418 }, 'other'],
    [{ code: 'wrong-content-type', contentType: 'text/html' }, 'unreadable'],
    [{ code: 'html-page' }, 'unreadable'],
    [{ code: 'not-utf8' }, 'unreadable'],
    [{ code: 'bad-manifest', issue: { code: 'field-missing', field: 'shards' } }, 'unreadable'],
    [{ code: 'shard-hash', file: 'shards/2021-09.0123456789ab.json' }, 'unreadable'],
    [{ code: 'shards-failed', failed: 2, total: 9, examples: [{ code: 'http-status', status: 404 }] }, 'unreadable'],
    [{ code: 'bad-page', page: 3, issue: { code: 'field-type', field: 'value', expected: 'array' } }, 'unreadable'],
    [{ code: 'page-loop', page: 4 }, 'unreadable'],
    [{ code: 'too-large', limitBytes: 20_000_000 }, 'tooLarge'],
    [{ code: 'byte-limit', limitBytes: 50_000_000 }, 'tooLarge'],
    [{ code: 'storage-full' }, 'storageFull'],
    [{ code: 'cancelled' }, 'cancelled'],
    [{ code: 'internal', name: 'UnknownError' }, 'other'],
  ] as const)('%o → %s', (problem, kind) => {
    expect(feedProblemKind(problem)).toBe(kind);
  });

  it('sorts by code, not by English text: a sentence an earlier version stored, or an unknown code, is "other"', () => {
    expect(feedProblemKind('HTTP 404 Not Found')).toBe('other');
    expect(feedProblemKind('network error (Failed to fetch)')).toBe('other');
    expect(feedProblemKind({ code: 'from-a-newer-version' })).toBe('other');
    expect(feedProblemKind(null)).toBe('other');
  });
});

describe('feedProblem', () => {
  it('names the site, never the whole address, and keeps the problem for the details', () => {
    expect(feedProblem('https://everyday-cc.github.io/ai/api/news/ai-in-healthcare/', { code: 'network', detail: 'Failed to fetch' })).toEqual({
      kind: 'unreachable',
      site: 'everyday-cc.github.io',
      detail: { code: 'network', detail: 'Failed to fetch' },
    });
    expect(feedSite('not a url')).toBe('not a url');
    expect(feedSite('http://127.0.0.1:8106/x/')).toBe('127.0.0.1:8106');
  });
});

describe('nextTryAt', () => {
  const now = 1_000 * HOUR;
  it('is the next periodic sync after the last attempt, or the backoff when that is later', () => {
    expect(nextTryAt({ lastAttemptAt: now - HOUR }, 6, now)).toBe(now + 5 * HOUR);
    expect(nextTryAt({ lastAttemptAt: now - HOUR, nextRetryAt: now + 10 * HOUR }, 6, now)).toBe(now + 10 * HOUR);
  });
  it('is unknown when the moment has passed or nothing was attempted', () => {
    expect(nextTryAt({ lastAttemptAt: now - 7 * HOUR }, 6, now)).toBeUndefined();
    expect(nextTryAt({}, 6, now)).toBeUndefined();
    expect(nextTryAt(undefined, 6, now)).toBeUndefined();
  });
});
