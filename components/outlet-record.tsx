/**
 * `OutletRecord`: how an outlet's other articles score in the dataset, shown when the article itself has
 * no score (or is not in the dataset). Worded and styled as the outlet's record, never as this article's
 * score: no gauge, no band colour on a number. Presentational, no browser APIs; imported by Panel.
 */
import type { PanelOutletRecord } from '../lib/model/panel';

export interface OutletRecordProps {
  record: PanelOutletRecord;
}

const BAND_LABELS = { low: 'low', fair: 'fair', good: 'good', high: 'high' } as const;

/** "statnews.com's record: 24 scored articles, median 71" with the band spread as a small bar. */
export function OutletRecord({ record }: OutletRecordProps) {
  const spread = (Object.keys(BAND_LABELS) as (keyof typeof BAND_LABELS)[])
    .filter((band) => record.bands[band] > 0)
    .map((band) => `${record.bands[band]} ${BAND_LABELS[band]}`)
    .join(', ');
  return (
    <section class="hal-outlet" data-testid="outlet-record" aria-labelledby="hal-outlet-title">
      <h3 class="hal-outlet-title" id="hal-outlet-title">
        This outlet's record, not this article's score
      </h3>
      <p class="hal-outlet-text">
        <bdi class="hal-outlet-domain">{record.domain}</bdi> has{' '}
        <strong>
          {record.scored} scored article{record.scored === 1 ? '' : 's'}
        </strong>{' '}
        in the dataset, with a median score of <strong>{record.median}</strong>.
      </p>
      <div class="hal-outlet-bar" role="img" aria-label={`Spread by band: ${spread}`}>
        {(['low', 'fair', 'good', 'high'] as const).map((band) =>
          record.bands[band] > 0 ? (
            <span key={band} class={`hal-outlet-seg hal-band-${band}`} style={{ flexGrow: record.bands[band] }} title={`${record.bands[band]} ${BAND_LABELS[band]}`} />
          ) : null,
        )}
      </div>
      <p class="hal-muted hal-outlet-note">Spread by band: {spread}.</p>
    </section>
  );
}
