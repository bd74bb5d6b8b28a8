/**
 * User settings: zod schema, defaults, versioned migrations (corrupt or old values fall back field by field), edit helpers.
 * Pure: no browser API or storage (lib/browser/settings-storage.ts stores them); imported by the background and every page.
 */
import { z } from 'zod';
import { DEFAULT_TOPIC, TOPICS, topicByName, type Topic } from '../model/topics';
import { feedKindOf } from '../model/feed-state';
import { packagedSnapshot, SNAPSHOT_FEED_URL } from './snapshot';

/** How often the periodic sync runs unless the user picks another interval. */
export const DEFAULT_SYNC_INTERVAL_HOURS = 6;

/** The shape `Settings` describes; older stored versions go through `MIGRATIONS` first. */
export const SETTINGS_VERSION = 1;

/** Bounds of the minimum-quality slider: dataset scores run 0–189, so 200 hides everything scored. */
export const MAX_MIN_QUALITY = 200;

/** Sync interval bounds in hours: at least hourly (politeness to the feed host), at most weekly. */
export const SYNC_INTERVAL_BOUNDS = { min: 1, max: 168 } as const;

export const FeedSetting = z.object({
  url: z.string().max(4096),
  enabled: z.boolean(),
  /**
   * Who added it: defaults and user feeds sync whatever the topic filters say; topic feeds follow them; `snapshot` is the
   * bundle packaged in the extension (lib/app/snapshot.ts), present exactly when the build has one.
   */
  origin: z.enum(['default', 'user', 'topic', 'snapshot']),
});
export type FeedSetting = z.infer<typeof FeedSetting>;

/** Most sites with their own score-chip choice: a choice is a click per site, so real lists stay far below this. */
export const MAX_CHIP_SITES = 500;

/**
 * A site's own score-chip choice, by host as the address bar shows it (lowercase, punycode, no port): `on` shows chips
 * there whatever the switch for its kind of page says, `off` hides them. Hosts become match patterns (`*://<host>/*`),
 * so only plain DNS names are accepted.
 */
export const ChipSite = z.strictObject({
  host: z
    .string()
    .max(253)
    .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/),
  on: z.boolean(),
});
export type ChipSite = z.infer<typeof ChipSite>;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** Enabled topic filters, by topic name. */
  topics: z.array(z.string().max(200)),
  /** Scored suggestions below this quality are hidden; 0 = no minimum. */
  minQuality: z.number().min(0).max(MAX_MIN_QUALITY),
  /** Suggestions without a quality score are hidden. Added after version 1 shipped, hence the default. */
  hideUnrated: z.boolean().default(false),
  sidebar: z.object({
    enabled: z.boolean(),
    startExpanded: z.boolean(),
    /** Registrable domains where the sidebar never shows. */
    blockedSites: z.array(z.string().max(500)),
    /** Epoch ms until which the sidebar is snoozed everywhere. */
    snoozedUntil: z.number().optional(),
  }),
  feeds: z.array(FeedSetting),
  /**
   * Score chips beside links: on search result pages (Google, Bing, DuckDuckGo), on every other site, and the sites the
   * reader turned on or off from the panel (one entry per host, overriding the switch for its kind of page).
   */
  linkChips: z.object({ searchResults: z.boolean(), otherSites: z.boolean(), sites: z.array(ChipSite).max(MAX_CHIP_SITES) }),
  syncIntervalHours: z.number().min(SYNC_INTERVAL_BOUNDS.min).max(SYNC_INTERVAL_BOUNDS.max),
});
export type Settings = z.infer<typeof Settings>;

/** Feeds baked in at build time (`WXT_DEFAULT_FEEDS`, else the live health feed). */
export function buildTimeDefaultFeeds(): string[] {
  return typeof __DEFAULT_FEEDS__ !== 'undefined' ? [...__DEFAULT_FEEDS__] : [];
}

