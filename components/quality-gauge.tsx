/**
 * `QualityGauge`: the verdict on the article the tab shows: its band and where it sits among the
 * stored articles of its topic, then the raw score (with a three-point explanation on demand), then
 * a scale whose band boundaries come from those scores. An article without a score gets one neutral
 * "Not rated" line instead: no scale, no explanation of a number that does not exist.
 * Presentational, no browser APIs; imported by Panel (popup, sidebar, side panel).
 */
import { useState } from 'preact/hooks';
import type { PanelPercentile, PanelScale } from '../lib/model/panel';
import { t, tn, formatNumber } from '../lib/i18n/messages';
import {
  BAND_COLORS,
  DEFAULT_QUALITY_SCALE,
  SCORED_BANDS,
  hasQualityScore,
  qualityBandId,
  scalePosition,
  type QualityBandId,
  type QualityScale,
} from '../lib/rank/quality';

export interface QualityGaugeProps {
  /** The dataset score; absent → "Not rated" and "?", never a made-up number. */
  quality?: number;
  /** Same-topic percentile, when the background computed one. */
  percentile?: PanelPercentile;
  /** The scale of the same topic's stored scores; absent → the sample's quartiles. */
  scale?: PanelScale;
  /** Start with the explanation open. */
  defaultExpanded?: boolean;
}

/** The band's name as the UI language says it. */
export function bandName(id: QualityBandId): string {
  return t(`verdict.band.${id}`);
}

/** "Rated higher than 71% of AI in Healthcare articles", or the band's plain position without a percentile. */
export function verdictText(band: Exclude<QualityBandId, 'none'>, percentile: PanelPercentile | undefined): string {
  if (!percentile) return t(`verdict.position.${band}`);
  const value = Math.max(0, Math.min(100, Math.floor(percentile.value)));
  return value >= 100 ? t('verdict.percentileAll', percentile.topic) : t('verdict.percentile', formatNumber(value), percentile.topic);
}

/** The four band segments with the article's mark and the cut values under the boundaries. */
function Scale({ quality, scale, topic }: { quality: number; scale: QualityScale; topic?: string }) {
  const position = scalePosition(quality, scale);
  const [fair, good, high] = scale.cuts.map((cut) => formatNumber(Math.round(cut)));
  const band = qualityBandId(quality, scale.cuts);
  return (
    <div class="hal-scale">
      <div class="hal-scale-track" role="img" aria-label={t('verdict.scaleLabel', formatNumber(Math.round(quality)), fair!, good!, high!)}>
        {SCORED_BANDS.map((id) => (
          <span key={id} class={`hal-scale-seg hal-band-${id}${id === band ? ' hal-scale-seg-on' : ''}`}>
            <span class="hal-scale-name">{bandName(id)}</span>
          </span>
        ))}
        <span class="hal-scale-mark" style={{ insetInlineStart: `${position}%` }} />
      </div>
      <div class="hal-scale-ticks" aria-hidden="true">
        {[fair, good, high].map((value, index) => (
          <span key={index} class="hal-scale-tick" style={{ insetInlineStart: `${(index + 1) * 25}%` }}>
            {value}
          </span>
        ))}
      </div>
      <p class="hal-scale-note">
        {topic ? tn('verdict.scaleNote', scale.count, topic) : t('verdict.scaleNoteDefault')}
      </p>
    </div>
  );
}

/** The three points: what the score is, who gives it, what it is not. */
function Explanation() {
  const points = [
    ['verdict.explainWhatTitle', 'verdict.explainWhat'],
    ['verdict.explainWhoTitle', 'verdict.explainWho'],
    ['verdict.explainNotTitle', 'verdict.explainNot'],
  ] as const;
  return (
    <ul class="hal-explanation" data-testid="quality-explanation">
      {points.map(([title, text]) => (
        <li key={title}>
          <strong>{t(title)}</strong> {t(text)}
        </li>
      ))}
    </ul>
  );
}

/** The "Not rated" verdict: the neutral "?" mark and one line on why. */
function Unrated() {
  return (
    <section class="hal-verdict hal-verdict-unrated" data-band="none" aria-label={t('verdict.regionLabel')}>
      <span class="hal-unrated-mark" data-testid="quality-score" aria-hidden="true">
        ?
      </span>
      <div class="hal-verdict-body">
        <p class="hal-verdict-title">{t('verdict.unratedTitle')}</p>
        <p class="hal-verdict-why">{t('verdict.unratedWhy')}</p>
      </div>
    </section>
  );
}

/** The verdict for a scored article; "Not rated" for one without a score. */
export function QualityGauge({ quality, percentile, scale, defaultExpanded = false }: QualityGaugeProps) {
  const [expanded, setExpanded] = useState(defaultExpanded);
  if (!hasQualityScore(quality)) return <Unrated />;
  const drawn: QualityScale = scale ?? DEFAULT_QUALITY_SCALE;
  const band = qualityBandId(quality, drawn.cuts) as Exclude<QualityBandId, 'none'>;
  // A scale drawn from the topic's scores names the topic; the sample's default does not.
  const topic = scale ? percentile?.topic : undefined;

  return (
    <section
      class={`hal-verdict hal-band-${band}`}
      data-band={band}
      style={{ '--hal-band-color': BAND_COLORS[band] }}
      aria-label={t('verdict.regionLabel')}
    >
      <p class="hal-verdict-line">
        <span class="hal-band-label">{bandName(band)}</span>{' '}
        <span class="hal-verdict-position">{verdictText(band, percentile)}</span>
      </p>
      <div class="hal-verdict-foot">
        <p class="hal-score-line">
          {t('verdict.scoreLabel')}{' '}
          <span class="hal-score" data-testid="quality-score">
            {String(Math.round(quality))}
          </span>
        </p>
        <button
          type="button"
          class="hal-link-button hal-explain-toggle"
          aria-expanded={expanded ? 'true' : 'false'}
          onClick={() => setExpanded(!expanded)}
        >
          {t('verdict.explainToggle')}
        </button>
      </div>
      {expanded ? <Explanation /> : null}
      <Scale quality={quality} scale={drawn} topic={topic} />
    </section>
  );
}
