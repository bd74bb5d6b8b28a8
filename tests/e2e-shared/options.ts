/**
 * The options page, the same in Chromium and Firefox: it shows the stored article count, refuses an
 * invalid URL, a non-feed and a feed whose test fetch fails (saving nothing), and adds an http feed
 * that Sync now brings in (synced as http, progress shown, the count and the feed's status follow).
 * Each browser's options.spec.ts runs these inside its own describe.
 */
import { expect, it } from 'vitest';
import { FEED_HOST } from '../e2e/support/paths';
import { waitUntil, type LensPage, type Session } from './driver';

const ML_FEED = `http://${FEED_HOST}/ai/api/news/machine-learning/`;
const FIELD = '#hal-feed-url';
const ADD = 'form.hal-options-add button[type="submit"]';
const ERROR = '[data-testid="add-feed-error"]';
const STATUS = '[role="status"]';

declare const browser: any;
declare const chrome: any;

export const articlesText = (n: number) => `${new Intl.NumberFormat('en-US').format(n)} articles`;

export function optionsSpecs(session: Session): void {
  async function openOptions(): Promise<LensPage> {
    const page = await session.lens.openExtensionPage('options.html');
    await page.waitFor(FIELD);
    return page;
  }
  const storedFeeds = (page: LensPage) => page.evaluate(async () => (await (typeof browser === 'object' ? browser : chrome).storage.local.get('settings')).settings?.feeds ?? []);
  async function addFeed(page: LensPage, url: string): Promise<void> {
    await page.fill(FIELD, url);
    await page.click(ADD);
  }

  it('shows the stored article count', async () => {
    const page = await openOptions();
    const { summary } = await session.lens.send<any>({ type: 'status' });
    await waitUntil(() => page.text(STATUS), (t) => !!t?.includes(articlesText(summary.articleCount)), 10_000, 'count in the status region');
    expect(await page.count(STATUS)).toBe(1);
    await page.screenshot('options-default');
    await page.close();
  });

  it('refuses an invalid URL, a non-feed and a feed whose test fetch fails, with the reason, saving nothing', async () => {
    const { server } = session;
    const page = await openOptions();
    const before = await storedFeeds(page);
    for (const [url, reason] of [
      ['not a feed url', 'not a valid URL'],
      [`http://${FEED_HOST}/ai/feed.xml`, 'not a feed'],
    ] as const) {
      await addFeed(page, url);
      await waitUntil(() => page.text(ERROR), (t) => !!t?.includes(reason), 10_000, `"${reason}" for ${url}`);
    }
    const missing = `http://${FEED_HOST}/ai/api/news/no-such-topic/`;
    await addFeed(page, missing);
    await waitUntil(() => page.text(ERROR), (t) => !!t?.includes('test fetch'), 10_000, 'test-fetch error');
    // The request reached the server as http (a 404 there, not an https upgrade that never arrives).
    expect(server.feedRequests().some((r) => r.path === '/ai/api/news/no-such-topic/index.json')).toBe(true);
    expect(await storedFeeds(page)).toEqual(before);
    expect(await page.count(`[data-feed-url="${missing}"]`)).toBe(0);
    await page.screenshot('options-invalid-feed');
    await page.close();
  });

  it('adds an http feed by URL, then Sync now shows progress, stores its articles, and the count follows', async () => {
    const { lens, server } = session;
    const page = await openOptions();
    const before = (await lens.send<any>({ type: 'status' })).summary.articleCount;
    await addFeed(page, ML_FEED);
    await page.waitFor(`[data-feed-url="${ML_FEED}"]`, 15_000);
    expect(await storedFeeds(page)).toContainEqual({ url: ML_FEED, enabled: true, origin: 'user' });
    expect(await page.count(ERROR)).toBe(0);
    // The background reads the same settings the page wrote.
    const backgroundFeeds = await lens.evaluateInBackground(async (background) => (await (background.browser ?? background.chrome).storage.local.get('settings')).settings.feeds);
    expect(backgroundFeeds).toContainEqual({ url: ML_FEED, enabled: true, origin: 'user' });

    // Record whether a progress bar ever appears: a local sync can be over before a poll would see it.
    await page.evaluate(() => {
      (window as any).sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('progress')) (window as any).sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.click('[data-testid="sync-now"]');
    await waitUntil(() => page.evaluate(() => (window as any).sawProgress as boolean), Boolean, 10_000, 'a progress bar');

    const report = await lens.waitForSync(before + 1);
    expect(report.feeds.find((f: any) => f.url === ML_FEED)?.lastError).toBeUndefined();
    expect(report.summary.errors).toEqual([]);
    expect(report.summary.articleCount).toBeGreaterThan(before);
    expect(server.feedRequests().some((r) => r.path === '/ai/api/news/machine-learning/index.json')).toBe(true);
    await waitUntil(() => page.text(STATUS), (t) => !!t?.includes(articlesText(report.summary.articleCount)), 15_000, 'new count');
    await waitUntil(() => page.text(`[data-feed-url="${ML_FEED}"]`), (t) => /Checked .* (\d+ new articles?|no new articles)/.test(t ?? ''), 15_000, 'the feed\'s last success');
    await page.screenshot('options-feed-added');

    // Opened later, the page shows the count from the stored status at once.
    const later = await openOptions();
    await waitUntil(() => later.text(STATUS), (t) => !!t?.includes(articlesText(report.summary.articleCount)), 10_000, 'count on a later page');
    await Promise.all([page.close(), later.close()]);
  });
}
