/**
 * Finds the in-page sidebar's UI: an extension page in an iframe inside `<health-ai-lens>`'s closed
 * shadow root, so page locators cannot reach it; tests find it among the page's frames by its
 * `chrome-extension://<id>/` URL (the per-session dynamic id of a `use_dynamic_url` resource, or
 * the extension's own id) and drive it there. Also axe on a frame.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { ROOT } from './paths';

/** Path of the sidebar's extension page. */
export const SIDEBAR_FRAME_PATH = '/sidebar-frame.html';

/** Whether `url` is our sidebar frame's (any id: `use_dynamic_url` may show a per-session one, not the extension's). */
export function isSidebarFrameUrl(url: string): boolean {
  return url.startsWith('chrome-extension://') && new URL(url).pathname === SIDEBAR_FRAME_PATH;
}

/** The sidebar frame of `page` now, if there is one. */
export function findSidebarFrame(page: Page): Frame | undefined {
  return page.frames().find((frame) => frame !== page.mainFrame() && isSidebarFrameUrl(frame.url()));
}

/** Waits for the sidebar frame of `page` and for its toggle to render. */
export async function sidebarFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = findSidebarFrame(page);
    if (frame) {
      await sidebarToggle(frame).waitFor({ timeout: Math.max(1000, deadline - Date.now()) });
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`no sidebar frame in ${page.url()} after ${timeoutMs} ms: ${page.frames().map((f) => f.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The toggle button in the frame: accessible name starting with "Health AI Lens", `aria-expanded`. */
export function sidebarToggle(frame: Frame): Locator {
  return frame.getByRole('button', { name: /^Health AI Lens/ });
}

/** Expands the sidebar (if collapsed) and waits for its panel; returns the frame. */
export async function expandSidebar(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const frame = await sidebarFrame(page, timeoutMs);
  const toggle = sidebarToggle(frame);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await frame.locator('.hal-sidebar-panel').waitFor({ timeout: timeoutMs });
  return frame;
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** axe (WCAG 2 A/AA) on `frame` as it is now: its serious and critical violations, one line per rule. */
export async function seriousViolations(frame: Frame): Promise<string[]> {
  // CDP evaluation is not subject to the extension page's CSP, so axe can be injected as source.
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const results = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // The edge tab shows "AI Lens" and "59" for the name "Health AI Lens: quality 59": both words,
      // in order, but not side by side, which this rule (contiguous text only) reports.
      rules: { 'label-content-name-mismatch': { enabled: false } },
      resultTypes: ['violations'],
    });
    return results.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n: any) => `    ${n.html}\n      ${String(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'));
  });
}