/** Settings of a fresh install (public defaults: outside tests rely on them). */
export function defaultSettings(defaultFeeds: readonly string[] = buildTimeDefaultFeeds()): Settings {
  return {
    version: SETTINGS_VERSION,
    topics: [DEFAULT_TOPIC],
    minQuality: 0,
    hideUnrated: false,
    sidebar: { enabled: true, startExpanded: false, blockedSites: [] },
    feeds: [...snapshotFeeds(packagedSnapshot() !== undefined), ...defaultFeeds.map((url) => ({ url, enabled: true, origin: 'default' as const }))],
    linkChips: { searchResults: true, otherSites: false, sites: [] },
    syncIntervalHours: DEFAULT_SYNC_INTERVAL_HOURS,
  };
}

function snapshotFeeds(packaged: boolean): FeedSetting[] {
  return packaged ? [{ url: SNAPSHOT_FEED_URL, enabled: true, origin: 'snapshot' }] : [];
}

/**
 * Settings whose feeds list the packaged snapshot exactly when this build has one: added (first, enabled) after an
 * update that brought one, dropped after one that did not. Run on install and update.
 * @param packaged whether the build packages a snapshot (default: this build)
 */
export function withPackagedSnapshot(settings: Settings, packaged: boolean = packagedSnapshot() !== undefined): Settings {
  const others = settings.feeds.filter((f) => f.origin !== 'snapshot' && f.url !== SNAPSHOT_FEED_URL);
  const current = settings.feeds.find((f) => f.origin === 'snapshot');
  const snapshot = packaged ? [current ?? snapshotFeeds(true)[0]!] : [];
  const feeds = [...snapshot, ...others];
  return feeds.length === settings.feeds.length && feeds.every((f, i) => f === settings.feeds[i]) ? settings : { ...settings, feeds };
}

type RawSettings = Record<string, unknown>;

/**
 * Migrations keyed by the version they upgrade FROM; each returns the next version's raw shape. Values are not
 * validated here: `repairSettings` does that field by field afterwards.
 */
export const MIGRATIONS: Readonly<Record<number, (raw: RawSettings) => RawSettings>> = {
  /**
   * 0 = the unversioned pre-release shape (first slice builds): flat sidebar keys and feeds as bare URL strings.
   * Feeds listed as strings are kept as user feeds, so nothing a user typed is lost.
   */
  0: (raw) => {
    const { sidebarEnabled, sidebarExpanded, blockedSites, snoozedUntil, ...rest } = raw;
    const sidebar = isRecord(raw.sidebar)
      ? raw.sidebar
      : { enabled: sidebarEnabled, startExpanded: sidebarExpanded, blockedSites, snoozedUntil };
    const feeds = Array.isArray(raw.feeds)
      ? raw.feeds.map((feed) => (typeof feed === 'string' ? { url: feed, enabled: true, origin: 'user' } : feed))
      : raw.feeds;
    return { ...rest, sidebar, feeds, version: 1 };
  },
};

/** Settings repaired from a stored or imported value, with what was dropped (for the import report). */
export interface RepairReport {
  settings: Settings;
  /** Human-readable paths of values that were invalid and replaced by defaults or dropped, e.g. `minQuality`, `feeds[2]`. */
  rejected: string[];
  /** The version the value claimed, when it was a number. */
  fromVersion?: number;
}

/**
 * Any value → valid settings plus a list of what was rejected. Old versions run through `MIGRATIONS`; an unknown
 * (newer or garbage) version is read field by field with today's schema. Every field falls back to its default
 * alone; list fields keep their valid items and drop the rest.
 * @param raw whatever storage or an imported file holds.
 * @param defaults the fallback values (tests pass their own default feeds).
 */
