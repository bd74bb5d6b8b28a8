/**
 * Loads the sidebar UI into a page that has something to show: injected (never web-accessible, so a
 * page cannot detect the extension), once per document, after a cheap probe. Browser adapter over
 * `browser.scripting`; imported by the background.
 */
import { browser } from 'wxt/browser';
import { SIDEBAR_BRIDGE_KEY } from './sidebar-bridge';

/** The bundle the background injects (entrypoints/sidebar-ui/). */
export const SIDEBAR_UI_FILE = '/sidebar-ui.js';

/** Where the asking content script runs. */
export interface SidebarTarget {
  tabId: number;
  documentId?: string;
  frameId?: number;
}

/** Runs in the page's isolated world: whether the UI bundle has started there already. */
function uiLoaded(key: string): boolean {
  return !!(globalThis as unknown as Record<string, { view?: unknown } | undefined>)[key]?.view;
}

/**
 * Injects the sidebar UI into the asking document unless it is there already (the UI also guards
 * itself against a second start). Targets the document, so a navigation meanwhile gets nothing.
 */
export async function injectSidebarUi({ tabId, documentId, frameId }: SidebarTarget): Promise<void> {
  const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId ?? 0] };
  const [probe] = await browser.scripting.executeScript({ target, func: uiLoaded, args: [SIDEBAR_BRIDGE_KEY] });
  if (!probe?.result) await browser.scripting.executeScript({ target, files: [SIDEBAR_UI_FILE] });
}
