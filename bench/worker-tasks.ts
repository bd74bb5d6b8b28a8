/**
 * The worker-tasks row of `npm run bench`: how long single tasks hold the service worker's thread during a full import
 * and the ranking-corpus rebuild that follows it (scheduled ~1.5 s after a sync: lib/app/lens-service.ts). A navigation's
 * event waits behind whatever task is running, so the longest task bounds the badge delay in that minute.
 *
 * How: a Chromium trace over the browser's DevTools target (the `toplevel` category's RunTask events of every thread;
 * a worker target has no Tracing domain), kept to the thread named like a service-worker thread in the extension's
 * process, while a CPU profile of the worker target runs alongside: each long task is described by the functions with
 * the most self time inside it (names are minified unless the bench build was built with WXT_NO_MINIFY=1).
 * Node only; bench/run.ts calls it with the browser it launched.
 */
import WebSocket from 'ws';
import type { BenchBrowser } from './browser';
import type { CorpusFiles } from './data';
import type { BenchServer } from './server';

/** A search whose answer waits for the corpus (cheap once built, unlike the data summary's pass over every article). */
const WAIT_QUERY = 'health';

/** A task longer than this holds a navigation's badge past the goal. */
export const LONG_TASK_MS = 50;

export interface WorkerTasksResult {
  size: number;
  /** Import start → corpus rebuilt and its snapshot stored. */
  windowMs: number;
  importMs: number;
  /** Tasks seen on the worker's thread (any length). */
  tasks: number;
  longestMs: number;
  over50: { count: number; totalMs: number };
  /**
   * The same by the thread's CPU time (the trace's `tdur`), when recorded: on a loaded machine a task's wall time
   * includes the time the thread waited for a core, which no change to the code can remove.
   */
  cpu?: { longestMs: number; over50: { count: number; totalMs: number } };
  /** The longest tasks, longest first: ms since import start, length, top self-time functions. */
  longest: { atMs: number; ms: number; cpuMs?: number; what: string }[];
  /** Which thread the trace was read from (name, as Chromium labels it). */
  thread: string;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where Chromium records it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: any;
}

/** A CDP connection over the DevTools WebSocket: calls, and events by method. */
class Cdp {
  private id = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, ((params: any) => void)[]>();
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(`${message.error.message}`));
        else waiting?.resolve(message.result);
      } else for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
    });
  }

  static async open(url: string): Promise<Cdp> {
    const socket = new WebSocket(url, { maxPayload: 1024 * 2 ** 20 });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new Cdp(socket);
  }

  call<T = any>(method: string, params: unknown = {}): Promise<T> {
    const id = ++this.id;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method: string, listener: (params: any) => void): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
  }

  close(): void {
    this.socket.close();
  }
}

async function targets(debugPort: number): Promise<{ type: string; url: string; webSocketDebuggerUrl: string }[]> {
  return (await (await fetch(`http://127.0.0.1:${debugPort}/json/list`)).json()) as any;
}

