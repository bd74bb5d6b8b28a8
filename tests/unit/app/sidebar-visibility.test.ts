/** lib/app/sidebar-visibility.ts: global switch, per-site block list, snooze, and the site key. */
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../lib/app/settings';
import { SNOOZE_MS, isBlockedSite, sidebarVisibility, sidebarVisibilityChanged, siteKey, withBlockedSite, type SidebarSettings } from '../../../lib/app/sidebar-visibility';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const URL_ = 'https://www.example-news.com/2024/05/01/story/';

function sidebar(overrides: Partial<SidebarSettings> = {}): SidebarSettings {
  return { enabled: true, startExpanded: false, blockedSites: [], ...overrides };
}

describe('sidebarVisibility', () => {
  it('shows by default', () => {
    expect(sidebarVisibility(defaultSettings([]).sidebar, URL_, NOW)).toBe('visible');
  });
  it('global off wins over everything', () => {
    expect(sidebarVisibility(sidebar({ enabled: false, blockedSites: ['example-news.com'], snoozedUntil: NOW + 1 }), URL_, NOW)).toBe('disabled');
  });
  it('a blocked site hides it, on every subdomain of the registrable domain', () => {
    const s = sidebar({ blockedSites: ['example-news.com'] });
    expect(sidebarVisibility(s, URL_, NOW)).toBe('blocked');
    expect(sidebarVisibility(s, 'http://health.example-news.com/a', NOW)).toBe('blocked');
    expect(sidebarVisibility(s, 'https://example-news.com./a', NOW)).toBe('blocked');
  });
  it('a snooze hides it until it ends', () => {
    expect(sidebarVisibility(sidebar({ snoozedUntil: NOW + 1 }), URL_, NOW)).toBe('snoozed');
    expect(sidebarVisibility(sidebar({ snoozedUntil: NOW }), URL_, NOW)).toBe('visible');
    expect(sidebarVisibility(sidebar({ snoozedUntil: NOW - SNOOZE_MS }), URL_, NOW)).toBe('visible');
  });
});

describe('isBlockedSite', () => {
  it('matches whole labels only, case-insensitively', () => {
    expect(isBlockedSite(URL_, ['EXAMPLE-NEWS.com'])).toBe(true);
    expect(isBlockedSite('https://notexample-news.com/', ['example-news.com'])).toBe(false);
    expect(isBlockedSite('https://example-news.com.evil.org/', ['example-news.com'])).toBe(false);
    expect(isBlockedSite('https://other.org/', ['example-news.com'])).toBe(false);
  });
  it('ignores empty entries and non-http URLs', () => {
    expect(isBlockedSite(URL_, ['', '  '])).toBe(false);
    expect(isBlockedSite('file:///example-news.com', ['example-news.com'])).toBe(false);
    expect(isBlockedSite('not a url', ['example-news.com'])).toBe(false);
  });
});

describe('siteKey', () => {
  it.each([
    'https://www.example-news.com/a',
    'https://news.bbc.co.uk/a',
    'https://www.abc.net.au/news/a',
    'http://health.example.org/',
    'https://someone.github.io/blog/post',
    'https://a.b.someblog.blogspot.com/x',
    'https://writer.substack.com/p/post',
    'https://www.lemonde.fr/sante/',
    'https://www.spiegel.de/a',
    'https://www.nikkei.co.jp/a',
    'https://example.com/',
  ])('%s agrees with the public-suffix list', (url) => {
    expect(siteKey(url)).toBe(getDomain(url, { allowPrivateDomains: true }));
  });
  it('keeps IPs and single-label hosts whole; rejects non-http', () => {
    expect(siteKey('http://127.0.0.1:8080/a')).toBe('127.0.0.1');
    expect(siteKey('http://localhost/a')).toBe('localhost');
    expect(siteKey('ftp://example.com/')).toBeUndefined();
  });
  it('what it stores, isBlockedSite finds again', () => {
    for (const url of ['https://www.example-news.com/a', 'https://news.bbc.co.uk/a', 'https://someone.github.io/p', 'http://127.0.0.1/x']) {
      expect(isBlockedSite(url, [siteKey(url)!])).toBe(true);
    }
    expect(isBlockedSite('https://other.github.io/', [siteKey('https://someone.github.io/p')!])).toBe(false);
  });
});

describe('withBlockedSite', () => {
  it('adds once, lower-cased, keeping everything else', () => {
    const settings = defaultSettings(['https://feed.example.org/']);
    const once = withBlockedSite(settings, 'Example-News.com');
    expect(once.sidebar.blockedSites).toEqual(['example-news.com']);
    expect(withBlockedSite(once, 'example-news.com')).toBe(once);
    expect(once.feeds).toEqual(settings.feeds);
    expect(withBlockedSite(settings, '  ')).toBe(settings);
  });
});

describe('sidebarVisibilityChanged', () => {
  it('is true when the switch, the block list or the snooze changes, false otherwise', () => {
    const base = sidebar({ blockedSites: ['a.com'] });
    expect(sidebarVisibilityChanged(base, { ...base })).toBe(false);
    expect(sidebarVisibilityChanged(base, { ...base, startExpanded: true })).toBe(false);
    expect(sidebarVisibilityChanged(base, { ...base, blockedSites: [] })).toBe(true);
    expect(sidebarVisibilityChanged(base, { ...base, blockedSites: ['b.com'] })).toBe(true);
    expect(sidebarVisibilityChanged(base, { ...base, enabled: false })).toBe(true);
    expect(sidebarVisibilityChanged({ ...base, snoozedUntil: NOW }, base)).toBe(true);
  });
});
