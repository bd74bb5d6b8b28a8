/**
 * The in-page sidebar in real Chromium on locally served pages: an extension page framed inside a
 * closed shadow root on `<health-ai-lens>`. The shared sidebar specs (tests/e2e-shared/sidebar.ts) run
 * first; the rest go further where CDP reaches (parsed scripts, frame boxes, axe). Shows on matched
 * articles and on relevant covered-site articles only, survives hostile page CSS, obeys its controls
 * and the keyboard, follows SPA navigation.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { articlePage, sampleArticles, type TestServer } from './support/server';
import { sidebarSpecs } from '../e2e-shared/sidebar';
import { expandSidebar, findSidebarFrame, seriousViolations, sidebarFrame, sidebarToggle } from './support/sidebar-frame';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
/** Long enough for the content script to ask the background and (not) mount; a negative check waits this. */
const SETTLE_MS = 2000;

// Extension APIs inside `page.evaluate` callbacks that run in the extension page.
declare const chrome: any;

const http = (url: string) => url.replace(/^https:/, 'http:');
const host = (page: Page) => page.locator('health-ai-lens');
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
const BASE_SCRIPT = '/content-scripts/sidebar.js';

/** Paths of our script files parsed in the page (not in our frame) since watching began, seen through CDP. */
async function watchScripts(page: Page, extensionId: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const origin = `chrome-extension://${extensionId}`;
  const scripts: string[] = [];
  cdp.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith(origin)) scripts.push(url.slice(origin.length));
  });
  await cdp.send('Debugger.enable');
  return scripts;
}

/**
 * Clicks a control that removes the sidebar, frame and all: a pointer click would wait on a frame
 * that is gone by the time it finishes.
 */
const clickRemoving = (button: Locator) => button.evaluate((el) => (el as HTMLElement).click()).catch(() => {});

