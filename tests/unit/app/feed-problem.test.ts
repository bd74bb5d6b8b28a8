/** Sync failures sorted for readers: every message lib/sync writes lands in a kind that says something. */
import { describe, expect, it } from 'vitest';
import { feedProblem, feedProblemKind, feedSite, nextTryAt } from '../../../lib/app/feed-problem';

const HOUR = 3_600_000;

describe('feedProblemKind', () => {
  it.each([
    ['network error (Failed to fetch)', 'unreachable'],
    ['network error (NetworkError when attempting to fetch resource.)', 'unreachable'],
    ['connection lost while reading the response', 'unreachable'],
    ['timed out after 30 s', 'timeout'],
    ['HTTP 404 Not Found', 'notFound'],
    ['HTTP 410', 'notFound'],
    ['HTTP 403 Forbidden', 'refused'],
    ['redirected to another site (https://evil.example): refused, a feed\'s files must stay on its own site', 'refused'],
    ['HTTP 503 Service Unavailable', 'serverError'],
    ['HTTP 429', 'serverError'],
    ['not JSON (content type text/html)', 'unreadable'],
    ['response is not valid UTF-8 text', 'unreadable'],
    ['manifest: missing shards', 'unreadable'],
    ['shard shards/2021-09.0123456789ab.json: content does not match its hash', 'unreadable'],
    ['2 of 9 shards failed: x; y', 'unreadable'],
    ['page 3: value is not an array', 'unreadable'],
    ['page 4 links back to an earlier page', 'unreadable'],
    ['response too large (over 20000000 bytes)', 'tooLarge'],
    ['downloaded more than 50000000 bytes in one run: stopped; the rest is read next run', 'tooLarge'],
    ['storage is full: stored articles were kept; free disk space or remove a feed', 'storageFull'],
    ['cancelled', 'cancelled'],
    ['something nobody expected', 'other'],
  ] as const)('%s → %s', (message, kind) => {
    expect(feedProblemKind(message)).toBe(kind);
  });
});

describe('feedProblem', () => {
  it('names the site, never the whole address, and keeps the message for the details', () => {
    expect(feedProblem('https://everyday-cc.github.io/ai/api/news/ai-in-healthcare/', 'network error (Failed to fetch)')).toEqual({
      kind: 'unreachable',
      site: 'everyday-cc.github.io',
      detail: 'network error (Failed to fetch)',
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
