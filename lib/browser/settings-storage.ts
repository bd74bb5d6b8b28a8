/**
 * The stored settings (`local:settings` in extension storage), repaired on every read.
 * Browser adapter: the only module that reads or writes the settings item.
 */
import { storage } from '@wxt-dev/storage';
import { repairSettings, Settings } from '../app/settings';

/** The stored settings item (`local:settings`), repaired on every read. */
export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: null });

/** Reads settings, repairing whatever is stored. */
export async function loadSettings(): Promise<Settings> {
  return repairSettings(await settingsItem.getValue());
}

/** Validates and stores settings; every context watching the item sees the change at once. */
export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(Settings.parse(settings));
}

/**
 * Calls `listener` with repaired settings on every change (and the repaired settings before it);
 * returns the unwatch function.
 */
export function watchSettings(listener: (settings: Settings, previous: Settings) => void): () => void {
  return settingsItem.watch((value, previous) => listener(repairSettings(value), repairSettings(previous)));
}
