/**
 * The in-page sidebar, the same in Chromium and Firefox: on a matched article a framed extension page
 * (inside `<health-ai-lens>`'s closed shadow root) shows a collapsed toggle; expanded, the panel shows the
 * article's title, score and related links, and collapses again; a page that is not news gets no host
 * element and no frame. Each browser's sidebar spec runs these inside its own describe.
 */
import { expect, it } from 'vitest';
import { sampleArticles } from '../e2e/support/server';
import { sleep, waitUntil, type LensFrame, type Session } from './driver';
import { hasSidebarHost, SEED, SEED_HTTP } from './slice';

/** The toggle button in the frame (accessible name "Health AI Lens…", `aria-expanded`). */
export const TOGGLE = 'button.hal-sidebar-tab';
/** Long enough for the content script to ask the background and (not) mount; a negative check waits this. */
const SETTLE_MS = 2000;

export const expanded = (frame: LensFrame) => frame.attribute(TOGGLE, 'aria-expanded');

export function sidebarSpecs(session: Session): void {
  const seed = sampleArticles().find((a) => a.file === SEED)!;

  it('a matched article gets the framed toggle; expanded, the panel shows title, score and related links; it collapses again', async () => {
    const { page } = await session.lens.open(SEED_HTTP);
    const frame = await page.sidebarFrame();
    // The page sees the host element only: its shadow root is closed.
    expect(await page.evaluate(() => document.querySelector('health-ai-lens')?.shadowRoot ?? null)).toBeNull();
    expect(await frame.attribute(TOGGLE, 'aria-label')).toBe('Health AI Lens: quality 59');
    expect(await expanded(frame)).toBe('false');
    expect(await frame.count('[data-testid="match-title"]')).toBe(0);

    await frame.click(TOGGLE);
    await waitUntil(() => expanded(frame), (e) => e === 'true', 10_000, 'expanded');
    await waitUntil(() => frame.text('[data-testid="match-title"]'), (t) => t === seed.title, 10_000, 'panel title');
    expect(await frame.text('[data-testid="quality-score"]')).toBe('59');
    const hrefs = await waitUntil(() => frame.hrefs('[data-testid="related-list"] a[href]'), (h) => h.length >= seed.related.length, 10_000, 'related links');
    for (const related of seed.related) expect(hrefs).toContain(related.webUrl);
    await page.screenshot('sidebar-expanded-shared');

    await frame.click('button[aria-label="Collapse"]');
    await waitUntil(() => expanded(frame), (e) => e === 'false', 10_000, 'collapsed');
    expect(await frame.count('[data-testid="match-title"]')).toBe(0);
    await page.close();
  });

  it('a plain page that is not news gets no host element and no frame', async () => {
    const { lens, server } = session;
    const url = 'http://example.org/garden/tomatoes';
    server.page(url, '<!doctype html><html lang="en"><title>Growing tomatoes</title><p>Water daily.</p></html>');
    const { page } = await lens.open(url);
    await sleep(SETTLE_MS);
    expect(await hasSidebarHost(page)).toBe(false);
    expect(await page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0);
    await page.close();
  });
}
