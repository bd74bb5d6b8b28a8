/**
 * The one place that changes stored feed data: sync runs, feed removal and "Clear all data" take
 * turns in one queue, so none of them writes over another. A removal cancels the running sync when
 * it reaches the removed feed, a clear cancels it at once; work asked for during a run that the run
 * does not cover (a new feed, "Sync now") is done by one follow-up run.
 * Pure apart from injected dependencies; imported by lib/app/lens-service.ts.
 */
import { runSync } from '../sync/run-sync';
import type { FetchLike } from '../sync/fetch-resource';
import type { Store } from '../store/store';
import type { StatusReport } from './messages';
import { feedsToSync, type Settings } from './settings';
import { planReconcile } from './feed-reconcile';
import { createProgressWriter } from './sync-progress';
import { RUN_STATUS_KEY, type RunStatus } from './sync-status';

/** Meta key: the feeds the last run started with (or that "Clear all data" left); a wanted feed missing here syncs. */
export const SYNCED_FEEDS_KEY = 'syncedFeeds';

export interface SyncCoordinatorDeps {
  store: () => Promise<Store>;
  fetch: FetchLike;
  settings: () => Promise<Settings>;
  now: () => number;
  owner: string;
  isOnline?: () => boolean;
  /** The stored articles changed (a run changed some, a feed was removed, data was cleared). */
  onDataChanged: () => void;
  /**
   * A running sync stored more articles (at most every PARTIAL_DATA_MS): lookups can find them already, so a
   * first import's badges need not wait for the whole import.
   */
  onPartialData?: () => void;
  status: () => Promise<StatusReport>;
}

/** A running sync reports newly stored articles at most this often (`onPartialData`). */
export const PARTIAL_DATA_MS = 1000;

/** The run executing now. */
interface ActiveRun {
  manual: boolean;
  controller: AbortController;
  /** The feed list the run read at its start; `undefined` until read (it then includes every change so far). */
  feeds?: ReadonlySet<string>;
  /** The feed being synced. */
  current?: string;
  /** Feeds removed meanwhile: the run stops when it reaches one. */
  doomed: Set<string>;
  done: Promise<StatusReport>;
}

/** A run waiting its turn; it reads settings when it starts, so it covers every request made before. */
interface QueuedRun {
  manual: boolean;
  cancelled: boolean;
  done: Promise<StatusReport>;
}

