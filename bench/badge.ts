/**
 * Navigation → badge rows of `npm run bench`: warm worker beside a control extension that sets a constant badge on
 * the same navigations (bench/control-extension/, the browser's own floor on this machine), cold worker, and during a
 * whole re-import and the minute after it. Each in rounds (bench/stats.ts `summarizeRounds`). Node only; bench/run.ts
 * calls it with the browser it already launched.
 *
 * Env: BENCH_AFTER_IMPORT_S (seconds of navigations after each re-import; default 60, 3 in a smoke run).
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBench, type BenchBrowser } from './browser';
import type { CorpusFiles } from './data';
import type { BenchServer } from './server';
import { fmt, fmtSpread, summarizeRounds, type Rounds } from './stats';

declare const chrome: any;

const CONTROL_DIR = resolve(import.meta.dirname, 'control-extension');
/** The control's constant badge (bench/control-extension/background.js). */
const CONTROL_BADGE = '42';
/** Rounds per badge measure (the hygiene rule: at least three). */
export const BADGE_ROUNDS = 3;

export interface Probe {
  url: string;
  badge: string;
}

export interface BadgeResult {
  warm: Rounds;
  /** The constant-badge control on the same navigations, rounds interleaved with `warm`. */
  control: Rounds;
  /** Median over rounds of ours p95 ÷ the control's p95 in the same round. */
  warmOverControlP95: number;
  cold: Rounds;
  duringImport: Rounds & { missing: number; importMs: number[] };
  afterImport: Rounds & { missing: number; windowS: number };
}

/** The id of a fresh tab showing a plain page (the newest tab: without the "tabs" permission other sites' URLs are hidden). */
export async function plainTab(browser: BenchBrowser): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto('http://plain.bench.test/plain-start');
  const tabs: { id: number; url?: string }[] = await browser.helper.evaluate(() => chrome.tabs.query({}));
  const tabId = (tabs.find((t) => t.url?.includes('plain-start')) ?? tabs.reduce((a, b) => (b.id > a.id ? b : a))).id;
  return { page, tabId };
}

/**
 * One navigation → badge from an extension page: a plain page first (its badge cleared), then `probe`; ms from
 * `tabs.update` until the badge reads `probe.badge`, or -1 after `timeoutMs`.
 */
export function navToBadge(helper: Page, tabId: number, probe: Probe, n: number, timeoutMs = 10_000): Promise<number> {
  return helper.evaluate(
    async ({ tabId, url, badge, n, timeoutMs }) => {
      await chrome.tabs.update(tabId, { url: `http://plain.bench.test/plain-${n}` });
      for (let i = 0; i < 2000 && (await chrome.tabs.get(tabId)).status !== 'complete'; i++) await new Promise((r) => setTimeout(r, 5));
      for (let i = 0; i < 200 && (await chrome.action.getBadgeText({ tabId })) !== ''; i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      const t = performance.now();
      await chrome.tabs.update(tabId, { url });
      for (;;) {
        const text = await chrome.action.getBadgeText({ tabId });
        if (text === badge) return performance.now() - t;
        if (performance.now() - t > timeoutMs) return -1;
      }
    },
    { tabId, url: probe.url, badge: probe.badge, n, timeoutMs },
  );
}

export interface BadgeBenchOptions {
  lens: BenchBrowser;
  server: BenchServer;
  files: CorpusFiles;
  tabId: number;
  probes: Probe[];
  port: number;
  debugPort: number;
  small: boolean;
  log: (message: string) => void;
}

/** Warm rounds interleaved with the control's, on the same probe URLs. */
export async function warmBadge(o: BadgeBenchOptions): Promise<Pick<BadgeResult, 'warm' | 'control' | 'warmOverControlP95'>> {
  const perRound = o.small ? 4 : 12;
  const control = await launchBench(CONTROL_DIR, o.port, o.debugPort + 1, 'page.html');
  const ours: number[][] = [];
  const theirs: number[][] = [];
  try {
    const { tabId: controlTab } = await plainTab(control);
    let n = 0;
    for (let round = 0; round < BADGE_ROUNDS; round++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < perRound; i++, n++) {
        const probe = o.probes[(n * 7) % o.probes.length]!;
        const ms = await navToBadge(o.lens.helper, o.tabId, probe, n);
        if (ms >= 0) a.push(ms);
        const c = await navToBadge(control.helper, controlTab, { url: probe.url, badge: CONTROL_BADGE }, n);
        if (c >= 0) b.push(c);
      }
      ours.push(a);
      theirs.push(b);
      const r = summarizeRounds([a]);
      const k = summarizeRounds([b]);
      o.log(`nav→badge warm round ${round + 1}: ours p50 ${fmt(r.median)} p95 ${fmt(r.p95)}; control p50 ${fmt(k.median)} p95 ${fmt(k.p95)}`);
    }
  } finally {
    await control.close();
  }
  const warm = summarizeRounds(ours);
  const ctl = summarizeRounds(theirs);
  const ratios = warm.rounds.map((r, i) => r.p95 / ctl.rounds[i]!.p95).sort((x, y) => x - y);
  return { warm, control: ctl, warmOverControlP95: ratios[Math.floor(ratios.length / 2)]! };
}

