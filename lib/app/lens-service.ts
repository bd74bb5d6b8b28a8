/**
 * What the background does, as plain functions over injected dependencies (store, fetch, clock,
 * settings): match a URL, build a panel, sync, report status. No `browser.*`: the background
 * entrypoint wires browser events to this, and unit tests drive it directly.
 */
import type { Article } from '../model/article';
import { toPanelArticle, type PanelModel, type SyncSummary } from '../model/panel';
import type { Suggestion } from '../model/suggestion';
import type { DataSummary, PageSignals, StatusReport } from './messages';
import { candidateMatchKeys, isSameSite } from '../match/match-key';
import { qualityPercentile, MIN_PERCENTILE_SAMPLE } from '../rank/quality';
import { feedsToSync, type Settings } from './settings';
import type { BadgeFacts, Store } from '../store/store';
import { runSync, type SyncProgress } from '../sync/run-sync';
import { feedKindOf, type FeedState } from '../model/feed-state';
import { fetchResource, parseJsonBody, type FetchLike } from '../sync/fetch-resource';
import { parseApiPage } from '../ingest/api-schema';
import { parseBundleManifest } from '../ingest/bundle-codec';
import { createCorpus, type Corpus } from './corpus';
import { datasetRelated } from '../rank/related';

/** Sync progress reaches storage (and so the UI) at most this often. */
const PROGRESS_WRITE_MS = 300;

/** Persisted run status: survives a worker restart, so the UI keeps showing "syncing" until resumed. */
export interface RunStatus {
  state: 'syncing' | 'idle';
  startedAt?: number;
  finishedAt?: number;
  progress?: { done: number; total?: number; label?: string };
}

export interface LensServiceDeps {
  store: () => Promise<Store>;
  fetch: FetchLike;
  settings: () => Promise<Settings>;
  now?: () => number;
  /** This worker instance; locks held by other instances are from dead workers. */
  owner: string;
  isOnline?: () => boolean;
  /** Called after a sync changed stored articles (badges refresh, etc.). */
  onArticlesChanged?: () => void;
}

export type LensService = ReturnType<typeof createLensService>;