export function repairSettingsWithReport(raw: unknown, defaults: Settings = defaultSettings()): RepairReport {
  if (!isRecord(raw)) return { settings: defaults, rejected: raw === null || raw === undefined ? [] : ['settings'] };
  const rejected: string[] = [];
  let value: RawSettings = raw;
  const claimed = raw.version;
  const fromVersion = typeof claimed === 'number' && Number.isInteger(claimed) ? claimed : claimed === undefined ? 0 : undefined;
  if (fromVersion === undefined) rejected.push('version');
  else if (fromVersion > SETTINGS_VERSION) rejected.push('version');
  else {
    for (let version = fromVersion; version < SETTINGS_VERSION; version++) {
      const migrate = MIGRATIONS[version];
      if (!migrate) {
        rejected.push('version');
        break;
      }
      value = migrate(value);
    }
  }

  const shape = Settings.shape;
  const pick = <K extends 'minQuality' | 'syncIntervalHours'>(key: K): Settings[K] => {
    const parsed = shape[key].safeParse(value[key]);
    if (parsed.success) return parsed.data as Settings[K];
    if (value[key] !== undefined) rejected.push(key);
    return defaults[key];
  };
  const list = <T>(key: string, input: unknown, item: z.ZodType<T>, fallback: T[], keep: (t: T) => boolean = () => true): T[] => {
    if (!Array.isArray(input)) {
      if (input !== undefined) rejected.push(key);
      return fallback;
    }
    const out: T[] = [];
    input.forEach((entry, i) => {
      const parsed = item.safeParse(entry);
      if (parsed.success && keep(parsed.data)) out.push(parsed.data);
      else rejected.push(`${key}[${i}]`);
    });
    return out;
  };

  const sidebarRaw = isRecord(value.sidebar) ? value.sidebar : {};
  if (value.sidebar !== undefined && !isRecord(value.sidebar)) rejected.push('sidebar');
  const sidebarShape = shape.sidebar.shape;
  const sidebar: Settings['sidebar'] = { ...defaults.sidebar, blockedSites: [...defaults.sidebar.blockedSites] };
  for (const key of ['enabled', 'startExpanded'] as const) {
    const parsed = sidebarShape[key].safeParse(sidebarRaw[key]);
    if (parsed.success) sidebar[key] = parsed.data;
    else if (sidebarRaw[key] !== undefined) rejected.push(`sidebar.${key}`);
  }
  sidebar.blockedSites = unique(list('sidebar.blockedSites', sidebarRaw.blockedSites, sidebarShape.blockedSites.element, sidebar.blockedSites, (s) => s.trim() !== ''));
  const snooze = z.number().finite().safeParse(sidebarRaw.snoozedUntil);
  if (snooze.success) sidebar.snoozedUntil = snooze.data;
  else if (sidebarRaw.snoozedUntil !== undefined) rejected.push('sidebar.snoozedUntil');

  // Added after version 1 shipped: a stored value without it takes the defaults, each switch on its own.
  const chipsRaw = isRecord(value.linkChips) ? value.linkChips : {};
  if (value.linkChips !== undefined && !isRecord(value.linkChips)) rejected.push('linkChips');
  const linkChips: Settings['linkChips'] = { ...defaults.linkChips, sites: [...defaults.linkChips.sites] };
  for (const key of ['searchResults', 'otherSites'] as const) {
    const parsed = z.boolean().safeParse(chipsRaw[key]);
    if (parsed.success) linkChips[key] = parsed.data;
    else if (chipsRaw[key] !== undefined) rejected.push(`linkChips.${key}`);
  }
  // One choice per host (the first wins), at most MAX_CHIP_SITES of them; the rest is reported, never kept.
  const chipHosts = new Set<string>();
  linkChips.sites = list('linkChips.sites', chipsRaw.sites, ChipSite, linkChips.sites, (site) => {
    if (chipHosts.has(site.host) || chipHosts.size >= MAX_CHIP_SITES) return false;
    chipHosts.add(site.host);
    return true;
  });

  // Before the switch existed a minimum hid unscored suggestions too: a stored value without it keeps doing so.
  const hideUnratedParsed = z.boolean().safeParse(value.hideUnrated);
  if (!hideUnratedParsed.success && value.hideUnrated !== undefined) rejected.push('hideUnrated');
  const minQuality = pick('minQuality');
  const hideUnrated = hideUnratedParsed.success ? hideUnratedParsed.data : value.hideUnrated === undefined && minQuality > 0 ? true : defaults.hideUnrated;

  const seen = new Set<string>();
  const feeds = list('feeds', value.feeds, FeedSetting, defaults.feeds, (feed) => {
    // A feed the sync could never read (bad URL) or a duplicate is dropped rather than stored.
    if (!feedKindOf(feed.url).ok || seen.has(feed.url)) return false;
    seen.add(feed.url);
    return true;
  });

  return {
    settings: {
      version: SETTINGS_VERSION,
      topics: unique(list('topics', value.topics, shape.topics.element, defaults.topics)),
      minQuality,
      hideUnrated,
      sidebar,
      feeds,
      linkChips,
      syncIntervalHours: pick('syncIntervalHours'),
    },
    rejected,
    ...(fromVersion !== undefined ? { fromVersion } : {}),
  };
}

