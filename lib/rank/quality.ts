/**
 * Quality bands, where a score sits among the stored scores (band cut points, percentile, scale
 * position) and heat levels. Returns ids and numbers only: the words for them are messages in the
 * locale files. Pure: no browser APIs, no DOM; imported by components/ and the background.
 */

/** Band ids, lowest to highest; `none` means the dataset gives no score. */
export type QualityBandId = 'none' | 'low' | 'fair' | 'good' | 'high';

/** The scored bands, lowest first. */
export const SCORED_BANDS = ['low', 'fair', 'good', 'high'] as const;

export interface QualityBand {
  id: QualityBandId;
  /** Badge background; white text on it meets WCAG AA (4.5:1). */
  color: string;
  /** Inclusive lower bound of the band; `undefined` for `none`. */
  min?: number;
}

/**
 * Lower bounds of the scored bands, taken from the stored scores (lower quartile, median, upper
 * quartile): "high" is the top quarter of scored articles, "low" the bottom quarter. The values
 * are {@link bandCutPoints} of the everyday-cc sample (119 scored articles, 0–171), which a unit
 * test recomputes; surfaces without the corpus at hand (badge, chips) use them as they are.
 */
export const QUALITY_BAND_THRESHOLDS = { fair: 56, good: 71, high: 81 } as const;

/** Cut points between the four scored bands, ascending: lower quartile, median, upper quartile. */
export type BandCuts = readonly [fair: number, good: number, high: number];

/** The default cut points ({@link QUALITY_BAND_THRESHOLDS} as a tuple). */
export const DEFAULT_BAND_CUTS: BandCuts = [QUALITY_BAND_THRESHOLDS.fair, QUALITY_BAND_THRESHOLDS.good, QUALITY_BAND_THRESHOLDS.high];

/** Where scores lie in a set of stored articles: band cut points plus the range they span. */
export interface QualityScale {
  cuts: BandCuts;
  /** Lowest and highest score in the set. */
  min: number;
  max: number;
  /** Scored articles the scale was drawn from. */
  count: number;
}

/** The everyday-cc sample's scale, for when too few scores are stored to draw one (a unit test pins it). */
export const DEFAULT_QUALITY_SCALE: QualityScale = { cuts: DEFAULT_BAND_CUTS, min: 0, max: 171, count: 119 };

/**
 * Badge/gauge colours per band, each with ≥ 4.5:1 contrast against white text (checked in
 * tests/unit/rank/quality.test.ts), so they work unchanged in light and dark mode.
 */
export const BAND_COLORS: Readonly<Record<QualityBandId, string>> = {
  none: '#5f6368',
  low: '#b3261e',
  fair: '#8a4b00',
  good: '#2e7d32',
  high: '#14532d',
};

/** True when `quality` is a usable score (a finite number); anything else means "no score". */
export function hasQualityScore(quality: number | undefined | null): quality is number {
  return typeof quality === 'number' && Number.isFinite(quality);
}

/**
 * The band id of a score.
 * @param quality the article's `quality`; absent or NaN gives `none`, never a guess. 0 is a real score.
 * @param cuts the band cut points (default: the sample's quartiles); a score equal to a cut is in the upper band.
 */
export function qualityBandId(quality: number | undefined | null, cuts: BandCuts = DEFAULT_BAND_CUTS): QualityBandId {
  if (!hasQualityScore(quality)) return 'none';
  if (quality >= cuts[2]) return 'high';
  if (quality >= cuts[1]) return 'good';
  if (quality >= cuts[0]) return 'fair';
  return 'low';
}

/**
 * The band of a dataset quality score, with its colour and lower bound.
 * @param quality the article's `quality`; `undefined` (or NaN) gives the `none` band, never a guess.
 * @param cuts the band cut points (default: the sample's quartiles).
 */
export function qualityBand(quality: number | undefined, cuts: BandCuts = DEFAULT_BAND_CUTS): QualityBand {
  const id = qualityBandId(quality, cuts);
  const min = id === 'none' ? undefined : id === 'low' ? 0 : cuts[SCORED_BANDS.indexOf(id) - 1];
  return { id, color: BAND_COLORS[id], ...(min !== undefined ? { min } : {}) };
}

