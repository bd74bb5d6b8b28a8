/**
 * How our harnesses start Debian's Firefox ESR with the extension: the Firefox e2e tests and
 * `npm start -- --browser firefox` share these prefs and this launch so they test the same browser setup. Node only.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's Firefox ESR (apt-get install firefox-esr); `FIREFOX_PATH` overrides. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on id in the Firefox manifest (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'health-ai-lens@example.org';
/** A fixed internal UUID, so extension page URLs are known before install. */
export const EXTENSION_UUID = '6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f';

/**
 * Prefs of every run: the fixed add-on UUID, and all http traffic sent to the local server as its HTTP
 * proxy (Chromium's host-resolver rule, Firefox style), so real news URLs reach it; https goes nowhere.
 * @param port the local server's port
 */
export function firefoxPrefs(port: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    // https is never proxied anywhere real: a request that would leave the machine fails instead.
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': 9,
    // Plain http article URLs stay http (the local server speaks no TLS).
    'dom.security.https_first': false,
    'dom.security.https_first_pbm': false,
    'browser.fixup.fallback-to-https': false,
    ...extra,
  };
}

/** Launch arguments: extension pages (moz-extension:) are reachable over WebDriver BiDi only with this. */
export const FIREFOX_ARGS = ['--remote-allow-system-access'];

/** The extension's pages in the Firefox these harnesses start (fixed by the UUID pref). */
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/**
 * Starts headless Firefox ESR over WebDriver BiDi with {@link firefoxPrefs} and installs the unpacked
 * extension as a temporary add-on. The one launch of the Firefox tests and `npm start -- --browser firefox`.
 * @param options.colorScheme the web content's prefers-color-scheme (extension pages included)
 */
export async function launchFirefoxWithExtension(options: {
  extensionDir: string;
  port: number;
  colorScheme?: 'light' | 'dark';
  prefs?: Record<string, unknown>;
}): Promise<Browser> {
  const dark = options.colorScheme === 'dark';
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: FIREFOX_ARGS,
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: firefoxPrefs(options.port, {
      // 0 = dark, 1 = light.
      'layout.css.prefers-color-scheme.content-override': dark ? 0 : 1,
      'ui.systemUsesDarkTheme': dark ? 1 : 0,
      ...options.prefs,
    }),
  });
  try {
    await browser.installExtension(options.extensionDir);
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Opens an extension page (`popup.html?tabId=3`) in a new tab of `browser` once it has loaded. */
export async function openFirefoxExtensionPage(browser: Browser, path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage();
  if (viewport) await page.setViewport(viewport);
  const url = `${FIREFOX_EXTENSION_ORIGIN}/${path}`;
  // goto() to a moz-extension: page never resolves over BiDi: start it and watch the location instead.
  page.goto(url).catch(() => {});
  const deadline = Date.now() + 15_000;
  for (;;) {
    const state = await page.evaluate(() => [location.href, document.readyState]).catch(() => undefined);
    if (state && state[0] === url && state[1] === 'complete') return page;
    if (Date.now() > deadline) throw new Error(`extension page ${url} did not load (at ${state?.[0]})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
