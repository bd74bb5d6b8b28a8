/**
 * The popup's search box: articles whose title or excerpt match the words typed, ranked on the index.
 * Pure (no browser APIs); lib/app/corpus.ts runs `planSearch` and builds the cards it names.
 */
import type { SearchIndex } from './search-index';
import { analyze } from './text';
import { buildQuery, keyTerms, qualityPrior, type RankOptions, type RankPlan, suggestionFromArticle, timeCloseness } from './scoring';
import type { Suggestion } from '../model/suggestion';

/**
 * Articles whose title or excerpt match the words typed (the last word also as a prefix, so results come while typing),
 * ranked by text with a small quality and recency nudge; built from the cards of the top `limit` (default 10, +2 spares).
 * @param query what the user typed; an empty query plans nothing
 */
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
    keepUnrated: options.keepUnrated,
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
        out.push(suggestionFromArticle(article, score, terms.length ? [{ kind: 'key-terms', terms }] : [], false));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
