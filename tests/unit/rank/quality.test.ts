import { describe, expect, it } from 'vitest';
import {
  BAND_COLORS,
  DEFAULT_BAND_CUTS,
  DEFAULT_QUALITY_SCALE,
  MIN_SCALE_SAMPLE,
  QUALITY_BAND_THRESHOLDS,
  SCORED_BANDS,
  bandCutPoints,
  heatLevel,
  qualityBand,
  qualityBandId,
  qualityPercentile,
  scalePosition,
  type QualityBandId,
} from '../../../lib/rank/quality';
import { describeWithSharedData, readShared, sharedFiles } from '../../support/shared-data';

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

describe('qualityBand', () => {
  it('gives the none band for a missing or non-finite score, never a guess', () => {
    expect(qualityBand(undefined)).toMatchObject({ id: 'none' });
    expect(qualityBand(Number.NaN).id).toBe('none');
    expect(qualityBand(Number.POSITIVE_INFINITY).id).toBe('none');
  });

  it('treats 0 as a real (low) score, not as "no score"', () => {
    expect(qualityBand(0)).toMatchObject({ id: 'low', min: 0 });
  });

  it('puts boundaries in the upper band and scores over 100 in high', () => {
    expect(qualityBand(QUALITY_BAND_THRESHOLDS.fair - 1).id).toBe('low');
    expect(qualityBand(QUALITY_BAND_THRESHOLDS.fair).id).toBe('fair');
    expect(qualityBand(QUALITY_BAND_THRESHOLDS.good - 0.5).id).toBe('fair');
    expect(qualityBand(QUALITY_BAND_THRESHOLDS.good).id).toBe('good');
    expect(qualityBand(71).id).toBe('good'); // the sample's median
    expect(qualityBand(QUALITY_BAND_THRESHOLDS.high).id).toBe('high');
    expect(qualityBand(171).id).toBe('high');
    expect(qualityBand(189).id).toBe('high');
  });

  it('is monotonic over the whole range', () => {
    const order: QualityBandId[] = ['low', 'fair', 'good', 'high'];
    let previous = 0;
    for (let score = 0; score <= 200; score += 1) {
      const rank = order.indexOf(qualityBand(score).id);
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
  });

  it('gives each band a colour with AA contrast (4.5:1) against white text', () => {
    for (const [id, color] of Object.entries(BAND_COLORS)) {
      expect(color, id).toMatch(/^#[0-9a-f]{6}$/i);
      expect(contrastWithWhite(color), `${id} ${color}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(qualityBand(80).color).toBe(BAND_COLORS.good);
  });
});

describe('qualityPercentile', () => {
  it('counts scores strictly lower, as an integer percentage rounded down', () => {
    expect(qualityPercentile(50, [10, 20, 50, 60])).toBe(50);
    expect(qualityPercentile(50, [10, 20, 30])).toBe(100);
    expect(qualityPercentile(10, [10, 10, 10])).toBe(0);
    expect(qualityPercentile(2, [1, 3, 3])).toBe(33); // 33.3 → 33, never overstated
    expect(qualityPercentile(3, [1, 2, 3])).toBe(66);
  });

  it('returns 0 for an empty list and ignores non-finite entries', () => {
    expect(qualityPercentile(90, [])).toBe(0);
    expect(qualityPercentile(90, [Number.NaN, 10, Number.POSITIVE_INFINITY])).toBe(100);
    expect(qualityPercentile(Number.NaN, [1, 2])).toBe(0);
  });

  it('stays within 0–100 for any input', () => {
    const scores = Array.from({ length: 57 }, (_, i) => (i * 37) % 190);
    for (const q of [0, 1, 45, 71, 100, 171, 500]) {
      const value = qualityPercentile(q, scores);
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    }
  });
});

describe('heatLevel', () => {
  it('maps the source placeholder −1 and absence to "no data"', () => {
    expect(heatLevel(undefined)).toBe(0);
    expect(heatLevel(-1)).toBe(0);
    expect(heatLevel(Number.NaN)).toBe(0);
  });

  it('rises with heat', () => {
    expect(heatLevel(0)).toBe(1);
    expect(heatLevel(74)).toBe(1);
    expect(heatLevel(120)).toBe(2);
    expect(heatLevel(324)).toBe(3);
  });
});

describe('bandCutPoints', () => {
  it('cuts at the lower quartile, the median and the upper quartile, each a real score', () => {
    const scores = [40, 10, 20, 30, 50, 60, 70, 80, 90, 100, 110, 120];
    expect(bandCutPoints(scores)).toEqual({ cuts: [40, 70, 100], min: 10, max: 120, count: 12 });
    for (const cut of bandCutPoints(scores)!.cuts) expect(scores).toContain(cut);
  });

  it('puts about a quarter of the scores in each band', () => {
    const scores = Array.from({ length: 200 }, (_, i) => (i * 7919) % 173);
    const { cuts } = bandCutPoints(scores)!;
    const counts = new Map<QualityBandId, number>();
    for (const score of scores) counts.set(qualityBandId(score, cuts), (counts.get(qualityBandId(score, cuts)) ?? 0) + 1);
    for (const id of SCORED_BANDS) expect(counts.get(id), id).toBeGreaterThanOrEqual(45);
  });

  it('draws no scale from too few scores and ignores non-finite ones', () => {
    expect(bandCutPoints(Array.from({ length: MIN_SCALE_SAMPLE - 1 }, (_, i) => i))).toBeUndefined();
    expect(bandCutPoints([...Array.from({ length: MIN_SCALE_SAMPLE - 1 }, (_, i) => i), Number.NaN])).toBeUndefined();
    expect(bandCutPoints(Array.from({ length: MIN_SCALE_SAMPLE }, (_, i) => i))?.count).toBe(MIN_SCALE_SAMPLE);
  });

  it('copes with ties: equal cuts make empty bands, never a crash', () => {
    const scale = bandCutPoints(Array.from({ length: 12 }, () => 50))!;
    expect(scale.cuts).toEqual([50, 50, 50]);
    expect(qualityBandId(50, scale.cuts)).toBe('high');
    expect(qualityBandId(49, scale.cuts)).toBe('low');
    expect(scalePosition(50, scale)).toBeGreaterThanOrEqual(75);
    expect(Number.isFinite(scalePosition(49, scale))).toBe(true);
  });
});

describe('qualityBandId with cut points', () => {
  it('uses the given cuts, a score equal to a cut belonging to the upper band', () => {
    const cuts = [10, 20, 30] as const;
    expect([9, 10, 19, 20, 29, 30, 500].map((q) => qualityBandId(q, cuts))).toEqual(['low', 'fair', 'fair', 'good', 'good', 'high', 'high']);
    expect(qualityBandId(undefined, cuts)).toBe('none');
    expect(qualityBand(25, cuts)).toMatchObject({ id: 'good', min: 20, color: BAND_COLORS.good });
  });

  it('defaults to the sample quartiles', () => {
    expect(DEFAULT_BAND_CUTS).toEqual([QUALITY_BAND_THRESHOLDS.fair, QUALITY_BAND_THRESHOLDS.good, QUALITY_BAND_THRESHOLDS.high]);
    expect(qualityBandId(59)).toBe('fair');
  });
});

describe('scalePosition', () => {
  const scale = { cuts: [40, 70, 90] as const, min: 0, max: 170, count: 100 };

  it('puts the mark inside the segment of the band the words name', () => {
    for (let q = -10; q <= 200; q += 1) {
      const band = SCORED_BANDS.indexOf(qualityBandId(q, scale.cuts) as (typeof SCORED_BANDS)[number]);
      const position = scalePosition(q, scale);
      expect(position, String(q)).toBeGreaterThanOrEqual(band * 25);
      expect(position, String(q)).toBeLessThanOrEqual((band + 1) * 25);
      if (band < 3) expect(position, String(q)).toBeLessThan((band + 1) * 25);
    }
  });

  it('rises with the score and spans the whole width', () => {
    let previous = -1;
    for (let q = 0; q <= 170; q += 1) {
      const position = scalePosition(q, scale);
      expect(position).toBeGreaterThanOrEqual(previous);
      previous = position;
    }
    expect(scalePosition(0, scale)).toBe(0);
    expect(scalePosition(40, scale)).toBe(25);
    expect(scalePosition(55, scale)).toBeCloseTo(37.5);
    expect(scalePosition(170, scale)).toBe(100);
    expect(scalePosition(999, scale)).toBe(100);
  });
});

describeWithSharedData('quality bands on the real sample', () => {
  const scores = sharedFiles('_news', '.md').flatMap((path) => {
    const match = /^quality:\s*(-?\d+(?:\.\d+)?)\s*$/m.exec(readShared(path));
    return match ? [Number(match[1])] : [];
  });

  it('reads the scored articles the summary describes (0–171)', () => {
    expect(scores.length).toBeGreaterThan(100);
    expect(Math.min(...scores)).toBe(0);
    expect(Math.max(...scores)).toBe(171);
  });

  it('spreads them over every scored band, none holding most of them', () => {
    const counts = new Map<QualityBandId, number>();
    for (const score of scores) counts.set(qualityBand(score).id, (counts.get(qualityBand(score).id) ?? 0) + 1);
    expect(counts.get('none')).toBeUndefined();
    for (const id of ['low', 'fair', 'good', 'high'] as const) {
      const share = (counts.get(id) ?? 0) / scores.length;
      expect(share, id).toBeGreaterThanOrEqual(0.08);
      expect(share, id).toBeLessThanOrEqual(0.5);
    }
  });

  it('draws the default bands: the quartiles of the sample are the cut points badge and chips use', () => {
    expect(bandCutPoints(scores)).toEqual(DEFAULT_QUALITY_SCALE);
    expect(DEFAULT_QUALITY_SCALE.cuts).toEqual([56, 71, 81]);
  });

  it('puts between a fifth and a third of the sample in each band', () => {
    const { cuts } = bandCutPoints(scores)!;
    for (const id of SCORED_BANDS) {
      const share = scores.filter((score) => qualityBandId(score, cuts) === id).length / scores.length;
      expect(share, id).toBeGreaterThanOrEqual(0.2);
      expect(share, id).toBeLessThanOrEqual(0.33);
    }
  });

  it('agrees with the percentile: each cut sits near its quarter of the sample', () => {
    const { cuts } = bandCutPoints(scores)!;
    expect(qualityPercentile(cuts[0], scores)).toBeGreaterThanOrEqual(20);
    expect(qualityPercentile(cuts[0], scores)).toBeLessThanOrEqual(25);
    expect(qualityPercentile(cuts[1], scores)).toBeGreaterThanOrEqual(40);
    expect(qualityPercentile(cuts[1], scores)).toBeLessThanOrEqual(50);
    expect(qualityPercentile(cuts[2], scores)).toBeGreaterThanOrEqual(65);
    expect(qualityPercentile(cuts[2], scores)).toBeLessThanOrEqual(75);
  });

  it('puts the median article near the middle of the percentile range', () => {
    expect(qualityPercentile(71, scores)).toBeGreaterThanOrEqual(40);
    expect(qualityPercentile(71, scores)).toBeLessThanOrEqual(60);
  });
});