/**
 * Any stored value → valid settings. Each field that fails validation falls back to its default on its own, so one
 * corrupt field never wipes the others (see `repairSettingsWithReport`).
 */
export function repairSettings(raw: unknown, defaults: Settings = defaultSettings()): Settings {
  return repairSettingsWithReport(raw, defaults).settings;
}

/**
 * Feed URLs to sync: the packaged snapshot first (it needs no network, so a run imports it before any request),
 * then enabled default and user feeds, plus the feeds of enabled topics.
 */
export function feedsToSync(settings: Settings): string[] {
  const urls: string[] = [];
  for (const feed of settings.feeds) if (feed.enabled && feed.origin === 'snapshot') urls.push(feed.url);
  for (const feed of settings.feeds) if (feed.enabled && feed.origin !== 'topic' && feed.origin !== 'snapshot') urls.push(feed.url);
  for (const feed of settings.feeds) {
    if (feed.enabled && feed.origin === 'topic') urls.push(feed.url);
  }
  return [...new Set(urls)];
}

/**
 * Settings with topic feeds following the topic filters: enabling a topic adds its feed (unless
 * the user already has it), disabling one drops the feed the extension added for it.
 * @param taxonomy topics and their feeds: the built-in list, or the hosted catalog's (lib/app/topic-catalog.ts)
 */
export function withTopicFeeds(settings: Settings, topics: readonly string[], taxonomy: readonly Topic[] = TOPICS): Settings {
  const feedOf = (name: string) => taxonomy.find((topic) => topic.name === name)?.feed;
  const wanted = new Set(topics.flatMap((name) => (feedOf(name) ? [feedOf(name)!] : [])));
  // The default topic's feed is the built-in default feed: never add it twice.
  const present = new Set(settings.feeds.filter((f) => f.origin !== 'topic').map((f) => f.url));
  const feeds = settings.feeds.filter((f) => f.origin !== 'topic' || wanted.has(f.url));
  for (const url of wanted) {
    if (!present.has(url) && !feeds.some((f) => f.url === url) && topics.length && !isDefaultTopicFeed(url, settings)) {
      feeds.push({ url, enabled: true, origin: 'topic' });
    }
  }
  return { ...settings, topics: [...topics], feeds };
}

function isDefaultTopicFeed(url: string, settings: Settings): boolean {
  // A build with overridden default feeds (tests, self-hosted bundles) does not add the live
  // health feed just because the default topic is on.
  return url === topicByName(DEFAULT_TOPIC)?.feed && settings.feeds.some((f) => f.origin === 'default');
}

/**
 * Settings with `topic` switched on or off, topic feeds following (`withTopicFeeds`); the order of the other
 * filters is kept.
 */
