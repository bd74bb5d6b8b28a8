/**
 * The one production Chrome package the build tests read, built at most once per `vitest run`
 * (whichever build test starts first builds it; the others wait) into `.output/test-build`, where
 * `scripts/check-package.mjs --test-build` reads it after the unit tests. Test-only helper.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One id per `vitest run` (vitest.config.ts): a build stamped with it was made by this run. */
    testBuildRun: string;
  }
}

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
/** A lock older than this is from a run that died mid-build. */
const STALE_LOCK_MS = 5 * 60_000;

interface CheckPackageBuild {
  TEST_BUILD_DIR: string;
  buildTestPackage(outDir?: string): string;
}

/** The built package directory (`…/chrome-mv3`) of this run's shared build. */
export async function testBuild(): Promise<string> {
  const script = (await import(join(ROOT, 'scripts', 'check-package.mjs') as string)) as CheckPackageBuild;
  const outDir = script.TEST_BUILD_DIR;
  const packageDir = join(outDir, 'chrome-mv3');
  const stamp = join(outDir, 'run-id');
  const lock = join(ROOT, '.output', 'test-build.lock');
  const run = inject('testBuildRun');
  const current = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === run;
  mkdirSync(join(ROOT, '.output'), { recursive: true });
  for (;;) {
    if (current()) return packageDir;
    try {
      mkdirSync(lock);
    } catch {
      // Another build test is building: wait for its stamp (or take over a lock it left behind).
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (current()) return packageDir;
      rmSync(outDir, { recursive: true, force: true });
      script.buildTestPackage(outDir);
      writeFileSync(stamp, run);
      return packageDir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