/** Rounds of navigations each right after the worker was stopped. */
export async function coldBadge(o: BadgeBenchOptions): Promise<Rounds> {
  const perRound = o.small ? 1 : 3;
  const rounds: number[][] = [];
  for (let round = 0; round < BADGE_ROUNDS; round++) {
    const times: number[] = [];
    for (let i = 0; i < perRound; i++) {
      await o.lens.stopServiceWorker();
      await new Promise((r) => setTimeout(r, 300));
      const ms = await navToBadge(o.lens.helper, o.tabId, o.probes[((round * perRound + i) * 13 + 3) % o.probes.length]!, 1000 + round * perRound + i);
      if (ms >= 0) times.push(ms);
    }
    rounds.push(times);
  }
  const cold = summarizeRounds(rounds);
  o.log(`nav→badge cold worker: median ${fmtSpread(cold.medianOfRounds)}, p95 ${fmtSpread(cold.p95OfRounds)}`);
  return cold;
}

/**
 * Rounds of a whole re-import (the bundle flips between manifests A and C, every shard rewritten, every probe still
 * known with the same score), navigating to probes while it runs and for BENCH_AFTER_IMPORT_S after it. A navigation
 * without its badge after 3 s counts as missing (the outside sync test's limit), not in the percentiles.
 */
export async function importBadge(o: BadgeBenchOptions): Promise<Pick<BadgeResult, 'duringImport' | 'afterImport'>> {
  const windowS = Number(process.env.BENCH_AFTER_IMPORT_S ?? (o.small ? 3 : 60));
  const during: number[][] = [];
  const after: number[][] = [];
  const importMs: number[] = [];
  let missingDuring = 0;
  let missingAfter = 0;
  let n = 2000;
  for (let round = 0; round < BADGE_ROUNDS; round++) {
    o.server.setCorpus(o.files.dir, round % 2 === 0 ? 'c' : 'a');
    const started = Date.now();
    let done = false;
    const sync = o.lens.send<any>({ type: 'syncNow' }).finally(() => (done = true));
    const d: number[] = [];
    while (!done) {
      const ms = await navToBadge(o.lens.helper, o.tabId, o.probes[(n * 11) % o.probes.length]!, n++, 3000);
      if (ms >= 0) d.push(ms);
      else missingDuring++;
    }
    const report = await sync;
    if (report?.summary?.articleCount !== o.files.size || report?.summary?.errors?.length) throw new Error(`re-import ended with ${JSON.stringify(report?.summary)?.slice(0, 500)}`);
    importMs.push(Date.now() - started);
    const a: number[] = [];
    const until = Date.now() + windowS * 1000;
    while (Date.now() < until) {
      const ms = await navToBadge(o.lens.helper, o.tabId, o.probes[(n * 11) % o.probes.length]!, n++, 3000);
      if (ms >= 0) a.push(ms);
      else missingAfter++;
    }
    during.push(d);
    after.push(a);
    o.log(`nav→badge re-import round ${round + 1} (${importMs.at(-1)} ms): during n=${d.length} p95 ${fmt(summarizeRounds([d]).p95)}; after n=${a.length} p95 ${fmt(summarizeRounds([a]).p95)}; missing ${missingDuring}/${missingAfter}`);
  }
  o.server.setCorpus(o.files.dir, 'a');
  return {
    duringImport: { ...summarizeRounds(during), missing: missingDuring, importMs },
    afterImport: { ...summarizeRounds(after), missing: missingAfter, windowS },
  };
}
