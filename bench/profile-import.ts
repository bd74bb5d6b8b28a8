/**
 * CPU profile of the service worker during one import (default 10k articles): self time per function.
 * Run after `npm run bench` has written .bench/data; build unminified first for readable names:
 *   WXT_NO_MINIFY=1 WXT_OUT_DIR=.output/bench WXT_DEFAULT_FEEDS=http://bench.lens.test/bundle/manifest.json npx wxt build
 *   npx tsx bench/profile-import.ts [size]   (BENCH_PORT, BENCH_DEBUG_PORT, BENCH_WORK_DIR, BENCH_BUILD_DIR as for npm run bench)
 */
import { startBenchServer } from './server';
import { launchBench } from './browser';
import WebSocket from 'ws';
const SIZE = Number(process.argv[2] ?? 10000);
// Same env names as bench/run.ts, so a worktree can use its own ports and dirs.
const PORT = Number(process.env.BENCH_PORT ?? 8107), DBG = Number(process.env.BENCH_DEBUG_PORT ?? 9341);
const WORK = process.env.BENCH_WORK_DIR ?? '.bench', BUILD = process.env.BENCH_BUILD_DIR ?? '.output/bench';
const server = await startBenchServer(PORT, `${WORK}/pages`);
server.setCorpus(`${WORK}/data/${SIZE}`, 'a');
const b = await launchBench(`${BUILD}/chrome-mv3`, PORT, DBG);
const wait = async () => { for (;;) { const s: any = await b.send({ type: 'status' }); if (s.summary.state !== 'syncing' && s.summary.articleCount >= SIZE) return s; await new Promise(r => setTimeout(r, 200)); } };
await wait();
const targets: any[] = await (await fetch(`http://127.0.0.1:${DBG}/json/list`)).json();
const t = targets.find((x) => x.type === 'service_worker');
const ws = new WebSocket(t.webSocketDebuggerUrl);
await new Promise((r) => ws.on('open', r));
let id = 0; const pending = new Map<number, (v: any) => void>();
ws.on('message', (d) => { const m = JSON.parse(String(d)); if (m.id && pending.has(m.id)) { pending.get(m.id)!(m.result ?? m.error); pending.delete(m.id); } });
const call = (method: string, params: any = {}) => new Promise<any>((res) => { const i = ++id; pending.set(i, res); ws.send(JSON.stringify({ id: i, method, params })); });
await call('Profiler.enable'); await call('Profiler.setSamplingInterval', { interval: 200 });
await b.send({ type: 'clearData' });
await call('Profiler.start');
const t0 = Date.now();
await b.send({ type: 'syncNow' });
await wait();
const elapsed = Date.now() - t0;
const { profile } = await call('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas as number[]; const samples = profile.samples as number[];
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
let total = 0;
samples.forEach((s, i) => { const n: any = byId.get(s); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); total += dt[i] ?? 0; });
console.log('elapsed', elapsed, 'ms; sampled', (total / 1000).toFixed(0), 'ms');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / 1000).toFixed(1).padStart(8), k);
ws.close(); await b.close(); await server.close();
