// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsSync, intervalText, syncStatusText } from '../../../components/options-sync';
import { OptionsHistogram, histogramBars } from '../../../components/options-histogram';
import type { SyncSummary } from '../../../lib/model/panel';

afterEach(cleanup);

const NOW = Date.parse('2024-05-01T12:00:00Z');
const summary = (o: Partial<SyncSummary> = {}): SyncSummary => ({ state: 'idle', articleCount: 1204, lastSuccessAt: NOW - 120_000, errors: [], offline: false, ...o });

describe('syncStatusText', () => {
  it('names "<N> articles" only once a sync has read a feed and is over, in plain words', () => {
    expect(syncStatusText(summary(), false, NOW)).toBe('1,204 articles · updated 2 minutes ago');
    expect(syncStatusText(summary({ articleCount: 1 }), false, NOW)).toBe('1 article · updated 2 minutes ago');
    expect(syncStatusText(summary({ errors: [{ feed: 'x', message: 'boom' }] }), false, NOW)).toBe("1,204 articles · updated 2 minutes ago · 1 source couldn't be checked");
    expect(syncStatusText(summary({ state: 'syncing', progress: { done: 50, total: 200, label: 'host/feed' } }), false, NOW)).toBe('Getting new articles… 25%');
    expect(syncStatusText(summary(), true, NOW)).toBe('Getting new articles…');
    expect(syncStatusText(summary({ state: 'never', lastSuccessAt: undefined, articleCount: 0 }), false, NOW)).toBe('Not updated yet');
    expect(syncStatusText(summary({ state: 'error', lastSuccessAt: undefined, errors: [{ feed: 'x', message: 'y' }, { feed: 'z', message: 'y' }] }), false, NOW)).toBe("The last update didn't work · 2 sources couldn't be checked");
    expect(syncStatusText(undefined, false, NOW)).toBe('Reading the update status…');
  });

  it('says how often it checks in words, offering a stored interval that is no preset too', () => {
    expect([1, 6, 24, 168].map(intervalText)).toEqual(['Every hour', 'Every 6 hours', 'Once a day', 'Once a week']);
    const onInterval = vi.fn();
    render(<OptionsSync summary={summary()} busy={false} onSyncNow={() => {}} now={NOW} intervalHours={5} onInterval={onInterval} />);
    const select = screen.getByRole('combobox', { name: 'How often to check for new articles' }) as HTMLSelectElement;
    expect(select.value).toBe('5');
    expect([...select.options].map((o) => o.value)).toEqual(['1', '3', '5', '6', '12', '24', '72', '168']);
    fireEvent.change(select, { target: { value: '24' } });
    expect(onInterval).toHaveBeenCalledWith(24);
  });
});

describe('OptionsSync', () => {
  it('has one status region, a Sync now button, and a progress bar only while syncing', () => {
    const onSyncNow = vi.fn();
    const view = render(<OptionsSync summary={summary()} busy={false} onSyncNow={onSyncNow} now={NOW} />);
    expect(screen.getAllByRole('status')).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(screen.getByTestId('sync-now')).toBe(screen.getByRole('button', { name: 'Sync now' }));
    expect(onSyncNow).toHaveBeenCalledOnce();

    view.rerender(<OptionsSync summary={summary({ state: 'syncing', progress: { done: 30, total: 100 } })} busy={false} onSyncNow={onSyncNow} now={NOW} />);
    const bar = screen.getByRole('progressbar', { name: 'Sync progress' }) as HTMLProgressElement;
    expect(bar.value).toBe(30);
    expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(true);

    view.rerender(<OptionsSync summary={summary()} busy onSyncNow={onSyncNow} now={NOW} error="offline" />);
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe("The update didn't start: offline");
  });
});

describe('OptionsHistogram', () => {
  it('has a bar per band up to the highest, plus unscored, and a text alternative', () => {
    const bars = histogramBars([{ from: 20, count: 3 }, { from: 120, count: 1 }], 5);
    expect(bars.map((b) => b.label)).toEqual(['0–19', '20–39', '40–59', '60–79', '80–99', '100–119', '120–139', 'no score']);
    expect(bars.map((b) => b.count)).toEqual([0, 3, 0, 0, 0, 0, 1, 5]);
    render(<OptionsHistogram histogram={[{ from: 20, count: 3 }]} unscored={2} />);
    const img = screen.getByRole('img');
    expect(img.getAttribute('aria-label')).toContain('20–39: 3');
    expect(img.getAttribute('aria-label')).toContain('no score: 2');
    const heights = [...img.querySelectorAll('rect')].map((r) => Number(r.getAttribute('height')));
    expect(Math.max(...heights)).toBe(heights[1]);
    expect(heights[0]).toBe(0);
  });
});
