/**
 * `HeatIndicator`: the dataset's engagement ("heat") as a quiet detail: small bars, the number and
 * a word. Deliberately lighter than the verdict: heat says how much attention a story drew, not how
 * good it is. Presentational, no browser APIs; imported by ArticleCard.
 */
import { formatNumber, t } from '../lib/i18n/messages';
import { heatLevel, type HeatLevel } from '../lib/rank/quality';

export interface HeatIndicatorProps {
  /** The dataset heat; absent (or the source's −1) shows "No heat data". */
  heat?: number;
}

const LEVEL_KEYS = { 1: 'article.heatLevel.some', 2: 'article.heatLevel.warm', 3: 'article.heatLevel.hot' } as const;

/** The heat line's text: "Heat 97 · warm", or "No heat data". */
export function heatText(heat: number | undefined): string {
  const level: HeatLevel = heatLevel(heat);
  if (level === 0 || heat === undefined) return t('article.heatNone');
  return t('article.heat', formatNumber(Math.round(heat)), t(LEVEL_KEYS[level]));
}

/** Three small bars and the heat text; the bars are decoration, the text carries the meaning. */
export function HeatIndicator({ heat }: HeatIndicatorProps) {
  const level = heatLevel(heat);
  return (
    <span class="hal-heat" data-level={level}>
      <span class="hal-heat-bars" aria-hidden="true">
        {[1, 2, 3].map((bar) => (
          <span key={bar} class={`hal-heat-bar${bar <= level ? ' hal-heat-bar-on' : ''}`} />
        ))}
      </span>
      <span class="hal-heat-text">{heatText(heat)}</span>
    </span>
  );
}
