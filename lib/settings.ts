/**
 * User settings: zod schema, defaults, migrations and the one storage item that holds them.
 * A corrupt or partial stored value falls back field by field to defaults, losing nothing valid.
 */
import { z } from 'zod';
import { storage } from '@wxt-dev/storage';
import { DEFAULT_TOPIC, topicByName } from './topics';

/** How often the periodic sync runs unless the user picks another interval. */
export const DEFAULT_SYNC_INTERVAL_HOURS = 6;

export const FeedSetting = z.object({
  url: z.string(),
  enabled: z.boolean(),
  /** Who added it: defaults and user feeds sync whatever the topic filters say; topic feeds follow them. */
  origin: z.enum(['default', 'user', 'topic']),
});
export type FeedSetting = z.infer<typeof FeedSetting>;

export const Settings = z.object({
  version: z.literal(1),
  /** Enabled topic filters, by topic name. */
  topics: z.array(z.string()),
  /** Suggestions below this quality are hidden; 0 = no minimum. */
  minQuality: z.number().min(0).max(200),
  sidebar: z.object({
    enabled: z.boolean(),
    startExpanded: z.boolean(),
    /** Registrable domains where the sidebar never shows. */
    blockedSites: z.array(z.string()),
    /** Epoch ms until which the sidebar is snoozed everywhere. */
    snoozedUntil: z.number().optional(),
  }),
  feeds: z.array(FeedSetting),
  syncIntervalHours: z.number().min(1).max(168),
});
export type Settings = z.infer<typeof Settings>;

/** Feeds baked in at build time (`WXT_DEFAULT_FEEDS`, else the live health feed). */
export function buildTimeDefaultFeeds(): string[] {
  return typeof __DEFAULT_FEEDS__ !== 'undefined' ? [...__DEFAULT_FEEDS__] : [];
}

/** Settings of a fresh install. */
export function defaultSettings(defaultFeeds: readonly string[] = buildTimeDefaultFeeds()): Settings {
  return {
    version: 1,
    topics: [DEFAULT_TOPIC],
    minQuality: 0,
    sidebar: { enabled: true, startExpanded: false, blockedSites: [] },
    feeds: defaultFeeds.map((url) => ({ url, enabled: true, origin: 'default' as const })),
    syncIntervalHours: DEFAULT_SYNC_INTERVAL_HOURS,
  };
}

/**
 * Any stored value → valid settings. Each top-level field that fails validation falls back to its
 * default on its own, so one corrupt field never wipes the others.
 */
export function repairSettings(raw: unknown, defaults: Settings = defaultSettings()): Settings {
  if (!raw || typeof raw !== 'object') return defaults;
  const value = raw as Record<string, unknown>;
  const shape = Settings.shape;
  const pick = <K extends keyof Settings>(key: K): Settings[K] => {
    const parsed = shape[key].safeParse(value[key]);
    return parsed.success ? (parsed.data as Settings[K]) : defaults[key];
  };
  const sidebarRaw = (value.sidebar && typeof value.sidebar === 'object' ? value.sidebar : {}) as Record<string, unknown>;
  const sidebarShape = shape.sidebar.shape;
  const sidebar = { ...defaults.sidebar };
  for (const key of Object.keys(sidebarShape) as (keyof Settings['sidebar'])[]) {
    const parsed = sidebarShape[key].safeParse(sidebarRaw[key]);
    if (parsed.success && parsed.data !== undefined) (sidebar as Record<string, unknown>)[key] = parsed.data;
  }
  const feeds = Array.isArray(value.feeds)
    ? value.feeds.flatMap((feed) => {
        const parsed = FeedSetting.safeParse(feed);
        return parsed.success ? [parsed.data] : [];
      })
    : defaults.feeds;
  return {
    version: 1,
    topics: pick('topics'),
    minQuality: pick('minQuality'),
    sidebar,
    feeds,
    syncIntervalHours: pick('syncIntervalHours'),
  };
}

/** Feed URLs to sync: enabled default and user feeds, plus the feeds of enabled topics. */
export function feedsToSync(settings: Settings): string[] {
  const urls: string[] = [];
  for (const feed of settings.feeds) if (feed.enabled && feed.origin !== 'topic') urls.push(feed.url);
  for (const feed of settings.feeds) {
    if (feed.enabled && feed.origin === 'topic') urls.push(feed.url);
  }
  return [...new Set(urls)];
}

/**
 * Settings with topic feeds following the topic filters: enabling a topic adds its feed (unless
 * the user already has it), disabling one drops the feed the extension added for it.
 */
export function withTopicFeeds(settings: Settings, topics: readonly string[]): Settings {
  const wanted = new Set(topics.flatMap((name) => (topicByName(name)?.feed ? [topicByName(name)!.feed!] : [])));
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

/** The stored settings item (`local:settings`), repaired on every read. */
export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: null });

/** Reads settings, repairing whatever is stored. */
export async function loadSettings(): Promise<Settings> {
  return repairSettings(await settingsItem.getValue());
}

/** Validates and stores settings; every context watching the item sees the change at once. */
export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(Settings.parse(settings));
}

/** Calls `listener` with repaired settings on every change; returns the unwatch function. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => listener(repairSettings(value)));
}
