/**
 * lib/app/settings.ts: validation, versioned migrations, field-by-field repair of corrupt values, the topic-feed rules
 * and the storage round trip (on WXT's fake browser storage).
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_CHIP_SITES,
  Settings,
  SETTINGS_VERSION,
  importedSettings,
  defaultSettings,
  feedsToSync,
  repairSettings,
  repairSettingsWithReport,
  withFeedAdded,
  withFeedEnabled,
  withFeedRemoved,
  withSnooze,
  withTopic,
  withTopicFeeds,
  withoutBlockedSite,
} from '../../../lib/app/settings';
import { loadSettings, saveSettings, settingsItem, watchSettings } from '../../../lib/browser/settings-storage';
import { topicByName } from '../../../lib/model/topics';

const BUNDLE = 'http://feeds.example/ai/bundle/manifest.json';
const HEALTH = 'http://feeds.example/ai/api/news/ai-in-healthcare/';
const USER = 'https://mine.example/feed/';
const ML_FEED = topicByName('Machine Learning')!.feed!;
const LIVE_HEALTH = topicByName('AI in Healthcare')!.feed!;

const defaults = () => defaultSettings([BUNDLE, HEALTH]);

/** A fully customised, valid settings value, so a fallback to a default is visible. */
function custom(): Settings {
  return {
    version: 1,
    topics: ['AI in Healthcare', 'Machine Learning'],
    minQuality: 40,
    hideUnrated: true,
    sidebar: { enabled: false, startExpanded: true, blockedSites: ['example.com'], snoozedUntil: 1_700_000_000_000 },
    feeds: [
      { url: BUNDLE, enabled: false, origin: 'default' },
      { url: USER, enabled: true, origin: 'user' },
    ],
    linkChips: { searchResults: false, otherSites: true, sites: [{ host: 'news.example.org', on: false }] },
    syncIntervalHours: 12,
  };
}

describe('defaults', () => {
  it('match the documented defaults: AI in Healthcare on, no minimum quality, sidebar on and collapsed', () => {
    const s = defaults();
    expect(s.topics).toEqual(['AI in Healthcare']);
    expect(s.minQuality).toBe(0);
    expect(s.sidebar).toEqual({ enabled: true, startExpanded: false, blockedSites: [] });
    expect(s.feeds).toEqual([
      { url: BUNDLE, enabled: true, origin: 'default' },
      { url: HEALTH, enabled: true, origin: 'default' },
    ]);
    expect(s.linkChips).toEqual({ searchResults: true, otherSites: false, sites: [] });
    expect(s.version).toBe(SETTINGS_VERSION);
    expect(Settings.safeParse(s).success).toBe(true);
  });
});

