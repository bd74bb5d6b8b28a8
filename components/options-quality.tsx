/**
 * `OptionsQuality`: which articles to suggest: a minimum quality chosen by band (the thresholds of lib/rank/quality.ts,
 * stored as a number) and "Hide unrated". Presentational, no browser APIs; imported by OptionsApp.
 */
import { t } from '../lib/i18n/messages';
import { QUALITY_BAND_THRESHOLDS } from '../lib/rank/quality';
import type { Settings } from '../lib/app/settings';

export interface OptionsQualityProps {
  settings: Settings;
  onChange: (next: Settings) => void;
}

/** One choice of minimum: its stored value and its words. */
export interface QualityChoice {
  value: number;
  label: string;
  /** "scores 70 and up"; absent for "Any quality". */
  hint?: string;
}

/**
 * The minimum-quality choices: any, then each scored band from fair up, with the band's lower bound as the stored
 * value. A stored minimum that is no band's bound (set by an older slider or an imported file) is kept as its own choice.
 * @param current the stored minimum.
 */
export function qualityChoices(current: number): QualityChoice[] {
  const choices: QualityChoice[] = [
    { value: 0, label: t('options.quality.any') },
    { value: QUALITY_BAND_THRESHOLDS.fair, label: t('options.quality.fair'), hint: t('options.quality.from', QUALITY_BAND_THRESHOLDS.fair) },
    { value: QUALITY_BAND_THRESHOLDS.good, label: t('options.quality.good'), hint: t('options.quality.from', QUALITY_BAND_THRESHOLDS.good) },
    { value: QUALITY_BAND_THRESHOLDS.high, label: t('options.quality.high'), hint: t('options.quality.from', QUALITY_BAND_THRESHOLDS.high) },
  ];
  if (!choices.some((choice) => choice.value === current)) {
    const custom = { value: current, label: t('options.quality.custom'), hint: t('options.quality.from', current) };
    const at = choices.findIndex((choice) => choice.value > current);
    choices.splice(at < 0 ? choices.length : at, 0, custom);
  }
  return choices;
}

/** The quality settings. */
export function OptionsQuality({ settings, onChange }: OptionsQualityProps) {
  return (
    <>
      <fieldset class="hal-options-fieldset" aria-describedby="hal-min-quality-help">
        <legend class="hal-options-legend">{t('options.quality.legend')}</legend>
        <div class="hal-options-choices">
          {qualityChoices(settings.minQuality).map((choice) => (
            <label key={choice.value} class="hal-options-check hal-options-choice">
              <input
                type="radio"
                name="hal-min-quality"
                value={choice.value}
                checked={settings.minQuality === choice.value}
                onChange={() => onChange({ ...settings, minQuality: choice.value })}
              />
              <span>
                {choice.label}
                {choice.hint ? <span class="hal-muted hal-options-hint"> · {choice.hint}</span> : null}
              </span>
            </label>
          ))}
        </div>
        <p class="hal-muted" id="hal-min-quality-help">
          {t('options.quality.help')}
        </p>
      </fieldset>
      <div class="hal-options-fieldset">
        <label class="hal-options-check">
          <input
            type="checkbox"
            checked={settings.hideUnrated}
            aria-describedby="hal-hide-unrated-help"
            onChange={(event) => onChange({ ...settings, hideUnrated: event.currentTarget.checked })}
          />
          <span>{t('options.quality.hideUnrated')}</span>
        </label>
        <p class="hal-muted hal-options-indent" id="hal-hide-unrated-help">
          {t('options.quality.hideUnratedHelp')}
        </p>
      </div>
    </>
  );
}
