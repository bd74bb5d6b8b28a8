/**
 * `npm run bench -- --compare <old.json>`: each measure of this run beside an earlier `.bench/results.json` and their
 * ratio, so a change's effect reads in one table. Reads results written before the badge rows had rounds too.
 * Pure apart from reading files; bench/run.ts calls it.
 */
import { readFileSync } from 'node:fs';
import { table } from './stats';

/** The headline number of every measure in a results file (ms unless the name says otherwise), by a stable name. */
export function measuresOf(results: any): Map<string, number> {
  const out = new Map<string, number>();
  const put = (name: string, value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) out.set(name, value);
  };
  // Measures taken in rounds report the median over rounds; older files have one pooled sample.
  const mid = (s: any, field: 'median' | 'p95') => (field === 'median' ? (s?.medianOfRounds?.median ?? s?.median) : (s?.p95OfRounds?.median ?? s?.p95));
  for (const s of results?.perSize ?? []) {
    const n = `${s.size / 1000}k`;
    put(`import ${n} median`, s.import?.ours?.median);
    put(`import ${n} ÷ per-record floor`, s.import?.oursOverFloor);
    put(`import ${n} ÷ Dexie`, s.import?.oursOverDexie);
    put(`incremental ${n} median`, s.incremental?.median);
    put(`lookup ${n} hit p99`, s.lookup?.hit?.p99);
    put(`lookup ${n} badge p99`, s.lookup?.badge?.p99);
    put(`lookup ${n} miss p99`, s.lookup?.miss?.p99);
    put(`related ${n} p99`, s.related?.ours?.p99);
    put(`related ${n} cards from IndexedDB median`, s.related?.oursStore?.median);
    put(`SW heap after import ${n} (MB)`, s.swHeapAfterImportMB);
  }
  const l = results?.largest;
  if (l) {
    const L = `${l.size / 1000}k`;
    put(`nav → badge ${L} warm median`, mid(l.badge?.warm, 'median'));
    put(`nav → badge ${L} warm p95`, mid(l.badge?.warm, 'p95'));
    put(`nav → badge ${L} control p95`, mid(l.badge?.control, 'p95'));
    put(`nav → badge ${L} warm ÷ control (p95)`, l.badge?.warmOverControlP95);
    put(`nav → badge ${L} cold median`, mid(l.badge?.cold, 'median'));
    put(`nav → badge ${L} cold p95`, mid(l.badge?.cold, 'p95'));
    put(`nav → badge ${L} during re-import p95`, mid(l.badge?.duringImport, 'p95'));
    put(`nav → badge ${L} after re-import p95`, mid(l.badge?.afterImport, 'p95'));
    put(`popup first render ${L} median`, l.popup?.warm?.median);
    put(`popup first after import ${L}`, l.popup?.firstAfterImport);
    put(`content script, non-matching page median`, l.contentScript?.scriptMs?.median);
    put(`link chips script median`, l.linkChips?.scriptMs?.median);
    put(`SW heap ${L} with corpus (MB)`, l.swHeapWithCorpusMB);
  }
  for (const w of results?.workerTasks ?? []) {
    const n = `${w.size / 1000}k`;
    put(`worker's longest task, import + rebuild ${n}`, w.longestMs);
    put(`worker tasks over 50 ms, import + rebuild ${n} (count)`, w.over50?.count);
    put(`worker tasks over 50 ms, import + rebuild ${n} (total)`, w.over50?.totalMs);
    put(`worker's longest task by CPU time, import + rebuild ${n}`, w.cpu?.longestMs);
    put(`worker tasks over 50 ms CPU, import + rebuild ${n} (count)`, w.cpu?.over50?.count);
  }
  for (const s of results?.snapshots ?? []) {
    const n = `${s.size / 1000}k`;
    put(`install → badge ${n} snapshot median`, s.installToBadge?.median);
    put(`zip with ${n} snapshot (MB)`, typeof s.zipBytes === 'number' ? s.zipBytes / 1e6 : undefined);
  }
  return out;
}

const number = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

/** The comparison table: every measure either file has, with new ÷ old where both have it. */
export function compareResults(current: unknown, earlier: unknown, labels = { earlier: 'earlier', current: 'this run' }): string {
  const now = measuresOf(current);
  const before = measuresOf(earlier);
  const names = [...new Set([...now.keys(), ...before.keys()])];
  const rows = names.map((name) => {
    const a = before.get(name);
    const b = now.get(name);
    return [name, a === undefined ? '—' : number(a), b === undefined ? '—' : number(b), a !== undefined && b !== undefined && a !== 0 ? `${(b / a).toFixed(2)}×` : ''];
  });
  const machine = (r: any) => (r?.machine ? `${r.machine.chromium ?? '?'}, ${r.machine.nproc ?? '?'} cores (${r.machine.cpu ?? '?'}), ${r.date ?? ''}` : 'machine unknown');
  return [`${labels.earlier}: ${machine(earlier)}`, `${labels.current}: ${machine(current)}`, '', table(['measure', labels.earlier, labels.current, 'ratio'], rows)].join('\n');
}

/** Reads a results file for comparing. */
export function readResults(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
