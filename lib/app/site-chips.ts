/**
 * Score chips per site: whether a page gets chips (its site's own choice, else the switch for its kind of page), the
 * panel's "Score chips on this site" state and edits, and what the run-time content-script registration must cover.
 * Pure: no browser API; imported by the background, the link-chip answers and the pages.
 */
import { isSearchResultPage, SEARCH_RESULT_PAGE_MATCHES } from '../match/search-pages';
import { ChipSite, MAX_CHIP_SITES, type Settings } from './settings';

export type LinkChipSettings = Settings['linkChips'];

/** The two kinds of page the global switches cover. */
export type ChipPageKind = 'searchResults' | 'otherSites';

/**
 * The panel's switch for a page: its host, whether chips show there, and whether that is the site's own choice or the
 * switch for its kind of page; `unavailable` where chips can never run (extension pages, `file:`, browser pages).
 */
export type SiteChipsState =
  | { available: true; host: string; on: boolean; kind: ChipPageKind; ownChoice: boolean }
  | { available: false; reason: 'notWeb' | 'noPage' };

/**
 * The host a page's chip choice is stored under: the URL's host, lowercase, for http(s) pages whose host a match
 * pattern can name (a DNS name; not an IP v6 literal).
 */
export function chipSiteHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return ChipSite.shape.host.safeParse(host).success ? host : undefined;
}

/** The kind of page `url` is, for the global switches. */
export function chipPageKind(url: string): ChipPageKind {
  return isSearchResultPage(url) ? 'searchResults' : 'otherSites';
}

/**
 * Whether chips show on `pageUrl`: the site's own choice when it made one, else the switch for its kind of page.
 * @param pageUrl the sender tab's URL; a page we cannot tell (no URL, not http(s)) gets no chips
 */
export function linkChipsEnabled(settings: { linkChips: LinkChipSettings }, pageUrl: string | undefined): boolean {
  const state = siteChipsState(settings, pageUrl);
  return state.available && state.on;
}

/** The "Score chips on this site" switch for the page at `pageUrl`. */
export function siteChipsState(settings: { linkChips: LinkChipSettings }, pageUrl: string | undefined): SiteChipsState {
  if (!pageUrl) return { available: false, reason: 'noPage' };
  const host = chipSiteHost(pageUrl);
  if (!host) return { available: false, reason: 'notWeb' };
  const kind = chipPageKind(pageUrl);
  const own = settings.linkChips.sites.find((site) => site.host === host);
  return { available: true, host, kind, on: own ? own.on : settings.linkChips[kind], ownChoice: own !== undefined };
}

/**
 * Settings with chips turned on or off for the site of `pageUrl`. A choice equal to what the switch for the page's
 * kind says is no choice: the site's entry goes, so turning a site off and on again leaves the list as it was.
 * Unchanged for a page without a site; when the list is full, a new site's choice is refused (the oldest choices stay).
 * @throws never; returns `settings` itself when nothing changes
 */
export function withSiteChips<S extends { linkChips: LinkChipSettings }>(settings: S, pageUrl: string, on: boolean): S {
  const host = chipSiteHost(pageUrl);
  if (!host) return settings;
  const others = settings.linkChips.sites.filter((site) => site.host !== host);
  const follows = settings.linkChips[chipPageKind(pageUrl)] === on;
  if (!follows && others.length === settings.linkChips.sites.length && others.length >= MAX_CHIP_SITES) return settings;
  const sites = follows ? others : [...others, { host, on }];
  return { ...settings, linkChips: { ...settings.linkChips, sites } };
}

/** Settings without `host`'s own choice (the options page's Remove): the site follows the global switches again. */
export function withoutSiteChips<S extends { linkChips: LinkChipSettings }>(settings: S, host: string): S {
  const sites = settings.linkChips.sites.filter((site) => site.host !== host);
  return sites.length === settings.linkChips.sites.length ? settings : { ...settings, linkChips: { ...settings.linkChips, sites } };
}

/** What the run-time registration of the chip script covers; `undefined`: no registration. */
export interface ChipRegistration {
  matches: string[];
  excludeMatches: string[];
}

/** Match patterns for every page of `host` (http and https, any port). */
export function hostMatches(host: string): string {
  return `*://${host}/*`;
}

/**
 * The run-time registration that puts the chip script on exactly the pages that may want it beyond the manifest's
 * search result pages (which keep theirs: a site turned off there is refused by the background's answer, at no DOM
 * cost). "Other sites" on: every http(s) page but the result pages and the sites turned off. Off: only the sites
 * turned on, or nothing. Patterns are sorted, so equal settings give an equal registration.
 */
export function chipRegistration(linkChips: LinkChipSettings): ChipRegistration | undefined {
  const hosts = (on: boolean) => linkChips.sites.filter((site) => site.on === on).map((site) => hostMatches(site.host)).sort();
  const results = [...SEARCH_RESULT_PAGE_MATCHES];
  if (linkChips.otherSites) return { matches: ['http://*/*', 'https://*/*'], excludeMatches: [...results, ...hosts(false)] };
  const on = hosts(true);
  return on.length ? { matches: on, excludeMatches: results } : undefined;
}

/** Whether two registrations cover the same pages (order-insensitive). */
export function sameRegistration(a: ChipRegistration | undefined, b: ChipRegistration | undefined): boolean {
  if (!a || !b) return a === b;
  const same = (x: readonly string[], y: readonly string[]) => {
    const sorted = [...y].sort();
    return x.length === y.length && [...x].sort().every((v, i) => v === sorted[i]);
  };
  return same(a.matches, b.matches) && same(a.excludeMatches, b.excludeMatches);
}

/** Whether chips on the page at `url` change from `before` to `after` settings: that tab is told at once. */
export function chipsChangedOn(before: { linkChips: LinkChipSettings }, after: { linkChips: LinkChipSettings }, url: string | undefined): boolean {
  return linkChipsEnabled(before, url) !== linkChipsEnabled(after, url);
}
