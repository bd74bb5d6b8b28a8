/**
 * Turns a sync run's progress callbacks into the persisted run status the UI polls, written at
 * most every PROGRESS_WRITE_MS (each write is a transaction) and always when a feed finishes.
 * Progress is in articles where the source knows them (a bundle's manifest counts its articles, an
 * API feed its pages' items), so the UI says "Importing… 1,200 of 10,000 articles", never a URL.
 * Pure apart from the injected store; imported by lib/app/sync-coordinator.ts.
 */
import type { Store } from '../store/store';
import type { SyncProgress as RunProgress } from '../sync/run-sync';
import type { SyncProgress } from '../model/panel';
import { RUN_STATUS_KEY, type RunStatus } from './sync-status';

/** Sync progress reaches storage (and so the UI) at most this often. */
export const PROGRESS_WRITE_MS = 300;

/** What the UI shows for one progress report: article counts when known, else steps (100 per feed). */
export function progressOf(progress: RunProgress): SyncProgress {
  if (progress.articlesDone !== undefined) {
    const total = progress.articlesTotal;
    return { unit: 'articles', done: total !== undefined ? Math.min(progress.articlesDone, total) : progress.articlesDone, ...(total !== undefined ? { total } : {}) };
  }
  const step = progress.stepsTotal ? Math.round((progress.stepsDone / progress.stepsTotal) * 100) : Math.min(90, progress.stepsDone * 10);
  return { unit: 'percent', done: progress.feedsDone * 100 + step, total: progress.feedsTotal * 100 };
}

/** A progress callback for one run started at `startedAt`. */
export function createProgressWriter(store: Store, startedAt: number, now: () => number): (progress: RunProgress) => Promise<void> {
  let lastWrite = 0;
  return async (progress) => {
    const at = now();
    const feedDone = progress.stepsTotal !== undefined && progress.stepsDone === progress.stepsTotal;
    if (at - lastWrite < PROGRESS_WRITE_MS && !feedDone && progress.stepsDone !== 0) return;
    lastWrite = at;
    const run: RunStatus = { state: 'syncing', startedAt, progress: progressOf(progress) };
    await store.putMeta(RUN_STATUS_KEY, run);
  };
}
