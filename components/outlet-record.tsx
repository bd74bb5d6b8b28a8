/**
 * `OutletRecord`: how an outlet's other articles score in the dataset, shown when the article itself has
 * no score (or is not in the dataset). Worded and styled as the outlet's record, never as this article's
 * score: no gauge, no band colour on a number. Presentational, no browser APIs; imported by Panel.
 */
import type { PanelOutletRecord } from '../lib/model/panel';
import { formatNumber, t, tn } from '../lib/i18n/messages';
import { SCORED_BANDS } from '../lib/rank/quality';
import { bandName } from './quality-gauge';

export interface OutletRecordProps {
  record: PanelOutletRecord;
}

/** "statnews.com has 24 scored articles in the dataset, with a median score of 71." with the band spread as a small bar. */
export function OutletRecord({ record }: OutletRecordProps) {
  const present = SCORED_BANDS.filter((band) => record.bands[band] > 0);
  const item = (band: (typeof SCORED_BANDS)[number]) => t('outlet.spreadItem', bandName(band), formatNumber(record.bands[band]));
  const spread = t('outlet.spread', present.map(item).join(' · '));
  return (
    <section class="hal-outlet" data-testid="outlet-record" aria-label={t('outlet.title')}>
      <p class="hal-outlet-title" aria-hidden="true">
        {t('outlet.title')}
      </p>
      <p class="hal-outlet-text">
        {tn('outlet.summary', record.scored, record.domain, formatNumber(record.median))}
      </p>
      <div class="hal-outlet-bar" aria-hidden="true">
        {present.map((band) => (
          <span key={band} class={`hal-outlet-seg hal-band-${band}`} style={{ flexGrow: record.bands[band] }} title={item(band)} />
        ))}
      </div>
      <p class="hal-muted hal-outlet-note">{spread}</p>
    </section>
  );
}
