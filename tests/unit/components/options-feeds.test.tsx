// @vitest-environment happy-dom
/** Sources in plain words: names instead of addresses, "165 new articles" instead of engine counters, failures as a sentence with the next try; the technical detail stays one click away. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OptionsFeeds, feedName } from '../../../components/options-feeds';
import { feedProblemText } from '../../../components/options-feed-problem';
import { feedProblem } from '../../../lib/app/feed-problem';
import type { Problem } from '../../../lib/model/problem';
import { defaultSettings, type Settings } from '../../../lib/app/settings';
import { newFeedState, type FeedState } from '../../../lib/model/feed-state';
import { topicByName } from '../../../lib/model/topics';

afterEach(cleanup);

const HOUR = 3_600_000;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const HEALTH = topicByName('AI in Healthcare')!.feed!;
const USER = 'https://feeds.example/ai/bundle/manifest.json';
const noop = () => {};

function settings(): Settings {
  const base = defaultSettings([HEALTH]);
  return { ...base, feeds: [...base.feeds, { url: USER, enabled: true, origin: 'user' }] };
}

function state(url: string, over: Partial<FeedState>): FeedState {
  return { ...newFeedState(url, 'api'), ...over };
}

function renderFeeds(states: FeedState[]) {
  render(<OptionsFeeds settings={settings()} states={states} onAdd={async () => ({ ok: true, message: '' })} onEnable={noop} onRemove={noop} now={NOW} snapshot={undefined} />);
  return (url: string) => document.querySelector(`[data-feed-url="${url}"]`)!;
}

describe('OptionsFeeds', () => {
  it('names an A.I. Every Day feed by its topic and any other by its address, never in raw URL form', () => {
    expect(feedName({ url: HEALTH, origin: 'default' })).toBe('A.I. Every Day · AI in Healthcare');
    expect(feedName({ url: topicByName('AI')!.feed!, origin: 'default' })).toBe('A.I. Every Day · all AI news');
    expect(feedName({ url: USER, origin: 'user' })).toBe('feeds.example/ai/bundle/manifest.json');
    const row = renderFeeds([]);
    expect(row(HEALTH).querySelector('.hal-options-feed-name')!.textContent).toBe('A.I. Every Day · AI in Healthcare');
    expect(screen.getByRole('checkbox', { name: 'Keep A.I. Every Day · AI in Healthcare up to date' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove feeds.example/ai/bundle/manifest.json' })).toBeTruthy();
  });

  it('says what the last check brought as new articles; the engine counters are technical details', () => {
    const row = renderFeeds([state(HEALTH, { lastSuccessAt: NOW - 2 * HOUR, counts: { added: 165, updated: 0, unchanged: 0, removed: 0, rejected: 0, downloaded: 3 } })]);
    const visible = row(HEALTH).querySelector('[data-testid="feed-status"] > p')!.textContent;
    expect(visible).toBe('Checked 2 hours ago · 165 new articles');
    expect(visible).not.toMatch(/added|removed|rejected/);
    const details = row(HEALTH).querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Technical details');
    expect(details.textContent).toContain('165 added, 0 updated, 0 removed, 0 rejected');
    expect(details.textContent).toContain(`Address: ${HEALTH}`);
  });

  it('words an unreachable feed as a sentence with the next try, not an alarm with the raw message', () => {
    const failing = state(HEALTH, {
      lastSuccessAt: NOW - 30 * HOUR,
      lastAttemptAt: NOW - HOUR,
      lastError: { code: 'network', detail: 'Failed to fetch' },
      consecutiveFailures: 1,
    });
    const row = renderFeeds([failing]);
    const problem = row(HEALTH).querySelector('[data-testid="feed-problem"]')!;
    expect(problem.textContent).toBe("Couldn't reach everyday-cc.github.io — will try again in 5 hours.");
    expect(problem.getAttribute('role')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(problem.textContent).not.toContain('Failed to fetch');
    expect(row(HEALTH).querySelector('details')!.textContent).toContain('Last error: Network error; the server could not be reached');
  });

  it('shows a last error stored as a sentence by an earlier version as is, and its rejection reasons too', () => {
    const old = state(HEALTH, {
      lastSuccessAt: NOW - 30 * HOUR,
      lastAttemptAt: NOW - HOUR,
      lastError: 'network error (Failed to fetch)',
      consecutiveFailures: 1,
      rejections: [{ reason: 'missing title', count: 3, example: 'page 1 item 2' }],
    });
    const row = renderFeeds([old]);
    expect(row(HEALTH).querySelector('[data-testid="feed-problem"]')!.textContent).toBe("Couldn't update from everyday-cc.github.io — will try again in 5 hours.");
    const details = row(HEALTH).querySelector('details')!.textContent;
    expect(details).toContain('Last error: network error (Failed to fetch)');
    expect(details).toContain('Rejected: missing title (3)');
  });

  it('never blanks the row for a problem this version does not know (a newer version wrote it)', () => {
    const future = state(HEALTH, { lastAttemptAt: NOW - HOUR, lastError: { code: 'from-the-future', x: 1 } as never, consecutiveFailures: 1, rejections: [{ reason: { code: 'nope' } as never, count: 1 }] });
    const row = renderFeeds([future]);
    expect(row(HEALTH).querySelector('[data-testid="feed-problem"]')!.textContent).toMatch(/^Couldn't update from everyday-cc\.github\.io/);
    expect(row(HEALTH).querySelector('details')!.textContent).toContain('Last error: Unknown problem');
    expect(row(HEALTH).querySelector('details')!.textContent).toContain('Rejected: Unknown problem (1)');
  });

  it('words rejection reasons and the last error from their codes, numbers formatted', () => {
    const rejected = state(HEALTH, {
      lastAttemptAt: NOW - HOUR,
      lastError: { code: 'too-large', limitBytes: 20 * 1024 * 1024, bytes: 25 * 1024 * 1024 },
      consecutiveFailures: 1,
      rejections: [
        { reason: { code: 'field-missing', field: 'title' }, count: 1200 },
        { reason: { code: 'page-missing', page: 2, status: 404 }, count: 1 },
      ],
    });
    const details = renderFeeds([rejected])(HEALTH).querySelector('details')!.textContent;
    expect(details).toContain('Last error: The answer is too large (25 MB; the limit is 20 MB)');
    expect(details).toContain('Rejected: Field “title” is missing (1,200); Page 2 is missing (HTTP 404); paging stopped there (1)');
  });

  it('words each kind of failure for a reader', () => {
    const site = 'https://feeds.example/x/';
    const text = (problem: Problem, retryAt?: number) => feedProblemText(feedProblem(site, problem), retryAt, NOW);
    expect(text({ code: 'http-status', status: 404 })).toBe('feeds.example no longer has this feed — will try again with the next update.');
    expect(text({ code: 'timeout', ms: 30_000 }, NOW + 24 * HOUR)).toBe('feeds.example took too long to answer — will try again tomorrow.');
    expect(text({ code: 'http-status', status: 503 })).toMatch(/^feeds\.example is having problems/);
    expect(text({ code: 'wrong-content-type', contentType: 'text/html' })).toMatch(/^feeds\.example sent something that isn't a news feed/);
  });
});
