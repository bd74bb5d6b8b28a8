/**
 * The first vertical slice, end to end: the built extension syncs the real sample (bundle built
 * by our CLI + the JSON API pages) from the local server, matches a visited article and shows
 * its quality on the badge and in the popup.
 */
import { describe, expect, it } from 'vitest';
import { openPopup, type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { sampleArticles, type TestServer } from './support/server';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';

describe('first slice in real Chromium', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  it('syncs bundle and API pages into one deduplicated store', async () => {
    const status = await lens.send<any>({ type: 'status' });
    // 165 Markdown articles + API items not in the Markdown set; the same webUrl is one record.
    expect(status.summary.articleCount).toBeGreaterThan(165);
    expect(status.summary.errors).toEqual([]);
    expect(status.feeds.map((f: any) => f.kind).sort()).toEqual(['api', 'bundle']);
  });

  it('shows the seed article quality on the badge and in the popup', async () => {
    const page = await lens.context.newPage();
    await page.goto(seed.webUrl.replace('https://', 'http://'));
    const tabId = await lens.tabIdOf(page);
    await expect.poll(() => lens.badge(tabId), { timeout: 10_000 }).toBe('59');

    const popup = await openPopup(lens, tabId);
    await expect.poll(() => popup.locator('[data-testid="match-title"]').textContent()).toBe(seed.title);
    expect(await popup.locator('[data-testid="quality-score"]').textContent()).toBe('59');
    const hrefs = await popup.locator('[data-testid="related-list"] a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(seed.related).toHaveLength(2);
    for (const related of seed.related) expect(hrefs).toContain(related.webUrl);
    await lens.screenshot(popup, 'popup-matched');

    // Plain popup.html is about the active tab; opened as a tab itself, about the page used last.
    await page.bringToFront();
    const plain = await lens.context.newPage();
    await plain.goto(`chrome-extension://${lens.extensionId}/popup.html`);
    await expect.poll(() => plain.locator('[data-testid="match-title"]').textContent(), { timeout: 10_000 }).toBe(seed.title);
    expect(await plain.locator('[data-testid="quality-score"]').textContent()).toBe('59');
  });

  it('an unrelated page gets an empty badge and the no-match popup', async () => {
    const page = await lens.context.newPage();
    server.page('http://example.org/recipes/lemon-cake', '<title>Lemon cake</title><p>Flour, sugar.</p>');
    await page.goto('http://example.org/recipes/lemon-cake');
    const tabId = await lens.tabIdOf(page);
    await new Promise((r) => setTimeout(r, 500));
    expect(await lens.badge(tabId)).toBe('');
    const popup = await openPopup(lens, tabId);
    await expect(popup.locator('[data-testid="no-match"]').waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
    expect(await popup.locator('[data-testid="match-title"]').count()).toBe(0);
    await lens.screenshot(popup, 'popup-no-match');
  });
});
