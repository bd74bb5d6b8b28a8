/**
 * Related reading, ranked on the device: BM25F candidates from lib/rank/search-index.ts re-scored by topic specificity, time, quality, provider diversity and the dataset's own `related` list, then folded by story.
 * Pure (no browser APIs): the background worker calls `rankRelated`, `searchArticles` and `topPicks` and sends the result to the popup and sidebar.
 */
import type { Article, RelatedRef } from '../model/article';
import type { Suggestion } from '../model/suggestion';
import type { DocInfo, QueryTerm, SearchHit, SearchIndex } from './search-index';
import { groupSameStoryBy, sameStoryBy, type StoryText } from './story-groups';
import { hash } from '../model/hash';
import { analyze, NAME_MARK } from './text';
import { matchKey } from '../match/match-key';

/** What to find related reading for: a stored article, or a page the dataset does not know (from its title and meta tags). */
export type RankSource =
  | { kind: 'article'; article: Article }
  | { kind: 'page'; title: string; description?: string; url?: string; siteName?: string };

/** Settings that shape a list. */
export interface RankOptions {
  /**
   * Enabled topic filters: computed candidates must carry one of them. `undefined`: no filter; `[]`: no computed
   * candidate passes (every topic switched off). The dataset's own `related` entries carry no topics and are kept regardless.
   */
  topics?: readonly string[];
  /** Minimum quality; an unknown quality never clears it. Applies to every suggestion, dataset entries included. */
  minQuality?: number;
  /** Computed neighbours to return (default 10); the source's own `related` entries come on top of these. */
  limit?: number;
  /** Epoch ms "now": recency for pages and top picks (default: no recency signal for pages). */
  now?: number;
}

/**
 * A page outside the dataset gets suggestions only when its best candidate covers at least this share of the page's
 * query (idf-weighted): below it, the page is about something else (issue 8: a cooking page gets nothing).
 */
export const RELEVANCE_THRESHOLD = 0.25;

/** Topics every article in this corpus carries; sharing them says nothing. */
export const GENERIC_TOPICS: ReadonlySet<string> = new Set(['AI']);

/** How much each signal counts in the final score (each signal is 0..1). */
export const WEIGHTS = {
  text: 0.45,
  topic: 0.25,
  time: 0.1,
  quality: 0.1,
  /** The dataset's own `related` lists are weak (SUMMARY.md §3: 11 of 334 entries are even in the sample): a nudge only. */
  listed: 0.05,
  /** Another outlet's report of the same story belongs at the top. */
  sameStory: 0.5,
} as const;

