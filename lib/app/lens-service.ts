/**
 * What the background does, as plain functions over injected dependencies (store, fetch, clock,
 * settings): match a page, build its panel, sync, report status. Composes the parts in this folder;
 * no `browser.*`: the background entrypoint wires browser events to this, and unit tests drive it.
 */
import type { Article } from '../model/article';
import type { StatusReport } from './messages';
import type { Settings } from './settings';
import type { ArticleCursor, Store } from '../store/store';
import { exportPage, type ExportPage } from './export';
import type { FetchLike } from '../sync/fetch-resource';
import { createCorpusCache } from './corpus-cache';
import { createPageMatcher } from './page-match';
import { createPanelBuilder } from './panel-builder';
import { createSyncCoordinator } from './sync-coordinator';
import { readStatus, RUN_STATUS_KEY, type RunStatus } from './sync-status';
import { testFeed } from './feed-test';

export interface LensServiceDeps {
  store: () => Promise<Store>;
  fetch: FetchLike;
  settings: () => Promise<Settings>;
  now?: () => number;
  /** This worker instance; locks held by other instances are from dead workers. */
  owner: string;
  isOnline?: () => boolean;
  /** Called after stored articles changed, and as a long sync stores them (badges refresh, etc.). */
  onArticlesChanged?: () => void;
}

export type LensService = ReturnType<typeof createLensService>;

/** How long after the stored articles changed the ranking corpus is rebuilt: the badges refresh first. */
const CORPUS_REBUILD_DELAY_MS = 1500;

/** Creates the background's service over its dependencies. */
export function createLensService(deps: LensServiceDeps) {
  const now = deps.now ?? Date.now;
  const corpus = createCorpusCache(deps.store);
  const matcher = createPageMatcher(deps.store);
  const statusFor = async (settings: Settings) => readStatus(await deps.store(), settings, deps.isOnline?.());
  const status = async (): Promise<StatusReport> => statusFor(await deps.settings());
  const panels = createPanelBuilder({
    store: deps.store,
    settings: deps.settings,
    now,
    corpus,
    matcher,
    syncSummary: async (settings) => (await statusFor(settings)).summary,
  });
  const sync = createSyncCoordinator({
    store: deps.store,
    fetch: deps.fetch,
    settings: deps.settings,
    now,
    owner: deps.owner,
    isOnline: deps.isOnline,
    status,
    onDataChanged: () => {
      corpus.rebuildSoon(CORPUS_REBUILD_DELAY_MS, () => sync.busy());
      deps.onArticlesChanged?.();
    },
    // Badges and page answers follow a long import as it lands; the ranking corpus waits for its end.
    onPartialData: () => deps.onArticlesChanged?.(),
  });

  /** True when a run was interrupted (worker killed) and should resume. */
  async function hasInterruptedRun(): Promise<boolean> {
    const run = await (await deps.store()).getMeta<RunStatus>(RUN_STATUS_KEY);
    return run?.state === 'syncing' && !sync.busy();
  }

  /** Every stored article at once (tests; the options page's export reads pages through `exportPage`). */
  async function exportArticles(): Promise<Article[]> {
    return (await deps.store()).allArticles();
  }

  /** One bounded page of the export (see lib/app/export.ts). */
  async function exportArticlesPage(after?: ArticleCursor): Promise<ExportPage> {
    return exportPage(await deps.store(), await deps.settings(), after);
  }

  return {
    ...matcher,
    ...panels,
    status,
    sync: sync.sync,
    syncFeeds: sync.syncFeeds,
    hasInterruptedRun,
    /** Validates a feed URL and fetches it once, without storing anything. */
    testFeed: (url: string) => testFeed(deps.fetch, url),
    exportArticles,
    exportPage: exportArticlesPage,
    removeFeedData: sync.removeFeed,
    clearData: sync.clearData,
    reconcileFeeds: sync.reconcile,
  };
}
