/**
 * Tests for lib/app/site-chips.ts: where chips show once sites have their own choice, the panel's switch state and
 * edits, and what the run-time registration covers for each combination of switches and site choices.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings, MAX_CHIP_SITES, Settings, type ChipSite } from '../../../lib/app/settings';
import {
  chipRegistration,
  chipSiteHost,
  chipsChangedOn,
  linkChipsEnabled,
  sameRegistration,
  siteChipsState,
  withSiteChips,
  withoutSiteChips,
} from '../../../lib/app/site-chips';
import { SEARCH_RESULT_PAGE_MATCHES } from '../../../lib/match/search-pages';

const SERP = 'https://www.google.com/search?q=sepsis+ai';
const GOOGLE_HOME = 'https://www.google.com/';
const NEWS = 'https://news.example.org/2024/05/story';
const BLOG = 'http://blog.example.net/post';

const chips = (searchResults: boolean, otherSites: boolean, sites: ChipSite[] = []) => ({ linkChips: { searchResults, otherSites, sites } });

describe('chipSiteHost', () => {
  it.each([
    [NEWS, 'news.example.org'],
    ['https://News.Example.ORG./x', 'news.example.org'],
    ['http://localhost:8101/page', 'localhost'],
    ['http://127.0.0.1:8080/', '127.0.0.1'],
    ['https://xn--bcher-kva.example/', 'xn--bcher-kva.example'],
  ])('%s → %s', (url, host) => {
    expect(chipSiteHost(url)).toBe(host);
  });

  it.each(['chrome://extensions/', 'chrome-extension://abc/popup.html', 'file:///home/me/a.html', 'about:blank', 'http://[::1]/', 'not a url', '', undefined])(
    'no site for %s',
    (url) => {
      expect(chipSiteHost(url)).toBeUndefined();
    },
  );
});

describe('where chips show', () => {
  it('a site choice beats the switch for its kind of page, in both directions', () => {
    const settings = chips(true, false, [
      { host: 'www.google.com', on: false },
      { host: 'news.example.org', on: true },
    ]);
    expect(linkChipsEnabled(settings, SERP)).toBe(false);
    expect(linkChipsEnabled(settings, 'https://www.bing.com/search?q=x')).toBe(true);
    expect(linkChipsEnabled(settings, NEWS)).toBe(true);
    expect(linkChipsEnabled(settings, BLOG)).toBe(false);
  });

  it('a site is its host: a subdomain or another host is not covered', () => {
    const settings = chips(true, false, [{ host: 'example.org', on: true }]);
    expect(linkChipsEnabled(settings, 'https://example.org/a')).toBe(true);
    expect(linkChipsEnabled(settings, NEWS)).toBe(false);
  });

  it('pages that are no web page never get chips, whatever the switches', () => {
    expect(linkChipsEnabled(chips(true, true), 'chrome://newtab/')).toBe(false);
    expect(linkChipsEnabled(chips(true, true), 'file:///tmp/a.html')).toBe(false);
    expect(linkChipsEnabled(chips(true, true), undefined)).toBe(false);
  });
});

describe('the panel switch', () => {
  it('states the page\'s host, kind, state and whose choice it is', () => {
    const settings = defaultSettings([]);
    expect(siteChipsState(settings, SERP)).toEqual({ available: true, host: 'www.google.com', kind: 'searchResults', on: true, ownChoice: false });
    expect(siteChipsState(settings, NEWS)).toEqual({ available: true, host: 'news.example.org', kind: 'otherSites', on: false, ownChoice: false });
    expect(siteChipsState(chips(true, false, [{ host: 'news.example.org', on: true }]), NEWS)).toMatchObject({ on: true, ownChoice: true });
  });

  it('is unavailable on extension, file and browser pages, and without a page', () => {
    const settings = defaultSettings([]);
    expect(siteChipsState(settings, 'chrome-extension://abc/options.html')).toEqual({ available: false, reason: 'notWeb' });
    expect(siteChipsState(settings, 'file:///tmp/a.html')).toEqual({ available: false, reason: 'notWeb' });
    expect(siteChipsState(settings, 'chrome://settings/')).toEqual({ available: false, reason: 'notWeb' });
    expect(siteChipsState(settings, undefined)).toEqual({ available: false, reason: 'noPage' });
  });

  it('turning a search site off stores a choice; on again removes it, leaving the settings as they were', () => {
    const settings = defaultSettings([]);
    const off = withSiteChips(settings, SERP, false);
    expect(off.linkChips.sites).toEqual([{ host: 'www.google.com', on: false }]);
    expect(linkChipsEnabled(off, SERP)).toBe(false);
    const on = withSiteChips(off, SERP, true);
    expect(on.linkChips).toEqual(settings.linkChips);
    expect(Settings.safeParse(off).success).toBe(true);
  });

  it('turning another site on while "other sites" is off stores a choice for that host only', () => {
    const on = withSiteChips(defaultSettings([]), NEWS, true);
    expect(on.linkChips.sites).toEqual([{ host: 'news.example.org', on: true }]);
    expect(linkChipsEnabled(on, NEWS)).toBe(true);
    expect(linkChipsEnabled(on, BLOG)).toBe(false);
  });

  it('a new choice replaces the old one for the same host, once', () => {
    const settings = chips(true, false, [{ host: 'news.example.org', on: true }]);
    const flipped = withSiteChips({ linkChips: { ...settings.linkChips, otherSites: true } }, NEWS, false);
    expect(flipped.linkChips.sites).toEqual([{ host: 'news.example.org', on: false }]);
  });

  it('pages without a site are left alone, and a full list refuses a new host but still edits a listed one', () => {
    const settings = defaultSettings([]);
    expect(withSiteChips(settings, 'chrome://newtab/', true)).toBe(settings);
    const full = chips(true, false, Array.from({ length: MAX_CHIP_SITES }, (_, i) => ({ host: `site${i}.example`, on: true })));
    expect(withSiteChips(full, NEWS, true)).toBe(full);
    expect(withSiteChips(full, 'https://site3.example/', false).linkChips.sites).toHaveLength(MAX_CHIP_SITES - 1);
  });

  it('the options page removes one choice', () => {
    const settings = chips(true, false, [
      { host: 'a.example', on: true },
      { host: 'b.example', on: false },
    ]);
    expect(withoutSiteChips(settings, 'a.example').linkChips.sites).toEqual([{ host: 'b.example', on: false }]);
    expect(withoutSiteChips(settings, 'c.example')).toBe(settings);
  });

  it('tells which open pages change', () => {
    const before = defaultSettings([]);
    const after = withSiteChips(before, SERP, false);
    expect(chipsChangedOn(before, after, SERP)).toBe(true);
    expect(chipsChangedOn(before, after, 'https://www.google.com/search?q=other')).toBe(true);
    expect(chipsChangedOn(before, after, 'https://www.bing.com/search?q=x')).toBe(false);
    expect(chipsChangedOn(before, after, NEWS)).toBe(false);
    expect(chipsChangedOn(before, after, undefined)).toBe(false);
  });
});

describe('the run-time registration', () => {
  const results = [...SEARCH_RESULT_PAGE_MATCHES];
  const sites: ChipSite[] = [
    { host: 'news.example.org', on: true },
    { host: 'blog.example.net', on: false },
    { host: 'a.example', on: true },
    { host: 'www.google.com', on: false },
  ];

  it.each([
    ['defaults: nothing beyond the manifest', chips(true, false), undefined],
    ['search results off too: nothing', chips(false, false), undefined],
    ['other sites on: every page but the result pages', chips(true, true), { matches: ['http://*/*', 'https://*/*'], excludeMatches: results }],
    [
      'other sites on, some sites off: those sites excluded as well',
      chips(true, true, sites),
      { matches: ['http://*/*', 'https://*/*'], excludeMatches: [...results, '*://blog.example.net/*', '*://www.google.com/*'] },
    ],
    ['other sites off, some sites on: exactly those sites', chips(false, false, sites), { matches: ['*://a.example/*', '*://news.example.org/*'], excludeMatches: results }],
    ['other sites off, only sites turned off: nothing', chips(true, false, [{ host: 'blog.example.net', on: false }]), undefined],
  ])('%s', (_name, settings, expected) => {
    expect(chipRegistration(settings.linkChips)).toEqual(expected);
  });

  it('compares registrations regardless of order', () => {
    const a = { matches: ['*://a.example/*', '*://b.example/*'], excludeMatches: ['x'] };
    expect(sameRegistration(a, { matches: ['*://b.example/*', '*://a.example/*'], excludeMatches: ['x'] })).toBe(true);
    expect(sameRegistration(a, { ...a, matches: ['*://a.example/*'] })).toBe(false);
    expect(sameRegistration(undefined, undefined)).toBe(true);
    expect(sameRegistration(a, undefined)).toBe(false);
  });
});
