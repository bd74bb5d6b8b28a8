/**
 * One-call rankings for tests: plan on the index, then build the cards from a lookup, as lib/app/corpus.ts does in
 * two steps (it fetches the named cards from storage in between). Test-only: the product calls the `plan*` functions.
 */
import type { Article } from '../../lib/model/article';
import type { Suggestion } from '../../lib/model/suggestion';
import { planRelated, type RankSource } from '../../lib/rank/related';
import type { RankOptions } from '../../lib/rank/scoring';
import { planSearch } from '../../lib/rank/search';
import type { SearchIndex } from '../../lib/rank/search-index';
import { planTopPicks } from '../../lib/rank/top-picks';

type Lookup = (id: string) => Article | undefined;

/** Related reading for an article or page, built at once. */
export function rankRelated(source: RankSource, index: SearchIndex, getArticle: Lookup, options: RankOptions = {}): Suggestion[] {
  return planRelated(source, index, options).build(getArticle);
}

/** The search box's results for a query, built at once. */
export function searchArticles(query: string, index: SearchIndex, getArticle: Lookup, options: RankOptions = {}): Suggestion[] {
  return planSearch(query, index, options).build(getArticle);
}

/** Top picks, built at once. */
export function topPicks(index: SearchIndex, getArticle: Lookup, options: RankOptions & { now: number; days?: number }): Suggestion[] {
  return planTopPicks(index, options).build(getArticle);
}
