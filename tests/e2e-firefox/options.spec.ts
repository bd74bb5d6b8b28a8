/**
 * The options page in real Firefox: opened from the add-ons manager's entry (`options_ui`), it shows the
 * stored count, refuses a feed whose test fetch fails, adds an http feed (synced as http, not upgraded
 * to https) and Sync now brings its articles in; the count follows.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { waitUntil, type FirefoxLens } from './support/firefox';
import { useSyncedFirefox } from './support/synced-firefox';
import type { TestServer } from '../e2e/support/server';
import { FEED_HOST } from '../e2e/support/paths';

const ML_FEED = `http://${FEED_HOST}/ai/api/news/machine-learning/`;

declare const browser: any;

const articlesText = (n: number) => `${new Intl.NumberFormat('en-US').format(n)} articles`;
const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent ?? '').catch(() => '');
const storedFeeds = (page: Page) => page.evaluate(async () => (await browser.storage.local.get('settings')).settings?.feeds ?? []);

async function addFeed(page: Page, url: string): Promise<void> {
  await page.$eval('#hal-feed-url', (el) => ((el as HTMLInputElement).value = ''));
  await page.type('#hal-feed-url', url);
  await page.click('form.hal-options-add button[type="submit"]');
}

describe('options page in real Firefox', () => {
  let server: TestServer;
  let lens: FirefoxLens;

  useSyncedFirefox((ready, started) => {
    lens = ready;
    server = started;
  });

  async function openOptions(): Promise<Page> {
    const page = await lens.openExtensionPage('options.html');
    await page.waitForSelector('#hal-feed-url', { timeout: 10_000 });
    return page;
  }

  it('is the add-ons manager entry and shows the stored article count', async () => {
    const helper = await lens.extensionPage();
    const manifest = await helper.evaluate(() => browser.runtime.getManifest());
    expect(manifest.options_ui.page).toBe(`${lens.origin}/options.html`);
    // browser.runtime.openOptionsPage() (what the add-ons manager's Options entry does) opens it in a tab.
    const optionsTabs = () => helper.evaluate(() => browser.tabs.query({ url: `${location.origin}/options.html` })) as Promise<{ id: number }[]>;
    expect(await optionsTabs()).toHaveLength(0);
    await helper.evaluate(() => browser.runtime.openOptionsPage());
    const [opened] = await waitUntil(optionsTabs, (tabs) => tabs.length === 1, 10_000, 'options tab from openOptionsPage');
    await helper.evaluate((id) => browser.tabs.remove(id), opened!.id);

    const page = await openOptions();
    const { summary } = await lens.send<any>({ type: 'status' });
    await waitUntil(() => text(page, '[role="status"]'), (t) => t.includes(articlesText(summary.articleCount)), 10_000, 'count in the status region');
    await lens.screenshot(page, 'options-default');
    await page.close();
  });

  it('refuses a feed whose test fetch fails, with the reason, saving nothing', async () => {
    const page = await openOptions();
    const before = await storedFeeds(page);
    const missing = `http://${FEED_HOST}/ai/api/news/no-such-topic/`;
    await addFeed(page, missing);
    await waitUntil(() => text(page, '[data-testid="add-feed-error"]'), (t) => t.includes('test fetch'), 10_000, 'test-fetch error');
    // The request reached the server as http (a 404 there, not an https upgrade that never arrives).
    expect(server.feedRequests().some((r) => r.path === '/ai/api/news/no-such-topic/index.json')).toBe(true);
    expect(await storedFeeds(page)).toEqual(before);
    await page.close();
  });

  it('adds an http feed by URL, then Sync now stores its articles and the count follows', async () => {
    const page = await openOptions();
    const before = (await lens.send<any>({ type: 'status' })).summary.articleCount;
    await addFeed(page, ML_FEED);
    await page.waitForSelector(`[data-feed-url="${ML_FEED}"]`, { timeout: 15_000 });
    expect(await storedFeeds(page)).toContainEqual({ url: ML_FEED, enabled: true, origin: 'user' });
    expect(await page.$('[data-testid="add-feed-error"]')).toBeNull();

    // The Sync now button (by its text: the page is in English here).
    const syncNow = await page.$$('.hal-options-sync button');
    const labels = await Promise.all(syncNow.map((b) => b.evaluate((el) => el.textContent?.trim())));
    expect(labels).toContain('Sync now');
    await syncNow[labels.indexOf('Sync now')]!.click();
    const report = await lens.waitForSync(before + 1);
    const feed = report.feeds.find((f: any) => f.url === ML_FEED);
    expect(feed?.lastError).toBeUndefined();
    expect(report.summary.errors).toEqual([]);
    expect(report.summary.articleCount).toBeGreaterThan(before);
    expect(server.feedRequests().some((r) => r.path === '/ai/api/news/machine-learning/index.json')).toBe(true);
    await waitUntil(() => text(page, '[role="status"]'), (t) => t.includes(articlesText(report.summary.articleCount)), 15_000, 'new count');
    await lens.screenshot(page, 'options-feed-added');
    await page.close();
  });
});
