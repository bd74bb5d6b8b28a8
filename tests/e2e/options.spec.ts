/**
 * The options page in real Chromium (issue 7, CONTRACT.md "Options page"): topic checkboxes by name with the
 * defaults, filters applied live to an open popup, adding a local feed and syncing, an invalid feed refused,
 * the per-site "don't show" list.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPopup, type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { sampleArticles, type TestServer } from './support/server';
import { FEED_HOST, ROOT } from './support/paths';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
const ML_FEED = `http://${FEED_HOST}/ai/api/news/machine-learning/`;

declare const chrome: any;

describe('options page in real Chromium', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  async function openOptions(): Promise<Page> {
    const page = await lens.context.newPage();
    await page.goto(`chrome-extension://${lens.extensionId}/options.html`);
    await page.getByRole('checkbox', { name: 'AI in Healthcare', exact: true }).waitFor();
    return page;
  }
  const storedSettings = (page: Page) => page.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
  const statusText = (page: Page) => page.getByRole('status').textContent();
  const articlesText = (n: number) => `${new Intl.NumberFormat('en-US').format(n)} articles`;

  it('has one checkbox per topic, named by the topic, with the default filters and the stored count', async () => {
    const page = await openOptions();
    expect(await page.getByRole('checkbox', { name: 'AI in Healthcare', exact: true }).isChecked()).toBe(true);
    for (const name of ['AI', 'Machine Learning', 'Computer Vision', 'Natural Language Processing', 'AI in Finance']) {
      expect(await page.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(false);
    }
    expect(await page.getByRole('textbox', { name: 'Feed URL', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add feed', exact: true }).count()).toBe(1);
    const { summary } = await lens.send<any>({ type: 'status' });
    await expect.poll(() => statusText(page)).toContain(articlesText(summary.articleCount));
    expect(await page.getByRole('status').count()).toBe(1);
    await lens.screenshot(page, 'options-default');
    await page.close();
  });

  it('unchecking a topic removes its computed suggestions from an open popup, and checking brings them back', async () => {
    const article = await lens.context.newPage();
    await article.goto(seed.webUrl.replace('https://', 'http://'));
    const popup = await openPopup(lens, await lens.tabIdOf(article));
    const hrefs = () =>
      popup.locator('[data-testid="related-list"] a[href]').evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).href))]);
    const own = seed.related.map((r) => r.webUrl);
    await expect.poll(async () => (await hrefs()).length, { timeout: 10_000 }).toBeGreaterThan(own.length);
    const before = await hrefs();
    for (const url of own) expect(before).toContain(url);

    const options = await openOptions();
    await options.getByRole('checkbox', { name: 'AI in Healthcare', exact: true }).uncheck();
    expect((await storedSettings(options)).topics).toEqual([]);
    // Every computed suggestion carries the healthcare topic; only the dataset's own related entries stay.
    await expect.poll(async () => (await hrefs()).sort(), { timeout: 10_000 }).toEqual([...own].sort());

    await options.getByRole('checkbox', { name: 'AI in Healthcare', exact: true }).check();
    await expect.poll(async () => (await hrefs()).length, { timeout: 10_000 }).toBe(before.length);
    expect((await storedSettings(options)).topics).toEqual(['AI in Healthcare']);
    await Promise.all([options.close(), popup.close(), article.close()]);
  });

  it('refuses an invalid feed URL and a feed whose test fetch fails, with a clear message, saving nothing', async () => {
    const page = await openOptions();
    const feedsBefore = (await storedSettings(page)).feeds;
    const field = page.getByRole('textbox', { name: 'Feed URL', exact: true });

    await field.fill('not a feed url');
    await page.getByRole('button', { name: 'Add feed', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a valid URL');

    await field.fill(`http://${FEED_HOST}/ai/feed.xml`);
    await page.getByRole('button', { name: 'Add feed', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not a feed');

    const missing = `http://${FEED_HOST}/ai/api/news/no-such-topic/`;
    await field.fill(missing);
    await page.getByRole('button', { name: 'Add feed', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('test fetch');
    expect(server.feedRequests().some((r) => r.path === '/ai/api/news/no-such-topic/index.json')).toBe(true);

    expect((await storedSettings(page)).feeds).toEqual(feedsBefore);
    expect(await page.locator(`[data-feed-url="${missing}"]`).count()).toBe(0);
    await lens.screenshot(page, 'options-invalid-feed');
    await page.close();
  });

  it('adds a local feed by URL, then Sync now shows progress and the new article count', async () => {
    const page = await openOptions();
    const before = (await lens.send<any>({ type: 'status' })).summary.articleCount;
    await page.getByRole('textbox', { name: 'Feed URL', exact: true }).fill(ML_FEED);
    await page.getByRole('button', { name: 'Add feed', exact: true }).click();
    await page.locator(`[data-feed-url="${ML_FEED}"]`).waitFor();
    expect((await storedSettings(page)).feeds).toContainEqual({ url: ML_FEED, enabled: true, origin: 'user' });
    expect(await page.getByRole('alert').count()).toBe(0);

    // Record whether a progress bar ever appears: a local sync can be over before a poll would see it.
    await page.evaluate(() => {
      (window as any).sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('progress')) (window as any).sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Sync now', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (window as any).sawProgress)).toBe(true);

    const report = await lens.waitForSync(before + 1);
    expect(report.feeds.map((f: any) => f.url)).toContain(ML_FEED);
    expect(report.summary.articleCount).toBeGreaterThan(before);
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toContain(articlesText(report.summary.articleCount));
    const feed = page.locator(`[data-feed-url="${ML_FEED}"]`);
    await expect.poll(() => feed.textContent()).toMatch(/Checked .* (\d+ new articles?|no new articles)/);
    await lens.screenshot(page, 'options-feed-added');

    // Opened later, the page shows the count from the stored status at once.
    const later = await openOptions();
    await expect.poll(() => statusText(later)).toContain(articlesText(report.summary.articleCount));
    await Promise.all([page.close(), later.close()]);
  });

  it('lists the per-site "don\'t show" entries and removes one', async () => {
    const page = await openOptions();
    await page.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      settings.sidebar.blockedSites = ['example.com', 'news.example.org'];
      await chrome.storage.local.set({ settings });
    });
    const list = page.locator('[data-testid="blocked-sites"] li');
    await expect.poll(() => list.allTextContents()).toEqual(['example.comRemove', 'news.example.orgRemove']);
    await page.getByRole('button', { name: 'Remove example.com', exact: true }).click();
    await expect.poll(async () => (await storedSettings(page)).sidebar.blockedSites).toEqual(['news.example.org']);
    await expect.poll(() => list.count()).toBe(1);
    await page.close();
  });

  it('is keyboard-operable and passes axe (contrast included) in light and dark mode', async () => {
    const page = await openOptions();
    // Tab from the top reaches the first topic; Space toggles it like a click.
    const first = page.getByRole('checkbox', { name: 'AI', exact: true });
    for (let i = 0; i < 10 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await first.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await storedSettings(page)).topics).toEqual(['AI in Healthcare', 'AI']);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await storedSettings(page)).topics).toEqual(['AI in Healthcare']);

    // CDP evaluation is not subject to the extension page's CSP, so axe can be injected as source.
    await page.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const violations: string[] = await page.evaluate(async () => {
        const results = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return results.violations
          .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
          .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.html).join(' | ')}`);
      });
      expect(violations, colorScheme).toEqual([]);
      await lens.screenshot(page, `options-${colorScheme}`);
    }
    await page.close();
  });
});
