/**
 * The one way tests reach the real everyday-cc sample in ../shared/data.
 * Missing data: under CI (`CI=true`) tests fail with a clear message; elsewhere they are skipped
 * with a printed notice, so a fresh clone outside this setup still passes on our own fixtures.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe } from 'vitest';

/** Root of the real sample: `../shared/data/everyday-cc` beside the repository (override: SHARED_DATA_DIR). */
export const SHARED_DATA_DIR = resolve(
  process.env.SHARED_DATA_DIR ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'everyday-cc'),
);

export const hasSharedData = existsSync(join(SHARED_DATA_DIR, '_news'));

/**
 * `describe` for suites that need the real sample: runs when it is there, fails under CI when it
 * is missing, and is skipped with a notice elsewhere.
 */
export function describeWithSharedData(name: string, body: () => void): unknown {
  if (hasSharedData) return describe(name, body);
  if (process.env.CI === 'true') {
    return describe(name, () => {
      throw new Error(`Real data missing at ${SHARED_DATA_DIR}: CI must have ../shared beside the repository.`);
    });
  }
  console.warn(`[skip] ${name}: real data not found at ${SHARED_DATA_DIR}`);
  return describe.skip(name, body);
}

/** Every file under `dir` (relative to the sample root) whose name ends with `suffix`, sorted. */
export function sharedFiles(dir: string, suffix: string): string[] {
  const root = join(SHARED_DATA_DIR, dir);
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(suffix)) out.push(relative(SHARED_DATA_DIR, path));
    }
  };
  walk(root);
  return out;
}

/** Text of a sample file, by path relative to the sample root. */
export function readShared(path: string): string {
  return readFileSync(join(SHARED_DATA_DIR, path), 'utf8');
}

/** Parsed JSON of a sample file, by path relative to the sample root. */
export function readSharedJson(path: string): unknown {
  return JSON.parse(readShared(path));
}
