import { describe, expect, it } from 'vitest';
import {
  BAND_COLORS,
  QUALITY_BAND_THRESHOLDS,
  QUALITY_EXPLANATION,
  explainQuality,
  heatLevel,
  percentileText,
  qualityBand,
  qualityPercentile,
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
  it('says "No score" for a missing or non-finite score, never a guess', () => {
    expect(qualityBand(undefined)).toMatchObject({ id: 'none', label: 'No score' });
    expect(qualityBand(Number.NaN).id).toBe('none');
    expect(qualityBand(Number.POSITIVE_INFINITY).id).toBe('none');
  });

  it('treats 0 as a real (low) score, not as "no score"', () => {
    expect(qualityBand(0)).toMatchObject({ id: 'low', label: 'Low' });
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

describe('percentileText', () => {
  it('reads as a comparison within the topic', () => {
    expect(percentileText(72, 'AI in Healthcare')).toBe('Higher than 72% of AI in Healthcare articles');
    expect(percentileText(100, 'AI in Healthcare')).toBe('Higher than all other scored AI in Healthcare articles');
    expect(percentileText(-3, 'NLP')).toBe('Higher than 0% of NLP articles');
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

describe('explainQuality', () => {
  it('states the article score and band, and the percentile when given', () => {
    const [lead] = explainQuality(81, { value: 72, topic: 'AI in Healthcare' });
    expect(lead).toContain('81 (Good)');
    expect(lead).toContain('Higher than 72% of AI in Healthcare articles');
  });

  it('says there is no score instead of inventing one', () => {
    const text = explainQuality(undefined).join(' ');
    expect(text).toContain('no quality score');
    expect(text).not.toMatch(/score is \d/);
  });

  it('is honest about the source, the unknown formula and the limits', () => {
    const text = explainQuality(50).join(' ');
    expect(text).toContain('everyday-cc');
    expect(text).toContain('formula is not published');
    expect(text).toContain('not medical advice');
    expect(text).toContain('not a fact-check');
    expect(text).toContain(QUALITY_EXPLANATION.heat);
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

  it('puts the median article near the middle of the percentile range', () => {
    expect(qualityPercentile(71, scores)).toBeGreaterThanOrEqual(40);
    expect(qualityPercentile(71, scores)).toBeLessThanOrEqual(60);
  });
});
