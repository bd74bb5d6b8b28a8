// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncStatusLine, articleCountText, formatAge } from '../../../components/sync-status-line';
import type { SyncSummary } from '../../../lib/model/panel';

afterEach(cleanup);

const NOW = Date.parse('2024-05-01T12:00:00Z');

function sync(overrides: Partial<SyncSummary> = {}): SyncSummary {
  return { state: 'idle', articleCount: 1204, lastSuccessAt: NOW - 5 * 60_000, errors: [], offline: false, ...overrides };
}

function renderLine(summary: SyncSummary, onRetry = vi.fn()) {
  const view = render(<SyncStatusLine sync={summary} onRetry={onRetry} now={NOW} />);
  return { ...view, onRetry, line: view.container.querySelector('[data-testid="sync-status"]')! };
}

describe('formatAge and counts', () => {
  it('reads ages and counts in words', () => {
    expect(formatAge(NOW, NOW)).toBe('just now');
    expect(formatAge(NOW - 60_000, NOW)).toBe('1 minute ago');
    expect(formatAge(NOW - 2 * 3_600_000, NOW)).toBe('2 hours ago');
    expect(formatAge(NOW - 86_400_000, NOW)).toBe('1 day ago');
    expect(formatAge(NOW + 10_000, NOW)).toBe('just now');
    expect(articleCountText(1)).toBe('1 article');
    expect(articleCountText(1204)).toBe('1,204 articles');
  });
});

describe('SyncStatusLine', () => {
  it('shows the article count and data age when idle', () => {
    const { line } = renderLine(sync());
    expect(line.textContent).toBe('1,204 articles · updated 5 minutes ago');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows "Not synced yet" before the first sync', () => {
    const { line } = renderLine(sync({ state: 'never', articleCount: 0, lastSuccessAt: undefined }));
    expect(line.textContent).toBe('Not synced yet');
  });

  it('shows an indeterminate progress bar when the total is unknown', () => {
    const { line } = renderLine(sync({ state: 'syncing', progress: { done: 2, label: 'AI in Healthcare, page 2' } }));
    const bar = screen.getByRole('progressbar', { name: 'Sync progress' });
    expect(bar.hasAttribute('value')).toBe(false);
    expect(line.textContent).toContain('Syncing… 2 (AI in Healthcare, page 2) · 1,204 articles so far');
  });

  it('shows the offline data age', () => {
    const { line } = renderLine(sync({ offline: true, lastSuccessAt: NOW - 26 * 3_600_000 }));
    expect(line.getAttribute('data-state')).toBe('offline');
    expect(line.textContent).toContain('Offline · data from 1 day ago');
  });

  it('lists each failed feed with a Retry that calls onRetry', () => {
    const { line, onRetry } = renderLine(
      sync({
        errors: [
          { feed: 'https://feeds.example.net/api/news/ai-in-healthcare/', message: 'HTTP 404' },
          { feed: 'not a url', message: 'Invalid feed' },
        ],
      }),
    );
    expect(line.textContent).toContain('Could not update 2 feeds:');
    expect(line.textContent).toContain('feeds.example.net/api/news/ai-in-healthcare: HTTP 404');
    expect(line.textContent).toContain('not a url: Invalid feed');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers Retry after a failed sync even without per-feed errors', () => {
    const { line } = renderLine(sync({ state: 'error' }));
    expect(line.textContent).toContain('The last sync failed.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
