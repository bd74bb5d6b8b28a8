/**
 * The Firefox e2e fixture: launches Debian's Firefox ESR headless through WebDriver BiDi (puppeteer-core),
 * installs the built extension as a temporary add-on under a fixed UUID, and offers helpers that talk to
 * the extension like its own pages do. Every http request goes to the local test server, which Firefox
 * uses as its HTTP proxy (the counterpart of Chromium's host-resolver rule), so URLs keep their real hosts.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PORT, SCREENSHOT_DIR } from '../../e2e/support/paths';
import { FIREFOX_EXTENSION_DIR } from './firefox-paths';
import { EXTENSION_UUID, FIREFOX_ARGS, FIREFOX_PATH, firefoxPrefs } from '../../../scripts/firefox';

// Extension APIs as seen inside `page.evaluate` callbacks (they run in the extension page).
declare const browser: any;

export interface FirefoxLens {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  origin: string;
  /** Opens an extension page (e.g. `popup.html?tabId=3`) in a new tab and waits until it has rendered. */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** An extension page kept open to call extension APIs from. */
  extensionPage(): Promise<Page>;
  /** Sends a runtime message as an extension page would, returning the unwrapped reply. */
  send<T = any>(message: unknown): Promise<T>;
  badge(tabId: number): Promise<string>;
  /** Opens `url` in a new tab; returns the page and its tab id. */
  open(url: string): Promise<{ page: Page; tabId: number }>;
  tabIdOf(page: Page): Promise<number>;
  /** Waits until a sync has finished with at least `minArticles` stored; returns the status report. */
  waitForSync(minArticles?: number, timeoutMs?: number): Promise<any>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Launches Firefox and installs the extension (temporary add-on). */
export async function launchFirefoxLens(options: { extensionDir?: string; colorScheme?: 'light' | 'dark'; prefs?: Record<string, unknown> } = {}): Promise<FirefoxLens> {
  const dark = options.colorScheme === 'dark';
  const instance = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: FIREFOX_ARGS,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: firefoxPrefs(PORT, {
      // 0 = dark, 1 = light: the web content's prefers-color-scheme, extension pages included.
      'layout.css.prefers-color-scheme.content-override': dark ? 0 : 1,
      'ui.systemUsesDarkTheme': dark ? 1 : 0,
      ...options.prefs,
    }),
  });
  await instance.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
  const origin = `moz-extension://${EXTENSION_UUID}`;
  let helper: Page | undefined;

  const openExtensionPage = async (path: string, viewport?: { width: number; height: number }): Promise<Page> => {
    const page = await instance.newPage();
    if (viewport) await page.setViewport(viewport);
    const url = `${origin}/${path}`;
    // goto() to a moz-extension: page never resolves over BiDi: start it and watch the location instead.
    page.goto(url).catch(() => {});
    const deadline = Date.now() + 15_000;
    for (;;) {
      const state = await page.evaluate(() => [location.href, document.readyState]).catch(() => undefined);
      if (state && state[0] === url && state[1] === 'complete') break;
      if (Date.now() > deadline) throw new Error(`extension page ${url} did not load (at ${state?.[0]})`);
      await sleep(100);
    }
    return page;
  };

  const extensionPage = async () => {
    if (!helper || helper.isClosed()) helper = await openExtensionPage('popup.html?tabId=0');
    return helper;
  };

  const send = async <T>(message: unknown): Promise<T> => {
    const page = await extensionPage();
    const envelope = await page.evaluate((m) => browser.runtime.sendMessage(m), message as any);
    if (!envelope) throw new Error(`no answer to ${JSON.stringify(message)}`);
    if (!envelope.ok) throw new Error(envelope.error);
    return envelope.value as T;
  };

  const tabIdOf = async (target: Page) => {
    const page = await extensionPage();
    const url = target.url();
    const tabs: { id?: number; url?: string }[] = await page.evaluate(() => browser.tabs.query({}));
    const tab = tabs.find((t) => t.url === url);
    if (tab?.id === undefined) throw new Error(`no tab for ${url}: ${tabs.map((t) => t.url).join(', ')}`);
    return tab.id;
  };

  return {
    browser: instance,
    origin,
    openExtensionPage,
    extensionPage,
    send,
    tabIdOf,
    async badge(tabId) {
      const page = await extensionPage();
      return page.evaluate((id) => browser.action.getBadgeText({ tabId: id }), tabId);
    },
    async open(url) {
      const page = await instance.newPage();
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response && response.status() !== 200 && response.status() !== 304) throw new Error(`${url}: HTTP ${response.status()}`);
      return { page, tabId: await tabIdOf(page) };
    },
    async waitForSync(minArticles = 1, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last: any;
      while (Date.now() < deadline) {
        last = await send<any>({ type: 'status' }).catch((e) => ({ error: String(e) }));
        if (last?.summary && last.summary.state !== 'syncing' && last.summary.articleCount >= minArticles) return last;
        await sleep(250);
      }
      throw new Error(`sync did not finish: ${JSON.stringify(last)?.slice(0, 2000)}`);
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `firefox-${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await instance.close();
    },
  };
}

/**
 * Prefs that make desktop Firefox report a touch-only pointer (`pointer: coarse`, `hover: none`), as
 * Firefox for Android on a phone does; bitmask 1 = coarse, no fine pointer, no hover.
 */
export const PHONE_POINTER_PREFS = { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 } as const;

/** Polls `read` until `accept` holds; throws with the last value after `timeoutMs`. */
export async function waitUntil<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (e) {
      error = e;
    }
    await sleep(150);
  }
  throw new Error(`${what} not reached: last ${JSON.stringify(last)?.slice(0, 500)}${error ? ` (${String(error)})` : ''}`);
}