describe('repairSettings', () => {
  it('keeps a valid value as it is', () => {
    expect(repairSettings(custom(), defaults())).toEqual(custom());
    expect(repairSettingsWithReport(custom(), defaults()).rejected).toEqual([]);
  });

  it.each([null, undefined, 42, 'settings', true, [], [custom()]])('turns garbage %j into the defaults', (raw) => {
    expect(repairSettings(raw, defaults())).toEqual(defaults());
  });

  it('reports a non-object value as rejected, but not an empty store', () => {
    expect(repairSettingsWithReport('x', defaults()).rejected).toEqual(['settings']);
    expect(repairSettingsWithReport(null, defaults()).rejected).toEqual([]);
  });

  // Each corrupt field falls back alone: everything else keeps the custom value.
  const corruptions: [string, (raw: any) => void, (s: Settings) => void][] = [
    ['minQuality', (r) => (r.minQuality = 'high'), (s) => (s.minQuality = 0)],
    ['minQuality', (r) => (r.minQuality = -5), (s) => (s.minQuality = 0)],
    ['minQuality', (r) => (r.minQuality = 1e9), (s) => (s.minQuality = 0)],
    ['syncIntervalHours', (r) => (r.syncIntervalHours = 0), (s) => (s.syncIntervalHours = 6)],
    ['syncIntervalHours', (r) => (r.syncIntervalHours = null), (s) => (s.syncIntervalHours = 6)],
    ['topics', (r) => (r.topics = 'AI in Healthcare'), (s) => (s.topics = ['AI in Healthcare'])],
    ['topics[1]', (r) => (r.topics = ['Machine Learning', 7]), (s) => (s.topics = ['Machine Learning'])],
    ['sidebar', (r) => (r.sidebar = 'off'), (s) => (s.sidebar = { enabled: true, startExpanded: false, blockedSites: [] })],
    ['sidebar.enabled', (r) => (r.sidebar.enabled = 'no'), (s) => (s.sidebar.enabled = true)],
    ['sidebar.startExpanded', (r) => (r.sidebar.startExpanded = 1), (s) => (s.sidebar.startExpanded = false)],
    ['sidebar.blockedSites[1]', (r) => (r.sidebar.blockedSites = ['example.com', { site: 1 }]), () => {}],
    ['sidebar.blockedSites', (r) => (r.sidebar.blockedSites = 'example.com'), (s) => (s.sidebar.blockedSites = [])],
    ['sidebar.snoozedUntil', (r) => (r.sidebar.snoozedUntil = 'tomorrow'), (s) => delete s.sidebar.snoozedUntil],
    ['feeds', (r) => (r.feeds = { url: USER }), (s) => (s.feeds = defaults().feeds)],
    ['feeds[2]', (r) => r.feeds.push({ url: USER, enabled: 'yes', origin: 'user' }), () => {}],
    ['feeds[2]', (r) => r.feeds.push({ url: 'javascript:alert(1)', enabled: true, origin: 'user' }), () => {}],
    ['feeds[2]', (r) => r.feeds.push({ url: 'https://x.example/feed.xml', enabled: true, origin: 'user' }), () => {}],
    ['feeds[2]', (r) => r.feeds.push({ url: USER, enabled: true, origin: 'user' }), () => {}], // duplicate
    ['feeds[2]', (r) => r.feeds.push({ url: USER, enabled: true, origin: 'robot' }), () => {}],
    ['linkChips', (r) => (r.linkChips = true), (s) => (s.linkChips = { searchResults: true, otherSites: false, sites: [] })],
    ['linkChips.otherSites', (r) => (r.linkChips.otherSites = 'yes'), (s) => (s.linkChips.otherSites = false)],
    ['linkChips.sites', (r) => (r.linkChips.sites = 'news.example.org'), (s) => (s.linkChips.sites = [])],
    ['linkChips.sites[1]', (r) => r.linkChips.sites.push({ host: 'Evil Host', on: true }), () => {}],
    ['linkChips.sites[1]', (r) => r.linkChips.sites.push({ host: '*.example.com', on: true }), () => {}],
    ['linkChips.sites[1]', (r) => r.linkChips.sites.push({ host: 'example.com:8080', on: true }), () => {}],
    ['linkChips.sites[1]', (r) => r.linkChips.sites.push({ host: 'example.com', on: 'yes' }), () => {}],
    ['linkChips.sites[1]', (r) => r.linkChips.sites.push({ host: 'example.com', on: true, note: 'x' }), () => {}],
    ['linkChips.sites[1]', (r) => r.linkChips.sites.push({ host: 'news.example.org', on: true }), () => {}], // a second choice for one host
  ];
  it.each(corruptions)('a corrupt %s falls back alone', (path, corrupt, expectChange) => {
    const raw = structuredClone(custom()) as any;
    corrupt(raw);
    const expected = custom();
    expectChange(expected);
    const report = repairSettingsWithReport(raw, defaults());
    expect(report.settings).toEqual(expected);
    expect(report.rejected).toEqual([path]);
    expect(Settings.safeParse(report.settings).success).toBe(true);
  });

  it('keeps at most MAX_CHIP_SITES site choices, reporting the rest', () => {
    const raw = structuredClone(custom()) as any;
    raw.linkChips.sites = Array.from({ length: MAX_CHIP_SITES + 2 }, (_, i) => ({ host: `site${i}.example`, on: i % 2 === 0 }));
    const report = repairSettingsWithReport(raw, defaults());
    expect(report.settings.linkChips.sites).toHaveLength(MAX_CHIP_SITES);
    expect(report.rejected).toEqual([`linkChips.sites[${MAX_CHIP_SITES}]`, `linkChips.sites[${MAX_CHIP_SITES + 1}]`]);
    expect(Settings.safeParse(report.settings).success).toBe(true);
  });

  it('a value stored before site choices existed keeps its switches and has none', () => {
    const report = repairSettingsWithReport({ version: 1, linkChips: { searchResults: false, otherSites: true } }, defaults());
    expect(report.settings.linkChips).toEqual({ searchResults: false, otherSites: true, sites: [] });
    expect(report.rejected).toEqual([]);
  });

  it('an exported file brings its site choices back through the import', () => {
    const exported = JSON.parse(JSON.stringify(custom()));
    const imported = importedSettings(repairSettingsWithReport(exported, defaults()).settings, defaults(), 0);
    expect(imported.linkChips).toEqual(custom().linkChips);
  });

  it('missing fields take their defaults without being reported', () => {
    const report = repairSettingsWithReport({ version: 1, minQuality: 30, hideUnrated: false }, defaults());
    expect(report.settings).toEqual({ ...defaults(), minQuality: 30 });
    expect(report.rejected).toEqual([]);
  });

  it('"Hide unrated" is off by default, and a value stored before it existed keeps hiding unscored articles under a minimum', () => {
    expect(defaults().hideUnrated).toBe(false);
    expect(repairSettingsWithReport({ version: 1 }, defaults()).settings.hideUnrated).toBe(false);
    expect(repairSettingsWithReport({ version: 1, minQuality: 0 }, defaults()).settings.hideUnrated).toBe(false);
    expect(repairSettingsWithReport({ version: 1, minQuality: 30 }, defaults()).settings.hideUnrated).toBe(true);
    expect(repairSettingsWithReport({ version: 1, minQuality: 30, hideUnrated: false }, defaults()).settings.hideUnrated).toBe(false);
    const bad = repairSettingsWithReport({ version: 1, hideUnrated: 'yes' }, defaults());
    expect(bad.settings.hideUnrated).toBe(false);
    expect(bad.rejected).toEqual(['hideUnrated']);
    expect(Settings.parse({ ...defaults(), hideUnrated: undefined }).hideUnrated).toBe(false);
  });

  it('a version-1 value stored before the link-chip switches existed gets their defaults and keeps the rest', () => {
    const { linkChips: _absent, ...older } = custom();
    const report = repairSettingsWithReport(older, defaults());
    expect(report.settings).toEqual({ ...custom(), linkChips: { searchResults: true, otherSites: false, sites: [] } });
    expect(report.rejected).toEqual([]);
  });

  it('drops duplicate topics and blocked sites and empty site names', () => {
    const raw = { ...custom(), topics: ['AI', 'AI'], sidebar: { ...custom().sidebar, blockedSites: ['a.com', 'a.com', ' '] } };
    const s = repairSettings(raw, defaults());
    expect(s.topics).toEqual(['AI']);
    expect(s.sidebar.blockedSites).toEqual(['a.com']);
  });
});

