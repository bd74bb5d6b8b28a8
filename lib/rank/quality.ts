/**
 * Quality bands, same-topic percentiles, heat levels and the plain-language explanation of both scores.
 * Pure: no browser APIs, no DOM; imported by components/ (gauge, cards) and the background (badge, percentile).
 */

/** Band ids, lowest to highest; `none` means the dataset gives no score. */
export type QualityBandId = 'none' | 'low' | 'fair' | 'good' | 'high';

export interface QualityBand {
  id: QualityBandId;
  /** Short label shown beside the number, e.g. "Good". */
  label: string;
  /** One sentence saying what the band means relative to this dataset. */
  description: string;
  /** Badge background; white text on it meets WCAG AA (4.5:1). */
  color: string;
  /** Inclusive lower bound of the band; `undefined` for `none`. */
  min?: number;
}

/**
 * Lower bounds of the scored bands. The everyday-cc sample scores 0–171 (median 71, 20th percentile
 * ≈ 41, 88th ≈ 90; five zeros, eight above 100): round numbers near those points make each band say
 * something relative to the dataset's typical article.
 */
export const QUALITY_BAND_THRESHOLDS = { fair: 40, good: 70, high: 90 } as const;

/**
 * Badge/gauge colours per band, each with ≥ 4.5:1 contrast against white text (checked in
 * tests/unit/quality.test.ts), so they work unchanged in light and dark mode.
 */
export const BAND_COLORS: Readonly<Record<QualityBandId, string>> = {
  none: '#5f6368',
  low: '#b3261e',
  fair: '#8a4b00',
  good: '#2e7d32',
  high: '#14532d',
};

const BANDS: Readonly<Record<QualityBandId, QualityBand>> = {
  none: {
    id: 'none',
    label: 'No score',
    description: 'The dataset gives this article no quality score.',
    color: BAND_COLORS.none,
  },
  low: {
    id: 'low',
    label: 'Low',
    description: 'Scored lower than most articles in this dataset.',
    color: BAND_COLORS.low,
    min: 0,
  },
  fair: {
    id: 'fair',
    label: 'Fair',
    description: 'Scored a little below the typical article in this dataset.',
    color: BAND_COLORS.fair,
    min: QUALITY_BAND_THRESHOLDS.fair,
  },
  good: {
    id: 'good',
    label: 'Good',
    description: 'Scored at or above the typical article in this dataset.',
    color: BAND_COLORS.good,
    min: QUALITY_BAND_THRESHOLDS.good,
  },
  high: {
    id: 'high',
    label: 'High',
    description: 'Scored among the top articles in this dataset.',
    color: BAND_COLORS.high,
    min: QUALITY_BAND_THRESHOLDS.high,
  },
};

/** True when `quality` is a usable score (a finite number); anything else means "no score". */
export function hasQualityScore(quality: number | undefined | null): quality is number {
  return typeof quality === 'number' && Number.isFinite(quality);
}

/**
 * The band of a dataset quality score.
 * @param quality the article's `quality`; `undefined` (or NaN) gives the `none` band, never a guess.
 * @returns the band with its label and colour. 0 is a real score (band `low`), not "no score".
 */
export function qualityBand(quality: number | undefined): QualityBand {
  if (!hasQualityScore(quality)) return BANDS.none;
  if (quality >= QUALITY_BAND_THRESHOLDS.high) return BANDS.high;
  if (quality >= QUALITY_BAND_THRESHOLDS.good) return BANDS.good;
  if (quality >= QUALITY_BAND_THRESHOLDS.fair) return BANDS.fair;
  return BANDS.low;
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

/**
 * The sentence shown under the gauge, e.g. "Higher than 72% of AI in Healthcare articles".
 * @param value a percentile from {@link qualityPercentile} (clamped to 0–100).
 * @param topic the topic's display name.
 */
export function percentileText(value: number, topic: string): string {
  const pct = Math.max(0, Math.min(100, Math.floor(value)));
  if (pct >= 100) return `Higher than all other scored ${topic} articles`;
  return `Higher than ${pct}% of ${topic} articles`;
}

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

/** Label for a heat level, shown beside the number. */
export const HEAT_LABELS: Readonly<Record<HeatLevel, string>> = {
  0: 'No heat data',
  1: 'Some attention',
  2: 'Warm',
  3: 'Hot',
};

/**
 * What the two numbers are, where they come from and what they do not mean. Written for the
 * "What does this score mean?" disclosure; honest that the formula is not public.
 */
export const QUALITY_EXPLANATION = {
  quality:
    'Quality is a score that the A.I. Every Day news pipeline (everyday-cc) attaches to many of the ' +
    'articles it collects. It is a relative editorial and source quality signal: a higher number means ' +
    'that pipeline rated the article or its source above others it collected. In this dataset scores run ' +
    'from 0 to a little under 200, and a typical article scores about 70.',
  formula:
    'The exact formula is not published, so we cannot say how a particular number was reached. We show ' +
    'the score exactly as the dataset gives it; an article the pipeline did not score shows "No score", ' +
    'and we never make one up.',
  heat:
    'Heat is an engagement or trending signal from the same pipeline: a higher number means the story ' +
    'drew more attention around the time it was collected. It says nothing about accuracy.',
  source:
    'Both numbers come with the everyday-cc feeds this extension downloads; the percentile compares the ' +
    'score with the other scored articles of the same topic stored on your device. Nothing about the ' +
    'pages you visit is sent anywhere to compute them.',
  limits:
    'These scores are not medical advice, not a fact-check, and not a judgement of the science of any ' +
    'study an article reports. A high score does not make a claim true; a low score does not make it false.',
} as const;

/**
 * The explanation paragraphs for one article, starting with what its own numbers say.
 * @param quality the article's score, or `undefined` when it has none.
 * @param percentile optional same-topic percentile to mention.
 * @returns plain-text paragraphs (render as text, never as HTML).
 */
export function explainQuality(
  quality: number | undefined,
  percentile?: { value: number; topic: string },
): string[] {
  const band = qualityBand(quality);
  const lead = hasQualityScore(quality)
    ? `This article's quality score is ${Math.round(quality)} (${band.label}). ${band.description}` +
      (percentile ? ` ${percentileText(percentile.value, percentile.topic)}.` : '')
    : 'This article has no quality score in the dataset, so none is shown.';
  return [
    lead,
    QUALITY_EXPLANATION.quality,
    QUALITY_EXPLANATION.formula,
    QUALITY_EXPLANATION.heat,
    QUALITY_EXPLANATION.source,
    QUALITY_EXPLANATION.limits,
  ];
}
