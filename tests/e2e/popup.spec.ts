/**
 * The popup in real Chromium (issue 5, CONTRACT.md "Popup"): `popup.html?tabId=` for a matched article, an
 * unmatched page and while offline, each checked with axe-core (WCAG 2 A/AA, contrast included: no serious or
 * critical violations) in light and dark mode and saved as screenshots under test-results/screenshots/
 * (git-ignored); keyboard operation of the matched popup; the seed's own related links in the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchLens, openPopup, type LensBrowser } from './support/extension';
import { sampleArticles, startServer, type TestServer } from './support/server';
import { ROOT } from './support/paths';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
const UNMATCHED = 'http://example.org/recipes/lemon-cake';
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'] as const;

/**
 * Runs axe on the page as it is now and returns its serious and critical violations, one readable line per
 * rule (rule, impact, help, then each offending node with axe's failure summary).
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // CDP evaluation is not subject to the extension page's CSP, so axe can be injected as source.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const results = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return results.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: any) =>
          `${v.id} (${v.impact}): ${v.help}\n` +
          v.nodes.map((n: any) => `    ${n.html}\n      ${String(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
      );
  });
}

/** The popup for `tabId`, with the viewport as wide as the popup's body (380px) so screenshots show no page margin. */
async function popupFor(lens: LensBrowser, tabId: number): Promise<Page> {
  const page = await openPopup(lens, tabId);
  await page.setViewportSize({ width: 380, height: 600 });
  return page;
}