describe('migrations', () => {
  it('upgrades the unversioned pre-release shape (flat sidebar keys, feeds as strings) without losing values', () => {
    const old = {
      topics: ['Machine Learning'],
      minQuality: 20,
      sidebarEnabled: false,
      sidebarExpanded: true,
      blockedSites: ['example.com'],
      feeds: [USER],
      syncIntervalHours: 24,
    };
    const report = repairSettingsWithReport(old, defaults());
    expect(report.fromVersion).toBe(0);
    expect(report.rejected).toEqual([]);
    expect(report.settings).toEqual({
      version: 1,
      topics: ['Machine Learning'],
      minQuality: 20,
      // That shape's minimum hid unscored suggestions too; it still does.
      hideUnrated: true,
      sidebar: { enabled: false, startExpanded: true, blockedSites: ['example.com'] },
      feeds: [{ url: USER, enabled: true, origin: 'user' }],
      linkChips: { searchResults: true, otherSites: false, sites: [] },
      syncIntervalHours: 24,
    });
  });

  it('an unversioned value already in today\'s shape passes through the migration unchanged', () => {
    const { version: _v, ...unversioned } = custom();
    expect(repairSettings(unversioned, defaults())).toEqual(custom());
  });

  it.each([2, 99, 'one', 1.5, null])('an unknown version %j is read field by field with today\'s schema', (version) => {
    const raw = { ...custom(), version, newField: { x: 1 } };
    const report = repairSettingsWithReport(raw, defaults());
    expect(report.settings).toEqual(custom());
    expect(report.rejected).toEqual(['version']);
  });

  it('a newer version with an incompatible field falls back for that field only', () => {
    const raw = { ...custom(), version: 3, minQuality: { min: 40 } };
    const report = repairSettingsWithReport(raw, defaults());
    expect(report.settings).toEqual({ ...custom(), minQuality: 0 });
    expect(report.rejected).toEqual(['version', 'minQuality']);
  });
});

