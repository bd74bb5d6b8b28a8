/**
 * The in-memory view of stored articles the ranking works on: articles by id, the search index
 * and per-topic quality scores. Built from the store on first use after a change.
 * Pure apart from the injected store; the background holds one at a time.
 */
import type { Article } from './schema/article';
import type { Suggestion } from './schema/suggestion';
import type { DataSummary, PageSignals } from './messages';
import type { Store } from './store';
import { createSearchIndex, loadSearchIndex, type SearchIndex, type SerializedIndex } from './search-index';
import { logError } from './errors';
import { mergeArticle } from './merge';
import { rankRelated, searchArticles, topPicks, type RankOptions } from './related';
import { ANALYZER_VERSION } from './text';

export interface Corpus {
  size: number;
  related(article: Article, options: RankOptions): Suggestion[];
  forPage(signals: PageSignals, options: RankOptions): Suggestion[];
  search(query: string, options: RankOptions): Suggestion[];
  topPicks(options: RankOptions): Suggestion[];
  /** Scores of every scored article carrying `topic`. */
  qualityScores(topic: string): number[];
  summary(): DataSummary;
  /** What `createCorpus` stores so a restarted worker can skip reading and tokenizing every article. */
  snapshot(dataVersion: number): CorpusSnapshot;
}

/** The persisted corpus: the serialized index and the cards, valid for one store data version and one analyzer. */
export interface CorpusSnapshot {
  format: 1;
  dataVersion: number;
  /** {@link ANALYZER_VERSION} of the terms in `index`: an index from another analyzer is rebuilt. */
  analyzer: number;
  index: SerializedIndex;
  cards: Article[];
}

/** Meta key of the persisted corpus. */
const SNAPSHOT_KEY = 'corpusSnapshot';

/**
 * The ranking corpus for the stored articles. A worker that wakes up loads the snapshot saved the
 * last time (one read) when the articles have not changed since; otherwise it reads every article,
 * indexes it and saves a new snapshot. The index is built once per change, never per query.
 */
export async function createCorpus(store: Store): Promise<Corpus> {
  const dataVersion = await store.dataVersion();
  const saved = await store.getMeta<CorpusSnapshot>(SNAPSHOT_KEY).catch(() => undefined);
  if (saved?.format === 1 && saved.dataVersion === dataVersion && saved.analyzer === ANALYZER_VERSION) {
    try {
      return assemble(new Map(saved.cards.map((card) => [card.id, card] as const)), loadSearchIndex(saved.index));
    } catch (error) {
      logError(error, 'corpus snapshot unreadable; rebuilding');
    }
  }
  const corpus = await buildYielding(store);
  // A snapshot that cannot be stored (quota) only costs the next worker a rebuild.
  await store.putMeta(SNAPSHOT_KEY, corpus.snapshot(dataVersion)).catch((error: unknown) => logError(error, 'corpus snapshot not saved'));
  return corpus;
}

/** Excerpts kept in memory are cut here: enough for a card and same-story checks, not the whole text. */
export const CARD_EXCERPT_CHARS = 320;

/**
 * What ranking keeps of a candidate in memory: a card, not the whole record (no related list,
 * no sources, a short excerpt), so 100k articles fit the service worker's memory budget.
 */
export function toCard(article: Article): Article {
  const card: Article = {
    id: article.id,
    title: article.title,
    excerpt: article.excerpt.length > CARD_EXCERPT_CHARS ? `${article.excerpt.slice(0, CARD_EXCERPT_CHARS - 1)}…` : article.excerpt,
    publishedAt: article.publishedAt,
    urls: { web: article.urls.web },
    provider: article.provider,
    topics: article.topics,
    related: [],
    sources: [],
    updatedAt: 0,
  };
  // AMP and original forms still dedupe against the source's own URLs.
  if (article.urls.amp) card.urls.amp = article.urls.amp;
  if (article.urls.original && article.urls.original !== article.urls.web) card.urls.original = article.urls.original;
  if (article.quality !== undefined) card.quality = article.quality;
  const image = article.images?.[0];
  if (image) card.images = [{ url: image.url }];
  return card;
}

/** Indexing work between two yields to the worker's event loop, so badges and messages are not held up. */
const BUILD_SLICE_MS = 30;

/**
 * Builds the corpus from the store chunk batch by chunk batch, yielding to the event loop every
 * BUILD_SLICE_MS: a worker indexing 100k articles still answers a navigation's badge meanwhile.
 * An article stored by several feeds is merged (cards) and indexed once.
 */
async function buildYielding(store: Store): Promise<Corpus> {
  const builder = corpusBuilder();
  let sliceStart = Date.now();
  await store.forEachChunkBatch(async (articles) => {
    for (const article of articles) builder.add(article);
    if (Date.now() - sliceStart > BUILD_SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    }
  });
  return builder.done();
}

/**
 * Collects cards and index entries one article at a time. An article seen again (stored by
 * several feeds) is merged into one card and indexed once.
 */
function corpusBuilder() {
  const byId = new Map<string, Article>();
  const index: SearchIndex = createSearchIndex();
  return {
    add(article: Article): void {
      const previous = byId.get(article.id);
      if (!previous) {
        byId.set(article.id, toCard(article));
        index.add(article);
        return;
      }
      const merged = toCard(mergeArticle(previous, article, article.updatedAt).article);
      byId.set(article.id, merged);
      index.remove(article.id);
      index.add(merged);
    },
    done: () => assemble(byId, index),
  };
}

/** A corpus over `articles` (tests, benchmarks). Keeps cards, not the records. */
export function corpusFrom(articles: readonly Article[]): Corpus {
  const builder = corpusBuilder();
  for (const article of articles) builder.add(article);
  return builder.done();
}

/** A corpus over cards and the index built from the same articles. */
function assemble(byId: Map<string, Article>, index: SearchIndex): Corpus {
  const getArticle = (id: string) => byId.get(id);
  // "Recent" is relative to the data: a corpus whose newest article is a year old still has top picks.
  let newest = 0;
  for (const article of byId.values()) newest = Math.max(newest, Date.parse(article.publishedAt) || 0);
  const scoresByTopic = new Map<string, number[]>();
  for (const article of byId.values()) {
    if (article.quality === undefined) continue;
    for (const topic of article.topics) {
      const list = scoresByTopic.get(topic) ?? [];
      list.push(article.quality);
      scoresByTopic.set(topic, list);
    }
  }
  return {
    size: byId.size,
    // The source article comes whole from the store: its own `related` list is one of the signals.
    related: (article, options) => rankRelated({ kind: 'article', article }, index, getArticle, options),
    forPage: (signals, options) =>
      rankRelated(
        {
          kind: 'page',
          title: signals.title,
          ...(signals.description ? { description: signals.description } : {}),
          url: signals.url,
          ...(signals.siteName ? { siteName: signals.siteName } : {}),
        },
        index,
        getArticle,
        options,
      ),
    search: (query, options) => searchArticles(query, index, getArticle, options),
    topPicks: (options) =>
      topPicks(index, getArticle, { ...options, now: Math.min(options.now ?? Date.now(), newest || Date.now()), days: 14 }),
    qualityScores: (topic) => scoresByTopic.get(topic) ?? [],
    summary: () => summarize(byId.values()),
    snapshot: (dataVersion) => ({ format: 1, dataVersion, analyzer: ANALYZER_VERSION, index: index.toJSON(), cards: [...byId.values()] }),
  };
}

function summarize(articles: Iterable<Article>): DataSummary {
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
