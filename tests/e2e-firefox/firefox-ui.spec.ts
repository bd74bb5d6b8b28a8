/**
 * Firefox's own UI in real Firefox: the side panel is a `sidebar_action` showing the same panel for the
 * active tab of its window, the sidebar keyboard shortcut is registered as declared, and the popup and
 * options page fit a 360 px phone screen (Firefox for Android shows them as full tabs; a touch-only
 * pointer is emulated by prefs) in light and dark mode, saved as screenshots.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PHONE_POINTER_PREFS, waitUntil, type FirefoxLens } from './support/firefox';
import { useSyncedFirefox } from './support/synced-firefox';
import { sampleArticles } from '../e2e/support/server';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
const SEED_HTTP = 'http://cointelegraph.com/news/the-next-generation-of-data-driven-healthcare-is-here';
const PHONE = { width: 360, height: 740 };

declare const browser: any;

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent).catch(() => null);
/** Widest horizontal overflow of the page beyond its viewport, in CSS px (0 when everything fits). */
const overflow = (page: Page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

describe('Firefox UI in real Firefox', () => {
  let lens: FirefoxLens;
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  // A touch-only pointer like a phone's: the sidebar_action and shortcut checks do not depend on it.
  useSyncedFirefox(
    (ready) => {
      lens = ready;
    },
    { prefs: PHONE_POINTER_PREFS },
  );

  it('the side panel is a sidebar_action whose page shows the match for its window\'s active tab', async () => {
    const helper = await lens.extensionPage();
    const manifest = await helper.evaluate(() => browser.runtime.getManifest());
    expect(manifest.sidebar_action?.default_panel).toBe(`${lens.origin}/sidepanel.html`);
    expect(manifest.side_panel).toBeUndefined();
    expect(manifest.permissions).not.toContain('sidePanel');
    expect(await helper.evaluate(() => browser.sidebarAction.getPanel({}))).toBe(`${lens.origin}/sidepanel.html`);

    // The seed article in a tab; the panel page, opened in a window of its own, is pinned to the
    // article's window (the real sidebar follows the window it is docked in).
    const article = await lens.open(SEED_HTTP);
    const windowId: number = await helper.evaluate(async (id) => (await browser.tabs.get(id)).windowId, article.tabId);
    const panelUrl = `${lens.origin}/sidepanel.html?windowId=${windowId}`;
    const panelWindow: number = await helper.evaluate(async (url) => (await browser.windows.create({ url })).id, panelUrl);
    // Puppeteer does not track moz-extension: URLs, so find the page by its own location.
    const hrefOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');
    const panel = await waitUntil(
      async () => {
        for (const page of await lens.browser.pages()) if ((await hrefOf(page)) === panelUrl) return page;
        return undefined;
      },
      (page) => page !== undefined,
      15_000,
      'the panel window',
    ).then((page) => page!);
    await panel.setViewport({ width: 360, height: 800 });
    await waitUntil(() => text(panel, '[data-testid="match-title"]'), (t) => t === seed.title, 15_000, 'panel match title');
    expect(await text(panel, '[data-testid="quality-score"]')).toBe('59');
    await lens.screenshot(panel, 'sidebar-action-matched');
    await helper.evaluate((id) => browser.windows.remove(id), panelWindow);
    await article.page.close();
  });

  it('declares Firefox for Android and no data collection; the extension CSP keeps http feeds http and scripts self-only', async () => {
    const helper = await lens.extensionPage();
    const manifest = await helper.evaluate(() => browser.runtime.getManifest());
    expect(manifest.browser_specific_settings.gecko_android).toBeDefined();
    // Firefox parsed the declaration (it fills in the defaults it read it with).
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toMatchObject({ required: ['none'], optional: [] });
    const policy: string = manifest.content_security_policy.extension_pages;
    expect(policy).not.toMatch(/upgrade-insecure-requests/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
  });

  it('registers the sidebar keyboard shortcut as declared (Firefox drops shortcuts it cannot parse)', async () => {
    const helper = await lens.extensionPage();
    const commands: { name: string; shortcut?: string }[] = await helper.evaluate(() => browser.commands.getAll());
    expect(commands.find((c) => c.name === 'toggle-sidebar')?.shortcut).toBe('Alt+Shift+L');
  });

  it('popup and options fit a 360 px phone screen (light)', () => checkPhone(lens, 'light'));
});

/** Opens the matched popup and the options page at 360 px: nothing scrolls sideways; screenshots. */
async function checkPhone(lens: FirefoxLens, scheme: 'light' | 'dark'): Promise<void> {
  const seed = sampleArticles().find((a) => a.file === SEED)!;
  const article = await lens.open(SEED_HTTP);
  await waitUntil(() => lens.badge(article.tabId), (b) => b === '59', 15_000, 'badge 59');
  const popup = (await lens.openExtensionPage(`popup.html?tabId=${article.tabId}`, PHONE)).native;
  await waitUntil(() => text(popup, '[data-testid="match-title"]'), (t) => t === seed.title, 10_000, 'match title');
  await waitUntil(() => popup.$$eval('[data-testid="related-list"] a[href]', (as) => as.length), (n) => n > 2, 15_000, 'related list');
  const options = (await lens.openExtensionPage('options.html', PHONE)).native;
  await options.waitForSelector('#hal-feed-url', { timeout: 10_000 });
  for (const [name, page] of [['popup', popup], ['options', options]] as const) {
    expect(await page.evaluate(() => matchMedia('(pointer: coarse) and (hover: none)').matches)).toBe(true);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
    expect(await overflow(page), `${name} at 360 px (${scheme}) scrolls sideways`).toBeLessThanOrEqual(0);
    await lens.screenshot(page, `${name}-360-${scheme}`);
  }
  await Promise.all([popup.close(), options.close(), article.page.close()]);
}

describe('Firefox UI in real Firefox, dark mode', () => {
  let lens: FirefoxLens;
  useSyncedFirefox(
    (ready) => {
      lens = ready;
    },
    { colorScheme: 'dark', prefs: PHONE_POINTER_PREFS },
  );

  it('popup and options fit a 360 px phone screen (dark)', () => checkPhone(lens, 'dark'));
});
