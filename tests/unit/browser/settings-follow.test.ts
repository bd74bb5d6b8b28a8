/**
 * Tests for lib/browser/settings-follow.ts on WXT's fake browser: stored feed data is reconciled on
 * every start (settings changed while the worker was stopped) and on every change; the sync alarm
 * follows the interval; a sync the reconciliation starts runs under the watchdog.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followSettings, type SettingsFollower } from '../../../lib/browser/settings-follow';
import { saveSettings } from '../../../lib/browser/settings-storage';
import { SYNC_ALARM, WATCHDOG_ALARM } from '../../../lib/browser/sync-alarms';
import { defaultSettings, withFeedAdded } from '../../../lib/app/settings';

const FEED = 'https://feeds.example.org/api/news/a/';

function follower(syncing?: Promise<unknown>) {
  const calls: number[] = [];
  const f: SettingsFollower = {
    reconcileFeeds: vi.fn(async () => {
      calls.push(Date.now());
      return syncing ? { syncing } : {};
    }),
    hasInterruptedRun: async () => false,
  };
  return { f, calls };
}

describe('followSettings', () => {
  it('reconciles on start, from what is stored, before any change is seen', async () => {
    await saveSettings(withFeedAdded(defaultSettings([]), FEED));
    const { f } = follower();
    const stop = followSettings(f);
    await vi.waitFor(() => expect(f.reconcileFeeds).toHaveBeenCalledTimes(1));
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(6 * 60);
    stop();
  });

  it('reconciles again on every settings change, and the alarm follows the interval', async () => {
    const { f } = follower();
    const stop = followSettings(f);
    await vi.waitFor(() => expect(f.reconcileFeeds).toHaveBeenCalledTimes(1));
    await saveSettings({ ...withFeedAdded(defaultSettings([]), FEED), syncIntervalHours: 2 });
    await vi.waitFor(() => expect(f.reconcileFeeds).toHaveBeenCalledTimes(2));
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(120));
    stop();
    await saveSettings(defaultSettings([]));
    await new Promise((r) => setTimeout(r, 20));
    expect(f.reconcileFeeds).toHaveBeenCalledTimes(2);
  });

  it('holds the watchdog while the sync it started runs', async () => {
    let finish!: () => void;
    const run = new Promise<void>((resolve) => (finish = resolve));
    const { f } = follower(run);
    const stop = followSettings(f);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(WATCHDOG_ALARM)).toBeDefined());
    finish();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(WATCHDOG_ALARM)).toBeUndefined());
    stop();
  });
});