/** Creates the background's service over its dependencies. */
export function createLensService(deps: LensServiceDeps) {
  const now = deps.now ?? Date.now;
  let corpus: Promise<Corpus> | undefined;
  /** The built corpus, once `corpus` has resolved: lets a panel answer at once instead of waiting. */
  let readyCorpus: Corpus | undefined;
  let running: Promise<StatusReport> | undefined;

  const getCorpus = () => {
    if (!corpus) {
      const building = deps.store().then((store) => createCorpus(store));
      corpus = building;
      building.then(
        (built) => {
          if (corpus === building) readyCorpus = built;
        },
        () => {
          if (corpus === building) corpus = undefined; // retry on the next request
        },
      );
    }
    return corpus;
  };
  /** The corpus if it is built; otherwise starts building it and returns undefined. */
  const corpusIfReady = () => {
    if (readyCorpus) return readyCorpus;
    void getCorpus().catch(() => {});
    return undefined;
  };

  /** The stored article a URL matches, trying its match keys most specific first. */
  async function matchUrl(url: string): Promise<Article | undefined> {
    const keys = candidateMatchKeys(url);
    if (!keys.length) return undefined;
    return (await deps.store()).findByMatchKeys(keys);
  }

  /**
   * What the toolbar badge needs for a URL (id, title, quality), answered from the store's in-memory
   * URL table when it is loaded: no IndexedDB read for a miss or a hit, never waiting for ranking.
   */
  async function badgeForUrl(url: string): Promise<BadgeFacts | undefined> {
    const keys = candidateMatchKeys(url);
    if (!keys.length) return undefined;
    return (await deps.store()).findFacts(keys);
  }

  /**
   * The article the page's own signals point to: the tab URL first, then its canonical, og:url
   * and AMP links, each accepted only on the tab's own site (a page may not claim another site's
   * article).
   */
  async function matchSignals(signals: PageSignals): Promise<Article | undefined> {
    const direct = await matchUrl(signals.url);
    if (direct) return direct;
    for (const alternate of [signals.canonical, signals.ogUrl, signals.amphtml]) {
      if (!alternate) continue;
      let absolute: string;
      try {
        absolute = new URL(alternate, signals.url).href;
      } catch {
        continue;
      }
      if (!isSameSite(absolute, signals.url)) continue;
      const article = await matchUrl(absolute);
      if (article) return article;
    }
    return undefined;
  }

  /** Ranking options from settings. */
  function optionsFrom(settings: Settings) {
    return { topics: settings.topics, minQuality: settings.minQuality || undefined, now: now() };
  }

  /** Ranking options and the sync summary from one read of settings and feed states. */
  async function context() {
    const settings = await deps.settings();
    const { summary: sync } = await statusFor(settings);
    return { options: optionsFrom(settings), sync };
  }

  async function rankOptions() {
    return optionsFrom(await deps.settings());
  }

  /**
   * The panel of a matched article. Answers at once: when the ranking index is still loading (a
   * worker just woke up with a large corpus), `related` holds the article's own dataset entries
   * and `relatedPending` asks the surface to come back for the computed neighbours.
   * The related list (whose cards are read from the store) and the sync summary are read side by side.
   * @param wait wait for the ranking index instead (the sidebar, which is not on a click path)
   */
  async function matchedPanel(article: Article, wait = false): Promise<PanelModel> {
    const settings = await deps.settings();
    const options = optionsFrom(settings);
    const c = wait ? await getCorpus() : corpusIfReady();
    if (!c) {
      const { summary: sync } = await statusFor(settings);
      return { kind: 'matched', article: toPanelArticle(article), related: datasetRelated(article, options.minQuality), relatedPending: true, sync };
    }
    const [related, { summary: sync }] = await Promise.all([c.related(article, options), statusFor(settings)]);
    const topic = specificTopic(article);
    let percentile: { value: number; topic: string } | undefined;
    if (article.quality !== undefined && topic) {
      const scores = c.qualityScores(topic);
      if (scores.length >= MIN_PERCENTILE_SAMPLE) percentile = { value: qualityPercentile(article.quality, scores), topic };
    }
    return { kind: 'matched', article: toPanelArticle(article), related, ...(percentile ? { percentile } : {}), sync };
  }

  async function noMatchPanel(): Promise<PanelModel> {
    const { options, sync } = await context();
    const c = corpusIfReady();
    if (!c) return { kind: 'no-match', topPicks: [], topPicksPending: true, sync };
    return { kind: 'no-match', topPicks: await c.topPicks(options), sync };
  }

  /** The panel for a tab URL (popup, side panel). */
  async function panelForUrl(url: string | undefined, knownArticleId?: string): Promise<PanelModel> {
    let article = url ? await matchUrl(url) : undefined;
    if (!article && knownArticleId) article = await (await deps.store()).getArticle(knownArticleId);
    return article ? matchedPanel(article) : noMatchPanel();
  }

  /**
   * The sidebar's panel for a page: matched article, or suggestions when the page is an article
   * whose title ranks above the relevance threshold, or `null` (show nothing).
   */
  async function panelForSignals(
    signals: PageSignals,
    matched?: Article | null,
  ): Promise<{ panel: PanelModel | null; article?: Article }> {
    const article = matched === undefined ? await matchSignals(signals) : (matched ?? undefined);
    if (article) return { panel: await matchedPanel(article, true), article };
    if (!signals.isArticle) return { panel: null };
    const [c, { options, sync }] = await Promise.all([getCorpus(), context()]);
    const related = await c.forPage(signals, options);
    if (!related.length) return { panel: null };
    return { panel: { kind: 'suggestions', query: { title: signals.title }, related, sync } };
  }

  async function search(query: string): Promise<Suggestion[]> {
    const [c, options] = await Promise.all([getCorpus(), rankOptions()]);
    return c.search(query, options);
  }

  async function summary(): Promise<SyncSummary> {
    return (await status()).summary;
  }

  async function status(): Promise<StatusReport> {
    return statusFor(await deps.settings());
  }

  /** Per-feed states of the enabled feeds and the summary every surface shows, in one set of reads. */
  async function statusFor(settings: Settings): Promise<StatusReport> {
    const store = await deps.store();
    const [run, allFeeds, articleCount] = await Promise.all([
      store.getMeta<RunStatus>('runStatus'),
      store.allFeedStates(),
      store.countArticles(),
    ]);
    const enabled = new Set(feedsToSync(settings));
    const feeds = allFeeds.filter((f) => enabled.has(f.url));
    const lastSuccessAt = Math.max(0, ...feeds.map((f) => f.lastSuccessAt ?? 0)) || undefined;
    const errors = feeds.filter((f) => f.lastError).map((f) => ({ feed: f.url, message: f.lastError! }));
    const state: SyncSummary['state'] =
      run?.state === 'syncing' ? 'syncing' : errors.length && !lastSuccessAt ? 'error' : lastSuccessAt ? 'idle' : errors.length ? 'error' : 'never';
    const summary: SyncSummary = {
      state,
      articleCount,
      ...(lastSuccessAt ? { lastSuccessAt } : {}),
      ...(run?.state === 'syncing' && run.progress ? { progress: run.progress } : {}),
      errors,
      offline: deps.isOnline ? !deps.isOnline() : false,
    };
    return { summary, feeds };
  }

  /**
   * Runs (or resumes) a sync of every enabled feed. Concurrent calls share one run; a scheduled
   * run (`manual: false`) honours per-feed backoff and skips while offline.
   */
  function sync(options: { manual: boolean }): Promise<StatusReport> {
    running ??= doSync(options).finally(() => {
      running = undefined;
    });
    return running;
  }

  async function doSync({ manual }: { manual: boolean }): Promise<StatusReport> {
    const store = await deps.store();
    if (!manual && deps.isOnline && !deps.isOnline()) return status();
    const feeds = feedsToSync(await deps.settings());
    const startedAt = now();
    // Progress is stored at most every PROGRESS_WRITE_MS (each write is a transaction), and always
    // when a feed finishes.
    let lastProgressWrite = 0;
    const writeProgress = async (progress: SyncProgress) => {
      const at = now();
      const feedDone = progress.stepsTotal !== undefined && progress.stepsDone === progress.stepsTotal;
      if (at - lastProgressWrite < PROGRESS_WRITE_MS && !feedDone && progress.stepsDone !== 0) return;
      lastProgressWrite = at;
      const label = progress.feed ? labelFor(progress.feed) : undefined;
      const run: RunStatus = {
        state: 'syncing',
        startedAt,
        progress: {
          done: progress.feedsDone * 100 + (progress.stepsTotal ? Math.round((progress.stepsDone / progress.stepsTotal) * 100) : Math.min(90, progress.stepsDone * 10)),
          total: progress.feedsTotal * 100,
          ...(label ? { label: progress.stepsDone ? `${label}: ${progress.stepsDone} read` : label } : {}),
        },
      };
      await store.putMeta('runStatus', run);
    };
    await store.putMeta('runStatus', { state: 'syncing', startedAt, progress: { done: 0, total: feeds.length * 100 } } satisfies RunStatus);
    let changed = false;
    try {
      const result = await runSync({
        store,
        fetch: deps.fetch,
        feeds,
        now,
        owner: deps.owner,
        isStaleOwner: (owner) => owner !== deps.owner,
        honourBackoff: !manual,
        onProgress: (progress) => void writeProgress(progress),
      });
      changed = result.changed;
    } finally {
      await store.putMeta('runStatus', { state: 'idle', startedAt, finishedAt: now() } satisfies RunStatus);
    }
    if (changed) {
      dropCorpus();
      deps.onArticlesChanged?.();
    }
    return status();
  }

  /** True when a run was interrupted (worker killed) and should resume. */
  async function hasInterruptedRun(): Promise<boolean> {
    const run = await (await deps.store()).getMeta<RunStatus>('runStatus');
    return run?.state === 'syncing' && !running;
  }

  /** Validates a feed URL and fetches it once, without storing anything. */
  async function testFeed(url: string): Promise<{ ok: true; kind: 'api' | 'bundle'; items: number } | { ok: false; reason: string }> {
    const kind = feedKindOf(url);
    if (!kind.ok) return kind;
    const target = kind.kind === 'api' ? `${url}index.json` : url;
    try {
      const fetched = await fetchResource(deps.fetch, target);
      if (fetched.status !== 'ok') return { ok: false, reason: 'the server answered 304 to a fresh request' };
      const json = parseJsonBody(fetched.text, target);
      if (kind.kind === 'api') {
        const page = parseApiPage(json);
        return page.ok ? { ok: true, kind: 'api', items: page.items.length } : { ok: false, reason: page.reason };
      }
      const manifest = parseBundleManifest(json);
      return manifest.ok
        ? { ok: true, kind: 'bundle', items: manifest.manifest.articleCount }
        : { ok: false, reason: manifest.reason };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async function dataSummary(): Promise<DataSummary> {
    const c = await getCorpus();
    return c.summary();
  }

  async function exportArticles(): Promise<Article[]> {
    return (await deps.store()).allArticles();
  }

  /**
   * Forgets what a feed contributed (the user removed it): its articles go, unless another feed
   * also has them; its sync state goes too.
   */
  async function removeFeedData(url: string): Promise<void> {
    await (await deps.store()).deleteFeed(url);
    dropCorpus();
    deps.onArticlesChanged?.();
  }

  async function clearData(): Promise<void> {
    await (await deps.store()).clearAll();
    dropCorpus();
    deps.onArticlesChanged?.();
  }

  /** Drops the in-memory corpus (after settings or data changes). */
  function invalidate(): void {
    dropCorpus();
  }

  function dropCorpus(): void {
    corpus = undefined;
    readyCorpus = undefined;
  }

  return {
    matchUrl,
    badgeForUrl,
    matchSignals,
    panelForUrl,
    panelForSignals,
    search,
    summary,
    status,
    sync,
    hasInterruptedRun,
    testFeed,
    dataSummary,
    exportArticles,
    removeFeedData,
    clearData,
    invalidate,
  };
}

/** The article's most specific topic: the first that is not the generic "AI". */
export function specificTopic(article: Pick<Article, 'topics'>): string | undefined {
  return article.topics.find((topic) => topic !== 'AI') ?? article.topics[0];
}

function labelFor(feed: string): string {
  try {
    const url = new URL(feed);
    return `${url.host}${url.pathname}`;
  } catch {
    return feed;
  }
}

export type { FeedState };
