/**
 * The import rows of `npm run bench` alone, for quick before/after work: interleaved rounds of ours (sync start → idle in
 * the service worker), the per-record IndexedDB floor and Dexie, exactly as bench/run.ts measures them, on one or more
 * builds of the extension in the same run; optionally a CPU profile of the worker during one more import of each build.
 *   npx tsx bench/import-ab.ts [size] [rounds]
 * Env: BENCH_BUILDS (comma-separated unpacked builds, default `<BENCH_BUILD_DIR>/chrome-mv3`), BENCH_PROFILE=1 (self time
 * per function; build with WXT_NO_MINIFY=1 for names), BENCH_PORT, BENCH_DEBUG_PORT, BENCH_WORK_DIR, BENCH_BUILD_DIR.
 * Reuses the corpus `npm run bench` wrote under BENCH_WORK_DIR, or writes it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import WebSocket from 'ws';
import { generateCorpus } from './corpus';
import { writeCorpusFiles } from './data';
import { PAGE_HOST, startBenchServer } from './server';
import { launchBench, type BenchBrowser } from './browser';
import { summarize } from './stats';

declare const chrome: any;

const ROOT = resolve(import.meta.dirname, '..');
const SIZE = Number(process.argv[2] ?? 10000);
const ROUNDS = Number(process.argv[3] ?? 4);
const PORT = Number(process.env.BENCH_PORT ?? 8105);
const DEBUG_PORT = Number(process.env.BENCH_DEBUG_PORT ?? 9335);
const WORK = resolve(process.env.BENCH_WORK_DIR ?? join(ROOT, '.bench'));
const BUILD_DIR = resolve(process.env.BENCH_BUILD_DIR ?? join(ROOT, '.output', 'bench'));
const BUILDS = (process.env.BENCH_BUILDS ?? join(BUILD_DIR, 'chrome-mv3')).split(',').map((b) => resolve(b.trim()));
const PAGES_DIR = join(WORK, 'pages');
const DATA_DIR = join(WORK, 'data', String(SIZE));

const log = (message: string) => console.log(`[import-ab ${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(1)}] ${message}`);

async function ensureFiles(): Promise<void> {
  if (!existsSync(join(PAGES_DIR, 'store-bench.js'))) {
    mkdirSync(PAGES_DIR, { recursive: true });
    await build({ entryPoints: [join(ROOT, 'bench', 'pages', 'store-bench.ts')], bundle: true, format: 'esm', target: 'es2022', outfile: join(PAGES_DIR, 'store-bench.js'), logLevel: 'error' });
    writeFileSync(join(PAGES_DIR, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/store-bench.js"></script>\n');
  }
  if (!existsSync(join(DATA_DIR, 'records.json'))) writeCorpusFiles(generateCorpus(SIZE).articles, DATA_DIR);
}

async function waitForIdle(lens: BenchBrowser, count: number): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    const s = await lens.send<any>({ type: 'status' }).catch(() => undefined);
    if (s?.summary?.state === 'idle' && s.summary.articleCount === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('install sync did not finish');
}

async function timedSync(lens: BenchBrowser): Promise<number> {
  const { ms, envelope } = await lens.helper.evaluate(async () => {
    const t = performance.now();
    const envelope = await chrome.runtime.sendMessage({ type: 'syncNow' });
    return { ms: performance.now() - t, envelope };
  });
  const summary = envelope?.value?.summary;
  if (!envelope?.ok || summary.state !== 'idle' || summary.articleCount !== SIZE || summary.errors.length) throw new Error(`sync failed: ${JSON.stringify(envelope).slice(0, 500)}`);
  return ms;
}

/**
 * Waits until the worker has rebuilt its ranking corpus after our import (a search answers once the build and its stored
 * snapshot are done, starting it now if its timer has not fired), so that work does not overlap the baselines timed next.
 */
async function waitForCorpus(lens: BenchBrowser): Promise<void> {
  await lens.send({ type: 'search', query: 'health' });
}

const STAGES = (process.env.BENCH_STAGES ?? 'fetchShard,parseBundleArticle,parseBundleShard,parseJsonBody,sha256Hex,replaceMonthInTx,writeChunk,compactInTx,build,mergeArticle,indexKeys,factRows,articleChars').split(',');

