/**
 * Side panel (Chrome `side_panel`, Firefox `sidebar_action`): the shared `PanelApp` for the active
 * tab of its window, following tab switches and navigations. Thin wiring only.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { localizeDocument } from '@/lib/i18n/messages';
import { PanelApp } from '@/components/panel-app';
import { loadOpenedLinks, rememberOpenedLink } from '@/lib/browser/opened-links';
import { sendMessage } from '@/lib/browser/messaging';
import { watchSettings } from '@/lib/browser/settings-storage';
import { welcome } from '@/lib/browser/welcome';
import '@/components/lens.css';
import './sidepanel.css';

// The catalogue's language and title before anything renders.
localizeDocument(document, 'pages.sidePanelTitle');

// `?windowId=` pins the window to follow (tests open the panel as a page in another window).
const windowParam = new URLSearchParams(location.search).get('windowId');
const pinnedWindow = windowParam !== null && /^\d+$/.test(windowParam) ? Number(windowParam) : undefined;

/** The active tab of the followed window (the side panel's own window unless pinned). */
async function activeTabId(): Promise<number | undefined> {
  const query = pinnedWindow !== undefined ? { active: true, windowId: pinnedWindow } : { active: true, currentWindow: true };
  const [tab] = await browser.tabs.query(query);
  return tab?.id;
}

const load = async () => {
  const tabId = await activeTabId();
  return sendMessage({ type: 'panel', ...(tabId !== undefined ? { tabId } : {}) });
};
const search = (query: string) => sendMessage({ type: 'search', query });
const siteChips = {
  load: async () => {
    const tabId = await activeTabId();
    return sendMessage({ type: 'siteChips', ...(tabId !== undefined ? { tabId } : {}) });
  },
  set: async (on: boolean) => {
    const tabId = await activeTabId();
    return sendMessage({ type: 'setSiteChips', on, ...(tabId !== undefined ? { tabId } : {}) });
  },
};
const syncNow = () => sendMessage({ type: 'syncNow' });

/** Reloads on settings changes, on tab switches in the followed window and on its tab navigating. */
function subscribe(reload: () => void): () => void {
  let followedWindow = pinnedWindow;
  if (followedWindow === undefined) void browser.windows.getCurrent().then((w) => (followedWindow = w.id));
  const onActivated = ({ windowId }: { windowId: number }) => {
    if (followedWindow === undefined || windowId === followedWindow) reload();
  };
  const onUpdated = (_tabId: number, change: { url?: string; status?: string }, tab: { active?: boolean; windowId?: number }) => {
    if (!tab.active || (followedWindow !== undefined && tab.windowId !== followedWindow)) return;
    if (change.url || change.status === 'complete') reload();
  };
  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  const unwatch = watchSettings(() => reload());
  return () => {
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
    unwatch();
  };
}

const openedLinks = { load: loadOpenedLinks, add: (url: string) => void rememberOpenedLink(url) };

render(<PanelApp load={load} search={search} syncNow={syncNow} subscribe={subscribe} openedLinks={openedLinks} welcome={welcome} siteChips={siteChips} />, document.getElementById('app')!);
