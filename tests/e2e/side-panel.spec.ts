/**
 * The side panel page in real Chromium: the shared panel for the active tab of the window it
 * follows, updating when the user switches tabs.
 */
import { describe, expect, it } from 'vitest';
import { type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { sampleArticles, type TestServer } from './support/server';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
declare const chrome: any;

describe('side panel', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  it('shows the active tab and follows tab switches', async () => {
    server.page('http://example.org/recipes/lemon-cake', '<!doctype html><title>Lemon cake</title><p>Flour.</p>');
    const article = await lens.context.newPage();
    await article.goto(seed.webUrl.replace('https://', 'http://'));
    const other = await lens.context.newPage();
    await other.goto('http://example.org/recipes/lemon-cake');
    const articleTab = await lens.tabIdOf(article);
    const helper = await lens.extensionPage();
    const windowId: number = await helper.evaluate((id) => chrome.tabs.get(id).then((t: any) => t.windowId), articleTab);
    await helper.evaluate((id) => chrome.tabs.update(id, { active: true }), articleTab);

    // The real side panel follows its own window; as a page in a window of its own it is pinned to ours.
    const [panel] = await Promise.all([
      lens.context.waitForEvent('page'),
      helper.evaluate(
        ([url, w]) => chrome.windows.create({ url, type: 'normal' }),
        [`chrome-extension://${lens.extensionId}/sidepanel.html?windowId=${windowId}`, windowId] as const,
      ),
    ]);
    await panel.waitForLoadState();
    await expect.poll(() => panel.locator('[data-testid="match-title"]').textContent(), { timeout: 15_000 }).toBe(seed.title);
    expect(await panel.locator('[data-testid="quality-score"]').textContent()).toBe('59');
    await lens.screenshot(panel, 'sidebar-side-panel');

    const otherTab = await lens.tabIdOf(other);
    await helper.evaluate((id) => chrome.tabs.update(id, { active: true }), otherTab);
    await panel.locator('[data-testid="no-match"]').waitFor({ timeout: 15_000 });
    expect(await panel.locator('[data-testid="match-title"]').count()).toBe(0);

    await helper.evaluate((id) => chrome.tabs.update(id, { active: true }), articleTab);
    await expect.poll(() => panel.locator('[data-testid="match-title"]').textContent(), { timeout: 15_000 }).toBe(seed.title);
  });

  it('the manifest declares the side panel', async () => {
    const helper = await lens.extensionPage();
    const manifest = await helper.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(manifest.permissions).toContain('sidePanel');
  });
});