export function withTopic(settings: Settings, topic: string, on: boolean, taxonomy: readonly Topic[] = TOPICS): Settings {
  const others = settings.topics.filter((t) => t !== topic);
  return withTopicFeeds(settings, on ? [...others, topic] : others, taxonomy);
}

/** Settings with a user feed added (enabled); an already listed URL is switched on instead of duplicated. */
export function withFeedAdded(settings: Settings, url: string): Settings {
  if (settings.feeds.some((f) => f.url === url)) return withFeedEnabled(settings, url, true);
  return { ...settings, feeds: [...settings.feeds, { url, enabled: true, origin: 'user' }] };
}

/** Settings with one feed switched on or off. */
export function withFeedEnabled(settings: Settings, url: string, enabled: boolean): Settings {
  return { ...settings, feeds: settings.feeds.map((f) => (f.url === url ? { ...f, enabled } : f)) };
}

/**
 * Settings without a user or topic feed. Default feeds and the packaged snapshot cannot be removed (a fresh install
 * or the next update would bring them back unexplained), only disabled: for them this returns `settings` unchanged. Removing a topic feed leaves its topic
 * filter on, so related lists keep the topic's already stored articles.
 */
export function withFeedRemoved(settings: Settings, url: string): Settings {
  const feed = settings.feeds.find((f) => f.url === url);
  if (!feed || feed.origin === 'default' || feed.origin === 'snapshot') return settings;
  return { ...settings, feeds: settings.feeds.filter((f) => f !== feed) };
}

/** Settings without `site` in the sidebar's "don't show" list. */
export function withoutBlockedSite(settings: Settings, site: string): Settings {
  return { ...settings, sidebar: { ...settings.sidebar, blockedSites: settings.sidebar.blockedSites.filter((s) => s !== site) } };
}

/** Settings with the sidebar snoozed until `until` (epoch ms), or resumed when `until` is undefined. */
export function withSnooze(settings: Settings, until: number | undefined): Settings {
  const { snoozedUntil: _dropped, ...sidebar } = settings.sidebar;
  return { ...settings, sidebar: until === undefined ? sidebar : { ...sidebar, snoozedUntil: until } };
}

function isRecord(value: unknown): value is RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** An imported settings file larger than this is refused unread: real ones are a few kB. */
export const MAX_IMPORT_BYTES = 1_000_000;
/** The longest snooze an imported file may set: the sidebar offers one day. */
const MAX_IMPORTED_SNOOZE_MS = 24 * 60 * 60 * 1000;

/**
 * Settings from an imported file, which is not to be trusted more than the user's own clicks: a feed
 * keeps a built-in origin only when its URL is one of this build's defaults (or a known topic's feed),
 * every other feed becomes the user's own (removable, never a default), and a snooze is clamped to a day.
 * @param repaired the file's settings after {@link repairSettingsWithReport}
 * @param defaults this build's defaults
 */
export function importedSettings(repaired: Settings, defaults: Settings, now: number): Settings {
  const builtIn = new Map(defaults.feeds.map((feed) => [feed.url, feed.origin] as const));
  const topicFeeds = new Set(TOPICS.flatMap((topic) => (topic.feed ? [topic.feed] : [])));
  const feeds = repaired.feeds.map((feed) => ({
    ...feed,
    origin: builtIn.get(feed.url) ?? (feed.origin === 'topic' && topicFeeds.has(feed.url) ? 'topic' : 'user'),
  }));
  // Built-in feeds the file lacks stay (a file cannot remove what the user cannot remove).
  for (const feed of defaults.feeds) if (!feeds.some((f) => f.url === feed.url)) feeds.push(feed);
  const snoozedUntil = repaired.sidebar.snoozedUntil;
  const sidebar =
    snoozedUntil === undefined ? repaired.sidebar : { ...repaired.sidebar, snoozedUntil: Math.min(snoozedUntil, now + MAX_IMPORTED_SNOOZE_MS) };
  return { ...repaired, feeds, sidebar };
}
