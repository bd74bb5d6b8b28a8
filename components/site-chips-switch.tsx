/**
 * `SiteChipsSwitch`: "Score chips on this site" in the popup's and side panel's footer, with one quiet line saying
 * whose choice the current state is; on a page where chips cannot run it stays, disabled, with the reason.
 * `siteChipsHint` words the same line for the sidebar's menu. Presentational: props in, callbacks out.
 */
import type { SiteChipsState } from '../lib/app/site-chips';
import { t } from '../lib/i18n/messages';

export interface SiteChipsSwitchProps {
  state: SiteChipsState;
  /** Turn chips on or off for the page's site. */
  onChange: (on: boolean) => void;
  /** Why the last change failed, shown under the switch. */
  error?: string;
}

/** Whose choice the state is: the site's own, or the switch for its kind of page. */
export function siteChipsHint(state: SiteChipsState): string {
  if (!state.available) return t('siteChips.notWeb');
  if (state.ownChoice) return state.on ? t('siteChips.ownOn', state.host) : t('siteChips.ownOff', state.host);
  return state.kind === 'searchResults' ? t('siteChips.followsSearch', state.host) : t('siteChips.followsOther', state.host);
}

export function SiteChipsSwitch({ state, onChange, error }: SiteChipsSwitchProps) {
  const hintId = 'hal-site-chips-hint';
  return (
    <div class="hal-site-chips" data-testid="site-chips">
      <label class="hal-site-chips-label">
        <input
          type="checkbox"
          role="switch"
          checked={state.available && state.on}
          disabled={!state.available}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
        <span>{t('siteChips.label')}</span>
      </label>
      <p class="hal-footnote" id={hintId}>
        {siteChipsHint(state)}
      </p>
      {error ? (
        <p class="hal-footnote hal-site-chips-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
