#!/usr/bin/env node
/**
 * AMO check: the Firefox sources zip rebuilds its package byte for byte. Makes the package and sources zip
 * with `npm run zip:firefox` (with non-default build inputs: other default feeds and a packaged snapshot
 * from outside the tree, as a release has), unpacks the sources zip into an empty folder, runs the
 * README's reviewer instructions there (`npm ci`, `npm run zip:firefox`) with none of those variables
 * set, and compares the two packages file by file. Needs the npm registry (or its cache) for `npm ci`.
 *
 * Usage: node scripts/check-amo-build.mjs [--keep]   (--keep leaves the temporary folder for a look)
 * Exits 1 when a file differs or is missing on either side.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'hal-amo-'));
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const step = (what) => console.log(`[check-amo-build ${seconds()}] ${what}`);

/** Build inputs of a release-like package, and the variables a reviewer's shell does not have. */
const INPUTS = ['WXT_DEFAULT_FEEDS', 'WXT_SNAPSHOT_DIR', 'WXT_NO_MINIFY', 'WXT_OUT_DIR'];
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !INPUTS.includes(name) && name !== 'NODE_ENV'));

const run = (cwd, args, env) => execFileSync(args[0], args.slice(1), { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });

/** `{ name → bytes }` of a zip's files. */
async function filesOf(zipPath) {
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const files = new Map();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  return files;
}

const firefoxZip = (dir) => {
  const name = readdirSync(dir).find((file) => file.endsWith('-firefox.zip'));
  if (!name) throw new Error(`no *-firefox.zip in ${dir}`);
  return join(dir, name);
};

try {
  step('snapshot from demo/_news, outside the tree');
  const snapshotDir = join(work, 'snapshot');
  run(ROOT, ['npx', 'tsx', 'scripts/dataset.ts', 'build', 'demo/_news', '--out', snapshotDir], cleanEnv());

  step('the package and its sources zip (npm run zip:firefox)');
  const original = join(work, 'original');
  run(ROOT, ['npm', 'run', 'zip:firefox'], {
    ...cleanEnv(),
    WXT_OUT_DIR: original,
    WXT_DEFAULT_FEEDS: 'https://feeds.example.org/ai/bundle/manifest.json,https://everyday-cc.github.io/ai/api/news/ai-in-healthcare/',
    WXT_SNAPSHOT_DIR: snapshotDir,
  });
  const sourcesName = readdirSync(original).find((file) => file.endsWith('-sources.zip'));
  if (!sourcesName) throw new Error(`no *-sources.zip in ${original}`);

  step(`unpacking ${sourcesName}`);
  const tree = join(work, 'sources');
  for (const [name, bytes] of await filesOf(join(original, sourcesName))) {
    mkdirSync(dirname(join(tree, name)), { recursive: true });
    writeFileSync(join(tree, name), bytes);
  }

  step('reviewer instructions: npm ci');
  run(tree, ['npm', 'ci', '--no-audit', '--no-fund'], cleanEnv());
  step('reviewer instructions: npm run zip:firefox');
  run(tree, ['npm', 'run', 'zip:firefox'], cleanEnv());

  const [built, rebuilt] = await Promise.all([filesOf(firefoxZip(original)), filesOf(firefoxZip(join(tree, '.output')))]);
  const problems = [];
  for (const [name, bytes] of built) {
    const other = rebuilt.get(name);
    if (!other) problems.push(`${name}: missing from the rebuilt package`);
    else if (!bytes.equals(other)) problems.push(`${name}: differs (${bytes.length} vs ${other.length} bytes)`);
  }
  for (const name of rebuilt.keys()) if (!built.has(name)) problems.push(`${name}: only in the rebuilt package`);
  if (!built.has('snapshot/manifest.json')) problems.push('the package carries no snapshot: the check built it without its inputs');
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  console.log(
    problems.length === 0
      ? `check-amo-build: the sources zip rebuilds the Firefox package byte for byte (${built.size} files) in ${seconds()}`
      : `check-amo-build: ${problems.length} file(s) differ after ${seconds()}`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
