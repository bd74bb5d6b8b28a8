/**
 * Background service worker: wires browser events (install, alarms, tabs, messages, commands) to
 * the lens service in lib/. The only writer of IndexedDB and the only network client. Wiring only:
 * each piece of logic lives in lib/app/ (pure) or lib/browser/ (browser adapters).
 */
import { browser } from 'wxt/browser';
import { storeOpener } from '@/lib/store/store';
import { createLensService } from '@/lib/app/lens-service';
import { feedsToSync, repairSettings, withPackagedSnapshot } from '@/lib/app/settings';
import { withPackagedSnapshotFetch } from '@/lib/browser/snapshot';
import { logError } from '@/lib/app/log-error';
import { loadSettings, saveSettings, settingsItem, watchSettings } from '@/lib/browser/settings-storage';
import { rememberedPage } from '@/lib/browser/tab-matches';
import { createPageAnswers, fromCurrentPage } from '@/lib/browser/page-answers';
import { pageTab } from '@/lib/browser/page-tab';
import { listenToMessages } from '@/lib/browser/message-router';
import { sendToContentScript } from '@/lib/browser/messaging';
import { listenToSyncAlarms, scheduleSync, syncWatched, underWatchdog } from '@/lib/browser/sync-alarms';
import { createTabBadges } from '@/lib/browser/tab-badges';
import { followSettings } from '@/lib/browser/settings-follow';
import { followSidebarSettings } from '@/lib/browser/sidebar-follow';
import { markWelcomePending } from '@/lib/browser/welcome';
import { answerLinkScores } from '@/lib/app/link-scores';
import { syncLinkChipsEverywhere, tellTabsLinkChipsChanged } from '@/lib/browser/link-chips-registration';
import { siteChipsState, withSiteChips } from '@/lib/app/site-chips';
import { restrictLocalStorageToTrustedContexts } from '@/lib/browser/storage-access';
import { SNOOZE_MS, sidebarVisibility, siteKey, withBlockedSite } from '@/lib/app/sidebar-visibility';
import { withSnooze } from '@/lib/app/settings';
import { createRateLimit } from '@/lib/app/rate-limit';
import { t } from '@/lib/i18n/messages';

/** The sidebar's Retry starts at most one sync per this interval; more presses just report the status. */
const SIDEBAR_RETRY_INTERVAL_MS = 60_000;

