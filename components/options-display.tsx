/**
 * `OptionsDisplay`: where and how suggestions show: minimum quality, the in-page sidebar on/off and expanded, the
 * per-site "don't show" list, the snooze state and the score chips beside links. Presentational, no browser APIs; imported by OptionsApp.
 */
import { useEffect, useState } from 'preact/hooks';
import { MAX_MIN_QUALITY, withSnooze, withoutBlockedSite, type Settings } from '../lib/app/settings';

const HOUR = 3_600_000;

export interface OptionsDisplayProps {
  settings: Settings;
  onChange: (next: Settings) => void;
  now?: number;
}

/** "None" for 0, else the number. */
export function minQualityText(value: number): string {
  return value === 0 ? 'None' : `${value} or more`;
}

/** Display settings. */
export function OptionsDisplay({ settings, onChange, now = Date.now() }: OptionsDisplayProps) {
  const { sidebar } = settings;
  // The slider shows its value while dragging; the setting is saved on release (one write, one re-rank).
  const [quality, setQuality] = useState(settings.minQuality);
  useEffect(() => setQuality(settings.minQuality), [settings.minQuality]);
  const snoozed = sidebar.snoozedUntil !== undefined && sidebar.snoozedUntil > now;
  const setSidebar = (patch: Partial<Settings['sidebar']>) => onChange({ ...settings, sidebar: { ...sidebar, ...patch } });
  const snooze = (ms: number) => onChange(withSnooze(settings, now + ms));
  const setChips = (patch: Partial<Settings['linkChips']>) => onChange({ ...settings, linkChips: { ...settings.linkChips, ...patch } });

  return (
    <>
      <fieldset class="hal-options-fieldset">
        <legend class="hal-options-legend">Quality</legend>
        <label class="hal-options-field" for="hal-min-quality">
          Minimum quality
        </label>
        <div class="hal-options-row">
          <input
            id="hal-min-quality"
            type="range"
            min={0}
            max={MAX_MIN_QUALITY}
            step={5}
            value={quality}
            aria-valuetext={minQualityText(quality)}
            aria-describedby="hal-min-quality-help"
            onInput={(event) => setQuality(Number(event.currentTarget.value))}
            onChange={(event) => onChange({ ...settings, minQuality: Number(event.currentTarget.value) })}
          />
          <span class="hal-options-value" aria-hidden="true">
            {minQualityText(quality)}
          </span>
        </div>
        <p class="hal-muted" id="hal-min-quality-help">
          Suggestions scored below this are hidden; suggestions without a score are hidden too unless this is None.
        </p>
      </fieldset>

      <fieldset class="hal-options-fieldset">
        <legend class="hal-options-legend">In-page sidebar</legend>
        <label class="hal-options-check">
          <input type="checkbox" checked={sidebar.enabled} onChange={(e) => setSidebar({ enabled: e.currentTarget.checked })} />
          Show the sidebar on article pages
        </label>
        <label class="hal-options-check">
          <input
            type="checkbox"
            checked={sidebar.startExpanded}
            disabled={!sidebar.enabled}
            onChange={(e) => setSidebar({ startExpanded: e.currentTarget.checked })}
          />
          Start expanded
        </label>

        <h3 class="hal-options-subtitle" id="hal-blocked-title">
          Sites where the sidebar never shows
        </h3>
        {sidebar.blockedSites.length ? (
          <ul class="hal-options-list" aria-labelledby="hal-blocked-title" data-testid="blocked-sites">
            {sidebar.blockedSites.map((site) => (
              <li key={site} class="hal-options-list-item">
                <span class="hal-options-site">{site}</span>
                <button
                  type="button"
                  class="hal-link-button"
                  aria-label={`Remove ${site}`}
                  onClick={() => onChange(withoutBlockedSite(settings, site))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="hal-muted" data-testid="blocked-sites-empty">
            None. Choose “Don’t show on this site” in the sidebar to add one.
          </p>
        )}

        <h3 class="hal-options-subtitle">Snooze</h3>
        {snoozed ? (
          <div class="hal-options-row">
            <p data-testid="snooze-state">Snoozed until {new Date(sidebar.snoozedUntil!).toLocaleString()}</p>
            <button type="button" class="hal-button" onClick={() => onChange(withSnooze(settings, undefined))}>
              Resume now
            </button>
          </div>
        ) : (
          <div class="hal-options-row">
            <p data-testid="snooze-state">Not snoozed.</p>
            <button type="button" class="hal-link-button" onClick={() => snooze(HOUR)}>
              Snooze 1 hour
            </button>
            <button type="button" class="hal-link-button" onClick={() => snooze(24 * HOUR)}>
              Snooze 1 day
            </button>
          </div>
        )}
      </fieldset>

      <fieldset class="hal-options-fieldset">
        <legend class="hal-options-legend">Scores beside links</legend>
        <label class="hal-options-check">
          <input type="checkbox" checked={settings.linkChips.searchResults} onChange={(e) => setChips({ searchResults: e.currentTarget.checked })} />
          Show scores beside links on search results
        </label>
        <label class="hal-options-check">
          <input type="checkbox" checked={settings.linkChips.otherSites} onChange={(e) => setChips({ otherSites: e.currentTarget.checked })} />
          Show scores beside links on other sites
        </label>
        <p class="hal-muted">Links are matched on your device; nothing about the page leaves your browser.</p>
      </fieldset>
    </>
  );
}
