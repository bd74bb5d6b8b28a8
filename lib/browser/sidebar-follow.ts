/**
 * Keeps the in-page sidebar in step with its settings on pages already open: content scripts cannot
 * read settings (storage is for trusted contexts only), so when the switch, the block list or the
 * snooze changes, and when a snooze ends, every tab is told to ask again. Browser adapter over the
 * settings item, alarms and tabs; imported by the background.
 */
import { browser } from 'wxt/browser';
import { watchSettings, loadSettings } from './settings-storage';
import { sendToContentScript } from './messaging';
import { sidebarVisibilityChanged, type SidebarSettings } from '../app/sidebar-visibility';
import { logError } from '../app/log-error';

/** Fires when a snooze ends. */
export const SNOOZE_END_ALARM = 'sidebar-snooze-end';

/** Tells every tab's content script that the sidebar settings changed (tabs without one ignore it). */
export async function tellTabsSidebarChanged(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : sendToContentScript(tab.id, { type: 'sidebarSettingsChanged' }))));
}

/** An alarm at the snooze's end, or none when nothing is snoozed. */
export async function scheduleSnoozeEnd(sidebar: SidebarSettings, now: number): Promise<void> {
  if (sidebar.snoozedUntil !== undefined && sidebar.snoozedUntil > now) {
    if ((await browser.alarms.get(SNOOZE_END_ALARM))?.scheduledTime === sidebar.snoozedUntil) return;
    await browser.alarms.create(SNOOZE_END_ALARM, { when: sidebar.snoozedUntil });
  } else {
    await browser.alarms.clear(SNOOZE_END_ALARM);
  }
}

/** Follows the sidebar settings and the snooze's end; returns the unwatch function. */
export function followSidebarSettings(): () => void {
  const fail = (error: unknown) => logError(error, 'sidebar settings');
  void loadSettings()
    .then((settings) => scheduleSnoozeEnd(settings.sidebar, Date.now()))
    .catch(fail);
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === SNOOZE_END_ALARM) void tellTabsSidebarChanged().catch(fail);
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  const unwatch = watchSettings((settings, previous) => {
    if (!sidebarVisibilityChanged(previous.sidebar, settings.sidebar)) return;
    void scheduleSnoozeEnd(settings.sidebar, Date.now()).catch(fail);
    void tellTabsSidebarChanged().catch(fail);
  });
  return () => {
    unwatch();
    browser.alarms.onAlarm.removeListener(onAlarm);
  };
}
