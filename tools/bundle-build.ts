/**
 * `buildBundle`: Markdown files → snapshot bundle v2 (manifest + month shards), deterministic byte for byte.
 * Node/CLI only (uses node:crypto); scripts/dataset.ts does the I/O around it. The extension never imports it.
 */
import { createHash } from 'node:crypto';
import { parseFrontMatter } from './front-matter';
import { mergeArticle } from '../lib/model/merge';
import { normalizeFrontMatter } from '../lib/ingest/normalize';
import type { Article } from '../lib/model/article';
import { toBundleArticle } from '../lib/ingest/bundle-codec';
import { BUNDLE_FORMAT, type BundleManifest, type BundleShard, SHARD_FORMAT, SUPPORTED_BUNDLE_VERSION } from '../lib/ingest/bundle-schema';

/** The `source` given to Markdown articles while building; replaced by the bundle URL when the extension syncs it. */
export const BUNDLE_SOURCE = 'bundle';
/** Hex digits of the shard's SHA-256 in its file name: 48 bits, plenty to tell versions of one month apart. */
export const SHARD_HASH_DIGITS = 12;

export interface BundleBuild {
  manifest: BundleManifest;
  /** Shard files to write, paths relative to the manifest, with their exact text (UTF-8). */
  shards: { file: string; text: string }[];
  /** The manifest's exact text. */
  manifestText: string;
  /** Files whose article made it into the bundle (several files may merge into one article). */
  accepted: number;
  rejected: { path: string; reason: string }[];
  /** Files folded into an article another file already gave (same webUrl match key). */
  merged: number;
  /** The merged articles, in no particular order (topic bundles are cut from them). */
  articles: Article[];
}

/**
 * Parses, normalizes and merges every Markdown file, then writes one shard per UTC publication month.
 * Deterministic: files are processed in path order (a later path, usually a later date, wins a merge), articles are sorted
 * by (publishedAt, id), keys are in a fixed order, and nothing time-dependent goes into a shard — only `generatedAt`
 * in the manifest depends on `now`.
 * @param files every Markdown file, with a path used in rejection reports
 * @param now epoch ms of the build (the manifest's `generatedAt`)
 */
export function buildBundle(files: readonly { path: string; text: string }[], now: number): BundleBuild {
  const byId = new Map<string, Article>();
  const rejected: BundleBuild['rejected'] = [];
  let accepted = 0;
  let merged = 0;
  for (const file of [...files].sort((a, b) => compare(a.path, b.path))) {
    const front = parseFrontMatter(file.text);
    const result = front.ok ? normalizeFrontMatter(front.data, BUNDLE_SOURCE, now) : front;
    if (!result.ok) {
      rejected.push({ path: file.path, reason: result.reason });
      continue;
    }
    accepted++;
    const existing = byId.get(result.article.id);
    if (existing) merged++;
    byId.set(result.article.id, mergeArticle(existing, result.article, now).article);
  }

  const articles = [...byId.values()];
  return { ...bundleOf(articles, now), articles, accepted, rejected, merged };
}

/** A bundle's manifest and shards, without the per-file report: the main bundle and each topic bundle. */
export type BundleFiles = Pick<BundleBuild, 'manifest' | 'manifestText' | 'shards'>;

/**
 * Writes already merged articles as one shard per UTC publication month (paths relative to the manifest).
 * Deterministic: articles are sorted by (publishedAt, id) and nothing but the manifest's `generatedAt` depends on `now`.
 */
export function bundleOf(articles: readonly Article[], now: number): BundleFiles {
  const byMonth = new Map<string, Article[]>();
  for (const article of articles) {
    const month = article.publishedAt.slice(0, 7);
    const list = byMonth.get(month);
    if (list) list.push(article);
    else byMonth.set(month, [article]);
  }

  const shards: BundleBuild['shards'] = [];
  const entries: BundleManifest['shards'] = [];
  for (const month of [...byMonth.keys()].sort(compare)) {
    const sorted = (byMonth.get(month) ?? []).sort((a, b) => compare(a.publishedAt, b.publishedAt) || compare(a.id, b.id));
    const shard: BundleShard = { format: SHARD_FORMAT, version: SUPPORTED_BUNDLE_VERSION, month, articles: sorted.map(toBundleArticle) };
    const text = `${JSON.stringify(shard)}\n`;
    const sha256 = sha256Hex(text);
    const file = `shards/${month}.${sha256.slice(0, SHARD_HASH_DIGITS)}.json`;
    shards.push({ file, text });
    entries.push({ file, month, count: sorted.length, sha256 });
  }

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: SUPPORTED_BUNDLE_VERSION,
    generatedAt: new Date(now).toISOString(),
    articleCount: articles.length,
    shards: entries,
  };
  return { manifest, manifestText: `${JSON.stringify(manifest, null, 2)}\n`, shards };
}
/** Lower-case hex SHA-256 of a string's UTF-8 bytes (what the file on disk holds). */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Code-unit order: locale-independent, so every machine sorts alike. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
