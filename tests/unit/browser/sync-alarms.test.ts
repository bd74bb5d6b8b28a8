/** Tests for lib/browser/sync-alarms.ts on WXT's fake browser: the periodic alarm follows the setting, the watchdog follows unfinished runs. */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenToSyncAlarms, scheduleSync, syncWatched, SYNC_ALARM, WATCHDOG_ALARM, type AlarmTarget } from '../../../lib/browser/sync-alarms';
import type { StatusReport } from '../../../lib/app/messages';

const REPORT: StatusReport = { summary: { state: 'idle', articleCount: 0, errors: [], offline: false }, feeds: [] };

/** A service stand-in whose runs end as told: `interrupted` is what hasInterruptedRun answers after a run. */
function target(interrupted = false) {
  const runs: boolean[] = [];
  const alarmsDuringRun: string[][] = [];
  const t: AlarmTarget = {
    async sync({ manual }) {
      runs.push(manual);
      alarmsDuringRun.push((await fakeBrowser.alarms.getAll()).map((a) => a.name).sort());
      return REPORT;
    },
    hasInterruptedRun: vi.fn(async () => interrupted),
  };
  return { t, runs, alarmsDuringRun };
}

const names = async () => (await fakeBrowser.alarms.getAll()).map((a) => a.name).sort();

describe('scheduleSync', () => {
  it('creates the periodic alarm with the interval in minutes', async () => {
    await scheduleSync({ syncIntervalHours: 6 });
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(360);
  });

  it('leaves an alarm with the same period alone (re-creating it would restart its timer), replaces one with another', async () => {
    await scheduleSync({ syncIntervalHours: 6 });
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    await scheduleSync({ syncIntervalHours: 6 });
    expect(create).not.toHaveBeenCalled();
    await scheduleSync({ syncIntervalHours: 2 });
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(120);
    expect(await names()).toEqual([SYNC_ALARM]);
  });
});

describe('syncWatched', () => {
  it('holds the watchdog alarm while the run lasts and clears it once nothing is left to resume', async () => {
    const { t, alarmsDuringRun } = target(false);
    expect(await syncWatched(t, true)).toBe(REPORT);
    expect(alarmsDuringRun).toEqual([[WATCHDOG_ALARM]]);
    expect(await names()).toEqual([]);
  });

  it('keeps the watchdog when the run was left unfinished', async () => {
    const { t } = target(true);
    await syncWatched(t, true);
    expect(await names()).toEqual([WATCHDOG_ALARM]);
  });

  it('clears the watchdog even when the run fails', async () => {
    const { t } = target(false);
    t.sync = async () => {
      throw new Error('storage gone');
    };
    await expect(syncWatched(t, true)).rejects.toThrow('storage gone');
    expect(await names()).toEqual([]);
  });
});

describe('listenToSyncAlarms', () => {
  it('the periodic alarm runs a scheduled sync (backoff honoured)', async () => {
    const { t, runs } = target(false);
    listenToSyncAlarms(t);
    await fakeBrowser.alarms.onAlarm.trigger({ name: SYNC_ALARM, scheduledTime: Date.now() });
    expect(runs).toEqual([false]);
  });

  it('the watchdog resumes an unfinished run, and does nothing when there is none', async () => {
    const unfinished = target(true);
    listenToSyncAlarms(unfinished.t);
    await fakeBrowser.alarms.onAlarm.trigger({ name: WATCHDOG_ALARM, scheduledTime: Date.now() });
    expect(unfinished.runs).toEqual([true]);

    fakeBrowser.reset();
    const finished = target(false);
    listenToSyncAlarms(finished.t);
    await fakeBrowser.alarms.onAlarm.trigger({ name: WATCHDOG_ALARM, scheduledTime: Date.now() });
    expect(finished.runs).toEqual([]);
  });

  it('ignores alarms that are not its own', async () => {
    const { t, runs } = target(true);
    listenToSyncAlarms(t);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'someone-else', scheduledTime: Date.now() });
    expect(runs).toEqual([]);
  });
});
