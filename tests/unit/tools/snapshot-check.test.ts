/**
 * tools/snapshot-check.ts: the build-time check of `WXT_SNAPSHOT_DIR`. A bundle the dataset CLI wrote passes; each kind of
 * damage is refused with the reason the sync would give, so a malformed snapshot fails the build instead of shipping.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../../tools/bundle-build';
import { checkSnapshotDir } from '../../../tools/snapshot-check';
import { markdownFiles } from '../../../tools/markdown-files';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const MARKDOWN = join(ROOT, 'tests', 'fixtures', 'markdown');
const work = mkdtempSync(join(tmpdir(), 'snapshot-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


/** A fresh copy of a valid bundle built from our Markdown fixtures. */
function validBundle(name: string): string {
  const dir = join(work, name);
  const build = buildBundle(markdownFiles(MARKDOWN), Date.UTC(2024, 0, 2));
  mkdirSync(join(dir, 'shards'), { recursive: true });
  for (const shard of build.shards) writeFileSync(join(dir, shard.file), shard.text);
  writeFileSync(join(dir, 'manifest.json'), build.manifestText);
  return dir;
}

function manifestOf(dir: string): { shards: { file: string; sha256: string; count: number }[] } {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

describe('checkSnapshotDir', () => {
  it('accepts what the dataset CLI wrote and lists the manifest and every shard to package', () => {
    const dir = validBundle('valid');
    const check = checkSnapshotDir(dir);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.files[0]).toBe('manifest.json');
    expect(check.files.slice(1)).toEqual(manifestOf(dir).shards.map((s) => s.file));
    expect(check.manifest.articleCount).toBeGreaterThan(0);
  });

  it('refuses a folder without a manifest, a manifest that is not JSON, and a newer format', () => {
    const empty = join(work, 'empty');
    mkdirSync(empty, { recursive: true });
    expect(checkSnapshotDir(empty)).toMatchObject({ ok: false, reason: expect.stringMatching(/^no manifest\.json in /) });
    const html = validBundle('html');
    writeFileSync(join(html, 'manifest.json'), '<!doctype html><p>Not found</p>');
    expect(checkSnapshotDir(html)).toEqual({ ok: false, reason: 'manifest: not JSON (got an HTML page)' });
    const newer = validBundle('newer');
    const manifest = JSON.parse(readFileSync(join(newer, 'manifest.json'), 'utf8'));
    writeFileSync(join(newer, 'manifest.json'), JSON.stringify({ ...manifest, version: 99 }));
    expect(checkSnapshotDir(newer)).toMatchObject({ ok: false, reason: expect.stringMatching(/^manifest: .*version 99/) });
  });

  it('refuses a missing shard and a shard whose bytes do not match its hash', () => {
    const missing = validBundle('missing');
    const first = manifestOf(missing).shards[0]!;
    rmSync(join(missing, first.file));
    expect(checkSnapshotDir(missing)).toEqual({ ok: false, reason: `shard ${first.file}: missing` });
    const corrupt = validBundle('corrupt');
    writeFileSync(join(corrupt, first.file), readFileSync(join(corrupt, first.file), 'utf8').replace('"title":"', '"title":"X'));
    expect(checkSnapshotDir(corrupt)).toEqual({ ok: false, reason: `shard ${first.file}: content does not match its hash` });
  });

  it('refuses an invalid article even when the hash was updated to match, naming the month and item', () => {
    const dir = validBundle('bad-article');
    const manifest = manifestOf(dir);
    const entry = manifest.shards[0]!;
    const shard = JSON.parse(readFileSync(join(dir, entry.file), 'utf8'));
    shard.articles[0].urls.web = 'javascript:alert(1)';
    const text = JSON.stringify(shard);
    writeFileSync(join(dir, entry.file), text);
    entry.sha256 = createHash('sha256').update(text).digest('hex');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const check = checkSnapshotDir(dir);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(new RegExp(`^shard ${entry.file.replace(/\./g, '\\.')}: \\d{4}-\\d{2} item 1: `));
  });
});

describe('WXT_SNAPSHOT_DIR in the build', () => {
  it('a malformed snapshot fails `wxt build` with the reason, before anything is written', () => {
    const dir = validBundle('build-bad');
    const first = manifestOf(dir).shards[0]!;
    renameSync(join(dir, first.file), join(dir, `${first.file}.moved`));
    const out = join(work, 'out');
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], {
      cwd: ROOT,
      env: { ...process.env, WXT_SNAPSHOT_DIR: dir, WXT_OUT_DIR: out },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain(`WXT_SNAPSHOT_DIR ${dir}: shard ${first.file}: missing`);
    expect(() => readdirSync(out)).toThrow();
  }, 150_000);
});
