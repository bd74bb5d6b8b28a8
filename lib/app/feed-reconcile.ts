/**
 * What a settings change (or a worker start) means for stored data, decided from stored values only:
 * feeds no longer listed lose their data, wanted feeds no run has covered yet are synced.
 * Pure; imported by lib/app/sync-coordinator.ts.
 */
import { feedsToSync, type Settings } from './settings';

export interface ReconcilePlan {
  /** Feeds with data (or being synced) that the settings no longer list: their data goes. */
  remove: string[];
  /** Wanted feeds that no sync run has covered since they were enabled or added. */
  sync: string[];
}

/**
 * @param known feeds the store has state for, plus the feeds a running sync is reading
 * @param synced the feeds the last sync run (or "Clear all data") covered; `undefined` when none ran yet
 */
export function planReconcile(settings: Settings, known: Iterable<string>, synced: readonly string[] | undefined): ReconcilePlan {
  // A disabled feed keeps its data (switching it back on is instant); only a removed one loses it.
  const listed = new Set(settings.feeds.map((feed) => feed.url));
  const remove = [...new Set(known)].filter((url) => !listed.has(url));
  const covered = new Set(synced ?? []);
  return { remove, sync: feedsToSync(settings).filter((url) => !covered.has(url)) };
}
