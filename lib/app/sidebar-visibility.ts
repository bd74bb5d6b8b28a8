/**
 * Decides whether the in-page sidebar may show on a page: global switch, per-site block list
 * (registrable domains) and the snooze. Pure: no browser APIs, no DOM; the sidebar UI imports it.
 */
import type { Settings } from './settings';

/** The sidebar part of the settings (`Settings['sidebar']`). */
export type SidebarSettings = Settings['sidebar'];

/** Why the sidebar shows or not, so the UI can say so and tests can tell the rules apart. */
export type SidebarVisibility = 'visible' | 'disabled' | 'blocked' | 'snoozed';

/** "Snooze for a day". */
export const SNOOZE_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the sidebar may show at `url` at epoch ms `now`. The global switch wins, then the
 * site block list, then the snooze (a snooze in the past is over).
 */
export function sidebarVisibility(sidebar: SidebarSettings, url: string, now: number): SidebarVisibility {
  if (!sidebar.enabled) return 'disabled';
  if (isBlockedSite(url, sidebar.blockedSites)) return 'blocked';
  if (sidebar.snoozedUntil !== undefined && sidebar.snoozedUntil > now) return 'snoozed';
  return 'visible';
}

/**
 * Whether a settings change can change where the sidebar shows (the switch, the block list or the
 * snooze), so pages that hid it ask again and it comes back without a reload.
 */
export function sidebarVisibilityChanged(before: SidebarSettings, after: SidebarSettings): boolean {
  return (
    before.enabled !== after.enabled ||
    before.snoozedUntil !== after.snoozedUntil ||
    before.blockedSites.length !== after.blockedSites.length ||
    before.blockedSites.some((site, index) => site !== after.blockedSites[index])
  );
}

/**
 * True when the host of `url` is one of `blockedSites` or a subdomain of one. The list holds
 * registrable domains (the UI stores `registrableDomain(url)`), so a label-suffix test gives the
 * same answer as comparing registrable domains without shipping the public-suffix list into the
 * content script. Hosts without a registrable domain (IPs, `localhost`) are stored and matched whole.
 */
export function isBlockedSite(url: string, blockedSites: readonly string[]): boolean {
  const host = hostOf(url);
  if (!host) return false;
  return blockedSites.some((site) => {
    const blocked = site.trim().toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
    return blocked !== '' && (host === blocked || host.endsWith(`.${blocked}`));
  });
}

/** Settings with `site` (a {@link siteKey}) in the sidebar's "don't show" list, once. */
export function withBlockedSite(settings: Settings, site: string): Settings {
  const entry = site.trim().toLowerCase();
  if (!entry || settings.sidebar.blockedSites.some((s) => s.toLowerCase() === entry)) return settings;
  return { ...settings, sidebar: { ...settings.sidebar, blockedSites: [...settings.sidebar.blockedSites, entry] } };
}

function hostOf(url: string): string | undefined {
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return undefined;
    return hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** Second-level labels under which country TLDs register names (`bbc.co.uk`, `abc.net.au`). */
const COUNTRY_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'or', 'ne', 'go', 'gob', 'mil', 'ltd', 'plc', 'nhs', 'nic', 'sch', 'info', 'biz']);

/**
 * Hosting suffixes whose subdomains are separate sites (the public-suffix list's private section,
 * the ones news and blogs use most), so blocking one blog never blocks them all.
 */
const SHARED_HOSTING = new Set([
  'github.io',
  'gitlab.io',
  'blogspot.com',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'herokuapp.com',
  'azurewebsites.net',
  'cloudfront.net',
]);

/**
 * The site "Don't show on this site" blocks: the registrable domain of `url`'s host, approximated
 * without the 48 kB (gzip) public-suffix list, which the content-script size budget cannot carry.
 * Right for `.com`-style names, country second levels (`co.uk`) and common shared hosts; checked
 * against tldts in tests. IPs and single-label hosts (`localhost`) are their own site.
 */
export function siteKey(url: string): string | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  if (/^[\d.]+$/.test(host) || host.includes(':') || !host.includes('.')) return host;
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const [second, top] = labels.slice(-2) as [string, string];
  const threeLabel = SHARED_HOSTING.has(lastTwo) || (top.length === 2 && COUNTRY_SECOND_LEVEL.has(second));
  return labels.length > 2 && threeLabel ? labels.slice(-3).join('.') : lastTwo;
}
