/**
 * Background service worker: wires browser events (install, alarms, tabs, messages, commands) to
 * the lens service in lib/. The only writer of IndexedDB and the only network client.
 */
import { browser, type Browser } from 'wxt/browser';
import { openStore, type Store } from '@/lib/store/store';
import { createLensService } from '@/lib/app/lens-service';
import { repairSettings, withPackagedSnapshot, type FeedSetting, type Settings } from '@/lib/app/settings';
import { withPackagedSnapshotFetch } from '@/lib/browser/snapshot';
import { loadSettings, saveSettings, settingsItem, watchSettings } from '@/lib/browser/settings-storage';
import { Message, isAllowedSender, type Envelope } from '@/lib/app/messages';
import { setBadge } from '@/lib/browser/badge';
import { rememberArticle, rememberedArticle, forgetTab } from '@/lib/browser/tab-matches';
import { logError } from '@/lib/app/log-error';
import { createKeyedQueue } from '@/lib/app/keyed-queue';
import { SIDEBAR_BRIDGE_KEY } from '@/lib/browser/sidebar-bridge';

/** Periodic sync alarm; its period follows the sync-interval setting. */
const SYNC_ALARM = 'periodic-sync';
/** Fires every minute while a run is unfinished, so a killed worker resumes it. */
const WATCHDOG_ALARM = 'sync-watchdog';

