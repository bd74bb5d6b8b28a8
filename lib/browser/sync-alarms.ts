/**
 * The sync alarms: the periodic one, whose period follows the sync-interval setting, and a watchdog
 * that fires every minute while a run is unfinished so a killed worker resumes it. Browser adapter
 * over `browser.alarms`; imported by the background.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Settings } from '../app/settings';
import type { StatusReport } from '../app/messages';
import { logError } from '../app/log-error';

export const SYNC_ALARM = 'periodic-sync';
export const WATCHDOG_ALARM = 'sync-watchdog';

/** What the alarms drive. */
export interface AlarmTarget {
  sync(options: { manual: boolean }): Promise<StatusReport>;
  hasInterruptedRun(): Promise<boolean>;
}

/** (Re)creates the periodic alarm only when its period changed: re-creating it restarts its timer. */
export async function scheduleSync(settings: Pick<Settings, 'syncIntervalHours'>): Promise<void> {
  const periodInMinutes = settings.syncIntervalHours * 60;
  if ((await browser.alarms.get(SYNC_ALARM))?.periodInMinutes === periodInMinutes) return;
  await browser.alarms.create(SYNC_ALARM, { periodInMinutes });
}

/**
 * Waits for a sync under the watchdog: the alarm stays while the run is unfinished (the worker may
 * die mid-run), and goes once nothing is left to resume.
 */
export async function underWatchdog<T>(target: Pick<AlarmTarget, 'hasInterruptedRun'>, run: () => Promise<T>): Promise<T> {
  await browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 1 });
  try {
    return await run();
  } finally {
    if (!(await target.hasInterruptedRun())) await browser.alarms.clear(WATCHDOG_ALARM);
  }
}

/** A sync of every enabled feed under the watchdog. */
export function syncWatched(target: AlarmTarget, manual: boolean): Promise<StatusReport> {
  return underWatchdog(target, () => target.sync({ manual }));
}

/** What an alarm does: the periodic one runs a scheduled sync, the watchdog resumes an unfinished run. */
export async function onSyncAlarm(target: AlarmTarget, alarm: Pick<Browser.alarms.Alarm, 'name'>): Promise<void> {
  if (alarm.name === SYNC_ALARM) await syncWatched(target, false).catch((error) => logError(error, 'scheduled sync'));
  if (alarm.name === WATCHDOG_ALARM && (await target.hasInterruptedRun())) {
    await syncWatched(target, true).catch((error) => logError(error, 'resumed sync'));
  }
}

/** Listens to the sync alarms. */
export function listenToSyncAlarms(target: AlarmTarget): void {
  browser.alarms.onAlarm.addListener((alarm) => onSyncAlarm(target, alarm));
}
