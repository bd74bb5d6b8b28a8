/**
 * `QualityChip`: a compact "81 · Good" for list entries, or the neutral "?" mark for an article
 * without a score. Presentational, no browser APIs; imported by RelatedItem.
 */
import { t } from '../lib/i18n/messages';
import { hasQualityScore, qualityBand, type BandCuts } from '../lib/rank/quality';
import { bandName } from './quality-gauge';

export interface QualityChipProps {
  quality?: number;
  /** Band cut points to name the band by (default: the sample's quartiles, as the badge uses). */
  cuts?: BandCuts;
}

/** Small score chip on the band colour; the neutral "?" instead of inventing a score. */
export function QualityChip({ quality, cuts }: QualityChipProps) {
  if (!hasQualityScore(quality)) {
    return (
      <span class="hal-chip hal-chip-unrated" data-band="none">
        <span aria-hidden="true">?</span>
        <span class="hal-sr-only">{t('article.chipUnrated')}</span>
      </span>
    );
  }
  const band = qualityBand(quality, cuts);
  return (
    <span class={`hal-chip hal-band-${band.id}`} data-band={band.id} style={{ '--hal-band-color': band.color }}>
      <span class="hal-sr-only">{`${t('article.chipScore')} `}</span>
      {Math.round(quality)}
      <span class="hal-chip-label"> · {bandName(band.id)}</span>
    </span>
  );
}
