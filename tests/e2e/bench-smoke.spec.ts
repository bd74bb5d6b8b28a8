/**
 * Keeps `npm run bench` working: a 1k-article run of the whole harness (build, corpus, Chromium, every measure) must
 * produce numbers. It asserts that numbers exist, never how fast they are (timings belong in the benchmark).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/paths';

/** Own port, build and scratch folder: the smoke run never disturbs e2e specs or a full `npm run bench`. */
const WORK_DIR = join(ROOT, 'test-results', 'bench-smoke');
const BUILD_DIR = join(ROOT, '.output', 'bench-smoke');

function runBench(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'bench/run.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_SIZES: '1000',
        BENCH_SKIP_EVAL: '1',
        BENCH_PORT: process.env.BENCH_SMOKE_PORT ?? '8106',
        BENCH_DEBUG_PORT: process.env.BENCH_SMOKE_DEBUG_PORT ?? '9336',
        BENCH_WORK_DIR: WORK_DIR,
        BENCH_BUILD_DIR: BUILD_DIR,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const finite = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

describe('bench harness (1k smoke run)', () => {
  it('prints the table and writes results with a number for every measure', { timeout: 300_000 }, async () => {
    rmSync(WORK_DIR, { recursive: true, force: true });
    const { code, output } = await runBench();
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toContain('Goals:');

    const results = JSON.parse(readFileSync(join(WORK_DIR, 'results.json'), 'utf8'));
    expect(results.machine.nproc).toBeGreaterThan(0);
    expect(results.machine.chromium).toMatch(/Chromium/);
    expect(results.machine.cpu).toEqual(expect.any(String));
    expect(results.largest.badge.warm.rounds.length).toBeGreaterThanOrEqual(3);
    const [size] = results.perSize;
    expect(size.size).toBe(1000);
    for (const value of [
      size.import.ours.median,
      size.import.floor.median,
      size.import.dexie.median,
      size.incremental.median,
      size.lookup.hit.p99,
      size.related.ours.p99,
      size.related.mini.p99,
      results.largest.badge.all.p95,
      results.largest.popup.warm.median,
      results.largest.contentScript.scriptMs.median,
      results.largest.swHeapAfterImportMB,
      // Badge rows in rounds: ours, the constant-badge control, a cold worker, after a re-import.
      results.largest.badge.warm.p95OfRounds.median,
      results.largest.badge.control.p95OfRounds.median,
      results.largest.badge.warmOverControlP95,
      results.largest.badge.cold.p95OfRounds.median,
      results.largest.badge.afterImport.p95OfRounds.median,
    ]) {
      expect(finite(value), JSON.stringify(value)).toBe(true);
    }
    expect(size.lookup.wrong).toBe(0);
    // The packaged snapshot: a zip was written and a fresh install with no network reached the right badge.
    const [snapshot] = results.snapshots;
    expect(snapshot.size).toBe(1000);
    expect(snapshot.zipBytes).toBeGreaterThan(snapshot.snapshotBytes / 20);
    expect(finite(snapshot.installToBadge.median), JSON.stringify(snapshot)).toBe(true);
    expect(output).toContain('install → badge 1k, packaged snapshot, network blocked');
    expect(results.goals.length).toBeGreaterThan(0);
  });
});
