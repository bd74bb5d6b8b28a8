/**
 * An outlet's record in the dataset: how many of its articles are scored, their median score and how
 * they spread over the quality bands. Shown beside an article that has no score of its own, never as
 * its score. Pure: the background computes it from the ranking index's per-article facts.
 */
import { registrableDomain } from '../match/match-key';
import { qualityBand, type QualityBandId } from './quality';

/** Below this many scored articles an outlet gets no record: two scores say nothing about an outlet. */
export const MIN_OUTLET_SCORED = 3;

export type ScoredBandId = Exclude<QualityBandId, 'none'>;

export interface OutletRecord {
  /** Registrable domain of the outlet, e.g. `statnews.com`. */
  domain: string;
  /** Scored articles of this outlet in the stored dataset. */
  scored: number;
  /** Median of those scores, rounded to a whole number. */
  median: number;
  /** Scored articles per band. */
  bands: Record<ScoredBandId, number>;
}

/** What the record needs of each stored article. */
export interface OutletFacts {
  providerDomain: string;
  quality: number | undefined;
}

/**
 * The outlet key of a domain as feeds give it (`www.statnews.com`, `STATNEWS.com`) or of a page URL:
 * its registrable domain, so `news.example.co.uk` and `www.example.co.uk` are one outlet.
 */
export function outletKey(domainOrUrl: string): string | undefined {
  const trimmed = domainOrUrl.trim().toLowerCase();
  if (!trimmed) return undefined;
  return registrableDomain(/^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}/`);
}

/**
 * Every outlet's record, for outlets with at least {@link MIN_OUTLET_SCORED} scored articles.
 * @param articles per-article facts (unscored ones are skipped)
 */
export function outletRecords(articles: Iterable<OutletFacts>): Map<string, OutletRecord> {
  const scores = new Map<string, number[]>();
  const keys = new Map<string, string | undefined>();
  for (const { providerDomain, quality } of articles) {
    if (quality === undefined || !Number.isFinite(quality)) continue;
    let key = keys.get(providerDomain);
    if (!keys.has(providerDomain)) keys.set(providerDomain, (key = outletKey(providerDomain)));
    if (!key) continue;
    let list = scores.get(key);
    if (!list) scores.set(key, (list = []));
    list.push(quality);
  }
  const records = new Map<string, OutletRecord>();
  for (const [domain, list] of scores) {
    if (list.length < MIN_OUTLET_SCORED) continue;
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    const median = list.length % 2 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
    const bands: Record<ScoredBandId, number> = { low: 0, fair: 0, good: 0, high: 0 };
    for (const score of list) bands[qualityBand(score).id as ScoredBandId]++;
    records.set(domain, { domain, scored: list.length, median: Math.round(median), bands });
  }
  return records;
}
