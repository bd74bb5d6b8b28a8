/**
 * Related reading, ranked on the device: BM25F candidates from lib/rank/search-index.ts re-scored by topic specificity, time, quality, provider diversity and the dataset's own `related` list, then folded by story.
 * Pure (no browser APIs): lib/app/corpus.ts runs `planRelated` for the popup, sidebar and side panel; `datasetRelated` serves a panel while the index loads.
 */
import type { Article, RelatedRef } from '../model/article';
import type { Reason, Suggestion } from '../model/suggestion';
import type { SearchHit, SearchIndex } from './search-index';
import { groupSameStoryBy, sameStoryBy, type StoryText } from './story-groups';
import { hash } from '../model/hash';
import { analyze } from './text';
import { matchKey } from '../match/match-key';
import { promoProfile } from './promo-copy';
import {
  buildQuery,
  clearsMinQuality,
  diversifyProviders,
  GENERIC_TOPICS,
  keyTerms,
  qualityPrior,
  type RankOptions,
  type RankPlan,
  type RankQuery,
  specificityOf,
  suggestionFromArticle,
  suggestionFromRef,
  textScore,
  timeCloseness,
  topicOverlap,
} from './scoring';

/** What to find related reading for: a stored article, or a page the dataset does not know (from its title and meta tags). */
export type RankSource =
  | { kind: 'article'; article: Article }
  | { kind: 'page'; title: string; description?: string; url?: string; siteName?: string };

/**
 * A page outside the dataset gets suggestions only when its best candidate covers at least this share of the page's
 * query (idf-weighted): below it, the page is about something else (a cooking page gets nothing).
 */
export const RELEVANCE_THRESHOLD = 0.25;

/** How much each signal counts in the final score (each signal is 0..1). */
const WEIGHTS = {
  text: 0.45,
  topic: 0.65,
  time: 0.1,
  quality: 0.1,
  /** The dataset's own `related` lists are weak (in the real sample, 11 of 334 entries point at an article the sample holds): a nudge only. */
  listed: 0.05,
  /** Another outlet's report of the same story belongs at the top. */
  sameStory: 0.5,
  /** Times the promotional-copy penalty (lib/rank/promo-copy.ts): a market report or release sinks below reporting. */
  promo: 0.25,
} as const;

/**
 * A computed suggestion scoring below this share of the best one is dropped: a long tail of weak matches makes the
 * list look arbitrary. The source's own `related` entries are kept whatever their score.
 */
export const RELATIVE_SCORE_FLOOR = 0.35;

/** A shared topic is a reason only when at most this share of the corpus carries it; a topic most articles carry says nothing. */
const SPECIFIC_TOPIC_MAX_SHARE = 0.5;

/** Candidates taken from the index before re-scoring. */
const CANDIDATES = 60;

/** Every match key of an article's URLs (web, original, AMP), to recognise it under another id. */
function articleKeys(article: Article): Set<string> {
  const keys = new Set<string>();
  for (const url of [article.urls.web, article.urls.original, article.urls.amp, article.urls.cdnAmp]) {
    const key = url ? matchKey(url) : undefined;
    if (key) keys.add(key);
  }
  return keys;
}

interface Scored {
  hit: SearchHit;
  score: number;
  provider: string;
  reasons: Reason[];
  listed: boolean;
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

/**
 * Related reading for an article or a page: computed neighbours (at most `limit`, folded by story) merged with the
 * article's own dataset `related` entries (all of those that clear `minQuality`, on top of `limit`), deduped by match
 * key, best first. Never suggests the source itself. A page gets `[]` unless its best candidate clears
 * {@link RELEVANCE_THRESHOLD}.
 *
 * Two steps: everything that decides the order runs on the index (BM25F, topics, time, quality, provider, same-story
 * folding over the index's term lists); the plan then names the few articles whose cards the list shows. Articles are recognised by id (ids are hashes of the web URL's match key); a card that turns out to
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
  const promo = promoProfile(index);
  const topicCap = Math.max(1, SPECIFIC_TOPIC_MAX_SHARE * index.size);
  const hits = index.search(ctx.query.terms, {
    limit: Math.max(CANDIDATES, limit * 4),
    excludeIds,
    topics: options.topics,
    minQuality: options.minQuality,
    keepUnrated: options.keepUnrated,
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
      (sameStory ? WEIGHTS.sameStory : 0) -
      WEIGHTS.promo * promo.penalty(hit.slot, hit.providerDomain);
    const reasons: Reason[] = [];
    if (sameStory) reasons.push({ kind: 'same-story' });
    const sharedTopic = hit.topics
      .filter((t) => !GENERIC_TOPICS.has(t) && ctx.topics.includes(t) && index.topicCount(t) <= topicCap)
      .sort((a, b) => specificity(b) - specificity(a))[0];
    if (sharedTopic) reasons.push({ kind: 'shared-topic', topic: sharedTopic });
    const terms = keyTerms(hit.matched, ctx.query, index);
    if (terms.length > 0) reasons.push({ kind: 'key-terms', terms });
    if (listed) reasons.push({ kind: 'listed' });
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
  const floor = (kept[0]?.score ?? 0) * RELATIVE_SCORE_FLOOR;
  const relevant = kept.filter((s) => s.listed || s.score >= floor);
  const diverse = diversifyProviders(relevant, Math.min(relevant.length, limit * 3));
  // Same-story folding on the index's term lists; listed entries are never folded away: each stays a link of its own.
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
          reasons = [...reasons, { kind: 'listed' }];
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
        if (!clearsMinQuality(ref.quality, options.minQuality, options.keepUnrated)) continue;
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
  const reasons: Reason[] = [{ kind: 'listed' }];
  const shown = keyTerms(
    matched.map((m) => m.term),
    ctx.query,
    index,
  );
  if (shown.length > 0) reasons.push({ kind: 'key-terms', terms: shown });
  return suggestionFromRef(ref, score, reasons);
}

/**
 * An article's own dataset `related` entries, without the search index: what a panel can show
 * while the index is still loading. Deduped by match key, filtered by minimum quality like
 * {@link planRelated}'s dataset entries, scored by quality.
 */
export function datasetRelated(article: Article, minQuality?: number, keepUnrated = false): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const ref of article.related) {
    const key = matchKey(ref.url) ?? ref.url;
    if (seen.has(key) || !clearsMinQuality(ref.quality, minQuality, keepUnrated)) continue;
    seen.add(key);
    out.push(suggestionFromRef(ref, ref.quality ?? 0, [{ kind: 'listed' }]));
  }
  return out;
}
