// @vitest-environment happy-dom
/**
 * components/sync-status-line.tsx: the panel's quiet footer line. "Updated 2 hours ago"; progress in
 * articles while importing; on failure "Couldn't refresh — showing data from … · Retry", never a feed
 * URL or raw error text (those are for the options page).
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncStatusLine, formatAge } from '../../../components/sync-status-line';
import { tn } from '../../../lib/i18n/messages';
import type { SyncSummary } from '../../../lib/model/panel';

afterEach(cleanup);

const NOW = Date.parse('2024-05-01T12:00:00Z');
const HOUR = 3_600_000;

function sync(overrides: Partial<SyncSummary> = {}): SyncSummary {
  return { state: 'idle', articleCount: 1204, lastSuccessAt: NOW - 5 * 60_000, errors: [], offline: false, ...overrides };
}

function renderLine(summary: SyncSummary, onRetry = vi.fn()) {
  const view = render(<SyncStatusLine sync={summary} onRetry={onRetry} now={NOW} />);
  return { ...view, onRetry, line: view.container.querySelector('[data-testid="sync-status"]')! };
}

describe('formatAge and counts', () => {
  it('reads ages and counts in words, through Intl', () => {
    expect(formatAge(NOW, NOW)).toBe('just now');
    expect(formatAge(NOW + 10_000, NOW)).toBe('just now');
    expect(formatAge(NOW - 60_000, NOW)).toBe('1 minute ago');
    expect(formatAge(NOW - 2 * HOUR, NOW)).toBe('2 hours ago');
    expect(formatAge(NOW - 3 * 86_400_000, NOW)).toBe('3 days ago');
    expect(tn('counts.articles', 1)).toBe('1 article');
    expect(tn('counts.articles', 1204)).toBe('1,204 articles');
  });
});

describe('SyncStatusLine', () => {
  it('says only how old the data is when all is well', () => {
    const { line } = renderLine(sync({ lastSuccessAt: NOW - 2 * HOUR }));
    expect(line.textContent).toBe('Updated 2 hours ago');
    expect(screen.getByRole('status').textContent).toBe('Updated 2 hours ago');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows "Not synced yet" before the first sync', () => {
    const { line } = renderLine(sync({ state: 'never', articleCount: 0, lastSuccessAt: undefined }));
    expect(line.textContent).toBe('Not synced yet');
  });

  it('counts an import in articles, of the total when the source knows it', () => {
    const { line } = renderLine(sync({ state: 'syncing', articleCount: 0, lastSuccessAt: undefined, progress: { unit: 'articles', done: 1200, total: 10000 } }));
    expect(line.textContent).toBe('Importing… 1,200 of 10,000 articles');
    const bar = screen.getByRole('progressbar', { name: 'Sync progress' });
    expect(bar.getAttribute('max')).toBe('10000');
    expect(bar.getAttribute('value')).toBe('1200');
  });

  it('counts articles read without a total, and says only "Updating…" for step progress (no percent units, no URL)', () => {
    const { line, rerender } = renderLine(sync({ state: 'syncing', progress: { unit: 'articles', done: 300 } }));
    expect(line.textContent).toBe('Importing… 300 articles');
    expect(screen.getByRole('progressbar').hasAttribute('value')).toBe(false);
    rerender(<SyncStatusLine sync={sync({ state: 'syncing', progress: { unit: 'percent', done: 0, total: 200, label: 'feeds.example.net/api/news/x/' } })} onRetry={() => {}} now={NOW} />);
    expect(line.textContent).toBe('Updating…');
    expect(line.textContent).not.toMatch(/200|example/);
  });

  it('shows the offline data age', () => {
    const { line } = renderLine(sync({ offline: true, lastSuccessAt: NOW - 2 * HOUR }));
    expect(line.getAttribute('data-state')).toBe('offline');
    expect(line.textContent).toBe('Offline · data from 2 hours ago · 1,204 articles');
  });

  it('on failure: one quiet line with the data age and a Retry button, never a host name or raw error', () => {
    const { line, onRetry } = renderLine(
      sync({
        lastSuccessAt: NOW - 2 * HOUR,
        errors: [
          { feed: 'https://feeds.example.net/api/news/ai-in-healthcare/', message: 'network error (Failed to fetch)' },
          { feed: 'not a url', message: 'Invalid feed' },
        ],
      }),
    );
    expect(line.textContent).toBe("Couldn't refresh — showing data from 2 hours ago · Retry");
    expect(line.textContent).not.toMatch(/example\.net|Failed to fetch|Invalid feed/);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers Retry after a failed first sync too, without an age', () => {
    const { line } = renderLine(sync({ state: 'error', lastSuccessAt: undefined, errors: [{ feed: 'https://x.example/', message: 'HTTP 500' }] }));
    expect(line.textContent).toBe("Couldn't refresh · Retry");
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
