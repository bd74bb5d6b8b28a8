/**
 * `OptionsHistogram`: the stored articles' quality scores as a small SVG bar chart (bands of 20, plus "no score"),
 * with a text alternative. Presentational, no browser APIs; imported by OptionsData.
 */
import type { DataSummary } from '../lib/app/messages';
import { formatNumber, t } from '../lib/i18n/messages';

const BAR_WIDTH = 22;
const GAP = 6;
const HEIGHT = 80;
const LABEL_SPACE = 16;

export interface OptionsHistogramProps {
  histogram: DataSummary['histogram'];
  unscored: number;
}

/** One bar per quality band from 0 to the highest band present, gaps included, and a last bar for unscored. */
export function histogramBars(histogram: DataSummary['histogram'], unscored: number): { label: string; count: number; unscored?: true }[] {
  const top = Math.max(80, ...histogram.map((h) => h.from));
  const bars: { label: string; count: number; unscored?: true }[] = [];
  for (let from = 0; from <= top; from += 20) {
    bars.push({ label: `${from}–${from + 19}`, count: histogram.find((h) => h.from === from)?.count ?? 0 });
  }
  bars.push({ label: t('options.data.noScore'), count: unscored, unscored: true });
  return bars;
}

/** The quality histogram; its accessible name lists every bar, so nothing is only visual. */
export function OptionsHistogram({ histogram, unscored }: OptionsHistogramProps) {
  const bars = histogramBars(histogram, unscored);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const width = bars.length * (BAR_WIDTH + GAP);
  const description = t('options.data.histogramLabel', bars.map((b) => t('options.data.histogramBar', b.label, formatNumber(b.count))).join(', '));
  return (
    <figure class="hal-options-figure">
      <svg
        class="hal-options-histogram"
        role="img"
        aria-label={description}
        viewBox={`0 0 ${width} ${HEIGHT + LABEL_SPACE}`}
        width={width}
        height={HEIGHT + LABEL_SPACE}
        data-testid="quality-histogram"
      >
        {bars.map((bar, i) => {
          const h = Math.round((bar.count / max) * HEIGHT);
          const x = i * (BAR_WIDTH + GAP);
          return (
            <g key={bar.label}>
              <rect
                class={bar.unscored ? 'hal-options-bar hal-options-bar-unscored' : 'hal-options-bar'}
                x={x}
                y={HEIGHT - h}
                width={BAR_WIDTH}
                height={Math.max(h, bar.count ? 1 : 0)}
              >
                <title>{t('options.data.histogramBar', bar.label, formatNumber(bar.count))}</title>
              </rect>
              <text class="hal-options-bar-label" x={x + BAR_WIDTH / 2} y={HEIGHT + 12} text-anchor="middle">
                {bar.unscored ? '–' : bar.label.split('–')[0]}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="hal-muted">{t('options.data.histogramCaption')}</figcaption>
    </figure>
  );
}