/** Below this many scores a set's quartiles say little: {@link bandCutPoints} gives no scale. */
export const MIN_SCALE_SAMPLE = 10;

/**
 * The band cut points of a set of stored scores: its lower quartile, median and upper quartile,
 * each the score at that rank (`sorted[floor(p·n)]`, so a cut is always a real score).
 * @param scores stored scores (non-finite entries are ignored).
 * @returns the scale, or `undefined` for fewer than {@link MIN_SCALE_SAMPLE} scores.
 */
export function bandCutPoints(scores: readonly number[]): QualityScale | undefined {
  const sorted = scores.filter((score) => Number.isFinite(score)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n < MIN_SCALE_SAMPLE) return undefined;
  const at = (p: number) => sorted[Math.min(n - 1, Math.floor(p * n))]!;
  return { cuts: [at(0.25), at(0.5), at(0.75)], min: sorted[0]!, max: sorted[n - 1]!, count: n };
}

/**
 * Where a score sits on a scale drawn as four equal segments (one per band, lowest left), as a
 * share 0–100 of its width: linear within its band's segment, so the mark is always inside the
 * segment of the band the words name. Scores outside the scale's range sit at its ends.
 */
export function scalePosition(quality: number, scale: QualityScale): number {
  const [fair, good, high] = scale.cuts;
  const edges = [Math.min(scale.min, fair), fair, good, high, Math.max(scale.max, high)];
  const band = SCORED_BANDS.indexOf(qualityBandId(quality, scale.cuts) as (typeof SCORED_BANDS)[number]);
  if (band < 0) return 0;
  const from = edges[band]!;
  const to = edges[band + 1]!;
  const within = to > from ? Math.max(0, Math.min(1, (quality - from) / (to - from))) : 0;
  // The top of a band's range belongs to the next band, so stay just inside this segment.
  return Math.min(100, (band + Math.min(within, band === 3 ? 1 : 0.98)) * 25);
}

/**
 * Share of scored articles of the same topic whose score is strictly lower than `quality`.
 * @param quality the article's score.
 * @param sameTopicScores scores of the stored articles of that topic (non-finite values are ignored).
 *   Whether the article itself is included is the caller's choice; including it keeps the result below 100.
 * @returns an integer 0–100, rounded down so "higher than N%" never overstates; 0 for an empty list.
 */
export function qualityPercentile(quality: number, sameTopicScores: readonly number[]): number {
  if (!Number.isFinite(quality)) return 0;
  let scored = 0;
  let lower = 0;
  for (const score of sameTopicScores) {
    if (!Number.isFinite(score)) continue;
    scored += 1;
    if (score < quality) lower += 1;
  }
  if (scored === 0) return 0;
  return Math.floor((lower * 100) / scored);
}

/**
 * Below this many scored articles in a topic a percentile says little; callers should omit it.
 * (The sample holds 119 scored Markdown articles; a fresh install may hold none.)
 */
export const MIN_PERCENTILE_SAMPLE = 10;

/** Heat levels for the indicator: 0 = no heat data, 1 = some, 2 = warm, 3 = hot. */
export type HeatLevel = 0 | 1 | 2 | 3;

/**
 * Lower bounds of heat levels 2 and 3. Non-null heat in the sample runs 70–324 (median 89 in the
 * JSON feeds, 84 in Markdown without the −1 placeholders), so the median article is "warm"-ish.
 */
const HEAT_LEVEL_THRESHOLDS = { warm: 90, hot: 150 } as const;

/**
 * The indicator level of a heat value.
 * @param heat the article's `heat`; absent, negative (the source's −1 placeholder) or NaN gives 0.
 */
export function heatLevel(heat: number | undefined): HeatLevel {
  if (typeof heat !== 'number' || !Number.isFinite(heat) || heat < 0) return 0;
  if (heat >= HEAT_LEVEL_THRESHOLDS.hot) return 3;
  if (heat >= HEAT_LEVEL_THRESHOLDS.warm) return 2;
  return 1;
}
