/**
 * `npx tsx bench/trace-badge.ts`: a timeline of one navigation → badge, for finding where the warm path waits. Loads the
 * bench build (run `npm run bench` once first, or BENCH_SKIP_BUILD=0 builds it) against a small synthetic corpus, hooks
 * the worker's badge writes and tab events, polls the badge from an extension page, and prints every event in ms since
 * `tabs.update`. Node only; a diagnostic beside bench/run.ts, not part of the table.
 *
 * Env: TRACE_SIZE (1000), TRACE_NAVS (6), BENCH_PORT (8107), BENCH_DEBUG_PORT (9337), BENCH_BUILD_DIR (.output/bench).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from 'playwright-core';
import { generateCorpus } from './corpus';
import { writeCorpusFiles } from './data';
import { FEED_URL, startBenchServer } from './server';
import { launchBench } from './browser';

declare const chrome: any;

const ROOT = resolve(import.meta.dirname, '..');
const SIZE = Number(process.env.TRACE_SIZE ?? 1000);
const NAVS = Number(process.env.TRACE_NAVS ?? 6);
const PORT = Number(process.env.BENCH_PORT ?? 8107);
const DEBUG_PORT = Number(process.env.BENCH_DEBUG_PORT ?? 9337);
const BUILD_DIR = resolve(process.env.BENCH_BUILD_DIR ?? join(ROOT, '.output', 'bench'));
const EXTENSION_DIR = join(BUILD_DIR, 'chrome-mv3');

if (!existsSync(EXTENSION_DIR) || process.env.BENCH_SKIP_BUILD === '0') {
  execFileSync('npx', ['wxt', 'build', '--mode', 'production'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, WXT_OUT_DIR: BUILD_DIR, WXT_DEFAULT_FEEDS: FEED_URL, NODE_ENV: 'production' },
  });
}
const files = writeCorpusFiles(generateCorpus(SIZE).articles, mkdtempSync(join(tmpdir(), 'lens-trace-')));
const server = await startBenchServer(PORT, tmpdir());
server.setCorpus(files.dir, 'a');
const lens = await launchBench(EXTENSION_DIR, PORT, DEBUG_PORT);

/** Hooks the worker: every badge write and tab event goes to `self.__trace` with an absolute time. */
async function hook(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = self as any;
    if (g.__trace) return;
    g.__trace = [];
    const original = chrome.action.setBadgeText.bind(chrome.action);
    // Inline expressions only: tsx wraps named arrow functions in a helper the worker does not have.
    chrome.action.setBadgeText = (details: any) => {
      g.__trace.push({ t: (performance.timeOrigin + performance.now()), what: `setBadgeText "${details.text}"` });
      const written = original(details);
      // Not awaited by the caller: the worker's own badge queue must not wait for the trace.
      void written.then(async () => {
        // Does the browser keep what was just written? Read it back from the worker for 400 ms.
        let last: string | undefined;
        for (let start = performance.now(); performance.now() - start < 400; ) {
          const text = await chrome.action.getBadgeText({ tabId: details.tabId });
          if (text !== last) g.__trace.push({ t: (performance.timeOrigin + performance.now()), what: `  worker reads "${text}" (after setting "${details.text}")` });
          last = text;
          await new Promise((r) => setTimeout(r, 2));
        }
      });
      return written;
    };
    chrome.tabs.onUpdated.addListener((_id: number, change: any) => g.__trace.push({ t: (performance.timeOrigin + performance.now()), what: `tabs.onUpdated ${JSON.stringify(change)}` }));
    chrome.runtime.onMessage.addListener((message: any) => void g.__trace.push({ t: (performance.timeOrigin + performance.now()), what: `message ${message?.type}` }));
  });
}

let [worker] = lens.context.serviceWorkers();
for (let i = 0; i < 600; i++) {
  const status = await lens.send<any>({ type: 'status' }).catch(() => undefined);
  if (status?.summary?.state === 'idle' && status.summary.articleCount === SIZE) break;
  await new Promise((r) => setTimeout(r, 100));
}
await hook(worker!);
const tab = await lens.context.newPage();
await tab.goto('http://plain.bench.test/plain-start');
const tabs: { id: number; url?: string }[] = await lens.helper.evaluate(() => chrome.tabs.query({}));
const tabId = tabs.find((t) => t.url?.includes('plain-start'))!.id;

for (let n = 0; n < NAVS; n++) {
  const probe = files.probes[(n * 7) % files.probes.length]!;
  const badge = probe.quality === undefined ? '?' : String(probe.quality);
  const cold = n === NAVS - 1;
  if (cold) {
    await lens.stopServiceWorker();
    await new Promise((r) => setTimeout(r, 300));
  }
  const page = await lens.helper.evaluate(
    async ({ tabId, url, badge, n }) => {
      await chrome.tabs.update(tabId, { url: `http://plain.bench.test/plain-${n}` });
      for (let i = 0; i < 2000 && (await chrome.tabs.get(tabId)).status !== 'complete'; i++) await new Promise((r) => setTimeout(r, 5));
      for (let i = 0; i < 200 && (await chrome.action.getBadgeText({ tabId })) !== ''; i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      const events: { t: number; what: string }[] = [];
      const start = (performance.timeOrigin + performance.now());
      await chrome.tabs.update(tabId, { url });
      events.push({ t: (performance.timeOrigin + performance.now()), what: 'tabs.update resolved' });
      let last = '';
      for (;;) {
        const text = await chrome.action.getBadgeText({ tabId });
        if (text !== last) events.push({ t: (performance.timeOrigin + performance.now()), what: `badge reads "${text}"` });
        last = text;
        if (text === badge || (performance.timeOrigin + performance.now()) - start > 5000) break;
      }
      return { start, events };
    },
    { tabId, url: probe.url.replace(/^https:/, 'http:'), badge, n },
  );
  if (cold) {
    worker = lens.context.serviceWorkers().at(-1)!;
  }
  const fromWorker: { t: number; what: string }[] = await worker!.evaluate(() => {
    const g = self as any;
    const out = g.__trace ?? [];
    g.__trace = [];
    return out;
  }).catch(() => []);
  const all = [...page.events, ...fromWorker.filter((e) => e.t >= page.start - 5)].sort((a, b) => a.t - b.t);
  console.log(`\nnavigation ${n + 1}${cold ? ' (cold worker: worker events are not hooked before it starts)' : ''} → ${badge}`);
  for (const e of all) console.log(`  ${(e.t - page.start).toFixed(1).padStart(7)} ms  ${e.what}`);
  if (cold) await hook(worker!).catch(() => {});
}

await lens.close();
await server.close();
