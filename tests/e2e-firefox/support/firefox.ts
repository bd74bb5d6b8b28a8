/**
 * The Firefox e2e fixture: launches Debian's Firefox ESR headless through WebDriver BiDi (puppeteer-core),
 * installs the built extension as a temporary add-on under a fixed UUID, and offers helpers that talk to
 * the extension like its own pages do. Every http request goes to the local test server, which Firefox
 * uses as its HTTP proxy (the counterpart of Chromium's host-resolver rule), so URLs keep their real hosts.
 */
import type { Browser, Frame, Page } from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PORT, SCREENSHOT_DIR } from '../../e2e/support/paths';
import { FIREFOX_EXTENSION_DIR } from './firefox-paths';
import { FIREFOX_EXTENSION_ORIGIN, launchFirefoxWithExtension, openFirefoxExtensionPage } from '../../../scripts/firefox';
import { domReaders, extensionHelpers, sleep, waitUntil, type LensDriver, type LensFrame, type LensPage } from '../../e2e-shared/driver';

export { waitUntil };

/** Firefox's driver (puppeteer-core over WebDriver BiDi), with the Firefox-only handles its own specs use. */
export interface FirefoxLens extends LensDriver<Page> {
  browser: Browser;
  /** An extension page kept open to call extension APIs from. */
  extensionPage(): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
  screenshot(page: Page, name: string): Promise<string>;
  /**
   * Presses a key chord in the browser window as the keyboard would (a trusted key event dispatched to
   * the window's focused element, so browser shortcuts such as extension commands see it).
   */
  pressInBrowserWindow(key: { key: string; code: string; keyCode: number }, modifiers: ('Alt' | 'Shift' | 'Control')[]): Promise<void>;
}

/** Launches Firefox and installs the extension (temporary add-on). */
export async function launchFirefoxLens(options: { extensionDir?: string; colorScheme?: 'light' | 'dark'; prefs?: Record<string, unknown> } = {}): Promise<FirefoxLens> {
  const instance = await launchFirefoxWithExtension({
    extensionDir: options.extensionDir ?? FIREFOX_EXTENSION_DIR,
    port: PORT,
    colorScheme: options.colorScheme ?? 'light',
    ...(options.prefs ? { prefs: options.prefs } : {}),
  });
  const origin = FIREFOX_EXTENSION_ORIGIN;
  let helper: Page | undefined;
  const openNativeExtensionPage = (path: string, viewport?: { width: number; height: number }) => openFirefoxExtensionPage(instance, path, viewport);

  const extensionPage = async () => {
    if (!helper || helper.isClosed()) helper = await openNativeExtensionPage('popup.html?tabId=0');
    return helper;
  };

  const evaluateInExtension: LensDriver['evaluateInExtension'] = async (fn, arg) => (await extensionPage()).evaluate(fn as any, arg);
  const helpers = extensionHelpers(evaluateInExtension);
  const screenshot = async (page: Page, name: string) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `firefox-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  const wrap = (page: Page) => lensPage(page, (name) => screenshot(page, name));
  const connection = () => (instance as any).connection as { send(method: string, params: object): Promise<any> };

  return {
    browserName: 'firefox',
    browser: instance,
    origin,
    extensionPage,
    ...helpers,
    evaluateInExtension,
    async evaluateInBackground(fn, arg) {
      // The event page is no BiDi realm: an extension page reaches its global through runtime.getBackgroundPage().
      const page = await extensionPage();
      return page.evaluate(`(async () => (${fn.toString()})(await browser.runtime.getBackgroundPage(), ${JSON.stringify(arg)}))()`) as Promise<any>;
    },
    tabIdOf: (target) => helpers.tabIdOfUrl(target.url()),
    async open(url) {
      const page = await instance.newPage();
      const response = await page.goto(url, { waitUntil: 'load' });
      if (response && response.status() !== 200 && response.status() !== 304) throw new Error(`${url}: HTTP ${response.status()}`);
      return { page: wrap(page), tabId: await helpers.tabIdOfUrl(page.url()) };
    },
    openExtensionPage: async (path, viewport) => wrap(await openNativeExtensionPage(path, viewport)),
    screenshot,
    async pressInBrowserWindow(key, modifiers) {
      // BiDi input actions reach only the page's content; the browser window (a privileged context,
      // listed with --remote-allow-system-access) gets the chord through its own text input processor.
      const tree = await connection().send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const windowContext = (tree.result ?? tree).contexts[0].context;
      const expression = `(() => {
        const tip = Components.classes['@mozilla.org/text-input-processor;1'].createInstance(Components.interfaces.nsITextInputProcessor);
        if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
        const modifiers = ${JSON.stringify(modifiers)}.map((name) => new KeyboardEvent('', { key: name, code: name + 'Left', keyCode: KeyboardEvent['DOM_VK_' + name.toUpperCase()] }));
        const key = new KeyboardEvent('', ${JSON.stringify(key)});
        for (const m of modifiers) tip.keydown(m);
        tip.keydown(key);
        tip.keyup(key);
        for (const m of modifiers.reverse()) tip.keyup(m);
      })()`;
      const answer = await connection().send('script.evaluate', { expression, target: { context: windowContext }, awaitPromise: false });
      const result = answer.result ?? answer;
      if (result.type === 'exception') throw new Error(`key press in the browser window failed: ${JSON.stringify(result.exceptionDetails).slice(0, 500)}`);
    },
    async close() {
      await instance.close();
    },
  };
}

/** A puppeteer page or frame as the shared specs' LensFrame. */
function lensFrame(frame: Frame | Page): LensFrame {
  const evaluate: LensFrame['evaluate'] = (fn, arg) => frame.evaluate(fn as any, arg) as Promise<any>;
  return {
    ...domReaders(evaluate),
    evaluate,
    waitFor: async (selector, timeoutMs = 10_000) => {
      await frame.waitForSelector(selector, { timeout: timeoutMs });
    },
    click: (selector) => frame.click(selector),
    fill: async (selector, value) => {
      await frame.$eval(selector, (el) => ((el as HTMLInputElement).value = ''));
      await frame.type(selector, value);
    },
  };
}

/** The sidebar's framed extension page in `page` (its URL is the extension's own: Firefox has no dynamic ids). */
async function findSidebarFrame(page: Page, timeoutMs: number): Promise<LensFrame> {
  const frame = await waitUntil(
    async () => page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith('moz-extension://') && new URL(f.url()).pathname === '/sidebar-frame.html'),
    (f) => f !== undefined,
    timeoutMs,
    `sidebar frame in ${page.url()}`,
  );
  const wrapped = lensFrame(frame!);
  await wrapped.waitFor('button.hal-sidebar-tab', timeoutMs);
  return wrapped;
}

/** A puppeteer page as the shared specs' LensPage. */
function lensPage(page: Page, screenshot: (name: string) => Promise<string>): LensPage<Page> {
  return {
    ...lensFrame(page),
    native: page,
    url: () => page.url(),
    sidebarFrame: (timeoutMs = 15_000) => findSidebarFrame(page, timeoutMs),
    screenshot,
    close: () => page.close(),
  };
}

/**
 * Prefs that make desktop Firefox report a touch-only pointer (`pointer: coarse`, `hover: none`), as
 * Firefox for Android on a phone does; bitmask 1 = coarse, no fine pointer, no hover.
 */
export const PHONE_POINTER_PREFS = { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 } as const;
