// @vitest-environment happy-dom
/** Data age: the status line and options say how old the data is, and say plainly when no update has refreshed it for a month. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncStatusLine, staleDataText } from '../../../components/sync-status-line';
import { OptionsSync } from '../../../components/options-sync';
import type { SyncSummary } from '../../../lib/model/panel';

afterEach(cleanup);

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7);
const summary = (over: Partial<SyncSummary>): SyncSummary => ({ state: 'idle', articleCount: 455, errors: [], offline: false, ...over });

describe('data age', () => {
  it('ages the data by what it is current as of, not by when an old snapshot was imported', () => {
    render(<SyncStatusLine sync={summary({ lastSuccessAt: NOW - 60_000, dataAsOf: NOW - 3 * DAY })} onRetry={() => {}} now={NOW} />);
    expect(screen.getByTestId('sync-status').textContent).toContain('Updated 3 days ago');
    expect(screen.queryByTestId('data-stale')).toBeNull();
  });

  it('says plainly when no update has refreshed the data for over 30 days, in the panel and in options', () => {
    const old = summary({ lastSuccessAt: NOW - 60_000, dataAsOf: NOW - 45 * DAY });
    render(<SyncStatusLine sync={old} onRetry={() => {}} now={NOW} />);
    expect(screen.getByTestId('data-stale').textContent).toMatch(/^No update for 45 days: scores and articles are from Oct 23, 2026\./);
    cleanup();
    render(<OptionsSync summary={old} busy={false} onSyncNow={() => {}} now={NOW} />);
    expect(screen.getByTestId('data-stale').textContent).toMatch(/^No new articles for 45 days; scores and articles are from Oct 23, 2026\./);
    expect(screen.getByTestId('options-sync-status').textContent).toBe('455 articles · updated 1 minute ago · newest articles from last month');
  });

  it('stays quiet up to 30 days', () => {
    expect(staleDataText(NOW - 30 * DAY, NOW)).toBeUndefined();
    expect(staleDataText(undefined, NOW)).toBeUndefined();
    expect(staleDataText(NOW - 31 * DAY, NOW)).toContain('31 days');
  });
});