/** The iframe's box on the page (the host's only child, seen from outside). */
const frameBox = async (page: Page) => (await (await findSidebarFrame(page)!.frameElement()).boundingBox())!;

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

  const session = useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  sidebarSpecs(session);

  async function open(url: string): Promise<Page> {
    const page = await lens.context.newPage();
    await page.goto(url);
    return page;
  }

  const shortcut = async (page: Page) => {
    const tabId = await lens.tabIdOf(page);
    const helper = await lens.extensionPage();
    await helper.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'toggleSidebar' }), tabId);
  };

  it('a matched article gets a small framed tab; expanded, the frame grows to the panel with score and related links; axe-clean', async () => {
    const page = await lens.context.newPage();
    const scripts = await watchScripts(page, lens.extensionId);
    await page.goto(seedUrl);
    const frame = await sidebarFrame(page);
    expect(await host(page).evaluate((el) => el.shadowRoot)).toBeNull(); // closed
    const toggle = sidebarToggle(frame);
    expect(await toggle.getAttribute('aria-label')).toBe('Health AI Lens: quality 59');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await frame.locator('[data-testid="match-title"]').count()).toBe(0);
    // Only the small content script runs in the page; the UI is the frame's own document.
    expect(scripts).toEqual([BASE_SCRIPT]);
    await expect.poll(async () => (await frameBox(page)).width).toBeLessThan(100);
    const collapsed = await frameBox(page);
    expect(collapsed.height).toBeLessThan(200);
    expect(await seriousViolations(frame)).toEqual([]);
    await lens.screenshot(page, 'sidebar-collapsed');

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => frame.locator('[data-testid="match-title"]').textContent()).toBe(seed.title);
    expect(await frame.locator('[data-testid="quality-score"]').textContent()).toBe('59');
    const hrefs = await frame.locator('[data-testid="related-list"] a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(seed.related).toHaveLength(2);
    for (const related of seed.related) expect(hrefs).toContain(related.webUrl);
    await expect.poll(async () => (await frameBox(page)).width).toBeGreaterThan(300);
    expect((await frameBox(page)).height).toBeGreaterThan(collapsed.height);
    expect(await seriousViolations(frame)).toEqual([]);
    await lens.screenshot(page, 'sidebar-expanded');

    await frame.getByRole('button', { name: 'Collapse' }).click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await frame.locator('[data-testid="match-title"]').count()).toBe(0);
    await expect.poll(async () => (await frameBox(page)).width).toBeLessThan(100);
    await page.close();
  });

  it('the shortcut (background → content script → port) toggles with focus in the panel; Escape closes it and gives focus back to the page', async () => {
    const page = await open(seedUrl);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const frame = await sidebarFrame(page);
    await shortcut(page);
    await expect.poll(() => sidebarToggle(frame).getAttribute('aria-expanded')).toBe('true');
    await frame.locator('[data-testid="match-title"]').waitFor();
    // Keyboard focus went into the panel (so screen reader and keyboard users land there).
    await expect.poll(() => frame.evaluate(() => document.hasFocus() && !!document.activeElement?.closest('.hal-sidebar-panel'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => sidebarToggle(frame).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.hasFocus() && document.activeElement?.localName !== 'health-ai-lens')).toBe(true);
    await expect.poll(() => frame.evaluate(() => document.hasFocus())).toBe(false);
    // The shortcut again: expanded; again: collapsed, focus back on the page.
    await shortcut(page);
    await expect.poll(() => sidebarToggle(frame).getAttribute('aria-expanded')).toBe('true');
    await shortcut(page);
    await expect.poll(() => sidebarToggle(frame).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.evaluate(() => document.activeElement?.localName !== 'health-ai-lens')).toBe(true);
    await page.close();
  });

  it('"close for this page" removes it; a page message cannot forge the shortcut; the real one brings it back expanded', async () => {
    const page = await open(seedUrl);
    const frame = await expandSidebar(page);
    await clickRemoving(frame.getByRole('button', { name: 'Close for this page' }));
    await host(page).waitFor({ state: 'detached' });
    await page.evaluate(() => window.postMessage({ type: 'toggleSidebar' }, '*'));
    await settle();
    expect(await host(page).count()).toBe(0);
    await shortcut(page);
    const again = await sidebarFrame(page);
    await expect.poll(() => sidebarToggle(again).getAttribute('aria-expanded')).toBe('true');
    expect(await host(page).count()).toBe(1);
    await page.close();
  });

  it('a page script can neither read nor operate the panel: closed root, cross-origin frame, no port traffic, a forged port ignored', async () => {
    // The page's own script: listens to every window message from the start, and keeps what it sees.
    const spyUrl = `http://${seedSite}/news/the-next-generation-of-data-driven-healthcare-is-here?spy=1`;
    server.page(spyUrl, articlePage(seed.title, {
      head: `<script>
        window.__seen = [];
        addEventListener('message', (e) => window.__seen.push({ data: JSON.stringify(e.data ?? null).slice(0, 200), ports: e.ports.length }), true);
        // A page that forces every shadow root open reaches only its own world's prototype.
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: 'open' }); };
      </script>`,
    }));
    const page = await open(spyUrl);
    const frame = await expandSidebar(page);
    await frame.locator('[data-testid="related-list"] a[href]').first().waitFor();
    await frame.getByRole('button', { name: 'Collapse' }).click();
    const reach = await page.evaluate(() => {
      const host = document.querySelector('health-ai-lens')!;
      let contentDocument: string;
      try {
        contentDocument = String((window.frames[0] as Window).document);
      } catch (error) {
        contentDocument = `refused: ${(error as Error).name}`;
      }
      return {
        hosts: document.querySelectorAll('health-ai-lens').length,
        shadowRoot: host.shadowRoot,
        children: host.childNodes.length,
        frames: window.frames.length,
        contentDocument,
        testIds: document.querySelectorAll('[data-testid]').length,
        text: document.body.innerText.includes('59') || host.textContent !== '',
      };
    });
    // A frame in a shadow tree is not even in `window.frames`: the page cannot get at its window.
    expect(reach).toEqual({ hosts: 1, shadowRoot: null, children: 0, frames: 0, contentDocument: expect.stringMatching(/^refused: /), testIds: 0, text: false });
    // Our port traffic (connect, sizes, toggles) never reached the page's window listeners.
    expect(await page.evaluate(() => (window as any).__seen)).toEqual([]);

    // A page that posts its own "connect" with a port (to every window it can reach) gets nothing
    // back, and the sidebar keeps working on its own port.
    const forged = await page.evaluate(async () => {
      const channel = new MessageChannel();
      const got: unknown[] = [];
      channel.port1.onmessage = (e) => got.push(e.data);
      (window.frames[0] ?? window).postMessage({ type: 'connect', nonce: 'x'.repeat(32), signals: { url: location.href, isArticle: true, title: 'x' }, expanded: true, focus: false, viewport: { width: 10, height: 10 } }, '*', [channel.port2]);
      (window.frames[0] ?? window).postMessage({ type: 'toggle' }, '*');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return got;
    });
    expect(forged).toEqual([]);
    expect(await sidebarToggle(frame).getAttribute('aria-expanded')).toBe('false');
    await sidebarToggle(frame).click();
    await expect.poll(() => sidebarToggle(frame).getAttribute('aria-expanded')).toBe('true');
    // The page's listener saw its own two messages and nothing of ours (no size, no real nonce).
    const seen: { data: string; ports: number }[] = await page.evaluate(() => (window as any).__seen);
    expect(seen).toHaveLength(2);
    expect(seen.every((m) => !m.data.includes('"size"') && !/"nonce":"[0-9a-f]{32}"/.test(m.data))).toBe(true);
    await page.close();
  });

  it('Retry from the sidebar frame syncs (rate-limited) and replies with the sync summary only; outside a tab it is refused', async () => {
    const page = await open(seedUrl);
    const frame = await sidebarFrame(page);
    const retry = () => frame.evaluate(() => chrome.runtime.sendMessage({ type: 'sidebarRetry' }));
    const first = await retry();
    expect(first.ok).toBe(true);
    expect(Object.keys(first.value).sort()).toEqual(expect.arrayContaining(['articleCount', 'errors', 'offline', 'state']));
    expect(first.value).not.toHaveProperty('feeds'); // no feed list or URLs beyond the summary
    expect(first.value.lastSuccessAt).toBeGreaterThan(Date.now() - 60_000); // the retry itself synced
    // A second press within the interval reports the status without starting another run.
    const second = await retry();
    expect(second.ok).toBe(true);
    expect(second.value.lastSuccessAt).toBe(first.value.lastSuccessAt);
    // The same message from our page opened as a tab of its own (not framed in a web page) gets no answer at all.
    const helper = await lens.extensionPage();
    expect(await helper.evaluate(() => chrome.runtime.sendMessage({ type: 'sidebarRetry' }))).toBeUndefined();
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
    const frame = await sidebarFrame(relevant);
    expect(await sidebarToggle(frame).getAttribute('aria-label')).toMatch(/^Health AI Lens: \d+ suggested articles?$/);
    await sidebarToggle(frame).click();
    await frame.locator('[data-testid="related-list"] a[href]').first().waitFor();
    expect(await frame.locator('[data-testid="match-title"]').count()).toBe(0);
    expect(await seriousViolations(frame)).toEqual([]);
    await lens.screenshot(relevant, 'sidebar-suggestions');

    const gardening = await open(gardeningUrl);
    await settle();
    expect(await host(gardening).count()).toBe(0);
    expect(findSidebarFrame(gardening)).toBeUndefined();
    await relevant.close();
    await gardening.close();
  });

  it('a page that is not news gets no host element, no frame, and no write to its DOM', async () => {
    server.page('http://example.org/recipes/lemon-cake', '<!doctype html><title>Lemon cake</title><p>Flour, sugar, lemons.</p>');
    const page = await lens.context.newPage();
    const scripts = await watchScripts(page, lens.extensionId);
    await page.addInitScript(() => {
      (window as any).__mutations = 0;
      new MutationObserver((records) => ((window as any).__mutations += records.length)).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto('http://example.org/recipes/lemon-cake');
    await settle();
    expect(await host(page).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('health-ai-lens');
    expect(page.frames()).toHaveLength(1);
    expect(scripts).toEqual([BASE_SCRIPT]);
    const before = await page.evaluate(() => (window as any).__mutations);
    await settle();
    expect(await page.evaluate(() => (window as any).__mutations)).toBe(before);
    await page.close();
  });

  it('hostile page CSS (all: unset, max z-index overlay, dark) leaves the panel readable and the page unchanged', async () => {
    const hostile = (title: string, ogType = 'article') =>
      articlePage(title, {
        ogType,
        head: `<style>* { all: unset !important; } html { color-scheme: dark; } body { background: #000; color: #eee; } iframe { display: none !important; }</style>`,
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
    const frame = await sidebarFrame(page);
    expect(await snapshot(page)).toEqual(reference);

    const box = (await sidebarToggle(frame).boundingBox())!;
    expect(box.width).toBeGreaterThan(20);
    expect(box.height).toBeGreaterThan(20);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // On top of the page's max-z-index overlay: the page sees only our host element there.
    expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.localName, [x, y])).toBe('health-ai-lens');
    expect(await sidebarToggle(frame).getAttribute('aria-label')).toBe(`Health AI Lens: quality ${other.quality}`);
    await page.mouse.click(x, y);
    await expect.poll(() => sidebarToggle(frame).getAttribute('aria-expanded')).toBe('true');
    await frame.locator('[data-testid="match-title"]').waitFor();
    expect(await frame.locator('[data-testid="quality-score"]').textContent()).toBe(String(other.quality));
    // Dark scheme inside the panel: light text on a dark background.
    const colors = await frame.locator('.hal-root').first().evaluate((el) => {
      const style = getComputedStyle(el);
      return { color: style.color, background: style.backgroundColor };
    });
    expect(colors).toEqual({ color: 'rgb(232, 234, 237)', background: 'rgb(27, 28, 31)' });
    expect(await snapshot(page)).toEqual(reference);
    await lens.screenshot(page, 'sidebar-hostile-dark');
    await plain.close();
    await page.close();
  });

  it('SPA navigation from a matched to an unmatched URL removes the sidebar, and back brings it again', async () => {
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
    const page = await open(spaUrl);
    await sidebarFrame(page);
    await page.evaluate(() => (window as any).goElsewhere());
    await host(page).waitFor({ state: 'detached', timeout: 15_000 });
    await page.goBack();
    await page.evaluate(() => {
      document.title = 'back';
    });
    const frame = await sidebarFrame(page);
    expect(await sidebarToggle(frame).getAttribute('aria-label')).toBe(`Health AI Lens: quality ${other.quality}`);
    expect(await host(page).count()).toBe(1);
    await page.close();
  });

  it('"Don\'t show on this site" (asked of the background, site from the tab) removes it at once and sticks after reload; un-hiding brings it back without one', async () => {
    const page = await open(seedUrl);
    const frame = await expandSidebar(page);
    await frame.getByRole('button', { name: 'Sidebar options' }).click();
    await clickRemoving(frame.getByRole('menuitem', { name: "Don't show on this site" }));
    await host(page).waitFor({ state: 'detached' });
    const helper = await lens.extensionPage();
    await expect.poll(async () => (await helper.evaluate(() => chrome.storage.local.get('settings'))).settings.sidebar.blockedSites).toEqual(['cointelegraph.com']);

    await page.reload();
    await settle();
    expect(await host(page).count()).toBe(0);
    // The badge still works: blocking hides only the in-page sidebar.
    expect(await lens.badge(await lens.tabIdOf(page))).toBe('59');

    // Unblocking (as the options page does) brings it back on the open page, without a reload.
    await helper.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      settings.sidebar.blockedSites = [];
      await chrome.storage.local.set({ settings });
    });
    await sidebarFrame(page);
    await page.close();
  });

  it('"Score chips on this site" in the menu: a checkable item for the tab\'s own site, stored by the background', async () => {
    const page = await open(seedUrl);
    const frame = await expandSidebar(page);
    const helper = await lens.extensionPage();
    const sites = async () => (await helper.evaluate(() => chrome.storage.local.get('settings'))).settings.linkChips?.sites ?? [];
    try {
      await frame.getByRole('button', { name: 'Sidebar options' }).click();
      const item = frame.getByRole('menuitemcheckbox', { name: 'Score chips on this site' });
      expect(await item.getAttribute('aria-checked')).toBe('false');
      await item.click();
      await expect.poll(sites).toEqual([{ host: seedSite, on: true }]);
      await frame.getByRole('button', { name: 'Sidebar options' }).click();
      await expect.poll(() => frame.getByRole('menuitemcheckbox', { name: 'Score chips on this site' }).getAttribute('aria-checked')).toBe('true');
      // The frame speaks for its own tab only: naming another tab is refused.
      const refused = await frame.evaluate(async () => {
        try {
          return (await chrome.runtime.sendMessage({ type: 'setSiteChips', tabId: 999_999, on: false }))?.ok;
        } catch {
          return 'no answer';
        }
      });
      expect(refused).not.toBe(true);
      expect(await sites()).toEqual([{ host: seedSite, on: true }]);
    } finally {
      await helper.evaluate(async () => {
        const { settings } = await chrome.storage.local.get('settings');
        settings.linkChips = { ...settings.linkChips, sites: [] };
        await chrome.storage.local.set({ settings });
      });
      await page.close();
    }
  });

  it('Snooze (a fixed day, asked of the background) hides it on every site until the snooze ends', async () => {
    const page = await open(seedUrl);
    const frame = await expandSidebar(page);
    const before = Date.now();
    await frame.getByRole('button', { name: 'Sidebar options' }).click();
    await clickRemoving(frame.getByRole('menuitem', { name: 'Snooze for a day' }));
    await host(page).waitFor({ state: 'detached' });
    const helper = await lens.extensionPage();
    // The panel goes at once; the background's settings write may land later on a busy machine (poll's default is 1 s).
    await expect.poll(async () => (await helper.evaluate(() => chrome.storage.local.get('settings'))).settings.sidebar.snoozedUntil, { timeout: 10_000 }).toBeGreaterThan(before);
    const { settings } = await helper.evaluate(() => chrome.storage.local.get('settings'));
    expect(settings.sidebar.snoozedUntil - before).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);
    expect(settings.sidebar.snoozedUntil - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const elsewhere = await open(http(other.webUrl));
    await settle();
    expect(await host(elsewhere).count()).toBe(0);
    await helper.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      delete settings.sidebar.snoozedUntil;
      await chrome.storage.local.set({ settings });
    });
    // The snooze's end brings it back on open pages without a reload, also where it was snoozed.
    await sidebarFrame(elsewhere);
    await sidebarFrame(page);
    await page.close();
    await elsewhere.close();
  });
});
