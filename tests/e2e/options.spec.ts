/**
 * The options page in real Chromium (CONTRACT.md "Options page"): the shared options specs
 * (tests/e2e-shared/options.ts: the count, feeds refused, adding a local feed and syncing), plus topic
 * checkboxes and controls by accessible name, filters applied live to an open popup, the per-site
 * "don't show" list, keyboard and axe.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPopup, type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { sampleArticles } from './support/server';
import { ROOT } from './support/paths';
import { optionsSpecs } from '../e2e-shared/options';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';

declare const chrome: any;

describe('options page in real Chromium', () => {
  let lens: LensBrowser;
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  const session = useSyncedLens((ready) => {
    lens = ready;
  });

  async function openOptions(): Promise<Page> {
    const page = await lens.context.newPage();
    await page.goto(`chrome-extension://${lens.extensionId}/options.html`);
    await page.getByRole('checkbox', { name: 'AI in Healthcare', exact: true }).waitFor();
    return page;
  }
  const storedSettings = (page: Page) => page.evaluate(async () => (await chrome.storage.local.get('settings')).settings);

  it('has one checkbox per topic, named by the topic, with the default filters; the feed field, Add feed and Sync now by name', async () => {
    const page = await openOptions();
    expect(await page.getByRole('checkbox', { name: 'AI in Healthcare', exact: true }).isChecked()).toBe(true);
    for (const name of ['AI', 'Machine Learning', 'Computer Vision', 'Natural Language Processing', 'AI in Finance']) {
      expect(await page.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(false);
    }
    expect(await page.getByRole('textbox', { name: 'Feed URL', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add feed', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sync now', exact: true }).count()).toBe(1);
    expect(await page.getByRole('status').count()).toBe(1);
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

  // After the filter test: the feed these add would bring other topics into its popup.
  optionsSpecs(session);

  it('lists the sites with their own score-chip choice and removes one', async () => {
    const page = await openOptions();
    await page.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      settings.linkChips = { ...settings.linkChips, sites: [{ host: 'www.google.com', on: false }, { host: 'news.example.org', on: true }] };
      await chrome.storage.local.set({ settings });
    });
    const list = page.locator('[data-testid="chip-sites"] li');
    await expect.poll(() => list.allTextContents()).toEqual(['www.google.comchips offRemove', 'news.example.orgchips onRemove']);
    await page.getByRole('button', { name: 'Remove the score-chip choice for www.google.com', exact: true }).click();
    await expect.poll(async () => (await storedSettings(page)).linkChips.sites).toEqual([{ host: 'news.example.org', on: true }]);
    await page.getByRole('button', { name: 'Remove the score-chip choice for news.example.org', exact: true }).click();
    await expect.poll(() => page.getByTestId('chip-sites-empty').count()).toBe(1);
    await page.close();
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
