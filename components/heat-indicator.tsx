/**
 * `HeatIndicator`: the dataset's engagement ("heat") as three bars, the number and a word.
 * Presentational, no browser APIs; imported by ArticleCard.
 */
import { HEAT_LABELS, heatLevel } from '../lib/rank/quality';

export interface HeatIndicatorProps {
  /** The dataset heat; absent (or the source's −1) shows "No heat data". */
  heat?: number;
}

/** Three-bar heat meter with its number and label; the bars are decoration, the text carries the meaning. */
export function HeatIndicator({ heat }: HeatIndicatorProps) {
  const level = heatLevel(heat);
  return (
    <div class="hal-heat" data-level={level}>
      <span class="hal-heat-bars" aria-hidden="true">
        {[1, 2, 3].map((bar) => (
          <span key={bar} class={`hal-heat-bar${bar <= level ? ' hal-heat-bar-on' : ''}`} />
        ))}
      </span>
      <span class="hal-heat-text">
        Heat{level > 0 && heat !== undefined ? <> {Math.round(heat)}</> : null}
        <span class="hal-heat-label"> · {HEAT_LABELS[level]}</span>
      </span>
    </div>
  );
}
