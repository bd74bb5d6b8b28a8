/**
 * Builds what the popup, side panel and sidebar show: the panel of a matched article, suggestions
 * for an unmatched article page, top picks, search results. Answers at once while the ranking index
 * loads. Pure apart from its injected dependencies; imported by lib/app/lens-service.ts.
 */
import type { Article } from '../model/article';
import { toPanelArticle, type PanelModel, type PanelOutletRecord, type PanelScale, type SyncSummary } from '../model/panel';
import type { Suggestion } from '../model/suggestion';
import type { DataSummary, PageSignals } from './messages';
import { bandCutPoints, qualityPercentile, MIN_PERCENTILE_SAMPLE } from '../rank/quality';
import { datasetRelated } from '../rank/related';
import type { Settings } from './settings';
import type { Store } from '../store/store';
import type { CorpusCache } from './corpus-cache';
import type { Corpus } from './corpus';
import type { PageMatcher } from './page-match';

export interface PanelBuilderDeps {
  store: () => Promise<Store>;
  settings: () => Promise<Settings>;
  now: () => number;
  corpus: CorpusCache;
  matcher: PageMatcher;
  /** The sync summary under the same settings read. */
  syncSummary: (settings: Settings) => Promise<SyncSummary>;
}

export function createPanelBuilder(deps: PanelBuilderDeps) {
  const { corpus, matcher } = deps;
  // The corpus keeps one score list per topic until it changes; drawing a scale sorts it, so once per list.
  const scales = new WeakMap<readonly number[], PanelScale | null>();

  /** The band scale of a topic's stored scores, or undefined when too few are scored. */
  function scaleOf(scores: readonly number[]): PanelScale | undefined {
    let scale = scales.get(scores);
    if (scale === undefined) {
      const drawn = bandCutPoints(scores);
      scale = drawn ? { ...drawn, cuts: [drawn.cuts[0], drawn.cuts[1], drawn.cuts[2]] } : null;
      scales.set(scores, scale);
    }
    return scale ?? undefined;
  }

  /**
   * Ranking options from settings: the minimum applies to scored articles; articles without a score are hidden only
   * when the reader chose "Hide unrated" (a minimum of 0 then still filters, to drop them).
   */
  function optionsFrom(settings: Settings) {
    const { minQuality, hideUnrated } = settings;
    return { topics: settings.topics, minQuality: minQuality > 0 || hideUnrated ? minQuality : undefined, keepUnrated: !hideUnrated, now: deps.now() };
  }

  /** Ranking options and the sync summary from one read of settings. */
  async function context() {
    const settings = await deps.settings();
    return { options: optionsFrom(settings), sync: await deps.syncSummary(settings) };
  }

  /**
   * The panel of a matched article. Answers at once: when the ranking index is still loading (a
   * worker just woke up with a large corpus), `related` holds the article's own dataset entries
   * and `relatedPending` asks the surface to come back for the computed neighbours.
   * @param wait wait for the ranking index instead (the sidebar, which is not on a click path)
   */
  async function matchedPanel(article: Article, wait = false): Promise<PanelModel> {
    const settings = await deps.settings();
    const options = optionsFrom(settings);
    const c = wait ? await corpus.get() : corpus.ifReady();
    if (!c) {
      const sync = await deps.syncSummary(settings);
      return { kind: 'matched', article: toPanelArticle(article), related: datasetRelated(article, options.minQuality, options.keepUnrated), relatedPending: true, sync };
    }
    // The related list (whose cards are read from the store) and the sync summary side by side.
    const [related, sync] = await Promise.all([c.related(article, options), deps.syncSummary(settings)]);
    const topic = specificTopic(article);
    let percentile: { value: number; topic: string } | undefined;
    let scale: PanelScale | undefined;
    if (article.quality !== undefined && topic) {
      // The percentile and the bands come from the same scores, so "Good" and "higher than 60%" agree.
      const scores = c.qualityScores(topic);
      if (scores.length >= MIN_PERCENTILE_SAMPLE) percentile = { value: qualityPercentile(article.quality, scores), topic };
      scale = scaleOf(scores);
    }
    const outletRecord = article.quality === undefined ? outletOf(c, article.urls.web, article.provider.domain) : undefined;
    return { kind: 'matched', article: toPanelArticle(article), related, ...(percentile ? { percentile } : {}), ...(scale ? { scale } : {}), ...(outletRecord ? { outletRecord } : {}), sync };
  }

  /**
   * No match: top picks, and the outlet's record when the page looks like an article (its signals
   * say so, or, without signals, its URL has a path) on an outlet the dataset covers.
   */
  async function noMatchPanel(url: string | undefined, signals?: PageSignals): Promise<PanelModel> {
    const { options, sync } = await context();
    const c = corpus.ifReady();
    if (!c) return { kind: 'no-match', topPicks: [], topPicksPending: true, sync };
    const articleLike = signals ? signals.isArticle : url !== undefined && hasArticlePath(url);
    const outletRecord = url && articleLike ? outletOf(c, url) : undefined;
    const topPicks = await c.topPicks(options);
    const searchExamples = examplesFrom(c, topPicks);
    return { kind: 'no-match', topPicks, ...(outletRecord ? { outletRecord } : {}), ...(searchExamples.length ? { searchExamples } : {}), sync };
  }

  /**
   * The panel for a tab (popup, side panel).
   * @param knownArticleId the article the page claimed through its own links (canonical, og:url)
   * @param signals an unmatched article page's signals, as the sidebar ranked them
   */
  async function panelForUrl(url: string | undefined, knownArticleId?: string, signals?: PageSignals): Promise<PanelModel> {
    let article = url ? await matcher.matchUrl(url) : undefined;
    if (!article && knownArticleId) article = await (await deps.store()).getArticle(knownArticleId);
    if (article) return matchedPanel(article);
    if (signals && signals.url === url) {
      const { panel } = await panelForSignals(signals, null);
      if (panel) return panel;
    }
    return noMatchPanel(url, signals);
  }

  /**
   * The sidebar's panel for a page: matched article, or suggestions when the page is an article
   * whose title ranks above the relevance threshold, or `null` (show nothing).
   * @param matched the article already matched for these signals (`null`: none), to skip matching again
   */
  async function panelForSignals(signals: PageSignals, matched?: Article | null): Promise<{ panel: PanelModel | null; article?: Article }> {
    const article = matched === undefined ? await matcher.matchSignals(signals) : (matched ?? undefined);
    if (article) return { panel: await matchedPanel(article, true), article };
    if (!signals.isArticle) return { panel: null };
    const [c, { options, sync }] = await Promise.all([corpus.get(), context()]);
    const related = await c.forPage(signals, options);
    if (!related.length) return { panel: null };
    const outletRecord = outletOf(c, signals.url);
    const searchExamples = examplesFrom(c, related);
    return { panel: { kind: 'suggestions', query: { title: signals.title }, related, ...(outletRecord ? { outletRecord } : {}), ...(searchExamples.length ? { searchExamples } : {}), sync } };
  }

  async function search(query: string): Promise<Suggestion[]> {
    const [c, settings] = await Promise.all([corpus.get(), deps.settings()]);
    return c.search(query, optionsFrom(settings));
  }

  async function dataSummary(): Promise<DataSummary> {
    return (await corpus.get()).summary();
  }

  return { panelForUrl, panelForSignals, search, dataSummary };
}

/** The first outlet record found for these domains or URLs (the link's own site first, then the feed's claim). */
function outletOf(c: Corpus, ...domainsOrUrls: string[]): PanelOutletRecord | undefined {
  for (const domainOrUrl of domainsOrUrls) {
    const record = domainOrUrl ? c.outletRecord(domainOrUrl) : undefined;
    if (record) return record;
  }
  return undefined;
}

/** Search-box examples from the titles a panel already shows (no extra reads), never a topic name's words. */
function examplesFrom(c: Corpus, shown: readonly Suggestion[]): string[] {
  return c.searchExamples(
    shown.map((s) => s.title),
    shown.flatMap((s) => s.topics ?? []),
  );
}

/** True when `url` has a path below the site root: a home or section root is not an article. */
function hasArticlePath(url: string): boolean {
  try {
    return new URL(url).pathname.replace(/\/+$/, '').length > 0;
  } catch {
    return false;
  }
}

/** The article's most specific topic: the first that is not the generic "AI". */
function specificTopic(article: Pick<Article, 'topics'>): string | undefined {
  return article.topics.find((topic) => topic !== 'AI') ?? article.topics[0];
}
