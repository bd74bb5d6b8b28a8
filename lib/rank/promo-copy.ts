/**
 * Market-report and press-release copy: recognised from the index's terms (wire bylines, "Market Size … CAGR"
 * headlines) per article, and per outlet as the share of its stored articles that read that way. Ranking subtracts a
 * penalty for both, so an outlet whose record is mostly paid copy does not lead top picks or related reading on its
 * scores alone. Pure (no browser APIs); imported by lib/rank/related.ts and top-picks.ts.
 */
import type { SearchIndex } from './search-index';
import { outletKey, MIN_OUTLET_SCORED } from './outlet-record';
import { stem } from './text';

/** Bylines and offerings of press-release distributors, as they appear in a lede ("/PRNewswire/", "(GLOBE NEWSWIRE)"). */
const WIRE_WORDS = ['newswire', 'prnewswire', 'globenewswire', 'accesswire', 'expresswire', 'presswire', 'markitwired', 'einpresswire', 'comtex', 'researchandmarkets'];

/** Outlets that publish nothing but distributed releases. */
const WIRE_OUTLETS: ReadonlySet<string> = new Set([
  'prnewswire.com',
  'globenewswire.com',
  'businesswire.com',
  'accesswire.com',
  'einpresswire.com',
  'openpr.com',
  'pr-inside.com',
  'prweb.com',
  'newswire.com',
]);

/** What a market-research headline says beside "Market": "Size, Share, Growth, Forecast 2021–2028 | Key Players". */
export const MARKET_REPORT_WORDS = [
  'size', 'share', 'growth', 'forecast', 'cagr', 'trends', 'analysis', 'players', 'outlook', 'revenue', 'segmentation',
  'segments', 'demand', 'opportunities', 'competitive', 'insights', 'valuation', 'booming', 'boom', 'scope', 'regional',
  'report', 'research', 'reach', 'expected', 'projected', 'worth', 'industry', 'next',
];

/** A market-research lede states a compound annual growth rate. */
const CAGR = 'cagr';

/** Subtracted from a suggestion's or pick's score when the article itself reads as a release or market report. */
export const PROMO_ARTICLE_PENALTY = 0.4;
/** Subtracted, on top, when its outlet's stored record is mostly such copy. */
export const PROMO_OUTLET_PENALTY = 0.2;
/** An outlet whose share of release/market-report copy reaches this is "mostly" such copy. */
export const PROMO_OUTLET_SHARE = 0.5;

/** The promotional-copy reading of one index. */
export interface PromoProfile {
  /** Whether the article in this slot reads as a press release or market report. */
  isPromo(slot: number): boolean;
  /** Share of an outlet's stored articles that read that way (0 for an outlet with too few articles to say). */
  outletShare(providerDomain: string): number;
  /** The penalty (0..{@link PROMO_ARTICLE_PENALTY} + {@link PROMO_OUTLET_PENALTY}) for one article of one outlet. */
  penalty(slot: number | undefined, providerDomain: string): number;
}

const profiles = new WeakMap<SearchIndex, { size: number; profile: PromoProfile }>();

/**
 * The index's promotional-copy profile, computed once per index state (a scan of a few terms' postings and the
 * articles' outlets).
 */
export function promoProfile(index: SearchIndex): PromoProfile {
  const cached = profiles.get(index);
  if (cached && cached.size === index.size) return cached.profile;
  const profile = buildProfile(index);
  profiles.set(index, { size: index.size, profile });
  return profile;
}

function buildProfile(index: SearchIndex): PromoProfile {
  const wire = index.termCounts(WIRE_WORDS.map(stem));
  const market = index.termCounts([stem('market')]);
  const reportWords = index.termCounts(MARKET_REPORT_WORDS.map(stem));
  const cagr = index.termCounts([stem(CAGR)]);
  const promo = new Uint8Array(wire.full.length);
  const totals = new Map<string, { all: number; promo: number }>();
  for (const doc of index.docs()) {
    const slot = index.slotOf(doc.id);
    if (slot === undefined) continue;
    const key = outletKey(doc.providerDomain) ?? doc.providerDomain;
    const marketHeadline = (market.title[slot] ?? 0) > 0 && (reportWords.title[slot] ?? 0) >= 1;
    const isPromo = (wire.full[slot] ?? 0) > 0 || (cagr.full[slot] ?? 0) > 0 || marketHeadline || WIRE_OUTLETS.has(key);
    promo[slot] = isPromo ? 1 : 0;
    const total = totals.get(key) ?? { all: 0, promo: 0 };
    total.all++;
    if (isPromo) total.promo++;
    totals.set(key, total);
  }
  const shares = new Map<string, number>();
  for (const [key, { all, promo: count }] of totals) if (all >= MIN_OUTLET_SCORED) shares.set(key, count / all);
  const outletShare = (providerDomain: string) => shares.get(outletKey(providerDomain) ?? providerDomain) ?? 0;
  return {
    isPromo: (slot) => promo[slot] === 1,
    outletShare,
    penalty(slot, providerDomain) {
      let penalty = 0;
      if (slot !== undefined && promo[slot] === 1) penalty += PROMO_ARTICLE_PENALTY;
      if (outletShare(providerDomain) >= PROMO_OUTLET_SHARE) penalty += PROMO_OUTLET_PENALTY;
      return penalty;
    },
  };
}
