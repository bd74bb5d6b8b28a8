/**
 * Keeps each tab's toolbar badge in step with what the tab shows, one decision at a time per tab
 * (a slow stale lookup must not overwrite a newer answer). Browser adapter over `browser.tabs` and
 * the badge; imported by the background.
 */
import { browser } from 'wxt/browser';
import { createKeyedQueue } from '../app/keyed-queue';
import { setBadge, type BadgeArticle } from './badge';
import { forgetTab, rememberedArticle } from './tab-matches';

export interface BadgeLookups {
  /** Badge facts for a URL (no ranking, answered from the URL table when loaded). */
  badgeForUrl(url: string): Promise<BadgeArticle | undefined>;
  /** Badge facts of an article by id (the one the page claimed through its canonical link). */
  factsById(id: string): Promise<BadgeArticle | undefined>;
}

export function createTabBadges(lookups: BadgeLookups) {
  /** Badge decisions of one tab, in event order. */
  const perTab = createKeyedQueue<number>();

  function refresh(tabId: number, url: string | undefined): Promise<void> {
    return perTab(tabId, async () => {
      let facts = url ? await lookups.badgeForUrl(url) : undefined;
      if (!facts && url) {
        const remembered = await rememberedArticle(tabId, url);
        if (remembered) facts = await lookups.factsById(remembered);
      }
      await setBadge(tabId, facts);
    });
  }

  async function refreshAll(): Promise<void> {
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) await refresh(tab.id, tab.url);
  }

  /**
   * Follows navigations (including history.pushState ones), tab switches and closed tabs. The event
   * with `status: 'loading'` and the new `url` comes once the navigation has committed, after Chromium
   * cleared the tab's badge for the new page: the earliest write it keeps (bench/trace-badge.ts reads
   * the badge back), about when `webNavigation.onCommitted` would fire, without that permission.
   */
  function listen(): void {
    browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
      if (changeInfo.url || changeInfo.status === 'loading') void refresh(tabId, changeInfo.url ?? tab.url);
    });
    browser.tabs.onActivated.addListener(async ({ tabId }) => {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      if (tab) await refresh(tabId, tab.url);
    });
    browser.tabs.onRemoved.addListener((tabId) => void perTab(tabId, () => forgetTab(tabId)));
  }

  /** Runs `task` in the tab's turn (the page's own signals decide its badge too). */
  const inTurn = <T>(tabId: number, task: () => Promise<T>) => perTab(tabId, task);

  return { refresh, refreshAll, listen, inTurn };
}
