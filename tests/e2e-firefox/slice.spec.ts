/**
 * The product in real Firefox: the built extension syncs the real sample (our bundle + the JSON API
 * pages) over http from the local server, matches a visited article in its common URL forms, shows its
 * quality on the badge and in the popup with its related reading, and shows the no-match popup and no
 * in-page sidebar on an unrelated page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { waitUntil, type FirefoxLens } from './support/firefox';
import { useSyncedFirefox } from './support/synced-firefox';
import { articlePage, sampleArticles, type TestServer } from '../e2e/support/server';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
const SEED_PATH = '/news/the-next-generation-of-data-driven-healthcare-is-here';
const SEED_HTTP = `http://cointelegraph.com${SEED_PATH}`;
const UNMATCHED = 'http://example.org/recipes/lemon-cake';

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent).catch(() => null);
const count = (page: Page, selector: string) => page.$$eval(selector, (els) => els.length);
const relatedHrefs = (page: Page) =>
  page.$$eval('[data-testid="related-list"] a[href]', (as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).href))]);

describe('the product in real Firefox', () => {
  let server: TestServer;
  let lens: FirefoxLens;
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  useSyncedFirefox((ready, started) => {
    lens = ready;
    server = started;
  });

  it('syncs the http bundle and API feeds into one deduplicated store', async () => {
    const status = await lens.send<any>({ type: 'status' });
    expect(status.summary.articleCount).toBeGreaterThan(165);
    expect(status.summary.errors).toEqual([]);
    expect(status.feeds.map((f: any) => f.kind).sort()).toEqual(['api', 'bundle']);
    // The feeds were fetched as http (Firefox's default extension CSP would have upgraded them to https).
    expect(server.feedRequests().some((r) => r.path === '/ai/bundle/manifest.json')).toBe(true);
    expect(server.feedRequests().some((r) => r.path === '/ai/api/news/ai-in-healthcare/index.json')).toBe(true);
  });

  it('shows the seed article quality on the badge and in the popup, with its related reading', async () => {
    expect(seed.webUrl).toBe(`https://cointelegraph.com${SEED_PATH}`);
    const { page, tabId } = await lens.open(SEED_HTTP);
    await waitUntil(() => lens.badge(tabId), (b) => b === '59', 15_000, 'badge 59');

    const popup = await lens.openExtensionPage(`popup.html?tabId=${tabId}`, { width: 380, height: 600 });
    await waitUntil(() => text(popup, '[data-testid="match-title"]'), (t) => t === seed.title, 10_000, 'match title');
    expect(await text(popup, '[data-testid="quality-score"]')).toBe('59');
    expect(seed.related).toHaveLength(2);
    const hrefs = await waitUntil(() => relatedHrefs(popup), (h) => h.length > seed.related.length, 15_000, 'ranked related list');
    for (const related of seed.related) expect(hrefs).toContain(related.webUrl);
    expect(await count(popup, '[data-testid="no-match"]')).toBe(0);
    await lens.screenshot(popup, 'popup-matched');

    // The in-page sidebar is there on the matched article.
    await waitUntil(() => page.evaluate(() => document.querySelector('health-ai-lens') !== null), Boolean, 10_000, '<health-ai-lens>');
    await Promise.all([popup.close(), page.close()]);
  });

  it.each([
    ['https scheme written as http, www, trailing slash', `http://www.cointelegraph.com${SEED_PATH}/`],
    ['tracking parameters', `${SEED_HTTP}?utm_source=newsletter&utm_medium=email&fbclid=abc123`],
    ['AMP path', `${SEED_HTTP}/amp`],
    ['upper-case host and ?amp', `http://CoinTelegraph.com${SEED_PATH}?amp`],
  ])('URL variant (%s) shows the same badge', async (_name, url) => {
    server.page(url, articlePage(seed.title));
    const { page, tabId } = await lens.open(url);
    await waitUntil(() => lens.badge(tabId), (b) => b === '59', 15_000, `badge for ${url}`);
    await page.close();
  });

  it('an unrelated page gets an empty badge, the no-match popup and no in-page sidebar', async () => {
    server.page(UNMATCHED, '<!doctype html><html lang="en"><title>Lemon cake</title><p>Flour, sugar, lemons.</p></html>');
    const { page, tabId } = await lens.open(UNMATCHED);
    // The content script runs at document_idle: let it report, then the badge must stay empty.
    await waitUntil(() => page.evaluate(() => document.readyState), (s) => s === 'complete');
    for (let i = 0; i < 6; i++) {
      expect(await lens.badge(tabId)).toBe('');
      await new Promise((r) => setTimeout(r, 250));
    }
    const popup = await lens.openExtensionPage(`popup.html?tabId=${tabId}`, { width: 380, height: 600 });
    await popup.waitForSelector('[data-testid="no-match"]', { timeout: 10_000 });
    expect(await count(popup, '[data-testid="match-title"]')).toBe(0);
    await waitUntil(() => count(popup, '[data-testid="top-picks"] a[href]'), (n) => n > 0, 15_000, 'top picks');
    await lens.screenshot(popup, 'popup-no-match');
    expect(await page.evaluate(() => document.querySelector('health-ai-lens') !== null)).toBe(false);
    await Promise.all([popup.close(), page.close()]);
  });
});
