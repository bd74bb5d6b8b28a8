/**
 * Turns a sync run's progress callbacks into the persisted run status the UI polls, written at
 * most every PROGRESS_WRITE_MS (each write is a transaction) and always when a feed finishes.
 * Pure apart from the injected store; imported by lib/app/sync-coordinator.ts.
 */
import type { Store } from '../store/store';
import type { SyncProgress } from '../sync/run-sync';
import { RUN_STATUS_KEY, type RunStatus } from './sync-status';

/** Sync progress reaches storage (and so the UI) at most this often. */
export const PROGRESS_WRITE_MS = 300;

/** A progress callback for one run started at `startedAt`. */
export function createProgressWriter(store: Store, startedAt: number, now: () => number): (progress: SyncProgress) => Promise<void> {
  let lastWrite = 0;
  return async (progress) => {
    const at = now();
    const feedDone = progress.stepsTotal !== undefined && progress.stepsDone === progress.stepsTotal;
    if (at - lastWrite < PROGRESS_WRITE_MS && !feedDone && progress.stepsDone !== 0) return;
    lastWrite = at;
    const label = progress.feed ? feedLabel(progress.feed) : undefined;
    const run: RunStatus = {
      state: 'syncing',
      startedAt,
      progress: {
        done: progress.feedsDone * 100 + (progress.stepsTotal ? Math.round((progress.stepsDone / progress.stepsTotal) * 100) : Math.min(90, progress.stepsDone * 10)),
        total: progress.feedsTotal * 100,
        // Data only (the feed, a count): no words, so every UI language can say it.
        ...(label ? { label } : {}),
        ...(label && progress.stepsDone ? { read: progress.stepsDone } : {}),
      },
    };
    await store.putMeta(RUN_STATUS_KEY, run);
  };
}

/** A feed URL as a short label: host and path. */
export function feedLabel(feed: string): string {
  try {
    const url = new URL(feed);
    return `${url.host}${url.pathname}`;
  } catch {
    return feed;
  }
}
