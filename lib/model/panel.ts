/**
 * `PanelModel`: what the background sends to every surface (popup, sidebar, side panel) to render.
 * Pure schema module: no browser APIs; imported by lib/app/messages.ts, the background and components/.
 */
import { z } from 'zod';
import { Article, HttpUrl, Provider } from './article';
import { Suggestion } from './suggestion';
import { StoredProblem } from './problem';

/** A slim projection of `Article`: only what a surface renders (no related refs, sources, AMP URLs). */
export const PanelArticle = z.object({
  id: z.string(),
  title: z.string(),
  excerpt: z.string(),
  /** ISO 8601 in UTC. */
  publishedAt: z.string(),
  /** The article's `urls.web`. */
  url: HttpUrl,
  provider: Provider,
  topics: z.array(z.string()),
  /** Absent means "no score": rendered as "No score", never invented. */
  quality: z.number().optional(),
  heat: z.number().optional(),
  /** First image of the article, if any. */
  image: HttpUrl.optional(),
});
export type PanelArticle = z.infer<typeof PanelArticle>;

/**
 * Progress of a running sync; `total` unknown while following `nextPage` links. In `articles` where
 * the source says how many it has read (and has), else in steps (`percent`: 100 per feed).
 */
export const SyncProgress = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
  unit: z.enum(['articles', 'percent']).optional(),
  /** What is being read: the feed as host and path, e.g. "everyday-cc.github.io/ai/api/news/ai-in-healthcare/". */
  label: z.string().optional(),
  /** Pages or shards of that feed read so far; the UI words it in its own language. */
  read: z.number().int().nonnegative().optional(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** One feed that failed in the last sync: its problem, and that problem's English technical form for logs. */
export const SyncFeedError = z.object({
  feed: z.string(),
  problem: StoredProblem.optional(),
  message: z.string(),
});
export type SyncFeedError = z.infer<typeof SyncFeedError>;

/** The sync state every surface shows in its status line. */
export const SyncSummary = z.object({
  state: z.enum(['never', 'syncing', 'idle', 'error']),
  /** Articles in the local store. */
  articleCount: z.number().int().nonnegative(),
  /** Epoch ms of the last sync that read at least one feed successfully. */
  lastSuccessAt: z.number().optional(),
  /**
   * Epoch ms the stored data is current as of: the newest successful feed read, where the packaged
   * snapshot counts as of its build date (importing an old snapshot does not make the data new).
   */
  dataAsOf: z.number().optional(),
  progress: SyncProgress.optional(),
  errors: z.array(SyncFeedError),
  /** `navigator.onLine === false` as seen by the background. */
  offline: z.boolean(),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

/** Same-topic percentile of the matched article's score (omitted when the sample is too small). */
export const PanelPercentile = z.object({
  value: z.number().int().min(0).max(100),
  topic: z.string(),
});
export type PanelPercentile = z.infer<typeof PanelPercentile>;

/**
 * Where scores lie among the stored articles of the percentile's topic: the band cut points (lower
 * quartile, median, upper quartile) and the range. Omitted when too few are scored to draw one.
 */
export const PanelScale = z.object({
  cuts: z.tuple([z.number(), z.number(), z.number()]),
  min: z.number(),
  max: z.number(),
  count: z.number().int().nonnegative(),
});
export type PanelScale = z.infer<typeof PanelScale>;

/**
 * The outlet's record in the dataset (scored articles, median, spread by band), shown beside an
 * article without a score of its own; never the article's score.
 */
export const PanelOutletRecord = z.object({
  domain: z.string(),
  scored: z.number().int().positive(),
  median: z.number(),
  bands: z.object({ low: z.number().int().nonnegative(), fair: z.number().int().nonnegative(), good: z.number().int().nonnegative(), high: z.number().int().nonnegative() }),
});
export type PanelOutletRecord = z.infer<typeof PanelOutletRecord>;

/** The tab's page is a stored article. */
export const MatchedPanel = z.object({
  kind: z.literal('matched'),
  article: PanelArticle,
  related: z.array(Suggestion),
  /** True while the ranking index is still loading: `related` holds the dataset's own entries so far. */
  relatedPending: z.boolean().optional(),
  percentile: PanelPercentile.optional(),
  /** The scale the verdict draws the score on (bands from the same topic's stored scores). */
  scale: PanelScale.optional(),
  /** Only when the article has no score and its outlet has a record. */
  outletRecord: PanelOutletRecord.optional(),
  sync: SyncSummary,
});
export type MatchedPanel = z.infer<typeof MatchedPanel>;

/** The page is not in the dataset, but local ranking of its title found suggestions. */
export const SuggestionsPanel = z.object({
  kind: z.literal('suggestions'),
  query: z.object({ title: z.string() }),
  related: z.array(Suggestion),
  /** The page's outlet, when the dataset covers it. */
  outletRecord: PanelOutletRecord.optional(),
  /** Words the search box offers as examples; each finds stored articles. */
  searchExamples: z.array(z.string()).max(5).optional(),
  sync: SyncSummary,
});
export type SuggestionsPanel = z.infer<typeof SuggestionsPanel>;

/** The page matches nothing; show top picks for the user's topics. */
export const NoMatchPanel = z.object({
  kind: z.literal('no-match'),
  topPicks: z.array(Suggestion),
  /** True while the ranking index is still loading (top picks follow). */
  topPicksPending: z.boolean().optional(),
  /** The page's outlet, when the page is an article of an outlet the dataset covers. */
  outletRecord: PanelOutletRecord.optional(),
  /** Words the search box offers as examples; each finds stored articles. */
  searchExamples: z.array(z.string()).max(5).optional(),
  sync: SyncSummary,
});
export type NoMatchPanel = z.infer<typeof NoMatchPanel>;

export const PanelModel = z.discriminatedUnion('kind', [MatchedPanel, SuggestionsPanel, NoMatchPanel]);
export type PanelModel = z.infer<typeof PanelModel>;

/**
 * Project a stored article onto what surfaces render.
 * @param article a trusted `Article` from the store.
 * @returns the `PanelArticle`; `quality`/`heat` stay absent when the article has none.
 */
export function toPanelArticle(article: Article): PanelArticle {
  const panel: PanelArticle = {
    id: article.id,
    title: article.title,
    excerpt: article.excerpt,
    publishedAt: article.publishedAt,
    url: article.urls.web,
    provider: { name: article.provider.name, domain: article.provider.domain },
    topics: [...article.topics],
  };
  // Optional keys are only set when present so the projection round-trips through `PanelModel`
  // and structured clone without `undefined`-valued keys.
  if (article.quality !== undefined) panel.quality = article.quality;
  if (article.heat !== undefined) panel.heat = article.heat;
  const image = article.images?.[0]?.url;
  if (image !== undefined) panel.image = image;
  return panel;
}