/** Axe in light and dark mode (no serious/critical violations), with a screenshot `popup-<state>-<scheme>`. */
async function checkBothSchemes(lens: LensBrowser, page: Page, state: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const violations = await seriousViolations(page);
    expect(violations, `popup "${state}" in ${colorScheme} mode:\n${violations.join('\n')}`).toEqual([]);
    await lens.screenshot(page, `popup-${state}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Hrefs of the related list, de-duplicated, in DOM order. */
const relatedHrefs = (popup: Page) =>
  popup
    .locator('[data-testid="related-list"] a[href]')
    .evaluateAll((as) => [...new Set(as.map((a) => (a as HTMLAnchorElement).href))]);

const isFocused = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => el === document.activeElement);

/** Presses Tab (at most `max` times) until `selector`'s first match has focus; returns the presses used. */
async function tabTo(page: Page, selector: string, max = 20): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(page, selector)) return presses;
    await page.keyboard.press('Tab');
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`Tab never reached ${selector}; focus is on ${active}`);
}

describe('popup in real Chromium', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const seed = sampleArticles().find((a) => a.file === SEED)!;
  let seedTab: number;
  let unmatchedTab: number;

  beforeAll(async () => {
    server = await startServer();
    server.page(UNMATCHED, '<!doctype html><html lang="en"><title>Lemon cake</title><p>Flour, sugar, lemons.</p></html>');
    lens = await launchLens();
    await lens.waitForSync(150);
    const article = await lens.context.newPage();
    await article.goto(seed.webUrl.replace('https://', 'http://'));
    seedTab = await lens.tabIdOf(article);
    const recipe = await lens.context.newPage();
    await recipe.goto(UNMATCHED);
    unmatchedTab = await lens.tabIdOf(recipe);
  });
  afterAll(async () => {
    await lens?.context.setOffline(false).catch(() => {});
    await lens?.close();
    await server?.close();
  });

  /** The matched popup with its ranked related reading loaded (more than the seed's own entries). */
  async function openMatched(): Promise<Page> {
    const popup = await popupFor(lens, seedTab);
    await expect.poll(() => popup.locator('[data-testid="match-title"]').textContent(), { timeout: 10_000 }).toBe(seed.title);
    await expect.poll(async () => (await relatedHrefs(popup)).length, { timeout: 15_000 }).toBeGreaterThan(seed.related.length);
    return popup;
  }

  it('matched: title, score, both of the seed\'s own related links; no serious axe violations, light and dark', async () => {
    const popup = await openMatched();
    expect(await popup.locator('[data-testid="quality-score"]').textContent()).toBe('59');
    expect(seed.related).toHaveLength(2);
    const hrefs = await relatedHrefs(popup);
    for (const related of seed.related) expect(hrefs).toContain(related.webUrl);
    expect(await popup.locator('[data-testid="no-match"]').count()).toBe(0);
    await checkBothSchemes(lens, popup, 'matched');

    // The on-demand parts too: the score explanation and the entries behind "Show more".
    await popup.getByRole('button', { name: 'What does this score mean?' }).click();
    await popup.locator('[data-testid="quality-explanation"]').waitFor();
    const more = popup.locator('[data-testid="related-list"] button[aria-expanded]');
    if (await more.count()) await more.click();
    await checkBothSchemes(lens, popup, 'matched-expanded');
    await popup.close();
  });

  it('matched: Tab from the top reaches the score toggle and the first related link, Enter flips aria-expanded', async () => {
    const popup = await openMatched();
    const toggle = popup.getByRole('button', { name: 'What does this score mean?' });
    const firstLink = '[data-testid="related-list"] li:not([hidden]) a[href]';

    await tabTo(popup, '.hal-explain-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // A visible focus indicator (the page is keyboard-focused, so :focus-visible applies).
    expect(await toggle.evaluate((el) => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none')).toBe(true);
    await popup.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await popup.locator('[data-testid="quality-explanation"]').isVisible()).toBe(true);
    await popup.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await popup.locator('[data-testid="quality-explanation"]').count()).toBe(0);

    // Further on in the order, the first related link (the toggle comes before the list).
    await tabTo(popup, firstLink);
    const link = popup.locator(firstLink).first();
    expect(await link.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect((await relatedHrefs(popup))[0]).toBe(await link.evaluate((a) => (a as HTMLAnchorElement).href));
    await popup.close();
  });

  it('unmatched: the no-match state with top picks and search; no serious axe violations, light and dark', async () => {
    const popup = await popupFor(lens, unmatchedTab);
    await popup.locator('[data-testid="no-match"]').waitFor({ timeout: 10_000 });
    expect(await popup.locator('[data-testid="match-title"]').count()).toBe(0);
    // Wait for the top picks to load, so the screenshot shows the finished state.
    await expect.poll(() => popup.locator('[data-testid="top-picks"] a[href]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await checkBothSchemes(lens, popup, 'unmatched');

    // Instant search results are part of this state as well.
    const search = popup.getByRole('searchbox');
    await search.fill('radiology');
    await expect
      .poll(() => popup.locator('[data-testid="search-results"] a[href]').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await checkBothSchemes(lens, popup, 'unmatched-search');
    await popup.close();
  });

  it('offline: the worker sees navigator.onLine false and the status line shows the data age; axe, light and dark', async () => {
    // Playwright's setOffline sends Network.emulateNetworkConditions({offline: true}) to every page and to the
    // extension's service worker target; the check below is that the worker itself reports offline.
    await lens.context.setOffline(true);
    const worker = await lens.serviceWorker();
    await expect.poll(() => worker.evaluate(() => navigator.onLine), { timeout: 5_000 }).toBe(false);
    await expect.poll(async () => (await lens.send<any>({ type: 'status' })).summary.offline, { timeout: 5_000 }).toBe(true);

    for (const [state, tabId] of [
      ['offline-matched', seedTab],
      ['offline-unmatched', unmatchedTab],
    ] as const) {
      const popup = await popupFor(lens, tabId);
      await popup.locator(state === 'offline-matched' ? '[data-testid="match-title"]' : '[data-testid="no-match"]').waitFor({ timeout: 10_000 });
      const status = popup.locator('[data-testid="sync-status"]');
      await expect.poll(() => status.getAttribute('data-state')).toBe('offline');
      expect(await status.textContent()).toMatch(/^Offline · data from (just now|\d+ (minute|hour|day)s? ago) · [\d,]+ articles$/);
      if (state === 'offline-matched') {
        await expect.poll(async () => (await relatedHrefs(popup)).length, { timeout: 15_000 }).toBeGreaterThan(seed.related.length);
      } else {
        await expect.poll(() => popup.locator('[data-testid="top-picks"] a[href]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      }
      await checkBothSchemes(lens, popup, state);
      await popup.close();
    }

    await lens.context.setOffline(false);
    await expect.poll(async () => (await lens.send<any>({ type: 'status' })).summary.offline, { timeout: 5_000 }).toBe(false);
  });
});