describe('feedsToSync and withTopicFeeds', () => {
  it('syncs enabled default and user feeds whatever the topics say, and enabled topic feeds', () => {
    const s: Settings = {
      ...defaults(),
      topics: [],
      feeds: [
        { url: BUNDLE, enabled: true, origin: 'default' },
        { url: HEALTH, enabled: false, origin: 'default' },
        { url: USER, enabled: true, origin: 'user' },
        { url: ML_FEED, enabled: true, origin: 'topic' },
        { url: 'https://t.example/off/', enabled: false, origin: 'topic' },
      ],
    };
    expect(feedsToSync(s)).toEqual([BUNDLE, USER, ML_FEED]);
  });

  it('does not list a URL twice', () => {
    const s: Settings = { ...defaults(), feeds: [{ url: USER, enabled: true, origin: 'user' }, { url: USER, enabled: true, origin: 'topic' }] };
    expect(feedsToSync(s)).toEqual([USER]);
  });

  it('adds a topic feed when its topic is switched on and drops it when switched off', () => {
    const on = withTopic(defaults(), 'Machine Learning', true);
    expect(on.topics).toEqual(['AI in Healthcare', 'Machine Learning']);
    expect(on.feeds).toContainEqual({ url: ML_FEED, enabled: true, origin: 'topic' });
    const off = withTopic(on, 'Machine Learning', false);
    expect(off.topics).toEqual(['AI in Healthcare']);
    expect(off.feeds).toEqual(defaults().feeds);
  });

  it('never touches default or user feeds, whatever the topics', () => {
    const s = withFeedAdded(defaults(), USER);
    const none = withTopicFeeds(s, []);
    expect(none.topics).toEqual([]);
    expect(none.feeds).toEqual(s.feeds);
    expect(feedsToSync(none)).toEqual([BUNDLE, HEALTH, USER]);
  });

  it('does not add the live health feed to a build whose default feeds replace it', () => {
    const s = withTopicFeeds(defaults(), ['AI in Healthcare']);
    expect(s.feeds.map((f) => f.url)).not.toContain(LIVE_HEALTH);
  });

  it('does not add a topic feed the user already has as a user feed', () => {
    const s = withTopic(withFeedAdded(defaults(), ML_FEED), 'Machine Learning', true);
    expect(s.feeds.filter((f) => f.url === ML_FEED)).toEqual([{ url: ML_FEED, enabled: true, origin: 'user' }]);
  });

  it('topics without a feed are filters only', () => {
    const s = withTopic(defaults(), 'AI in Sales', true);
    expect(s.topics).toContain('AI in Sales');
    expect(s.feeds).toEqual(defaults().feeds);
  });
});

describe('edit helpers', () => {
  it('add, enable, disable and remove feeds; default feeds can only be disabled', () => {
    const added = withFeedAdded(defaults(), USER);
    expect(added.feeds.at(-1)).toEqual({ url: USER, enabled: true, origin: 'user' });
    expect(withFeedAdded(added, USER).feeds).toHaveLength(3);
    const disabled = withFeedEnabled(added, BUNDLE, false);
    expect(disabled.feeds[0]).toEqual({ url: BUNDLE, enabled: false, origin: 'default' });
    expect(withFeedAdded(disabled, BUNDLE).feeds[0]!.enabled).toBe(true);
    expect(withFeedRemoved(added, USER).feeds).toEqual(defaults().feeds);
    expect(withFeedRemoved(added, BUNDLE)).toBe(added);
  });

  it('remove a blocked site, snooze and resume', () => {
    const s = { ...defaults(), sidebar: { ...defaults().sidebar, blockedSites: ['a.com', 'b.org'] } };
    expect(withoutBlockedSite(s, 'a.com').sidebar.blockedSites).toEqual(['b.org']);
    const snoozed = withSnooze(s, 123);
    expect(snoozed.sidebar.snoozedUntil).toBe(123);
    expect('snoozedUntil' in withSnooze(snoozed, undefined).sidebar).toBe(false);
  });
});

describe('storage', () => {
  it('loads defaults from an empty store, repairs a corrupt one, and round-trips a save', async () => {
    expect((await loadSettings()).topics).toEqual(['AI in Healthcare']);
    await settingsItem.setValue({ ...custom(), minQuality: 'x' });
    expect(await loadSettings()).toMatchObject({ minQuality: 0, syncIntervalHours: 12, topics: custom().topics });
    await saveSettings(custom());
    expect(await loadSettings()).toEqual(custom());
  });

  it('refuses to store an invalid value', async () => {
    await expect(saveSettings({ ...custom(), minQuality: -1 })).rejects.toThrow();
  });

  it('watchers see every change, repaired', async () => {
    const seen: Settings[] = [];
    const unwatch = watchSettings((s) => seen.push(s));
    await saveSettings(custom());
    await settingsItem.setValue({ ...custom(), syncIntervalHours: 'never' });
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[0]).toEqual(custom());
    expect(seen[1]!.syncIntervalHours).toBe(6);
    unwatch();
  });
});
