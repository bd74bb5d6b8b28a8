/**
 * Makes settings changes take effect in the background, including changes made while the worker was
 * stopped: on start and on every change the stored feed data is reconciled with the stored settings
 * (never with a copy in memory, which a stopped worker loses), and the sync alarm follows the
 * interval. Browser adapter over the settings item and alarms; imported by the background.
 */
import { loadSettings, watchSettings } from './settings-storage';
import { scheduleSync, underWatchdog } from './sync-alarms';
import { logError } from '../app/log-error';

export interface SettingsFollower {
  /** Brings stored feed data in line with the stored settings (see lib/app/sync-coordinator.ts). */
  reconcileFeeds(): Promise<{ syncing?: Promise<unknown> }>;
  hasInterruptedRun(): Promise<boolean>;
}

/** Reconciles now and after every settings change; returns the unwatch function. */
export function followSettings(target: SettingsFollower): () => void {
  const apply = () => applyOnce().catch((error) => logError(error, 'reconcile feeds'));
  const applyOnce = async () => {
    await scheduleSync(await loadSettings()).catch((error) => logError(error, 'schedule sync'));
    const { syncing } = await target.reconcileFeeds();
    if (syncing) await underWatchdog(target, () => syncing);
  };
  void apply();
  return watchSettings(() => void apply());
}
