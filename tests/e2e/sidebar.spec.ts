/**
 * The in-page sidebar in real Chromium on locally served pages: shows on matched articles and on
 * relevant covered-site articles only, survives hostile page CSS, obeys its controls, follows SPA navigation.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { articlePage, sampleArticles, type TestServer } from './support/server';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
/** Long enough for the content script to ask the background and (not) mount; a negative check waits this. */
const SETTLE_MS = 2000;

// Extension APIs inside `page.evaluate` callbacks that run in the extension page.
declare const chrome: any;

const http = (url: string) => url.replace(/^https:/, 'http:');
const host = (page: Page) => page.locator('health-ai-lens');
const toggle = (page: Page) => page.getByRole('button', { name: /^Health AI Lens/ });
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** The sidebar UI bundle the background injects (entrypoints/sidebar-ui/); the base content script is tiny. */
const UI_SCRIPT = '/sidebar-ui.js';
const BASE_SCRIPT = '/content-scripts/sidebar.js';
/** Global of our isolated world where the base script and the UI meet (lib/browser/sidebar-bridge.ts). */
const BRIDGE = '__healthAiLensSidebar';

/** What the extension runs in a page, seen through CDP: pages cannot see our isolated world. */
interface ExtensionWatch {
  /** Paths of our script files parsed in the page since watching began, one per evaluation (e.g. `/sidebar-ui.js`). */
  scripts: string[];
  /** In our isolated world of the top frame: whether the base script set up the bridge, and whether the UI took it. */
  bridge(): Promise<{ present: boolean; uiLoaded: boolean }>;
}

/** Starts watching `page` before anything runs in it (a replay would miss scripts already collected). */
async function watchExtension(page: Page, extensionId: string): Promise<ExtensionWatch> {
  const cdp = await page.context().newCDPSession(page);
  const origin = `chrome-extension://${extensionId}`;
  const scripts: string[] = [];
  const worlds = new Map<string, number>(); // frame id → our isolated world's context id
  cdp.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith(origin)) scripts.push(url.slice(origin.length));
  });
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === origin && context.auxData?.frameId) worlds.set(context.auxData.frameId, context.id);
  });
  await cdp.send('Debugger.enable');
  await cdp.send('Runtime.enable');
  return {
    scripts,
    async bridge() {
      const frameId = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
      const contextId = worlds.get(frameId);
      expect(contextId, 'our isolated world in the top frame').toBeDefined();
      const { result } = await cdp.send('Runtime.evaluate', {
        contextId,
        expression: `({ present: typeof globalThis.${BRIDGE} === 'object', uiLoaded: !!globalThis.${BRIDGE}?.view })`,
        returnByValue: true,
      });
      return result.value;
    },
  };
}

const count = (scripts: string[], script: string) => scripts.filter((parsed) => parsed === script).length;

