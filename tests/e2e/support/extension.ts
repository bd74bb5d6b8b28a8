/**
 * The one e2e fixture: launches Debian Chromium with the built extension on a fresh profile,
 * finds the extension id, and offers helpers that talk to the extension like its own pages do.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, PORT, SCREENSHOT_DIR, WORK_DIR } from './paths';
import { chromiumArgs, CHROMIUM_PATH } from '../../../scripts/chromium';

export interface LensBrowser {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** An extension page (popup.html) kept open to call extension APIs from. */
  extensionPage(): Promise<Page>;
  /** Sends a runtime message as an extension page would, returning the unwrapped reply. */
  send<T = any>(message: unknown): Promise<T>;
  /** Badge text for a tab. */
  badge(tabId: number): Promise<string>;
  /** Id of the tab showing `page`. */
  tabIdOf(page: Page): Promise<number>;
  /** Waits until a sync has finished with articles stored; returns the status report. */
  waitForSync(minArticles?: number, timeoutMs?: number): Promise<any>;
  /** Stops the extension's service worker (as MV3 does to idle workers). */
  stopServiceWorker(): Promise<void>;
  serviceWorker(): Promise<Worker>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

// Extension APIs as seen inside `page.evaluate` callbacks (they run in the extension page).
declare const chrome: any;

export const CHROMIUM = CHROMIUM_PATH;

/**
 * Launches Chromium with the extension. `profileDir` lets a test relaunch on the same profile; `args` adds
 * flags (`--lang=de`), `env` sets the browser's environment (`LANGUAGE=de`, as a German Linux desktop does).
 */
export async function launchLens(
  options: { profileDir?: string; extensionDir?: string; colorScheme?: 'light' | 'dark'; args?: readonly string[]; env?: Record<string, string> } = {},
): Promise<LensBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  mkdirSync(WORK_DIR, { recursive: true });
  const profileDir = options.profileDir ?? mkdtempSync(join(WORK_DIR, 'profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: false, // --headless=new below: extensions need the new headless mode
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    args: chromiumArgs(extensionDir, PORT, options.args),
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  let helperPage: Page | undefined;

  const extensionPage = async () => {
    if (!helperPage || helperPage.isClosed()) {
      helperPage = await context.newPage();
      await helperPage.goto(`chrome-extension://${extensionId}/popup.html?tabId=0`);
    }
    return helperPage;
  };

  const send = async <T>(message: unknown): Promise<T> => {
    const page = await extensionPage();
    const envelope = await page.evaluate((m) => chrome.runtime.sendMessage(m), message as any);
    if (!envelope) throw new Error(`no answer to ${JSON.stringify(message)}`);
    if (!envelope.ok) throw new Error(envelope.error);
    return envelope.value as T;
  };

  const lens: LensBrowser = {
    context,
    extensionId,
    profileDir,
    extensionPage,
    send,
    async badge(tabId) {
      const page = await extensionPage();
      return page.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    },
    async tabIdOf(target) {
      const page = await extensionPage();
      const url = target.url();
      const tabs: { id?: number; url?: string }[] = await page.evaluate(() => chrome.tabs.query({}));
      const tab = tabs.find((t) => t.url === url);
      if (tab?.id === undefined) throw new Error(`no tab for ${url}: ${tabs.map((t) => t.url).join(', ')}`);
      return tab.id;
    },
    async waitForSync(minArticles = 1, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last: any;
      while (Date.now() < deadline) {
        last = await send<any>({ type: 'status' }).catch((e) => ({ error: String(e) }));
        if (last?.summary && last.summary.state !== 'syncing' && last.summary.articleCount >= minArticles) return last;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`sync did not finish: ${JSON.stringify(last)?.slice(0, 2000)}`);
    },
    async stopServiceWorker() {
      const page = await extensionPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach().catch(() => {});
    },
    async serviceWorker() {
      const [current] = context.serviceWorkers();
      return current ?? context.waitForEvent('serviceworker');
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return lens;
}

/** Opens the popup for `tabId` in its own page, sized like the real popup. */
export async function openPopup(lens: LensBrowser, tabId: number): Promise<Page> {
  const page = await lens.context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${lens.extensionId}/popup.html?tabId=${tabId}`);
  return page;
}