/** Each further suggestion from an already-listed provider keeps this share of its score (provider diversity). */
export const PROVIDER_REPEAT_FACTOR = 0.75;
/** Closeness in time halves every this many days. */
const TIME_HALF_LIFE_DAYS = 30;
/** Quality at which the prior saturates (sample median 71, a few above 100). */
const QUALITY_FULL = 100;
/** Prior for an article without a quality score: neutral, never invented as good or bad. */
const QUALITY_UNKNOWN = 0.5;
/** Candidates taken from the index before re-scoring. */
const CANDIDATES = 60;
const DAY_MS = 86_400_000;

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
export function topicSpecificity(topic: string, index: SearchIndex): number {
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

/** Whether a quality clears a minimum (no minimum: always; unknown quality: never). */
export function clearsMinQuality(quality: number | undefined, minQuality: number | undefined): boolean {
  return minQuality === undefined || (quality !== undefined && quality >= minQuality);
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

/** Every match key of an article's URLs (web, original, AMP), to recognise it under another id. */
function articleKeys(article: Article): Set<string> {
  const keys = new Set<string>();
  for (const url of [article.urls.web, article.urls.original, article.urls.amp, article.urls.cdnAmp]) {
    const key = url ? matchKey(url) : undefined;
    if (key) keys.add(key);
  }
  return keys;
}

function keyTerms(matched: readonly string[], query: RankQuery, index: SearchIndex, max = 3): string[] {
  // A name and its plain word ("Natural", "natural") are one key term to a reader.
  const shown = new Map<string, string>();
  for (const term of [...matched].sort((a, b) => index.idf(b) - index.idf(a))) {
    const surface = query.surfaces.get(term) ?? term.replace(NAME_MARK, '');
    if (!shown.has(surface.toLowerCase())) shown.set(surface.toLowerCase(), surface);
    if (shown.size === max) break;
  }
  return [...shown.values()];
}

function suggestionFromArticle(article: Article, score: number, reasons: string[], fromDataset: boolean): Suggestion {
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

interface Scored {
  hit: SearchHit;
  score: number;
  provider: string;
  reasons: string[];
  listed: boolean;
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

/** What the source contributes to ranking, whatever its kind. */
interface SourceContext {
  query: RankQuery;
  topics: readonly string[];
  time: number;
  selfKeys: Set<string>;
  excludeIds: Set<string>;
  story: StoryText;
  related: readonly RelatedRef[];
}

function sourceContext(source: RankSource, index: SearchIndex, now: number | undefined): SourceContext {
  if (source.kind === 'article') {
    const { article } = source;
    return {
      query: buildQuery(
        [
          [article.title, 2],
          [article.excerpt, 1],
        ],
        index,
      ),
      topics: article.topics,
      time: Date.parse(article.publishedAt),
      selfKeys: articleKeys(article),
      excludeIds: new Set([article.id]),
      story: { title: article.title, excerpt: article.excerpt, publishedAt: article.publishedAt, url: article.urls.web },
      related: article.related,
    };
  }
  const key = source.url ? matchKey(source.url) : undefined;
  // The URL's path often spells the headline (`/2021/06/ai-spots-sepsis-early`): a weak extra hint.
  let slug = '';
  try {
    slug = source.url ? decodeURIComponent(new URL(source.url).pathname).replace(/[-_/.]+/g, ' ') : '';
  } catch {
    slug = '';
  }
  return {
    query: buildQuery(
      [
        [source.title, 2],
        [source.description, 1],
        [slug, 0.5],
      ],
      index,
    ),
    topics: [],
    time: now ?? Number.NaN,
    selfKeys: new Set(key ? [key] : []),
    excludeIds: new Set(),
    story: { title: source.title, excerpt: source.description, url: source.url },
    related: [],
  };
}

/** Topic specificity per topic, computed once per ranking (a few distinct topics, many candidates). */
function specificityOf(index: SearchIndex): (topic: string) => number {
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

/**
 * Related reading for an article or a page: computed neighbours (at most `limit`, folded by story) merged with the
 * article's own dataset `related` entries (all of those that clear `minQuality`, on top of `limit`), deduped by match
 * key, best first. Never suggests the source itself. A page gets `[]` unless its best candidate clears
 * {@link RELEVANCE_THRESHOLD}.
 * @param source the article, or the page's title/description/URL
 * @param index the search index over stored articles
 * @param getArticle stored article by id (undefined: skipped)
 * @param options topic filters, minimum quality, limit, now
 */
export function rankRelated(
  source: RankSource,
  index: SearchIndex,
  getArticle: (id: string) => Article | undefined,
  options: RankOptions = {},
): Suggestion[] {
  return planRelated(source, index, options).build(getArticle);
}

/**
 * {@link rankRelated} in two steps: everything that decides the order runs on the index (BM25F, topics, time,
 * quality, provider, same-story folding over the index's term lists); the plan then names the few articles whose cards
 * the list shows. Articles are recognised by id (ids are hashes of the web URL's match key); a card that turns out to
 * share another URL form with the source is dropped, and one listed under another URL form is marked, when built.
 */
export function planRelated(source: RankSource, index: SearchIndex, options: RankOptions = {}): RankPlan {
  const limit = options.limit ?? 10;
  const ctx = sourceContext(source, index, options.now);
  const listedKeys = new Set(ctx.related.map((r) => matchKey(r.url)).filter((k) => k !== undefined));
  const listedIds = new Set([...listedKeys].map((key) => hash(key)));
  const excludeIds = new Set(ctx.excludeIds);
  for (const key of ctx.selfKeys) excludeIds.add(hash(key));
  const specificity = specificityOf(index);
  const hits = index.search(ctx.query.terms, {
    limit: Math.max(CANDIDATES, limit * 4),
    excludeIds,
    topics: options.topics,
    minQuality: options.minQuality,
  });
  const storySource = index.storyTerms(ctx.story.title, ctx.story.excerpt);
  const sourceTime = ctx.story.publishedAt ? Date.parse(ctx.story.publishedAt) : Number.NaN;

  const scored: Scored[] = [];
  let bestText = 0;
  for (const hit of hits) {
    const text = textScore(hit.score, ctx.query.mass);
    bestText = Math.max(bestText, text);
    const topic = topicOverlap(ctx.topics, hit.topics, specificity);
    const time = timeCloseness(ctx.time, hit.publishedAt);
    const listed = listedIds.has(hit.id);
    const sameStory = sameStoryBy(sourceTime, hit.publishedAt, () => index.storySimilarity(storySource, hit.slot));
    const score =
      WEIGHTS.text * text +
      WEIGHTS.topic * topic +
      WEIGHTS.time * time +
      WEIGHTS.quality * qualityPrior(hit.quality) +
      (listed ? WEIGHTS.listed : 0) +
      (sameStory ? WEIGHTS.sameStory : 0);
    const reasons: string[] = [];
    if (sameStory) reasons.push('Same story');
    const sharedTopic = hit.topics
      .filter((t) => !GENERIC_TOPICS.has(t) && ctx.topics.includes(t))
      .sort((a, b) => specificity(b) - specificity(a))[0];
    if (sharedTopic) reasons.push(`Shared topic: ${sharedTopic}`);
    const terms = keyTerms(hit.matched, ctx.query, index);
    if (terms.length > 0) reasons.push(`Key terms: ${terms.join(', ')}`);
    if (listed) reasons.push('Listed as related by the source');
    scored.push({ hit, score, provider: hit.providerDomain, reasons, listed });
  }
  const pageMiss = source.kind === 'page' && bestText < RELEVANCE_THRESHOLD;
  // A page's weak tail (a shared word or two) is noise, not reading.
  const kept = pageMiss
    ? []
    : source.kind === 'page'
      ? scored.filter((s) => textScore(s.hit.score, ctx.query.mass) >= RELEVANCE_THRESHOLD / 2)
      : scored;
  kept.sort((a, b) => b.score - a.score);
  const diverse = diversifyProviders(kept, Math.min(kept.length, limit * 3));
  // Same-story folding on the index's term lists; listed entries are never folded away (CONTRACT.md).
  const groups = groupSameStoryBy(
    diverse,
    (s) => s.listed,
    (a, b) => sameStoryBy(a.hit.publishedAt, b.hit.publishedAt, () => index.storySimilarity(a.hit.slot, b.hit.slot)),
  );
  // One spare group: a card dropped when built (gone from storage, or the source under another URL form) is replaced.
  const shown = groups.slice(0, limit + 1);
  const ids = shown.flatMap((g) => [g.leader.hit.id, ...g.members.map((m) => m.hit.id)]);

  return {
    ids,
    build(getArticle) {
      const computed: Suggestion[] = [];
      for (const { leader, members } of shown) {
        if (computed.length >= limit) break;
        const article = getArticle(leader.hit.id);
        if (!article) continue;
        const keys = articleKeys(article);
        if ([...keys].some((key) => ctx.selfKeys.has(key))) continue;
        let { score, reasons, listed } = leader;
        if (!listed && [...keys].some((key) => listedKeys.has(key))) {
          listed = true;
          score += WEIGHTS.listed;
          reasons = [...reasons, 'Listed as related by the source'];
        }
        const suggestion = suggestionFromArticle(article, score, [...reasons], listed);
        const also: NonNullable<Suggestion['alsoCoveredBy']> = [];
        for (const member of members) {
          const other = getArticle(member.hit.id);
          const otherKeys = other ? articleKeys(other) : undefined;
          if (!other || !otherKeys || [...otherKeys].some((key) => ctx.selfKeys.has(key) || keys.has(key))) continue;
          also.push({ title: other.title, url: other.urls.web, provider: other.provider, quality: other.quality });
        }
        if (also.length) suggestion.alsoCoveredBy = also;
        computed.push(suggestion);
      }

      const taken = new Set<string>();
      for (const suggestion of computed) {
        for (const url of [suggestion.url, ...(suggestion.alsoCoveredBy ?? []).map((a) => a.url)]) {
          const key = matchKey(url);
          if (key) taken.add(key);
        }
      }
      const extras: Suggestion[] = [];
      for (const ref of ctx.related) {
        const key = matchKey(ref.url);
        if (!key || taken.has(key) || ctx.selfKeys.has(key)) continue;
        if (!clearsMinQuality(ref.quality, options.minQuality)) continue;
        taken.add(key);
        extras.push(relatedRefSuggestion(ref, ctx, index));
      }
      if (pageMiss) return [];
      return [...computed, ...extras].sort((a, b) => b.score - a.score);
    },
  };
}

/** A bare dataset `related` entry as a suggestion, scored on the same scale (it has no topics, so no topic signal). */
function relatedRefSuggestion(ref: RelatedRef, ctx: SourceContext, index: SearchIndex): Suggestion {
  const terms = new Set(analyze(`${ref.title} ${ref.excerpt ?? ''}`).map((t) => t.term));
  const matched = ctx.query.terms.filter(({ term }) => terms.has(term));
  const text = textScore(
    matched.reduce((sum, { term, weight }) => sum + weight * index.idf(term), 0),
    ctx.query.mass,
  );
  const time = timeCloseness(ctx.time, ref.publishedAt ? Date.parse(ref.publishedAt) : Number.NaN);
  const score =
    WEIGHTS.text * text + WEIGHTS.time * time + WEIGHTS.quality * qualityPrior(ref.quality) + WEIGHTS.listed;
  const reasons = ['Listed as related by the source'];
  const shown = keyTerms(
    matched.map((m) => m.term),
    ctx.query,
    index,
  );
  if (shown.length > 0) reasons.push(`Key terms: ${shown.join(', ')}`);
  return suggestionFromRef(ref, score, reasons);
}

/** A dataset `related` entry as a suggestion (it carries no topics and no id of ours). */
function suggestionFromRef(ref: RelatedRef, score: number, reasons: string[]): Suggestion {
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

/**
 * An article's own dataset `related` entries, without the search index: what a panel can show
 * while the index is still loading. Deduped by match key, filtered by minimum quality like
 * {@link rankRelated}'s dataset entries, scored by quality.
 */
export function datasetRelated(article: Article, minQuality?: number): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const ref of article.related) {
    const key = matchKey(ref.url) ?? ref.url;
    if (seen.has(key) || !clearsMinQuality(ref.quality, minQuality)) continue;
    seen.add(key);
    out.push(suggestionFromRef(ref, ref.quality ?? 0, ['Listed as related by the source']));
  }
  return out;
}

/**
 * The popup's search box: articles whose title or excerpt match the words typed (the last word also as a prefix,
 * so results come while typing), ranked by text with a small quality and recency nudge.
 * @param query what the user typed
 * @returns at most `limit` (default 10) suggestions; [] for an empty query
 */
export function searchArticles(
  query: string,
  index: SearchIndex,
  getArticle: (id: string) => Article | undefined,
  options: RankOptions = {},
): Suggestion[] {
  return planSearch(query, index, options).build(getArticle);
}

/** {@link searchArticles} as a plan: ranked on the index, then built from the cards of the top `limit` (+2 spares). */
export function planSearch(query: string, index: SearchIndex, options: RankOptions = {}): RankPlan {
  const limit = options.limit ?? 10;
  const built = buildQuery([[query, 1]], index);
  const last = analyze(query).at(-1);
  if (last && !/\s$/.test(query)) {
    for (const term of index.termsWithPrefix(last.surface, 8)) {
      if (!built.terms.some((t) => t.term === term)) built.terms.push({ term, weight: 0.5 });
      if (!built.surfaces.has(term)) built.surfaces.set(term, term);
    }
  }
  if (built.terms.length === 0) return { ids: [], build: () => [] };
  const hits = index.search(built.terms, {
    limit: Math.max(limit * 3, 30),
    topics: options.topics,
    minQuality: options.minQuality,
  });
  const max = hits[0]?.score ?? 1;
  const ranked = hits
    .map((hit) => {
      const recency = options.now === undefined ? 0.5 : timeCloseness(options.now, hit.publishedAt);
      const score = 0.8 * (hit.score / max) + 0.1 * qualityPrior(hit.quality) + 0.1 * recency;
      return { hit, score };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, limit + 2);
  return {
    ids: ranked.map((r) => r.hit.id),
    build(getArticle) {
      const out: Suggestion[] = [];
      for (const { hit, score } of ranked) {
        const article = getArticle(hit.id);
        if (!article) continue;
        const terms = keyTerms(hit.matched, built, index);
        out.push(suggestionFromArticle(article, score, terms.length ? [`Key terms: ${terms.join(', ')}`] : [], false));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}

/**
 * Best recent articles for the user's topics: quality first, then recency, one provider not filling the list.
 * @param options `now` and `days` (default 7) bound "recent"; topics and minQuality filter
 */
export function topPicks(
  index: SearchIndex,
  getArticle: (id: string) => Article | undefined,
  options: RankOptions & { now: number; days?: number },
): Suggestion[] {
  return planTopPicks(index, options).build(getArticle);
}

/** {@link topPicks} as a plan: chosen on the index, built from the cards of the picks (+2 spares). */
export function planTopPicks(index: SearchIndex, options: RankOptions & { now: number; days?: number }): RankPlan {
  const limit = options.limit ?? 10;
  const days = options.days ?? 7;
  const wanted = options.topics ? new Set(options.topics) : undefined;
  const candidates: (DocInfo & { score: number; provider: string })[] = [];
  for (const doc of index.docsPublishedBetween(options.now - days * DAY_MS, options.now + DAY_MS)) {
    const age = (options.now - doc.publishedAt) / DAY_MS;
    if (!(age >= -1 && age <= days)) continue;
    if (wanted && !doc.topics.some((t) => wanted.has(t))) continue;
    if (!clearsMinQuality(doc.quality, options.minQuality)) continue;
    const score = 0.7 * qualityPrior(doc.quality) + 0.3 * 0.5 ** (Math.max(age, 0) / Math.max(days / 2, 1));
    candidates.push({ ...doc, score, provider: doc.providerDomain });
  }
  candidates.sort((a, b) => b.score - a.score);
  const picked = diversifyProviders(candidates.slice(0, limit * 5), limit * 2);
  return {
    ids: picked.slice(0, limit + 2).map((doc) => doc.id),
    build(getArticle) {
      const out: Suggestion[] = [];
      for (const doc of picked) {
        const article = getArticle(doc.id);
        if (!article) continue;
        const topic = doc.topics.find((t) => wanted?.has(t) && !GENERIC_TOPICS.has(t));
        const reasons = [doc.quality !== undefined ? `Quality ${doc.quality}` : 'Recent'];
        if (topic) reasons.push(`Shared topic: ${topic}`);
        out.push(suggestionFromArticle(article, doc.score, reasons, false));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