/** Self time per function over one more import, as a sorted list. */
async function profileImport(lens: BenchBrowser, debugPort: number): Promise<string> {
  const targets: any[] = await (await fetch(`http://127.0.0.1:${debugPort}/json/list`)).json();
  const target = targets.find((x) => x.type === 'service_worker' && x.url.includes(lens.extensionId));
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r) => ws.on('open', r));
  let id = 0;
  const pending = new Map<number, (v: any) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d));
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)!(m.result ?? m.error);
      pending.delete(m.id);
    }
  });
  const call = (method: string, params: any = {}) => new Promise<any>((res) => { const i = ++id; pending.set(i, res); ws.send(JSON.stringify({ id: i, method, params })); });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await lens.send({ type: 'clearData' });
  await call('Profiler.start');
  const ms = await timedSync(lens);
  const { profile } = await call('Profiler.stop');
  ws.close();
  const self = new Map<string, number>();
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  let total = 0;
  (profile.samples as number[]).forEach((s, i) => {
    const n = byId.get(s);
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(k, (self.get(k) ?? 0) + dt);
    total += dt;
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  // Inclusive time and span (first → last sample, ms from the start) of the import's stages.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, { ms: number; first: number; last: number }>();
  let at = 0;
  (profile.samples as number[]).forEach((s, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    const seen = new Set<string>();
    for (let node: number | undefined = s; node !== undefined; node = parent.get(node)) {
      const name = byId.get(node).callFrame.functionName;
      if (!STAGES.includes(name) || seen.has(name)) continue;
      seen.add(name);
      const e = inclusive.get(name) ?? { ms: 0, first: at, last: at };
      e.ms += dt;
      e.last = at;
      inclusive.set(name, e);
    }
  });
  const stages = [...inclusive].map(([k, v]) => `${(v.ms / 1000).toFixed(1).padStart(8)} ms incl.  ${k} (${(v.first / 1000).toFixed(0)}–${(v.last / 1000).toFixed(0)} ms)`);
  return [`import ${ms.toFixed(0)} ms; sampled ${(total / 1000).toFixed(0)} ms`, ...top.map(([k, v]) => `${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`), ...stages].join('\n');
}

await ensureFiles();
const server = await startBenchServer(PORT, PAGES_DIR);
server.setCorpus(DATA_DIR, 'a');
const lenses: BenchBrowser[] = [];
try {
  for (const dir of BUILDS) {
    const lens = await launchBench(dir, PORT, DEBUG_PORT + lenses.length);
    await waitForIdle(lens, SIZE);
    lenses.push(lens);
  }
  const page = await lenses[0]!.context.newPage();
  await page.goto(`http://${PAGE_HOST}:${PORT}/index.html`);
  const ours: number[][] = BUILDS.map(() => []);
  const floor: number[] = [];
  const dexie: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const line: string[] = [];
    for (const [i, lens] of lenses.entries()) {
      await lens.send({ type: 'clearData' });
      ours[i]!.push(await timedSync(lens));
      await waitForCorpus(lens);
      line.push(`build ${i} ${ours[i]!.at(-1)!.toFixed(0)} ms`);
    }
    floor.push((await page.evaluate(() => (window as any).bench.floor())).totalMs);
    dexie.push((await page.evaluate(() => (window as any).bench.dexie())).totalMs);
    log(`round ${round + 1}: ${line.join(', ')}, floor ${floor.at(-1)!.toFixed(0)} ms, Dexie ${dexie.at(-1)!.toFixed(0)} ms`);
  }
  const f = summarize(floor).median;
  const d = summarize(dexie).median;
  for (const [i, dir] of BUILDS.entries()) {
    const o = summarize(ours[i]!);
    log(`build ${i} (${dir}): median ${o.median.toFixed(0)} ms (${o.min.toFixed(0)}–${o.max.toFixed(0)}); ÷ floor ${(o.median / f).toFixed(2)}×, ÷ Dexie ${(o.median / d).toFixed(2)}×`);
  }
  log(`floor median ${f.toFixed(0)} ms, Dexie median ${d.toFixed(0)} ms`);
  if (process.env.BENCH_PROFILE === '1') {
    for (const [i, lens] of lenses.entries()) {
      // A busy machine can leave a later browser's DevTools port unanswered: report it and go on.
      log(`profile of build ${i}:\n${await profileImport(lens, DEBUG_PORT + i).catch((error: unknown) => `unavailable (${String(error)})`)}`);
    }
  }
} finally {
  for (const lens of lenses) await lens.close();
  await server.close();
}
