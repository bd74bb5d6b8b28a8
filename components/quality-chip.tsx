/**
 * `QualityChip`: a compact "Quality 81 · Good" or "No score" for list entries.
 * Presentational, no browser APIs; imported by RelatedItem.
 */
import { hasQualityScore, qualityBand } from '../lib/rank/quality';

export interface QualityChipProps {
  quality?: number;
}

/** Small score chip on the band colour; says "No score" instead of inventing one. */
export function QualityChip({ quality }: QualityChipProps) {
  const band = qualityBand(quality);
  return (
    <span class={`hal-chip hal-band-${band.id}`} style={{ '--hal-band-color': band.color }}>
      {hasQualityScore(quality) ? (
        <>
          <span class="hal-sr-only">Quality score </span>
          {Math.round(quality)}
          <span class="hal-chip-label"> · {band.label}</span>
        </>
      ) : (
        'No score'
      )}
    </span>
  );
}
