/**
 * `npx tsx bench/badge-ab.ts <buildA> <buildB>`: warm navigation → badge of two extension builds and the constant-badge
 * control, one navigation of each in turn, so a before/after comparison sees the same machine load (a loaded 2-core
 * machine drifts more between two runs than a change moves the badge). Both builds must sync from the bench feed
 * (bench/run.ts builds them so). Node only; a diagnostic beside bench/run.ts.
 *
 * Env: AB_SIZE (1000), AB_ROUNDS (3), AB_NAVS (10 per round), BENCH_PORT (8107), BENCH_DEBUG_PORT (9337).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateCorpus } from './corpus';
import { writeCorpusFiles } from './data';
import { startBenchServer } from './server';
import { launchBench, type BenchBrowser } from './browser';
import { navToBadge, plainTab } from './badge';
import { fmt, summarizeRounds } from './stats';

const [dirA, dirB] = process.argv.slice(2).map((d) => join(resolve(d), 'chrome-mv3'));
if (!dirA || !dirB) throw new Error('usage: npx tsx bench/badge-ab.ts <buildA> <buildB> (folders holding chrome-mv3/)');
const SIZE = Number(process.env.AB_SIZE ?? 1000);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 3);
const NAVS = Number(process.env.AB_NAVS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 8107);
const DEBUG_PORT = Number(process.env.BENCH_DEBUG_PORT ?? 9337);

const files = writeCorpusFiles(generateCorpus(SIZE).articles, mkdtempSync(join(tmpdir(), 'lens-ab-')));
const server = await startBenchServer(PORT, tmpdir());
server.setCorpus(files.dir, 'a');
const probes = files.probes.map((p) => ({ url: p.url.replace(/^https:/, 'http:'), badge: p.quality === undefined ? '?' : String(p.quality) }));

async function synced(lens: BenchBrowser): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    const status = await lens.send<any>({ type: 'status' }).catch(() => undefined);
    if (status?.summary?.state === 'idle' && status.summary.articleCount === SIZE) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sync did not finish');
}

const a = await launchBench(dirA, PORT, DEBUG_PORT);
const b = await launchBench(dirB, PORT, DEBUG_PORT + 1);
const control = await launchBench(resolve(import.meta.dirname, 'control-extension'), PORT, DEBUG_PORT + 2, 'page.html');
try {
  await Promise.all([synced(a), synced(b)]);
  const tabs = { a: (await plainTab(a)).tabId, b: (await plainTab(b)).tabId, control: (await plainTab(control)).tabId };
  const samples = { a: [] as number[][], b: [] as number[][], control: [] as number[][] };
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const r = { a: [] as number[], b: [] as number[], control: [] as number[] };
    for (let i = 0; i < NAVS; i++, n++) {
      const probe = probes[(n * 7) % probes.length]!;
      const ms = { a: await navToBadge(a.helper, tabs.a, probe, n), b: await navToBadge(b.helper, tabs.b, probe, n), control: await navToBadge(control.helper, tabs.control, { url: probe.url, badge: '42' }, n) };
      for (const k of ['a', 'b', 'control'] as const) if (ms[k] >= 0) r[k].push(ms[k]);
    }
    for (const k of ['a', 'b', 'control'] as const) samples[k].push(r[k]);
    console.log(`round ${round + 1}: ${(['a', 'b', 'control'] as const).map((k) => `${k} p50 ${fmt(summarizeRounds([r[k]]).median)} p95 ${fmt(summarizeRounds([r[k]]).p95)}`).join('; ')}`);
  }
  for (const k of ['a', 'b', 'control'] as const) {
    const s = summarizeRounds(samples[k]);
    console.log(`${k}: median ${fmt(s.medianOfRounds.median)} (${fmt(s.medianOfRounds.min, '')}–${fmt(s.medianOfRounds.max, '')}), p95 ${fmt(s.p95OfRounds.median)} (${fmt(s.p95OfRounds.min, '')}–${fmt(s.p95OfRounds.max, '')}), n=${s.n}`);
  }
} finally {
  await Promise.all([a.close(), b.close(), control.close()]);
  await server.close();
}
