/**
 * What related reading, search and top picks share: list options, the plan a ranking returns, query building, the
 * 0..1 signals (text, topic, time, quality), provider diversity and the suggestion cards.
 * Pure (no browser APIs, no store); imported by lib/rank/related.ts, search.ts and top-picks.ts.
 */
import type { Article, RelatedRef } from '../model/article';
import type { Reason, Suggestion } from '../model/suggestion';
import type { QueryTerm, SearchIndex } from './search-index';
import { analyze, isFillerWord, NAME_MARK } from './text';

/** Settings that shape a list. */
export interface RankOptions {
  /**
   * Enabled topic filters: computed candidates must carry one of them. `undefined`: no filter; `[]`: no computed
   * candidate passes (every topic switched off). The dataset's own `related` entries carry no topics and are kept regardless.
   */
  topics?: readonly string[];
  /** Minimum quality; an unknown quality never clears it unless `keepUnrated`. Applies to every suggestion, dataset entries included. */
  minQuality?: number;
  /** Articles without a score pass `minQuality` (the reader's "Hide unrated" is off); default false. */
  keepUnrated?: boolean;
  /** Computed neighbours to return (default 10); the source's own `related` entries come on top of these. */
  limit?: number;
  /** Epoch ms "now": recency for pages and top picks (default: no recency signal for pages). */
  now?: number;
}


/**
 * A ranking done on the index alone, waiting for the few cards it shows: `ids` are the articles whose cards (title,
 * URL, excerpt, provider, image) `build` reads through `getArticle`. Lets a caller fetch just those from storage instead
 * of keeping every article in memory.
 */
export interface RankPlan {
  ids: readonly string[];
  build(getArticle: (id: string) => Article | undefined): Suggestion[];
}

/** Topics every article in this corpus carries; sharing them says nothing. */
export const GENERIC_TOPICS: ReadonlySet<string> = new Set(['AI']);

/** Each further suggestion from an already-listed provider keeps this share of its score (provider diversity). */
const PROVIDER_REPEAT_FACTOR = 0.75;
/** Closeness in time halves every this many days. */
const TIME_HALF_LIFE_DAYS = 30;
/** Quality at which the prior saturates (sample median 71, a few above 100). */
const QUALITY_FULL = 100;
/** Prior for an article without a quality score: neutral, never invented as good or bad. */
const QUALITY_UNKNOWN = 0.5;
/** One day in ms. */
export const DAY_MS = 86_400_000;

/** A weighted query plus the surface words for reasons and the query's total idf mass (for absolute text scores). */
export interface RankQuery {
  terms: QueryTerm[];
  surfaces: Map<string, string>;
  mass: number;
}

/**
 * Builds a weighted query from text parts (e.g. title ×2, excerpt ×1). Repeats add up, capped at 3× the part weight.
 * @param parts text and weight pairs
 * @param index supplies idf for the query's mass
 */
export function buildQuery(parts: ReadonlyArray<readonly [string | undefined, number]>, index: SearchIndex): RankQuery {
  const weights = new Map<string, number>();
  const caps = new Map<string, number>();
  const surfaces = new Map<string, string>();
  for (const [text, weight] of parts) {
    if (!text) continue;
    for (const { term, surface } of analyze(text)) {
      if (!surfaces.has(term)) surfaces.set(term, surface);
      const cap = Math.max(caps.get(term) ?? 0, weight * 3);
      caps.set(term, cap);
      weights.set(term, Math.min(cap, (weights.get(term) ?? 0) + weight));
    }
  }
  const terms = [...weights].map(([term, weight]) => ({ term, weight }));
  const mass = terms.reduce((sum, { term, weight }) => sum + weight * index.idf(term), 0);
  return { terms, surfaces, mass };
}

/**
 * Text relevance 0..1: the BM25F score over the query's idf mass, i.e. roughly the idf-weighted share of the query found
 * in the candidate (a title match counts more). Absolute, so it can be compared with {@link RELEVANCE_THRESHOLD}.
 */
export function textScore(bm25: number, mass: number): number {
  return mass > 0 ? Math.min(1, bm25 / mass) : 0;
}

/**
 * Topic weight: generic topics weigh little; others weigh more the rarer they are in the index
 * ("Natural Language Processing" among healthcare articles says more than "AI in Healthcare").
 */
function topicSpecificity(topic: string, index: SearchIndex): number {
  if (GENERIC_TOPICS.has(topic)) return 0.1;
  const n = Math.max(index.size, 2);
  const df = Math.max(index.topicCount(topic), 1);
  return 0.5 + Math.min(1, Math.log(n / df) / Math.log(n));
}

/**
 * Topic overlap 0..1: the specificity-weighted share of the source's topics that the candidate carries.
 * @param source the source's topics
 * @param candidate the candidate's topics
 * @param weight topic → specificity
 */
export function topicOverlap(
  source: readonly string[],
  candidate: readonly string[],
  weight: (topic: string) => number,
): number {
  let total = 0;
  let shared = 0;
  const have = new Set(candidate);
  for (const topic of new Set(source)) {
    const w = weight(topic);
    total += w;
    if (have.has(topic)) shared += w;
  }
  return total > 0 ? shared / total : 0;
}

