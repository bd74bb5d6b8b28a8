/**
 * URL matching in real Chromium (CONTRACT "URL matching" and "Toolbar badge"; the common URL variants
 * both browsers share are in tests/e2e-shared/slice.ts): the forms
 * readers actually arrive through (AMP cache, tracking links, share URLs that only carry a
 * canonical link) show the article's badge; pages on a covered site that are not an article, and
 * another site claiming our article through its canonical, show none. The badge follows SPA
 * history changes and stays per tab.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { articlePage, sampleArticles, type TestServer } from './support/server';
import { expectNoBadge } from '../e2e-shared/slice';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
const SEED_PATH = '/news/the-next-generation-of-data-driven-healthcare-is-here';
const SEED_HTTP = `http://cointelegraph.com${SEED_PATH}`;
const SEED_CANONICAL = `https://cointelegraph.com${SEED_PATH}`;
/** An item of the JSON API's first page with no Markdown file (the API never carries `quality`). */
const API_ONLY = 'http://www.reuters.com/markets/us/oracle-buy-cerner-28-bln-2021-12-20/';
/** Generous: a badge follows a navigation within a second; polling stops as soon as it is right. */
const BADGE = { timeout: 15_000, interval: 200 };

describe('URL matching in real Chromium', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const articles = sampleArticles();
  const seed = articles.find((a) => a.file === SEED)!;

  useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  /** Opens `url` in a new tab and returns the Playwright page with its tab id. */
  async function open(url: string): Promise<{ page: Page; tabId: number }> {
    const { page, tabId } = await lens.open(url);
    return { page: page.native, tabId };
  }

  it('the seed article sample is what these cases assume', () => {
    expect(seed.webUrl).toBe(SEED_CANONICAL);
    expect(seed.quality).toBe(59);
  });

  /**
   * Opens an https URL whose host is HSTS-preloaded in Chromium (ampproject.org, google.com): `http://`
   * is upgraded before any request and the local server speaks no TLS, so the page is fulfilled by
   * Playwright's request interception instead (the browser still sees a normal https document).
   */
  async function openIntercepted(url: string, html: string): Promise<{ page: Page; tabId: number }> {
    const page = await lens.context.newPage();
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    const response = await page.goto(url);
    expect(response?.status(), `intercepted ${url}`).toBe(200);
    return { page, tabId: await lens.tabIdOf(page) };
  }

  it('AMP cache URL of the seed shows its quality', async () => {
    // The sample's own cdnAmpWebUrl form; the page carries the canonical link real AMP pages must have.
    const amp = `https://cointelegraph-com.cdn.ampproject.org/c/s/cointelegraph.com${SEED_PATH}/amp`;
    const { tabId } = await openIntercepted(amp, articlePage(seed.title, { head: `<link rel="canonical" href="${SEED_CANONICAL}">` }));
    await expect.poll(() => lens.badge(tabId), BADGE).toBe('59');
  });

  it('AMP cache and AMP viewer URLs match by the URL alone (no canonical link in the page)', async () => {
    for (const amp of [
      `https://cointelegraph-com.cdn.ampproject.org/c/s/cointelegraph.com${SEED_PATH}/amp`,
      `https://cointelegraph-com.cdn.ampproject.org/v/s/cointelegraph.com${SEED_PATH}/amp?amp_js_v=0.1`,
      `https://www.google.com/amp/s/cointelegraph.com${SEED_PATH}/amp`,
    ]) {
      const { page, tabId } = await openIntercepted(amp, articlePage(seed.title));
      await expect.poll(() => lens.badge(tabId), { ...BADGE, message: amp }).toBe('59');
      await page.close();
    }
  });

  it('a page reachable only through its same-site canonical link shows the article quality', async () => {
    const url = 'http://cointelegraph.com/amp-share/abc123?ref=x';
    server.page(url, articlePage(seed.title, { head: `<link rel="canonical" href="${SEED_CANONICAL}">` }));
    const { tabId } = await open(url);
    await expect.poll(() => lens.badge(tabId), BADGE).toBe('59');
  });

  it('another site claiming the article through its canonical link shows no badge', async () => {
    const url = 'http://copycat.example.com/stolen';
    server.page(
      url,
      articlePage(seed.title, {
        head: `<link rel="canonical" href="${SEED_CANONICAL}"><meta property="og:url" content="${SEED_CANONICAL}"><link rel="amphtml" href="${SEED_CANONICAL}/amp">`,
      }),
    );
    const { page, tabId } = await open(url);
    await expectNoBadge(lens, tabId);
  });

  it('non-article pages on a covered site show no badge', async () => {
    for (const url of ['http://cointelegraph.com/', 'http://cointelegraph.com/tags/ai']) {
      server.page(url, articlePage('Cointelegraph', { ogType: 'website' }));
      const { page, tabId } = await open(url);
      await expectNoBadge(lens, tabId);
      await page.close();
    }
  });

  it('an article without a quality score shows "?" (Markdown without quality, and an API-only item)', async () => {
    const unscored = articles.find((a) => a.quality === undefined)!;
    expect(unscored, 'the sample has Markdown articles without quality').toBeDefined();
    const md = await open(unscored.webUrl.replace(/^https:/, 'http:'));
    await expect.poll(() => lens.badge(md.tabId), BADGE).toBe('?');

    server.page(API_ONLY, articlePage('Oracle to buy Cerner for $28.3 bln in healthcare sector push'));
    const api = await open(API_ONLY);
    await expect.poll(() => lens.badge(api.tabId), BADGE).toBe('?');
  });

  it('SPA navigation: pushState away clears the badge, pushState back restores it', async () => {
    const { page, tabId } = await open(SEED_HTTP);
    await expect.poll(() => lens.badge(tabId), BADGE).toBe('59');

    await page.evaluate(() => history.pushState({}, '', '/tags/ai'));
    expect(page.url()).toBe('http://cointelegraph.com/tags/ai');
    await expect.poll(() => lens.badge(tabId), BADGE).toBe('');

    await page.evaluate((path) => history.pushState({}, '', path), SEED_PATH);
    expect(page.url()).toBe(SEED_HTTP);
    await expect.poll(() => lens.badge(tabId), BADGE).toBe('59');
  });

  it('tab switches keep each tab its own badge', async () => {
    const matched = await open(SEED_HTTP);
    const other = 'http://cointelegraph.com/tags/healthcare';
    server.page(other, articlePage('Healthcare', { ogType: 'website' }));
    const unrelated = await open(other);
    await expect.poll(() => lens.badge(matched.tabId), BADGE).toBe('59');
    await expectNoBadge(lens, unrelated.tabId);

    for (const [front, expected] of [
      [matched, '59'],
      [unrelated, ''],
      [matched, '59'],
    ] as const) {
      await front.page.bringToFront();
      await expect.poll(() => lens.badge(front.tabId), BADGE).toBe(expected);
      expect(await lens.badge(matched.tabId)).toBe('59');
      expect(await lens.badge(unrelated.tabId)).toBe('');
    }
  });
});
