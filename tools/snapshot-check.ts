/**
 * `checkSnapshotDir`: validates a bundle folder written by `npm run dataset -- build` before the build packages it
 * (`WXT_SNAPSHOT_DIR`), with the same parsers and reasons the sync applies at runtime. Node-only; imported by wxt.config.ts
 * and tests. It never writes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBundleArticle, parseBundleManifest, parseBundleShard } from '../lib/ingest/bundle-codec';
import type { BundleManifest } from '../lib/ingest/bundle-schema';

/** A valid snapshot: its manifest, and the files to package (manifest first), relative to the folder. */
export interface SnapshotCheck {
  ok: true;
  manifest: BundleManifest;
  files: string[];
}

/**
 * Checks every file the manifest lists: present, hash as listed, shard envelope and month, every article valid. A snapshot
 * that would import with a loss is refused, so no package installs broken.
 * @param dir the bundle folder (holds `manifest.json`)
 * @returns the manifest and file list, or the first reason it is refused, worded like the CLI and the feed status
 */
export function checkSnapshotDir(dir: string): SnapshotCheck | { ok: false; reason: string } {
  const root = resolve(dir);
  const manifestPath = join(root, 'manifest.json');
  if (!existsSync(manifestPath)) return { ok: false, reason: `no manifest.json in ${dir} (write one with npm run dataset -- build <markdown-dir> --out ${dir})` };
  const manifestJson = readJson(manifestPath);
  if (!manifestJson.ok) return { ok: false, reason: `manifest: ${manifestJson.reason}` };
  const parsed = parseBundleManifest(manifestJson.value);
  if (!parsed.ok) return { ok: false, reason: `manifest: ${parsed.reason}` };
  const manifest = parsed.manifest;
  if (manifest.articleCount === 0) return { ok: false, reason: 'manifest: the snapshot holds no article' };
  for (const shard of manifest.shards) {
    const path = join(root, shard.file);
    if (!existsSync(path)) return { ok: false, reason: `shard ${shard.file}: missing` };
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== shard.sha256) return { ok: false, reason: `shard ${shard.file}: content does not match its hash` };
    const json = parseText(bytes.toString('utf8'));
    if (!json.ok) return { ok: false, reason: `shard ${shard.file}: ${json.reason}` };
    const envelope = parseBundleShard(json.value, shard.month);
    if (!envelope.ok) return { ok: false, reason: `shard ${shard.file}: ${envelope.reason}` };
    if (envelope.articles.length !== shard.count) return { ok: false, reason: `shard ${shard.file}: holds ${envelope.articles.length} articles, manifest says ${shard.count}` };
    for (const [position, raw] of envelope.articles.entries()) {
      const article = parseBundleArticle(raw, 'https://snapshot.invalid/manifest.json', 0);
      if (!article.ok) return { ok: false, reason: `shard ${shard.file}: ${shard.month} item ${position + 1}: ${article.reason}` };
    }
  }
  return { ok: true, manifest, files: ['manifest.json', ...manifest.shards.map((shard) => shard.file)] };
}

function readJson(path: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  return parseText(readFileSync(path, 'utf8'));
}

function parseText(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: /^\s*</.test(text) ? 'not JSON (got an HTML page)' : 'not JSON (invalid or truncated JSON)' };
  }
}
