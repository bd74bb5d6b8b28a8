/**
 * Top picks: the best recent articles for the user's topics, chosen on the index alone.
 * Pure (no browser APIs); lib/app/corpus.ts runs `planTopPicks` and builds the cards it names.
 */
import type { DocInfo, SearchIndex } from './search-index';
import { clearsMinQuality, DAY_MS, diversifyProviders, GENERIC_TOPICS, qualityPrior, type RankOptions, type RankPlan, suggestionFromArticle } from './scoring';
import type { Reason, Suggestion } from '../model/suggestion';
import { promoProfile } from './promo-copy';

/**
 * Quality first, then recency, one provider not filling the list; market reports, releases and outlets whose record
 * is mostly such copy sink (lib/rank/promo-copy.ts) whatever their score; built from the cards of the picks (+2 spares).
 * @param options `now` and `days` (default 7) bound "recent"; topics and minQuality filter
 */
export function planTopPicks(index: SearchIndex, options: RankOptions & { now: number; days?: number }): RankPlan {
  const limit = options.limit ?? 10;
  const days = options.days ?? 7;
  const wanted = options.topics ? new Set(options.topics) : undefined;
  const promo = promoProfile(index);
  const candidates: (DocInfo & { score: number; provider: string })[] = [];
  for (const doc of index.docsPublishedBetween(options.now - days * DAY_MS, options.now + DAY_MS)) {
    const age = (options.now - doc.publishedAt) / DAY_MS;
    if (!(age >= -1 && age <= days)) continue;
    if (wanted && !doc.topics.some((t) => wanted.has(t))) continue;
    if (!clearsMinQuality(doc.quality, options.minQuality, options.keepUnrated)) continue;
    const score =
      0.7 * qualityPrior(doc.quality) +
      0.3 * 0.5 ** (Math.max(age, 0) / Math.max(days / 2, 1)) -
      promo.penalty(index.slotOf(doc.id), doc.providerDomain);
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
        const reasons: Reason[] = [doc.quality !== undefined ? { kind: 'quality', value: doc.quality } : { kind: 'recent' }];
        if (topic) reasons.push({ kind: 'shared-topic', topic });
        out.push(suggestionFromArticle(article, doc.score, reasons, false));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
