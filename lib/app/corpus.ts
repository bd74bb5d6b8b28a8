/**
 * The in-memory view of stored articles the ranking works on: articles by id, the search index
 * and per-topic quality scores. Built from the store on first use after a change.
 * Pure apart from the injected store; the background holds one at a time.
 */
import type { Article } from '../model/article';
import type { Suggestion } from '../model/suggestion';
import type { DataSummary, PageSignals } from './messages';
import type { Store } from '../store/store';
import { createSearchIndex, loadSearchIndex, type SearchIndex } from '../rank/search-index';
import type { SerializedIndex } from '../rank/search-index-snapshot';
import { logError } from './log-error';
import { mergeArticle } from '../model/merge';
import { planRelated } from '../rank/related';
import { planSearch } from '../rank/search';
import { planTopPicks } from '../rank/top-picks';
import type { RankOptions, RankPlan } from '../rank/scoring';
import { ANALYZER_VERSION } from '../rank/text';
import { outletKey, outletRecords, type OutletRecord } from '../rank/outlet-record';
import { pickSearchExamples } from '../rank/search-examples';
import { nextTask, timeSlicer, type Slicer } from '../model/slices';
import { toCard } from '../model/card';

export { toCard } from '../model/card';

export interface Corpus {
  size: number;
  related(article: Article, options: RankOptions): Promise<Suggestion[]>;
  forPage(signals: PageSignals, options: RankOptions): Promise<Suggestion[]>;
  search(query: string, options: RankOptions): Promise<Suggestion[]>;
  topPicks(options: RankOptions): Promise<Suggestion[]>;
  /** Scores of every scored article carrying `topic`. */
  qualityScores(topic: string): number[];
  summary(): DataSummary;
  /** Example search words from these stored titles, found by searching them (see lib/rank/search-examples.ts). */
  searchExamples(titles: readonly string[], topics: readonly string[]): string[];
  /** The record of the outlet of `domainOrUrl` (a feed's provider domain or a page URL), if it has one. */
  outletRecord(domainOrUrl: string): OutletRecord | undefined;
  /** What `createCorpus` stores so a restarted worker can skip reading and tokenizing every article. */
  snapshot(dataVersion: number): CorpusSnapshot;
}

/**
 * The persisted corpus: the serialized index, valid for one store data version and one analyzer. Format 2 holds no
 * cards (format 1 held one per article): cards are read from the store for the few articles a list shows.
 */
export interface CorpusSnapshot {
  format: 2;
  dataVersion: number;
  /** {@link ANALYZER_VERSION} of the terms in `index`: an index from another analyzer is rebuilt. */
  analyzer: number;
  index: SerializedIndex;
}

/** Meta key of the persisted corpus. */
const SNAPSHOT_KEY = 'corpusSnapshot';

/** Reads the cards of some articles (those a ranked list shows); missing ids are left out. */
export type CardReader = (ids: readonly string[]) => Promise<Map<string, Article>>;

/**
 * The ranking corpus for the stored articles. A worker that wakes up loads the snapshot saved the
 * last time (one read) when the articles have not changed since; otherwise it reads every article,
 * indexes it and saves a new snapshot. The index is built once per change, never per query.
 * Only the index stays in memory; the cards of the ~10–20 articles a list shows are read from the store per list.
 */
export async function createCorpus(store: Store, slicer: Slicer = timeSlicer()): Promise<Corpus> {
  const dataVersion = await store.dataVersion();
  const cards = storeCards(store);
  const saved = await store.getMeta<CorpusSnapshot>(SNAPSHOT_KEY).catch(() => undefined);
  if (saved?.format === 2 && saved.dataVersion === dataVersion && saved.analyzer === ANALYZER_VERSION) {
    try {
      return assemble(loadSearchIndex(saved.index), cards);
    } catch (error) {
      logError(error, 'corpus snapshot unreadable; rebuilding');
    }
  }
  const index = await buildSliced(store, slicer);
  const corpus = assemble(index, cards);
  // Packing the snapshot is sliced too; cloning it into IndexedDB is a step of its own, so a badge or
  // panel waiting meanwhile runs before it. A snapshot that cannot be stored (quota) only costs the next
  // worker a rebuild.
  const snapshot: CorpusSnapshot = { format: 2, dataVersion, analyzer: ANALYZER_VERSION, index: await index.serializeSliced(slicer) };
  await nextTask();
  await store.putMeta(SNAPSHOT_KEY, snapshot).catch((error: unknown) => logError(error, 'corpus snapshot not saved'));
  return corpus;
}

/** Recently shown cards kept in memory (a popup reopened, the sidebar after the popup): a few hundred KB at most. */
const CARD_CACHE_SIZE = 256;

/**
 * Cards read from the store by id (one transaction over the chunks' card records, not the chunks),
 * the most recent ones cached.
 */
export function storeCards(store: Store): CardReader {
  const cache = new Map<string, Article>();
  return async (ids) => {
    const out = new Map<string, Article>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const card = cache.get(id);
      if (card) {
        // Refresh its place in the LRU order.
        cache.delete(id);
        cache.set(id, card);
        out.set(id, card);
      } else missing.push(id);
    }
    const read = missing.length ? await store.getCards(missing).catch(() => new Map<string, Article>()) : new Map<string, Article>();
    for (const card of read.values()) {
      out.set(card.id, card);
      cache.set(card.id, card);
    }
    while (cache.size > CARD_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return out;
  };
}

