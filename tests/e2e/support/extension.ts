/**
 * The one e2e fixture: launches Debian Chromium with the built extension on a fresh profile,
 * finds the extension id, and offers helpers that talk to the extension like its own pages do.
 */
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, PORT, SCREENSHOT_DIR, WORK_DIR } from './paths';
import { CHROMIUM_PATH, launchChromiumWithExtension } from '../../../scripts/chromium';
import { domReaders, extensionHelpers, type LensDriver, type LensFrame, type LensPage } from '../../e2e-shared/driver';
import { sidebarFrame } from './sidebar-frame';

/** Chromium's driver (playwright-core over CDP), with the Chromium-only handles its own specs use. */
export interface LensBrowser extends LensDriver<Page> {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** An extension page (popup.html) kept open to call extension APIs from. */
  extensionPage(): Promise<Page>;
  /** Id of the tab showing `page`. */
  tabIdOf(page: Page): Promise<number>;
  /** Stops the extension's service worker (as MV3 does to idle workers). */
  stopServiceWorker(): Promise<void>;
  serviceWorker(): Promise<Worker>;
  screenshot(page: Page, name: string): Promise<string>;
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
  const { context, extensionId } = await launchChromiumWithExtension({
    extensionDir,
    port: PORT,
    profileDir,
    colorScheme: options.colorScheme ?? 'light',
    ...(options.args ? { args: options.args } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  let helperPage: Page | undefined;

  const extensionPage = async () => {
    if (!helperPage || helperPage.isClosed()) {
      helperPage = await context.newPage();
      await helperPage.goto(`chrome-extension://${extensionId}/popup.html?tabId=0`);
    }
    return helperPage;
  };

  const origin = `chrome-extension://${extensionId}`;
  const evaluateInExtension: LensDriver['evaluateInExtension'] = async (fn, arg) => (await extensionPage()).evaluate(fn as any, arg);
  const helpers = extensionHelpers(evaluateInExtension);
  const serviceWorker = async () => context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
  const screenshot = async (page: Page, name: string) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  const wrap = (page: Page) => lensPage(page, (name) => screenshot(page, name));

  const lens: LensBrowser = {
    browserName: 'chromium',
    origin,
    context,
    extensionId,
    profileDir,
    extensionPage,
    ...helpers,
    evaluateInExtension,
    async evaluateInBackground(fn, arg) {
      // CDP evaluation in the worker: the function goes as source, called with the worker's global.
      return (await serviceWorker()).evaluate(`(${fn.toString()})(globalThis, ${JSON.stringify(arg)})`);
    },
    async open(url) {
      const page = await context.newPage();
      const response = await page.goto(url);
      if (response && response.status() !== 200 && response.status() !== 304) throw new Error(`${url}: HTTP ${response.status()}`);
      return { page: wrap(page), tabId: await helpers.tabIdOfUrl(page.url()) };
    },
    async openExtensionPage(path, viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`${origin}/${path}`);
      return wrap(page);
    },
    tabIdOf: (target) => helpers.tabIdOfUrl(target.url()),
    async stopServiceWorker() {
      const page = await extensionPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach().catch(() => {});
    },
    serviceWorker,
    screenshot,
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return lens;
}

/** A Playwright page or frame as the shared specs' LensFrame. */
function lensFrame(frame: Frame | Page): LensFrame {
  const evaluate: LensFrame['evaluate'] = (fn, arg) => frame.evaluate(fn as any, arg);
  return {
    ...domReaders(evaluate),
    evaluate,
    waitFor: (selector, timeoutMs = 10_000) => frame.locator(selector).first().waitFor({ state: 'attached', timeout: timeoutMs }),
    click: (selector) => frame.locator(selector).first().click(),
    fill: (selector, value) => frame.locator(selector).first().fill(value),
  };
}

/** A Playwright page as the shared specs' LensPage. */
function lensPage(page: Page, screenshot: (name: string) => Promise<string>): LensPage<Page> {
  return {
    ...lensFrame(page),
    native: page,
    url: () => page.url(),
    sidebarFrame: async (timeoutMs) => lensFrame(await sidebarFrame(page, timeoutMs)),
    screenshot,
    close: () => page.close(),
  };
}

/** Opens the popup for `tabId` in its own page, sized like the real popup. */
export async function openPopup(lens: LensBrowser, tabId: number): Promise<Page> {
  const page = await lens.context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${lens.extensionId}/popup.html?tabId=${tabId}`);
  return page;
}