describe('in-page sidebar', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const articles = sampleArticles();
  const seed = articles.find((a) => a.file === SEED)!;
  const seedUrl = http(seed.webUrl);
  const seedSite = new URL(seed.webUrl).host;
  // Another scored article on a small site (big news sites are HSTS-preloaded: no plain-http pages).
  const SMALL_SITES = ['www.openpr.com', 'www.medindia.net', 'www.tmcnet.com', 'www.wfmz.com'];
  const other = articles.find((a) => a.quality !== undefined && SMALL_SITES.includes(new URL(a.webUrl).host))!;

  useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  async function open(url: string): Promise<Page> {
    const page = await lens.context.newPage();
    await page.goto(url);
    return page;
  }

  /** Like `open`, watching what the extension runs in the page from before it loads. */
  async function openWatched(url: string): Promise<{ page: Page; watch: ExtensionWatch }> {
    const page = await lens.context.newPage();
    const watch = await watchExtension(page, lens.extensionId);
    await page.goto(url);
    return { page, watch };
  }

  it('a matched article gets a collapsed tab in an open shadow root; expanded it shows score and related links', async () => {
    const { page, watch } = await openWatched(seedUrl);
    await host(page).waitFor({ state: 'attached', timeout: 15_000 });
    expect(await host(page).evaluate((el) => el.shadowRoot?.mode)).toBe('open');
    expect(await toggle(page).getAttribute('aria-label')).toBe('Health AI Lens: quality 59');
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-testid="match-title"]').count()).toBe(0);
    // The background injected the UI bundle, once, into the isolated world the base script set up.
    expect(watch.scripts).toEqual([BASE_SCRIPT, UI_SCRIPT]);
    expect(await watch.bridge()).toEqual({ present: true, uiLoaded: true });
    await lens.screenshot(page, 'sidebar-collapsed');

    await toggle(page).click();
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.locator('[data-testid="match-title"]').textContent()).toBe(seed.title);
    expect(await page.locator('[data-testid="quality-score"]').textContent()).toBe('59');
    const hrefs = await page.locator('[data-testid="related-list"] a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(seed.related).toHaveLength(2);
    for (const related of seed.related) expect(hrefs).toContain(related.webUrl);
    await lens.screenshot(page, 'sidebar-expanded');

    await page.getByRole('button', { name: 'Collapse' }).click();
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-testid="match-title"]').count()).toBe(0);
    await page.close();
  });

  it('the keyboard-shortcut message from our background toggles it; "close for this page" removes it', async () => {
    const page = await open(seedUrl);
    await toggle(page).waitFor({ timeout: 15_000 });
    const tabId = await lens.tabIdOf(page);
    const helper = await lens.extensionPage();
    await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'toggleSidebar' }), tabId);
    await expect.poll(() => toggle(page).getAttribute('aria-expanded')).toBe('true');
    await page.locator('[data-testid="match-title"]').waitFor();

    // A page cannot forge the command: window messages never reach the extension's listener.
    await page.getByRole('button', { name: 'Close for this page' }).click();
    await host(page).waitFor({ state: 'detached' });
    await page.evaluate(() => window.postMessage({ type: 'toggleSidebar' }, '*'));
    await settle();
    expect(await host(page).count()).toBe(0);
    // The shortcut brings it back, expanded.
    await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'toggleSidebar' }), tabId);
    await expect.poll(() => toggle(page).getAttribute('aria-expanded')).toBe('true');
    await page.close();
  });

  it('the UI bundle injected again keeps one sidebar, in the same state', async () => {
    const { page, watch } = await openWatched(seedUrl);
    await toggle(page).click({ timeout: 15_000 });
    await page.locator('[data-testid="match-title"]').waitFor();
    const tabId = await lens.tabIdOf(page);
    const helper = await lens.extensionPage();
    for (let i = 0; i < 2; i++) {
      await helper.evaluate((id) => chrome.scripting.executeScript({ target: { tabId: id, frameIds: [0] }, files: ['/sidebar-ui.js'] }), tabId);
    }
    await expect.poll(() => count(watch.scripts, UI_SCRIPT)).toBe(3); // ours plus the background's
    expect(await host(page).count()).toBe(1);
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('true');
    // One UI listens for the shortcut: a second one would toggle it back.
    await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'toggleSidebar' }), tabId);
    await expect.poll(() => toggle(page).getAttribute('aria-expanded')).toBe('false');
    expect(await host(page).count()).toBe(1);
    await page.close();
  });

  it('a covered-site article not in the dataset gets suggestions only when relevant', async () => {
    const relevantUrl = `http://${seedSite}/news/hospitals-adopt-machine-learning-for-patient-data`;
    const gardeningUrl = `http://${seedSite}/news/planting-tomatoes-in-raised-beds`;
    server.page(relevantUrl, articlePage('Hospitals adopt machine learning and AI to analyse patient health data', {
      head: '<meta name="description" content="Artificial intelligence in healthcare: data-driven medicine and health data.">',
    }));
    server.page(gardeningUrl, articlePage('Planting tomatoes in raised beds this spring', {
      head: '<meta name="description" content="Soil, compost, watering and sunlight for a better harvest.">',
    }));

    const relevant = await open(relevantUrl);
    await toggle(relevant).waitFor({ timeout: 15_000 });
    expect(await toggle(relevant).getAttribute('aria-label')).toMatch(/^Health AI Lens: \d+ suggested articles?$/);
    await toggle(relevant).click();
    await relevant.locator('[data-testid="related-list"] a[href]').first().waitFor();
    expect(await relevant.locator('[data-testid="match-title"]').count()).toBe(0);
    await lens.screenshot(relevant, 'sidebar-suggestions');

    const gardening = await open(gardeningUrl);
    await settle();
    expect(await host(gardening).count()).toBe(0);
    await relevant.close();
    await gardening.close();
  });

  it('a page that is not news gets no host element at all, and not even the UI code', async () => {
    server.page('http://example.org/recipes/lemon-cake', '<!doctype html><title>Lemon cake</title><p>Flour, sugar, lemons.</p>');
    const { page, watch } = await openWatched('http://example.org/recipes/lemon-cake');
    await settle();
    expect(await host(page).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('health-ai-lens');
    // Only the small base script ran (it asked and got nothing to show); the UI bundle was never injected.
    expect(watch.scripts).toEqual([BASE_SCRIPT]);
    expect(await watch.bridge()).toEqual({ present: true, uiLoaded: false });
    // Nothing the page can see: no global of ours in the main world.
    expect(await page.evaluate((name) => name in window, BRIDGE)).toBe(false);
    await page.close();
  });

  it('hostile page CSS (all: unset, max z-index overlay, dark) leaves the panel readable and the page unchanged', async () => {
    const hostile = (title: string, ogType = 'article') =>
      articlePage(title, {
        ogType,
        head: `<style>* { all: unset !important; } html { color-scheme: dark; } body { background: #000; color: #eee; }</style>`,
        body: `<p>Article text.</p><div id="overlay" style="position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; display: block !important; background: rgba(0,0,0,0.2) !important;"></div>`,
      });
    const matchedUrl = http(other.webUrl);
    const plainUrl = 'http://example.org/hostile/not-in-the-dataset';
    server.page(matchedUrl, hostile(other.title));
    server.page(plainUrl, hostile(other.title, 'website')); // same page, but nothing to show

    const snapshot = (page: Page) =>
      page.evaluate(() => {
        const props = ['display', 'position', 'color', 'background-color', 'font-size', 'margin-top', 'width', 'height', 'z-index', 'color-scheme'];
        const elements = [...document.querySelectorAll('*')].filter((el) => el.localName !== 'health-ai-lens');
        return {
          styleSheets: document.styleSheets.length,
          adopted: document.adoptedStyleSheets.length,
          styles: elements.map((el) => `${el.localName}: ${props.map((p) => getComputedStyle(el).getPropertyValue(p)).join('|')}`),
        };
      });

    const plain = await open(plainUrl);
    await plain.emulateMedia({ colorScheme: 'dark' });
    await settle();
    expect(await host(plain).count()).toBe(0);
    const reference = await snapshot(plain);

    const page = await open(matchedUrl);
    await page.emulateMedia({ colorScheme: 'dark' });
    await toggle(page).waitFor({ timeout: 15_000 });
    expect(await snapshot(page)).toEqual(reference);

    const box = (await toggle(page).boundingBox())!;
    expect(box.width).toBeGreaterThan(20);
    expect(box.height).toBeGreaterThan(20);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const onTop = await page.evaluate(([px, py]) => {
      const top = document.elementFromPoint(px!, py!);
      const inner = top?.shadowRoot?.elementFromPoint(px!, py!);
      return { top: top?.localName, inner: inner?.closest('button')?.getAttribute('aria-label') };
    }, [x, y]);
    expect(onTop).toEqual({ top: 'health-ai-lens', inner: `Health AI Lens: quality ${other.quality}` });
    await page.mouse.click(x, y);
    await expect.poll(() => toggle(page).getAttribute('aria-expanded')).toBe('true');
    await page.locator('[data-testid="match-title"]').waitFor();
    expect(await page.locator('[data-testid="quality-score"]').textContent()).toBe(String(other.quality));
    // Dark scheme inside the panel: light text on a dark background.
    const colors = await page.locator('.hal-root').first().evaluate((el) => {
      const style = getComputedStyle(el);
      return { color: style.color, background: style.backgroundColor };
    });
    expect(colors).toEqual({ color: 'rgb(232, 234, 237)', background: 'rgb(27, 28, 31)' });
    expect(await snapshot(page)).toEqual(reference);
    await lens.screenshot(page, 'sidebar-hostile-dark');
    await plain.close();
    await page.close();
  });

  it('SPA navigation from a matched to an unmatched URL removes the panel, and back brings it again', async () => {
    const spaUrl = http(other.webUrl);
    server.page(spaUrl, articlePage(other.title, {
      body: `<p>Article text.</p><script>
        window.goElsewhere = () => {
          history.pushState({}, '', '/about/contact');
          document.title = 'Contact us';
          document.querySelector('meta[property="og:type"]').setAttribute('content', 'website');
          document.querySelector('meta[property="og:title"]').setAttribute('content', 'Contact us');
        };
      </script>`,
    }));
    const { page, watch } = await openWatched(spaUrl);
    await toggle(page).waitFor({ timeout: 15_000 });
    await page.evaluate(() => (window as any).goElsewhere());
    await host(page).waitFor({ state: 'detached', timeout: 15_000 });
    await page.goBack();
    await page.evaluate(() => {
      document.title = 'back';
    });
    await toggle(page).waitFor({ timeout: 15_000 });
    expect(await toggle(page).getAttribute('aria-label')).toBe(`Health AI Lens: quality ${other.quality}`);
    expect(await host(page).count()).toBe(1);
    // The UI stayed loaded across the navigations: injected once, not again on the way back.
    expect(count(watch.scripts, UI_SCRIPT)).toBe(1);
    await page.close();
  });

  it('"Don\'t show on this site" removes it at once and sticks after reload', async () => {
    const page = await open(seedUrl);
    await toggle(page).click({ timeout: 15_000 });
    await page.getByRole('button', { name: "Don't show on this site" }).click();
    await host(page).waitFor({ state: 'detached' });
    const helper = await lens.extensionPage();
    const stored = await helper.evaluate(() => chrome.storage.local.get('settings'));
    expect(stored.settings.sidebar.blockedSites).toEqual(['cointelegraph.com']);

    await page.reload();
    await settle();
    expect(await host(page).count()).toBe(0);
    // The badge still works: blocking hides only the in-page sidebar.
    expect(await lens.badge(await lens.tabIdOf(page))).toBe('59');

    // Unblocking (as the options page does) brings it back live, without reload.
    await helper.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      settings.sidebar.blockedSites = [];
      await chrome.storage.local.set({ settings });
    });
    await toggle(page).waitFor({ timeout: 15_000 });
    await page.close();
  });
});
