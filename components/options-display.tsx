/**
 * `OptionsDisplay`: where suggestions show on web pages: the in-page sidebar on/off and expanded, the per-site "don't
 * show" list, the pause (snooze) state and the score chips beside links. Presentational, no browser APIs; imported by OptionsApp.
 */
import { withSnooze, withoutBlockedSite, type Settings } from '../lib/app/settings';
import { formatDate, t } from '../lib/i18n/messages';
import { withoutSiteChips } from '../lib/app/site-chips';

const HOUR = 3_600_000;

export interface OptionsDisplayProps {
  settings: Settings;
  onChange: (next: Settings) => void;
  now?: number;
}

/** Sidebar and score-chip settings. */
export function OptionsDisplay({ settings, onChange, now = Date.now() }: OptionsDisplayProps) {
  const { sidebar } = settings;
  const snoozed = sidebar.snoozedUntil !== undefined && sidebar.snoozedUntil > now;
  const setSidebar = (patch: Partial<Settings['sidebar']>) => onChange({ ...settings, sidebar: { ...sidebar, ...patch } });
  const snooze = (ms: number) => onChange(withSnooze(settings, now + ms));
  const setChips = (patch: Partial<Settings['linkChips']>) => onChange({ ...settings, linkChips: { ...settings.linkChips, ...patch } });

  return (
    <>
      <fieldset class="hal-options-fieldset">
        <legend class="hal-options-legend">{t('options.sidebar.legend')}</legend>
        <label class="hal-options-check">
          <input type="checkbox" checked={sidebar.enabled} onChange={(e) => setSidebar({ enabled: e.currentTarget.checked })} />
          <span>{t('options.sidebar.show')}</span>
        </label>
        <label class="hal-options-check">
          <input
            type="checkbox"
            checked={sidebar.startExpanded}
            disabled={!sidebar.enabled}
            onChange={(e) => setSidebar({ startExpanded: e.currentTarget.checked })}
          />
          <span>{t('options.sidebar.expanded')}</span>
        </label>

        <h3 class="hal-options-subtitle" id="hal-blocked-title">
          {t('options.sidebar.blockedTitle')}
        </h3>
        {sidebar.blockedSites.length ? (
          <ul class="hal-options-list" aria-labelledby="hal-blocked-title" data-testid="blocked-sites">
            {sidebar.blockedSites.map((site) => (
              <li key={site} class="hal-options-list-item">
                <span class="hal-options-site">{site}</span>
                <button
                  type="button"
                  class="hal-link-button"
                  aria-label={t('options.sidebar.removeSite', site)}
                  onClick={() => onChange(withoutBlockedSite(settings, site))}
                >
                  {t('options.sidebar.remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hal-muted" data-testid="blocked-sites-empty">
            {t('options.sidebar.blockedEmpty')}
          </p>
        )}

        <h3 class="hal-options-subtitle">{t('options.sidebar.snooze')}</h3>
        {snoozed ? (
          <div class="hal-options-row">
            <p data-testid="snooze-state">{t('options.sidebar.snoozedUntil', formatDate(sidebar.snoozedUntil!, { dateStyle: 'medium', timeStyle: 'short' }))}</p>
            <button type="button" class="hal-button" onClick={() => onChange(withSnooze(settings, undefined))}>
              {t('options.sidebar.resume')}
            </button>
          </div>
        ) : (
          <div class="hal-options-row">
            <p data-testid="snooze-state">{t('options.sidebar.notSnoozed')}</p>
            <button type="button" class="hal-link-button" onClick={() => snooze(HOUR)}>
              {t('options.sidebar.snoozeHour')}
            </button>
            <button type="button" class="hal-link-button" onClick={() => snooze(24 * HOUR)}>
              {t('options.sidebar.snoozeDay')}
            </button>
          </div>
        )}
      </fieldset>

      <fieldset class="hal-options-fieldset">
        <legend class="hal-options-legend">{t('options.chips.legend')}</legend>
        <label class="hal-options-check">
          <input type="checkbox" checked={settings.linkChips.searchResults} onChange={(e) => setChips({ searchResults: e.currentTarget.checked })} />
          <span>{t('options.chips.searchResults')}</span>
        </label>
        <label class="hal-options-check">
          <input type="checkbox" checked={settings.linkChips.otherSites} onChange={(e) => setChips({ otherSites: e.currentTarget.checked })} />
          <span>{t('options.chips.otherSites')}</span>
        </label>
        <p class="hal-muted">{t('options.chips.help')}</p>

        <h3 class="hal-options-subtitle" id="hal-chip-sites-title">
          {t('siteChips.optionsTitle')}
        </h3>
        {settings.linkChips.sites.length ? (
          <ul class="hal-options-list" aria-labelledby="hal-chip-sites-title" data-testid="chip-sites">
            {settings.linkChips.sites.map((site) => (
              <li key={site.host} class="hal-options-list-item">
                <span class="hal-options-site">{site.host}</span>
                <span class="hal-muted">{site.on ? t('siteChips.optionsOn') : t('siteChips.optionsOff')}</span>
                <button type="button" class="hal-link-button" aria-label={t('siteChips.removeSite', site.host)} onClick={() => onChange(withoutSiteChips(settings, site.host))}>
                  {t('siteChips.remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hal-muted" data-testid="chip-sites-empty">
            {t('siteChips.optionsEmpty')}
          </p>
        )}
      </fieldset>
    </>
  );
}