export function createSyncCoordinator(deps: SyncCoordinatorDeps) {
  let tail: Promise<unknown> = Promise.resolve();
  let active: ActiveRun | undefined;
  let queued: QueuedRun | undefined;
  let reconciling: Promise<unknown> = Promise.resolve();

  /** Runs `task` after everything queued before it. */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = tail.then(task);
    tail = result.catch(() => {});
    return result;
  }

  /** A run for a request: the running one when it covers the request, else the (one) queued follow-up. */
  function request(manual: boolean, coveredBy: (run: ActiveRun) => boolean): Promise<StatusReport> {
    if (queued && !queued.cancelled) {
      queued.manual ||= manual;
      return queued.done;
    }
    if (active && coveredBy(active)) return active.done;
    const entry = { manual, cancelled: false } as QueuedRun;
    entry.done = enqueue(() => {
      if (queued === entry) queued = undefined;
      return entry.cancelled ? deps.status() : execute(entry);
    });
    queued = entry;
    return entry.done;
  }

  async function execute(entry: QueuedRun): Promise<StatusReport> {
    if (!entry.manual && deps.isOnline && !deps.isOnline()) return deps.status();
    // Active before the first await: a request arriving now joins this run instead of queueing another.
    const run: ActiveRun = { manual: entry.manual, controller: new AbortController(), doomed: new Set(), done: entry.done };
    active = run;
    try {
      const store = await deps.store();
      const feeds = feedsToSync(await deps.settings());
      run.feeds = new Set(feeds);
      await store.putMeta(SYNCED_FEEDS_KEY, feeds);
      const startedAt = deps.now();
      const writeProgress = createProgressWriter(store, startedAt, deps.now);
      await store.putMeta(RUN_STATUS_KEY, { state: 'syncing', startedAt, progress: { unit: 'percent', done: 0, total: feeds.length * 100 } } satisfies RunStatus);
      let changed = false;
      let partialAt = -Infinity;
      try {
        const result = await runSync({
          store,
          fetch: deps.fetch,
          feeds,
          now: deps.now,
          owner: deps.owner,
          isStaleOwner: (owner) => owner !== deps.owner,
          honourBackoff: !entry.manual,
          signal: run.controller.signal,
          onProgress: (progress) => {
            run.current = progress.feed;
            if (progress.feed && run.doomed.has(progress.feed)) run.controller.abort();
            void writeProgress(progress).catch(() => {}); // progress is shown, not kept: a failed write is skipped
            // A step done is a page or shard committed: what it stored answers lookups from now on.
            if (progress.stepsDone > 0 && deps.onPartialData && deps.now() - partialAt >= PARTIAL_DATA_MS) {
              partialAt = deps.now();
              deps.onPartialData();
            }
          },
        });
        changed = result.changed;
      } finally {
        await store.putMeta(RUN_STATUS_KEY, { state: 'idle', startedAt, finishedAt: deps.now() } satisfies RunStatus);
      }
      if (changed) deps.onDataChanged();
    } finally {
      active = undefined;
    }
    return deps.status();
  }

  /**
   * Runs (or joins) a sync of every enabled feed. A scheduled run (`manual: false`) honours per-feed
   * backoff, skips while offline and joins any running run; a manual one ("Sync now") joins a run
   * only before it has read its feed list, else it is done by a follow-up run.
   */
  function sync({ manual }: { manual: boolean }): Promise<StatusReport> {
    return request(manual, (run) => !manual || (run.manual && run.feeds === undefined));
  }

  /** Makes sure `feeds` are synced: by the running run when it includes them, else by a follow-up run. */
  function syncFeeds(feeds: readonly string[]): Promise<StatusReport> {
    return request(true, (run) => run.feeds === undefined || feeds.every((url) => run.feeds!.has(url)));
  }

  /**
   * Forgets what a feed contributed (its articles, unless another feed also has them, and its state),
   * after the running sync has stopped writing it. A run cancelled for it is followed by one for the rest.
   */
  function removeFeed(url: string): Promise<void> {
    const run = active;
    if (run) {
      run.doomed.add(url);
      if (run.current === url) run.controller.abort();
    }
    const removed = enqueue(async () => {
      await (await deps.store()).deleteFeed(url);
      deps.onDataChanged();
    });
    if (run) void removed.then(() => (run.controller.signal.aborted ? request(run.manual, () => false) : undefined)).catch(() => {});
    return removed;
  }

  /**
   * Deletes every stored article and feed state once the running sync has stopped. Nothing syncs on
   * its own afterwards (the next alarm or "Sync now" does, from scratch: the validators went too).
   */
  function clearData(): Promise<void> {
    if (queued) queued.cancelled = true;
    active?.controller.abort();
    return enqueue(async () => {
      const store = await deps.store();
      await store.clearAll();
      await store.putMeta(SYNCED_FEEDS_KEY, feedsToSync(await deps.settings()));
      deps.onDataChanged();
    });
  }

  /**
   * Brings stored data in line with the stored settings, whatever happened while the worker slept:
   * removed feeds lose their data, newly wanted feeds sync. Calls take turns.
   * @returns once removals are done; `syncing` is the run that covers newly wanted feeds, if any.
   */
  function reconcile(): Promise<{ syncing?: Promise<StatusReport> }> {
    const next = reconciling.then(async (): Promise<{ syncing?: Promise<StatusReport> }> => {
      const store = await deps.store();
      const [settings, states, synced] = await Promise.all([deps.settings(), store.allFeedStates(), store.getMeta<string[]>(SYNCED_FEEDS_KEY)]);
      const known = [...states.map((state) => state.url), ...(active?.feeds ?? [])];
      const plan = planReconcile(settings, known, Array.isArray(synced) ? synced : undefined);
      await Promise.all(plan.remove.map(removeFeed));
      return plan.sync.length ? { syncing: syncFeeds(plan.sync) } : {};
    });
    reconciling = next.catch(() => {});
    return next;
  }

  /** True while a run executes or waits its turn. */
  const busy = () => active !== undefined || queued !== undefined;

  return { sync, syncFeeds, removeFeed, clearData, reconcile, busy };
}