export default defineBackground(() => {
  // Settings and opened links: readable and writable by our pages and this worker only.
  void restrictLocalStorageToTrustedContexts().catch((error: unknown) => logError(error, 'storage access level'));
  const sidebarRetryAllowed = createRateLimit(SIDEBAR_RETRY_INTERVAL_MS);
  const store = storeOpener();

  const service = createLensService({
    store,
    // The packaged snapshot's files come from the package itself; every other URL from the network.
    fetch: withPackagedSnapshotFetch((input, init) => fetch(input, init)),
    settings: loadSettings,
    owner: crypto.randomUUID(),
    isOnline: () => navigator.onLine,
    onArticlesChanged: () => {
      pageAnswers.invalidate();
      void badges.refreshAll();
    },
  });
  const badges = createTabBadges({
    badgeForUrl: (url) => service.badgeForUrl(url),
    factsById: async (id) => (await store()).findFactsById(id),
  });
  const pageAnswers = createPageAnswers({
    matchSignals: (signals) => service.matchSignals(signals),
    panelForSignals: (signals, matched) => service.panelForSignals(signals, matched),
    inTurn: badges.inTurn,
  });
  // Ranking options live in the settings: a change there answers pages afresh.
  watchSettings(() => pageAnswers.invalidate());
  browser.tabs.onRemoved.addListener((tabId) => pageAnswers.forgetTab(tabId));

  /** The tab a panel's chip switch is about: the sender's own tab for a framed page, else the named or active one. */
  const chipsTab = async (tabId: number | undefined, sender: { tab?: { id?: number }; frameId?: number }) => {
    const framed = sender.tab?.id !== undefined && sender.tab.id >= 0 && (sender.frameId ?? 0) > 0;
    if (framed) return browser.tabs.get(sender.tab!.id!);
    return tabId !== undefined ? browser.tabs.get(tabId) : pageTab(sender.tab?.id);
  };

  listenToMessages({
    async panel(message, sender) {
      const tab = message.tabId !== undefined ? await browser.tabs.get(message.tabId) : await pageTab(sender.tab?.id);
      const remembered = tab?.id !== undefined ? await rememberedPage(tab.id, tab.url) : {};
      return service.panelForUrl(tab?.url, remembered.articleId, remembered.signals);
    },
    async pageSignals(message, sender) {
      const tabId = sender.tab!.id!;
      // A page the tab has already left: its answer would overwrite the new page's badge.
      if (!fromCurrentPage(sender.url, sender.tab?.url)) return null;
      // Scoped to the sender's own tab: the reported URL must be the tab's URL.
      const signals = { ...message.signals, url: sender.tab?.url || sender.url || message.signals.url };
      const panel = await pageAnswers.answer(tabId, signals);
      // The answer drives the in-page sidebar: none where the settings hide it (switch, site, snooze).
      if (sidebarVisibility((await loadSettings()).sidebar, signals.url, Date.now()) !== 'visible') return null;
      return panel;
    },
    // The sidebar frame's settings choices: the site is the sender tab's, the snooze a fixed length.
    async hideOnThisSite(_message, sender) {
      const site = siteKey(sender.tab?.url ?? '');
      if (!site) throw new Error(t('common.noSiteToHide'));
      await saveSettings(withBlockedSite(await loadSettings(), site));
      return { ok: true as const };
    },
    async snoozeSidebar() {
      await saveSettings(withSnooze(await loadSettings(), Date.now() + SNOOZE_MS));
      return { ok: true as const };
    },
    async sidebarRetry() {
      if (sidebarRetryAllowed()) await syncWatched(service, true).catch((error: unknown) => logError(error, 'sidebar retry'));
      return (await service.status()).summary;
    },
    search: (message) => service.search(message.query),
    syncNow: () => syncWatched(service, true),
    status: () => service.status(),
    testFeed: (message) => service.testFeed(message.url),
    exportData: (message) => service.exportPage(message.after),
    async clearData() {
      await service.clearData();
      return { ok: true as const };
    },
    dataSummary: () => service.dataSummary(),
    // The panels' "Score chips on this site": the page is the tab's (the sender's own for the sidebar frame).
    async siteChips(message, sender) {
      return siteChipsState(await loadSettings(), (await chipsTab(message.tabId, sender))?.url);
    },
    async setSiteChips(message, sender) {
      const url = (await chipsTab(message.tabId, sender))?.url;
      const settings = await loadSettings();
      if (!siteChipsState(settings, url).available) throw new Error(t('siteChips.unavailable'));
      const next = withSiteChips(settings, url!, message.on);
      if (next !== settings) await saveSettings(next);
      return siteChipsState(next, url);
    },
    linkScores: async (message, sender) => answerLinkScores(message.links, sender.tab?.url, await store(), await loadSettings()),
  });

  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    // A fresh install greets the user in the panels until dismissed; an update does not.
    if (reason === 'install') void markWelcomePending().catch((error: unknown) => logError(error, 'welcome'));
    // Repair, never overwrite: an "install" also fires when an unpacked build is loaded again on an
    // existing profile, and the user's settings must survive that. Nothing stored → defaults. An update lists
    // (or drops) the packaged snapshot; the sync below imports it first, before any network request.
    await saveSettings(withPackagedSnapshot(repairSettings(await settingsItem.getValue())));
    const settings = await loadSettings();
    await scheduleSync(settings);
    // Joins the run the worker's start-up reconciliation began, if it covers these feeds.
    await underWatchdog(service, () => service.syncFeeds(feedsToSync(settings))).catch((error) => logError(error, 'install sync'));
  });
  listenToSyncAlarms(service);
  badges.listen();

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-sidebar') return;
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id !== undefined) await sendToContentScript(tab.id, { type: 'toggleSidebar' });
  });

  // On every worker start and settings change: the sync alarm follows the interval, and feed changes
  // drive sync, including those made while the worker was stopped (a new or re-enabled feed syncs, a
  // removed one takes its articles with it). Other settings are read per request.
  followSettings(service);
  // Open pages follow the sidebar settings live: un-hiding a site or a snooze's end brings it back.
  followSidebarSettings();
  // Score chips on every site only while the user wants them there (registered at run time).
  const followLinkChips = (settings: Parameters<typeof syncLinkChipsEverywhere>[0]) =>
    void syncLinkChipsEverywhere(settings).catch((error: unknown) => logError(error, 'link chips registration'));
  watchSettings((settings, previous) => {
    followLinkChips(settings);
    // Open pages follow at once: chips appear or go on the tabs whose answer changed.
    void tellTabsLinkChipsChanged(previous, settings).catch((error: unknown) => logError(error, 'link chips in open tabs'));
  });
  void loadSettings().then(followLinkChips);

  // Open the store and load the URL table now, not awaited: the wake-up event's own lookup (already
  // dispatched to the listeners above) shares the same open and load instead of starting them.
  void store()
    .then((s) => s.tableReady())
    .catch((error) => logError(error, 'warm URL table'));

  // Any wake-up resumes a run a killed worker left unfinished.
  void service.hasInterruptedRun().then((interrupted) => {
    if (interrupted) void syncWatched(service, true).catch((error) => logError(error, 'resume on wake-up'));
  });
});