/** Articles held by several feeds read back merged per transaction while building. */
const REREAD_BATCH = 128;

/**
 * Builds the index from the store chunk batch by chunk batch in slices (`slicer`, by default a few ms
 * each): a worker indexing 100k articles still answers a navigation's badge between two slices. The
 * index's own long passes (folding recent adds, readying it for queries) are sliced as well, so no
 * single task walks every posting. No article is kept: one stored by several feeds (seen twice) is read
 * again merged from the store at the end and indexed once more, replacing the first copy.
 */
export async function buildSliced(store: Store, slicer: Slicer): Promise<SearchIndex> {
  const index = createSearchIndex();
  const again = new Set<string>();
  const add = async (article: Article) => {
    index.add(article, false);
    if (index.needsSweep()) await index.sweepSliced(slicer);
    else if (slicer.due()) await slicer.pause();
  };
  await store.forEachChunkBatch(async (articles) => {
    for (const article of articles) {
      if (index.has(article.id)) again.add(article.id);
      else await add(article);
    }
  });
  // Read back merged a batch at a time: when two feeds hold most articles, all at once would be every chunk in memory.
  const ids = [...again];
  for (let from = 0; from < ids.length; from += REREAD_BATCH) {
    for (const article of (await store.getArticles(ids.slice(from, from + REREAD_BATCH))).values()) await add(article);
  }
  await index.prepareStoriesSliced(slicer);
  return index;
}

/**
 * A corpus over `articles` (tests, benchmarks), its cards kept in memory unless `cards` reads them elsewhere
 * (the benchmark's store). An article given twice is merged.
 */
export function corpusFrom(articles: readonly Article[], cards?: CardReader): Corpus {
  const byId = new Map<string, Article>();
  for (const article of articles) {
    const previous = byId.get(article.id);
    byId.set(article.id, previous ? mergeArticle(previous, article, article.updatedAt).article : article);
  }
  const index = createSearchIndex();
  for (const article of byId.values()) index.add(article);
  if (cards) return assemble(index, cards);
  return assemble(index, async (ids) => {
    const out = new Map<string, Article>();
    for (const id of ids) {
      const article = byId.get(id);
      if (article) out.set(id, toCard(article));
    }
    return out;
  });
}

/** A corpus over an index; cards come from `cards` for the articles a list shows. */
function assemble(index: SearchIndex, cards: CardReader): Corpus {
  index.prepareStories();
  // "Recent" is relative to the data: a corpus whose newest article is a year old still has top picks.
  const newest = index.newestPublished();
  const scoresByTopic = new Map<string, number[]>();
  let outlets: Map<string, OutletRecord> | undefined;
  const run = async (plan: RankPlan) => {
    const found = plan.ids.length ? await cards(plan.ids) : new Map<string, Article>();
    return plan.build((id) => found.get(id));
  };
  return {
    size: index.size,
    // The source article comes whole from the store: its own `related` list is one of the signals.
    related: (article, options) => run(planRelated({ kind: 'article', article }, index, options)),
    forPage: (signals, options) =>
      run(
        planRelated(
          {
            kind: 'page',
            title: signals.title,
            ...(signals.description ? { description: signals.description } : {}),
            url: signals.url,
            ...(signals.siteName ? { siteName: signals.siteName } : {}),
          },
          index,
          options,
        ),
      ),
    search: (query, options) => run(planSearch(query, index, options)),
    topPicks: (options) => run(planTopPicks(index, { ...options, now: Math.min(options.now ?? Date.now(), newest || Date.now()), days: 14 })),
    qualityScores: (topic) => {
      let scores = scoresByTopic.get(topic);
      if (!scores) {
        scores = index.qualityScores(topic);
        scoresByTopic.set(topic, scores);
      }
      return scores;
    },
    summary: () => summarize(index.docs()),
    searchExamples: (titles, topics) => pickSearchExamples(titles, (term) => index.docFreq(term), index.size, undefined, topics),
    outletRecord: (domainOrUrl) => {
      const key = outletKey(domainOrUrl);
      if (!key) return undefined;
      outlets ??= outletRecords(index.docs());
      return outlets.get(key);
    },
    snapshot: (dataVersion) => ({ format: 2, dataVersion, analyzer: ANALYZER_VERSION, index: index.serialize() }),
  };
}

function summarize(articles: Iterable<{ topics: readonly string[]; quality: number | undefined }>): DataSummary {
  const topics = new Map<string, number>();
  const histogram = new Map<number, number>();
  let count = 0;
  let unscored = 0;
  for (const article of articles) {
    count++;
    for (const topic of article.topics) topics.set(topic, (topics.get(topic) ?? 0) + 1);
    if (article.quality === undefined) unscored++;
    else {
      const from = Math.min(200, Math.floor(article.quality / 20) * 20);
      histogram.set(from, (histogram.get(from) ?? 0) + 1);
    }
  }
  return {
    articleCount: count,
    topics: [...topics].map(([topic, n]) => ({ topic, count: n })).sort((a, b) => b.count - a.count),
    histogram: [...histogram].map(([from, n]) => ({ from, count: n })).sort((a, b) => a.from - b.from),
    unscored,
  };
}
