/**
 * Tests for lib/browser/sidebar-follow.ts on WXT's fake browser: open pages are told to ask again
 * when a site is un-hidden, the switch turns on or a snooze ends, so a hidden sidebar comes back
 * without a reload; unrelated settings changes stay quiet.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SNOOZE_END_ALARM, followSidebarSettings } from '../../../lib/browser/sidebar-follow';
import { loadSettings, saveSettings } from '../../../lib/browser/settings-storage';
import { defaultSettings, withSnooze } from '../../../lib/app/settings';
import { withBlockedSite } from '../../../lib/app/sidebar-visibility';

/** Every `tabs.sendMessage` the adapter makes, as `[tabId, message]`. */
function recordTabMessages() {
  const sent: [number, unknown][] = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: unknown) => {
    sent.push([tabId, message]);
  }) as never);
  return sent;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('followSidebarSettings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('tells every open tab when a blocked site is un-hidden', async () => {
    await saveSettings(withBlockedSite(defaultSettings([]), 'example-news.com'));
    const [a, b] = [await fakeBrowser.tabs.create({ url: 'https://example-news.com/a' }), await fakeBrowser.tabs.create({ url: 'https://other.org/' })];
    const sent = recordTabMessages();
    const stop = followSidebarSettings();
    await settled();
    expect(sent).toEqual([]);
    await saveSettings(defaultSettings([]));
    const open = (await fakeBrowser.tabs.query({})).map((tab) => tab.id);
    expect(open).toEqual(expect.arrayContaining([a.id, b.id]));
    await vi.waitFor(() => expect(sent.map(([id]) => id).sort()).toEqual(open.sort()));
    expect(sent.every(([, message]) => (message as { type: string }).type === 'sidebarSettingsChanged')).toBe(true);
    stop();
  });

  it('stays quiet on a change that cannot move the sidebar', async () => {
    await saveSettings(defaultSettings([]));
    await fakeBrowser.tabs.create({ url: 'https://example-news.com/a' });
    const sent = recordTabMessages();
    const stop = followSidebarSettings();
    await saveSettings({ ...(await loadSettings()), syncIntervalHours: 2 });
    await settled();
    expect(sent).toEqual([]);
    stop();
  });

  it('sets an alarm at the end of a snooze and tells the tabs when it fires', async () => {
    await saveSettings(defaultSettings([]));
    const tab = await fakeBrowser.tabs.create({ url: 'https://example-news.com/a' });
    const stop = followSidebarSettings();
    const until = Date.now() + 60 * 60_000;
    await saveSettings(withSnooze(await loadSettings(), until));
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(SNOOZE_END_ALARM))?.scheduledTime).toBe(until));
    await settled();
    const sent = recordTabMessages();
    await fakeBrowser.alarms.onAlarm.trigger({ name: SNOOZE_END_ALARM, scheduledTime: until });
    await vi.waitFor(() => expect(sent).toContainEqual([tab.id, { type: 'sidebarSettingsChanged' }]));
    expect(sent).toHaveLength((await fakeBrowser.tabs.query({})).length);
    stop();
  });

  it('clears the alarm when the snooze is ended early', async () => {
    await saveSettings(withSnooze(defaultSettings([]), Date.now() + 60 * 60_000));
    const stop = followSidebarSettings();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SNOOZE_END_ALARM)).toBeDefined());
    await saveSettings(withSnooze(await loadSettings(), undefined));
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SNOOZE_END_ALARM)).toBeUndefined());
    stop();
  });
});
