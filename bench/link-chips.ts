/**
 * Bench rows for score chips beside links: a Google-shaped results page with 50 links to stored articles (half direct,
 * half `/url?q=` redirects), measured in real Chromium until every chip is in: main-thread script and task time over
 * the same page without content scripts, DOM writes that are not chips, and layout shift. Node only; bench/run.ts.
 */
import type { BenchBrowser } from './browser';
import { summarize, type Summary } from './stats';

/** Links on the bench results page, as the goal states it. */
export const CHIP_LINKS = 50;

export interface LinkChipsResult {
  /** CDP ScriptDuration with both content scripts (sidebar + chips) minus the `data:` baseline. */
  scriptMs: Summary;
  /** CDP TaskDuration Δ: script plus the style and layout the chips cause. */
  taskMs: Summary;
  chips: number;
  /** DOM writes other than chip insertions (the page's own content must not be touched). */
  otherWrites: number;
  /** Sum of layout-shift values after load (chips go after links; results below may move by a line at most). */
  layoutShift: number;
}

/** A plain results page: one block per result, a title link and a snippet, as engines lay them out. */
function resultsHtml(urls: readonly string[]): string {
  const items = urls
    .map((url, i) => {
      const href = i % 2 ? `/url?q=${encodeURIComponent(url)}&sa=U&ved=${i}` : url;
      return `<div class="g"><a href="${href.replace(/&/g, '&amp;')}"><h3>Result ${i}</h3></a><div class="s">Snippet ${i}: words about the article.</div></div>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench - Search</title></head><body><div id="search">${items}</div></body></html>`;
}

/**
 * Opens the results page `runs` times (and its `data:` twin as the baseline) and measures each.
 * @param urls article URLs the extension holds (at least {@link CHIP_LINKS})
 */
export async function linkChipsCost(lens: BenchBrowser, urls: readonly string[], runs: number): Promise<LinkChipsResult> {
  const html = resultsHtml(urls.slice(0, CHIP_LINKS));
  const scriptMs: number[] = [];
  const taskMs: number[] = [];
  let chips = 0;
  let otherWrites = 0;
  let layoutShift = 0;
  const measure = async (url: string, expectChips: boolean) => {
    const page = await lens.context.newPage();
    await page.addInitScript(() => {
      const w = window as any;
      w.__lensOtherWrites = 0;
      w.__lensShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) w.__lensShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver((records) => {
          for (const r of records) {
            if ((r.target as Element).localName === 'health-ai-lens-chip') continue; // a chip's own placement
            const chipsOnly = r.type === 'childList' && r.removedNodes.length === 0 && [...r.addedNodes].every((n) => (n as Element).localName === 'health-ai-lens-chip');
            if (!chipsOnly) w.__lensOtherWrites++;
          }
        }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      });
    });
    if (url.startsWith('https://www.google.com/')) {
      // HSTS-preloaded host: fulfilled in the browser; the chips themselves request nothing.
      await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    }
    const cdp = await lens.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url);
    await page.waitForLoadState('load');
    if (expectChips) await page.waitForFunction((n) => document.querySelectorAll('health-ai-lens-chip').length >= n, CHIP_LINKS, { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, expectChips ? 300 : 1500));
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
    const dom = await page.evaluate(() => ({
      chips: document.querySelectorAll('health-ai-lens-chip').length,
      otherWrites: (window as any).__lensOtherWrites as number,
      shift: (window as any).__lensShift as number,
    }));
    await cdp.detach().catch(() => {});
    await page.close();
    return { script: metric('ScriptDuration'), task: metric('TaskDuration'), ...dom };
  };
  for (let i = 0; i < runs; i++) {
    const withChips = await measure(`https://www.google.com/search?q=bench-chips-${i}`, true);
    const baseline = await measure(`data:text/html,${encodeURIComponent(html)}`, false);
    scriptMs.push(Math.max(0, withChips.script - baseline.script));
    taskMs.push(Math.max(0, withChips.task - baseline.task));
    chips = withChips.chips;
    otherWrites = Math.max(otherWrites, withChips.otherWrites);
    layoutShift = Math.max(layoutShift, withChips.shift);
  }
  return { scriptMs: summarize(scriptMs), taskMs: summarize(taskMs), chips, otherWrites, layoutShift };
}
