/**
 * The tab a plain `popup.html` (or the side panel) is about. Browser adapter over `browser.tabs`;
 * imported by the background's message handlers.
 */
import { browser, type Browser } from 'wxt/browser';

/**
 * The active tab of the last focused window, unless that is the asking page itself (the popup opened
 * as a tab): then the most recently used other tab that is not one of our pages.
 * @param selfTabId the asking page's own tab, when it is one
 */
export async function pageTab(selfTabId: number | undefined): Promise<Browser.tabs.Tab | undefined> {
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active && active.id !== selfTabId) return active;
  const ours = browser.runtime.getURL('/');
  const others = (await browser.tabs.query({})).filter((t) => t.id !== selfTabId && !t.url?.startsWith(ours));
  return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}