/** Closeness in time 0..1 (1 = same moment, halving every 30 days); 0.5 when either date is unknown. */
export function timeCloseness(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return 0.5;
  return 0.5 ** (Math.abs(a - b) / DAY_MS / TIME_HALF_LIFE_DAYS);
}

/** Quality prior 0..1, saturating at 100; neutral 0.5 when the article has no score. */
export function qualityPrior(quality: number | undefined): number {
  return quality === undefined ? QUALITY_UNKNOWN : Math.max(0, Math.min(1, quality / QUALITY_FULL));
}

/** Whether a quality clears a minimum (no minimum: always; unknown quality: only when `keepUnrated`). */
export function clearsMinQuality(quality: number | undefined, minQuality: number | undefined, keepUnrated = false): boolean {
  return minQuality === undefined || (quality !== undefined ? quality >= minQuality : keepUnrated);
}

/**
 * Re-orders scored items so one provider does not fill the list: each repeat of a provider keeps
 * {@link PROVIDER_REPEAT_FACTOR} of its score per earlier pick from that provider. Greedy, O(n·k).
 * @returns the items in the new order, with `score` set to the penalised score
 */
export function diversifyProviders<T extends { score: number; provider: string }>(items: readonly T[], take: number): T[] {
  const remaining = [...items];
  const picked: T[] = [];
  const counts = new Map<string, number>();
  while (picked.length < take && remaining.length > 0) {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    remaining.forEach((item, i) => {
      const s = item.score * PROVIDER_REPEAT_FACTOR ** (item.provider ? (counts.get(item.provider) ?? 0) : 0);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    const [item] = remaining.splice(best, 1);
    if (!item) break;
    counts.set(item.provider, (counts.get(item.provider) ?? 0) + 1);
    picked.push({ ...item, score: bestScore });
  }
  return picked;
}

/**
 * A key term is shown only when few stored articles use it: at most this share of the corpus (or
 * {@link KEY_TERM_MIN_CEILING} articles in a small one). A word most articles share explains nothing.
 */
export const KEY_TERM_MAX_SHARE = 0.05;
/** In a small corpus, a word in this many articles may still be a key term. */
export const KEY_TERM_MIN_CEILING = 3;

/**
 * Whether a matched term can be shown to a reader as a key term: not a stop word or filler (lib/rank/text.ts), at least
 * three letters unless an acronym, and rare in the corpus (see {@link KEY_TERM_MAX_SHARE}).
 * @param term the stemmed term (a name term carries {@link NAME_MARK})
 * @param surface the word as the query wrote it
 */
export function isKeyTerm(term: string, surface: string, index: SearchIndex): boolean {
  const plain = term.startsWith(NAME_MARK) ? term.slice(NAME_MARK.length) : term;
  if (isFillerWord(surface) || isFillerWord(plain)) return false;
  if (!/\p{L}/u.test(surface) || (surface.length < 3 && !/^\p{Lu}+$/u.test(surface))) return false;
  const ceiling = Math.max(KEY_TERM_MIN_CEILING, KEY_TERM_MAX_SHARE * index.size);
  // The plain word's spread decides: "Next" as a name is still the word "next".
  return Math.max(index.docFreq(plain), index.docFreq(term)) <= ceiling;
}

/** The matched terms a reader recognises (rarest first, as the query spelled them), for a "Key terms" reason; filler and common words never. */
export function keyTerms(matched: readonly string[], query: RankQuery, index: SearchIndex, max = 3): string[] {
  // A name and its plain word ("Natural", "natural") are one key term to a reader.
  const shown = new Map<string, string>();
  for (const term of [...matched].sort((a, b) => index.idf(b) - index.idf(a))) {
    const surface = query.surfaces.get(term) ?? term.replace(NAME_MARK, '');
    if (!isKeyTerm(term, surface, index)) continue;
    if (!shown.has(surface.toLowerCase())) shown.set(surface.toLowerCase(), surface);
    if (shown.size === max) break;
  }
  return [...shown.values()];
}

/** A stored article as a suggestion card. */
export function suggestionFromArticle(article: Article, score: number, reasons: Reason[], fromDataset: boolean): Suggestion {
  return {
    url: article.urls.web,
    title: article.title,
    excerpt: article.excerpt || undefined,
    provider: article.provider,
    publishedAt: article.publishedAt,
    quality: article.quality,
    image: article.images?.[0]?.url,
    articleId: article.id,
    topics: article.topics,
    score,
    reasons,
    fromDataset,
  };
}

/** A dataset `related` entry as a suggestion (it carries no topics and no id of ours). */
export function suggestionFromRef(ref: RelatedRef, score: number, reasons: Reason[]): Suggestion {
  return {
    url: ref.url,
    title: ref.title,
    excerpt: ref.excerpt,
    provider: ref.provider,
    publishedAt: ref.publishedAt,
    quality: ref.quality,
    image: ref.image,
    score,
    reasons,
    fromDataset: true,
  };
}

/** Topic specificity per topic, computed once per ranking (a few distinct topics, many candidates). */
export function specificityOf(index: SearchIndex): (topic: string) => number {
  const cache = new Map<string, number>();
  return (topic) => {
    let value = cache.get(topic);
    if (value === undefined) {
      value = topicSpecificity(topic, index);
      cache.set(topic, value);
    }
    return value;
  };
}
