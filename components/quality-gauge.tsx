/**
 * `QualityGauge`: small SVG gauge + the dataset score + band label + same-topic percentile, with an
 * on-demand explanation. Presentational, no browser APIs; imported by ArticleCard (popup, sidebar, side panel).
 */
import { useState } from 'preact/hooks';
import { explainQuality, hasQualityScore, percentileText, qualityBand } from '../lib/rank/quality';

/**
 * Score at which the gauge is full. Scores above it exist (the sample tops out at 171, related
 * entries at 189) and show their true number on a full gauge.
 */
export const GAUGE_MAX = 120;

export interface QualityGaugeProps {
  /** The dataset score; absent → "?" and "No score", never a made-up number. */
  quality?: number;
  /** Same-topic percentile, when the background computed one. */
  percentile?: { value: number; topic: string };
  /** Start with the explanation open. */
  defaultExpanded?: boolean;
}

/** The gauge arc: a half circle from left to right, `pathLength` 100 so dash lengths are percentages. */
const ARC = 'M 4 24 A 20 20 0 0 1 44 24';

/** Quality score gauge with band label, percentile and a "What does this score mean?" disclosure. */
export function QualityGauge({ quality, percentile, defaultExpanded = false }: QualityGaugeProps) {
  const [expanded, setExpanded] = useState(defaultExpanded);
  const scored = hasQualityScore(quality);
  const band = qualityBand(quality);
  const fill = scored ? Math.round((Math.max(0, Math.min(quality, GAUGE_MAX)) / GAUGE_MAX) * 100) : 0;
  const shownPercentile = scored ? percentile : undefined;

  return (
    <div class={`hal-gauge hal-band-${band.id}`} style={{ '--hal-band-color': band.color }}>
      <div class="hal-gauge-row">
        <svg class="hal-gauge-svg" viewBox="0 0 48 28" width="48" height="28" aria-hidden="true" focusable="false">
          <path class="hal-gauge-track" d={ARC} pathLength={100} />
          {fill > 0 ? (
            <path class="hal-gauge-fill" d={ARC} pathLength={100} stroke-dasharray={`${fill} 100`} />
          ) : null}
        </svg>
        <div class="hal-gauge-text">
          <span class="hal-sr-only">Quality score: </span>
          <span class="hal-score" data-testid="quality-score" aria-hidden={scored ? undefined : 'true'}>
            {scored ? String(Math.round(quality)) : '?'}
          </span>{' '}
          <span class="hal-band-label" data-band={band.id}>
            {band.label}
          </span>
        </div>
      </div>
      {shownPercentile ? (
        <p class="hal-percentile">{percentileText(shownPercentile.value, shownPercentile.topic)}</p>
      ) : null}
      <button
        type="button"
        class="hal-link-button hal-explain-toggle"
        aria-expanded={expanded ? 'true' : 'false'}
        onClick={() => setExpanded(!expanded)}
      >
        What does this score mean?
      </button>
      {expanded ? (
        <div class="hal-explanation" data-testid="quality-explanation">
          {explainQuality(quality, shownPercentile).map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
