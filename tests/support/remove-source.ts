/**
 * `removeSource`: drops one feed's claim on an article, the inverse of a merge's `sources` union.
 * Test-only: nothing in the product calls it; tests/unit/model/merge.test.ts pins its rule next to the merge's.
 */
import type { Article } from '../../lib/model/article';

/**
 * Removes one feed's claim on an article.
 * Fields that feed contributed stay (we keep no per-source provenance); the article goes when no source is left.
 * @returns the article without `source`, or undefined when no source remains
 */
export function removeSource(article: Article, source: string): Article | undefined {
  const sources = article.sources.filter((entry) => entry !== source);
  if (sources.length === 0) return undefined;
  return sources.length === article.sources.length ? article : { ...article, sources };
}