export default defineBackground(() => {
  const owner = crypto.randomUUID();
  let storePromise: Promise<Store> | undefined;
  const store = () => (storePromise ??= openStore());

  const service = createLensService({
    store,
    // The packaged snapshot's files come from the package itself; every other URL from the network.
    fetch: withPackagedSnapshotFetch((input, init) => fetch(input, init)),
    settings: loadSettings,
    owner,
    isOnline: () => navigator.onLine,
    onArticlesChanged: () => void refreshAllBadges(),
  });

  async function runSync(manual: boolean) {
    await browser.alarms.create(WATCHDOG_ALARM, { periodInMinutes: 1 });
    try {
      return await service.sync({ manual });
    } finally {
      if (!(await service.hasInterruptedRun())) await browser.alarms.clear(WATCHDOG_ALARM);
    }
  }

  /** (Re)creates the periodic alarm only when its period changed: re-creating it restarts its timer. */
  async function scheduleSync(settings?: Settings) {
    const periodInMinutes = (settings ?? (await loadSettings())).syncIntervalHours * 60;
    if ((await browser.alarms.get(SYNC_ALARM))?.periodInMinutes === periodInMinutes) return;
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes });
  }

  /** Badge decisions of one tab, in event order: a slow stale lookup must not overwrite a newer answer. */
  const perTab = createKeyedQueue<number>();

  function refreshBadge(tabId: number, url: string | undefined) {
    return perTab(tabId, async () => {
      // Badge facts only (no article read): from memory once the store's URL table is loaded.
      let facts = url ? await service.badgeForUrl(url) : undefined;
      if (!facts && url) {
        const remembered = await rememberedArticle(tabId, url);
        if (remembered) facts = await (await store()).findFactsById(remembered);
      }
      await setBadge(tabId, facts);
    });
  }

  /**
   * The tab a plain `popup.html` is about: the active tab — unless the popup itself was opened as a
   * tab (it is then the active one), when it is the most recently used other web page.
   */
  async function pageTab(selfTabId: number | undefined) {
    const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (active && active.id !== selfTabId) return active;
    const ours = browser.runtime.getURL('/');
    const others = (await browser.tabs.query({})).filter((t) => t.id !== selfTabId && !t.url?.startsWith(ours));
    return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  }

  async function refreshAllBadges() {
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) await refreshBadge(tab.id, tab.url);
  }

  const handlers = {
    async panel(message: Extract<Message, { type: 'panel' }>, sender: Browser.runtime.MessageSender) {
      const tab = message.tabId !== undefined ? await browser.tabs.get(message.tabId) : await pageTab(sender.tab?.id);
      const remembered = tab?.id !== undefined ? await rememberedArticle(tab.id, tab.url) : undefined;
      return service.panelForUrl(tab?.url, remembered);
    },
    async pageSignals(message: Extract<Message, { type: 'pageSignals' }>, sender: Browser.runtime.MessageSender) {
      const tabId = sender.tab!.id!;
      // Scoped to the sender's own tab: the reported URL must be the tab's URL.
      const signals = { ...message.signals, url: sender.tab?.url || sender.url || message.signals.url };
      // The badge first: it must not wait for ranking (navigation → badge is the product's front door).
      const article = await perTab(tabId, async () => {
        const match = await service.matchSignals(signals);
        await setBadge(tabId, match);
        await rememberArticle(tabId, signals.url, match?.id);
        return match;
      });
      const { panel } = await service.panelForSignals(signals, article ?? null);
      // Only a page with something to show loads the sidebar UI (issue 6), injected rather than
      // web-accessible; once per document (a cheap probe first; the UI also guards itself).
      if (panel) {
        const target = sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId ?? 0] };
        const uiLoaded = (key: string) => !!(globalThis as unknown as Record<string, { view?: unknown } | undefined>)[key]?.view;
        void (async () => {
          const [probe] = await browser.scripting.executeScript({ target, func: uiLoaded, args: [SIDEBAR_BRIDGE_KEY] });
          if (!probe?.result) await browser.scripting.executeScript({ target, files: ['/sidebar-ui.js'] });
        })().catch((error: unknown) => logError(error, 'inject sidebar UI'));
      }
      return panel;
    },
    search: (message: Extract<Message, { type: 'search' }>) => service.search(message.query),
    syncNow: () => runSync(true),
    status: () => service.status(),
    testFeed: (message: Extract<Message, { type: 'testFeed' }>) => service.testFeed(message.url),
    async exportData() {
      return { settings: await loadSettings(), articles: await service.exportArticles() };
    },
    async clearData() {
      await service.clearData();
      return { ok: true as const };
    },
    dataSummary: () => service.dataSummary(),
  } satisfies { [K in Message['type']]: (message: Extract<Message, { type: K }>, sender: Browser.runtime.MessageSender) => unknown };

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    const parsed = Message.safeParse(raw);
    if (!parsed.success) return false; // not ours (or malformed): no answer
    if (!isAllowedSender(parsed.data, sender, browser.runtime.id, browser.runtime.getURL('/'))) return false;
    const handler = handlers[parsed.data.type] as (m: Message, s: Browser.runtime.MessageSender) => Promise<unknown> | unknown;
    Promise.resolve()
      .then(() => handler(parsed.data, sender))
      .then(
        (value) => sendResponse({ ok: true, value } satisfies Envelope<unknown>),
        (error: unknown) => {
          logError(error, `message ${parsed.data.type}`);
          sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Envelope<unknown>);
        },
      );
    return true; // answer asynchronously
  });

  browser.runtime.onInstalled.addListener(async () => {
    // Repair, never overwrite: an "install" also fires when an unpacked build is loaded again on an
    // existing profile, and the user's settings must survive that. Nothing stored → defaults. An update lists
    // (or drops) the packaged snapshot; the sync below imports it first, before any network request.
    await saveSettings(withPackagedSnapshot(repairSettings(await settingsItem.getValue())));
    await scheduleSync();
    await runSync(true).catch((error) => logError(error, 'install sync'));
  });

  browser.runtime.onStartup.addListener(() => void scheduleSync());

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === SYNC_ALARM) await runSync(false).catch((error) => logError(error, 'scheduled sync'));
    if (alarm.name === WATCHDOG_ALARM && (await service.hasInterruptedRun())) {
      await runSync(true).catch((error) => logError(error, 'resumed sync'));
    }
  });

  browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
    // `url` changes include history.pushState navigations in single-page sites.
    if (changeInfo.url || changeInfo.status === 'loading') void refreshBadge(tabId, changeInfo.url ?? tab.url);
  });
  browser.tabs.onActivated.addListener(async ({ tabId }) => {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (tab) await refreshBadge(tabId, tab.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => void perTab(tabId, () => forgetTab(tabId)));

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-sidebar') return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'toggleSidebar' }).catch(() => {});
  });

  // Feed changes drive sync: a new or re-enabled feed syncs at once, a removed one takes its
  // articles with it. Other settings (topics, quality, sidebar) are read per request.
  let previousFeeds: FeedSetting[] | undefined;
  const enabledKey = (feeds: readonly FeedSetting[]) => JSON.stringify(feeds.filter((f) => f.enabled).map((f) => f.url));
  watchSettings(async (settings) => {
    await scheduleSync(settings);
    const before = previousFeeds;
    previousFeeds = settings.feeds;
    if (!before) return;
    for (const gone of before.filter((f) => !settings.feeds.some((n) => n.url === f.url))) {
      await service.removeFeedData(gone.url).catch((error) => logError(error, 'remove feed data'));
    }
    if (enabledKey(settings.feeds) !== enabledKey(before)) void runSync(true).catch((error) => logError(error, 'feeds changed'));
  });
  void loadSettings().then((s) => (previousFeeds ??= s.feeds));

  // Open the store and load the URL table now, not awaited: the wake-up event's own lookup (already
  // dispatched to the listeners above) shares the same open and load instead of starting them.
  void store()
    .then((s) => s.tableReady())
    .catch((error) => logError(error, 'warm URL table'));

  // Any wake-up resumes a run a killed worker left unfinished.
  void service.hasInterruptedRun().then((interrupted) => {
    if (interrupted) void runSync(true).catch((error) => logError(error, 'resume on wake-up'));
  });
});