/** Top self-time functions of the profile samples within [from, to] (trace µs). */
function describe(profile: any, from: number, to: number): string {
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<string, number>();
  let t = profile.startTime as number;
  const samples = profile.samples as number[];
  const deltas = profile.timeDeltas as number[];
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    if (t < from || t > to) continue;
    const frame = byId.get(samples[i]!)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    const name = `${frame.functionName || '(anonymous)'}${frame.url ? ` ${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : ''}`;
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return top.map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ');
}

/** The trace events inside a task with the most time, by name (IndexedDB calls, GC, script): what the profile cannot see. */
function inside(events: TraceEvent[], task: TraceEvent): string {
  const end = task.ts + task.dur!;
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e === task || e.ts < task.ts || e.ts >= end || e.dur === undefined || /RunTask|ThreadController/.test(e.name)) continue;
    const name = e.name === 'FunctionCall' && e.args?.data?.functionName ? `FunctionCall ${e.args.data.functionName}` : e.name;
    byName.set(name, Math.max(byName.get(name) ?? 0, 0) + e.dur / 1000);
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ');
}

/**
 * One full import (store cleared first) of `files` and the corpus rebuild after it, traced. Waits for the rebuild by asking
 * for a search once the rebuild has been scheduled (the answer waits for the build under way).
 */
export async function workerTasks(o: { lens: BenchBrowser; server: BenchServer; files: CorpusFiles; debugPort: number; log: (m: string) => void }): Promise<WorkerTasksResult> {
  o.server.setCorpus(o.files.dir, 'a');
  await o.lens.send({ type: 'clearData' });
  // Let the corpus rebuild the clear scheduled run and finish before tracing starts.
  await new Promise((r) => setTimeout(r, 2500));
  await o.lens.send({ type: 'search', query: WAIT_QUERY }).catch(() => undefined);

  // The worker target, woken by a message if it went idle meanwhile.
  let worker: Awaited<ReturnType<typeof targets>>[number] | undefined;
  for (let attempt = 0; attempt < 20 && !worker; attempt++) {
    await o.lens.send({ type: 'status' }).catch(() => undefined);
    worker = (await targets(o.debugPort)).find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${o.lens.extensionId}/`));
    if (!worker) await new Promise((r) => setTimeout(r, 250));
  }
  if (!worker) throw new Error('no service worker target');
  const version = (await (await fetch(`http://127.0.0.1:${o.debugPort}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const browser = await Cdp.open(version.webSocketDebuggerUrl);
  const sw = await Cdp.open(worker.webSocketDebuggerUrl);
  const events: TraceEvent[] = [];
  browser.on('Tracing.dataCollected', (params) => events.push(...(params.value as TraceEvent[])));
  const complete = new Promise<void>((resolve) => browser.on('Tracing.tracingComplete', () => resolve()));
  try {
    await sw.call('Profiler.enable');
    await sw.call('Profiler.setSamplingInterval', { interval: 500 });
    // The profiler first: starting it is a long task of its own on the worker's thread, not the import's.
    await sw.call('Profiler.start');
    await browser.call('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { recordMode: 'recordContinuously', includedCategories: ['toplevel', '__metadata', 'devtools.timeline', 'IndexedDB', 'v8'], excludedCategories: ['*'] },
    });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const report = await o.lens.send<any>({ type: 'syncNow' });
    const importMs = Date.now() - started;
    if (report?.summary?.articleCount !== o.files.size) throw new Error(`import ended with ${JSON.stringify(report?.summary)?.slice(0, 300)}`);
    // The rebuild starts ~1.5 s after the sync; asking for the summary after that waits for the build under way.
    await new Promise((r) => setTimeout(r, 2500));
    await o.lens.send({ type: 'search', query: WAIT_QUERY });
    await new Promise((r) => setTimeout(r, 300));
    const windowMs = Date.now() - started;
    // Tracing ends first: stopping the profiler is a long task of its own (it serializes the profile on that thread).
    await browser.call('Tracing.end');
    await complete;
    const { profile } = await sw.call('Profiler.stop');

    // The worker's thread: a thread named like a service-worker thread (the extension's is the only one here).
    const names = new Map<string, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name ?? ''));
    const swThreads = [...names].filter(([, name]) => /service ?worker/i.test(name));
    const runTasks = (key: string) => events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === key && /RunTask/.test(e.name) && e.dur !== undefined);
    // With more than one, the busiest is ours (the import runs on it).
    const [threadKey, threadName] = swThreads.sort((a, b) => runTasks(b[0]).reduce((s, e) => s + e.dur!, 0) - runTasks(a[0]).reduce((s, e) => s + e.dur!, 0))[0] ?? [];
    if (!threadKey) throw new Error(`no service-worker thread in the trace: ${[...new Set(names.values())].join(', ')}`);
    // Top-level tasks only: a RunTask nested in another (a nested loop) is part of its parent.
    const all = runTasks(threadKey).sort((a, b) => a.ts - b.ts);
    const tasks: TraceEvent[] = [];
    for (const e of all) {
      const last = tasks[tasks.length - 1];
      if (last && e.ts < last.ts + last.dur!) continue;
      tasks.push(e);
    }
    const startTs = tasks[0]?.ts ?? 0;
    const long = tasks.filter((e) => e.dur! / 1000 > LONG_TASK_MS).sort((a, b) => b.dur! - a.dur!);
    const onThread = events.filter((e) => `${e.pid}:${e.tid}` === threadKey && e.ph === 'X');
    const longest = long.slice(0, 8).map((e) => ({
      atMs: Math.round((e.ts - startTs) / 1000),
      ms: e.dur! / 1000,
      ...(e.tdur !== undefined ? { cpuMs: e.tdur / 1000 } : {}),
      what: [describe(profile, e.ts, e.ts + e.dur!), inside(onThread, e)].filter(Boolean).join('; trace: ') || 'nothing sampled',
    }));
    const result: WorkerTasksResult = {
      size: o.files.size,
      windowMs,
      importMs,
      tasks: tasks.length,
      longestMs: tasks.reduce((m, e) => Math.max(m, e.dur! / 1000), 0),
      over50: { count: long.length, totalMs: long.reduce((s, e) => s + e.dur! / 1000, 0) },
      longest,
      thread: threadName!,
    };
    if (tasks.some((e) => e.tdur !== undefined)) {
      const cpuLong = tasks.filter((e) => (e.tdur ?? 0) / 1000 > LONG_TASK_MS);
      result.cpu = {
        longestMs: tasks.reduce((m, e) => Math.max(m, (e.tdur ?? 0) / 1000), 0),
        over50: { count: cpuLong.length, totalMs: cpuLong.reduce((s, e) => s + e.tdur! / 1000, 0) },
      };
    }
    o.log(`worker tasks ${o.files.size}: ${result.tasks} tasks on "${result.thread}" in ${windowMs} ms (import ${importMs} ms); longest ${result.longestMs.toFixed(1)} ms; ${result.over50.count} over ${LONG_TASK_MS} ms, ${result.over50.totalMs.toFixed(0)} ms in all${result.cpu ? `; by CPU time: longest ${result.cpu.longestMs.toFixed(1)} ms, ${result.cpu.over50.count} over ${LONG_TASK_MS} ms, ${result.cpu.over50.totalMs.toFixed(0)} ms in all` : ''}`);
    for (const l of longest) o.log(`  +${l.atMs} ms: ${l.ms.toFixed(1)} ms${l.cpuMs === undefined ? '' : ` (CPU ${l.cpuMs.toFixed(1)} ms)`} — ${l.what}`);
    const cpuTop = [...tasks].filter((e) => e.tdur !== undefined).sort((a, b) => b.tdur! - a.tdur!).slice(0, 5);
    for (const e of cpuTop) o.log(`  by CPU +${Math.round((e.ts - startTs) / 1000)} ms: CPU ${(e.tdur! / 1000).toFixed(1)} ms (wall ${(e.dur! / 1000).toFixed(1)}) — ${[describe(profile, e.ts, e.ts + e.dur!), inside(onThread, e)].filter(Boolean).join('; trace: ')}`);
    return result;
  } finally {
    browser.close();
    sw.close();
  }
}
