/**
 * Popup: the panel of a tab (`?tabId=`, else the active tab), via the shared `PanelApp`.
 * Thin wiring only.
 */
import { render } from 'preact';
import { localizeDocument } from '@/lib/i18n/messages';
import { PanelApp } from '@/components/panel-app';
import { loadOpenedLinks, rememberOpenedLink } from '@/lib/browser/opened-links';
import { sendMessage } from '@/lib/browser/messaging';
import { watchSettings } from '@/lib/browser/settings-storage';
import { welcome } from '@/lib/browser/welcome';
import '@/components/lens.css';
import './popup.css';

// The catalogue's language and title before anything renders.
localizeDocument(document, 'pages.popupTitle');

const tabParam = new URLSearchParams(location.search).get('tabId');
const tabId = tabParam !== null && /^\d+$/.test(tabParam) ? Number(tabParam) : undefined;

const load = () => sendMessage({ type: 'panel', ...(tabId !== undefined ? { tabId } : {}) });
const search = (query: string) => sendMessage({ type: 'search', query });
const syncNow = () => sendMessage({ type: 'syncNow' });
const subscribe = (reload: () => void) => watchSettings(() => reload());
const siteChips = {
  load: () => sendMessage({ type: 'siteChips', ...(tabId !== undefined ? { tabId } : {}) }),
  set: (on: boolean) => sendMessage({ type: 'setSiteChips', on, ...(tabId !== undefined ? { tabId } : {}) }),
};

const openedLinks = { load: loadOpenedLinks, add: (url: string) => void rememberOpenedLink(url) };

// Asked before the first render: the background works on the answer while the page renders.
const firstLoad = load();

render(<PanelApp load={load} firstLoad={firstLoad} search={search} syncNow={syncNow} subscribe={subscribe} openedLinks={openedLinks} welcome={welcome} siteChips={siteChips} />, document.getElementById('app')!);
