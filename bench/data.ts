/**
 * Writes what the benchmark serves for one corpus: a bundle v2 (manifest + month shards, as `npm run dataset` writes),
 * the stored records as JSON for the baselines (articles + URL-key rows), a variant of one shard for incremental sync and a
 * variant of every shard (manifest C) for navigations during a whole re-import.
 * Node only; bench/run.ts calls it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../lib/model/article';
import { toBundleArticle } from '../lib/ingest/bundle-codec';
import { BUNDLE_FORMAT, SHARD_FORMAT, SUPPORTED_BUNDLE_VERSION, type BundleManifest } from '../lib/ingest/bundle-schema';
import { articleMatchKeys } from '../lib/match/match-key';

export interface CorpusFiles {
  size: number;
  dir: string;
  /** Bytes of all shard files. */
  bundleBytes: number;
  shardCount: number;
  /** Manifest text, version A (as generated) and B (one shard changed), with B's extra shard file. */
  manifestA: string;
  manifestB: string;
  /** Bytes of the baselines' records file. */
  recordBytes: number;
  /** Total URL-key rows (match keys + nothing else) in the baselines' records. */
  urlKeyRows: number;
  /** Sample page URLs that match stored articles (web, AMP and tracking variants), for lookup and badge runs. */
  probes: { url: string; id: string; quality?: number }[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function shardText(month: string, articles: Article[]): string {
  return `${JSON.stringify({ format: SHARD_FORMAT, version: SUPPORTED_BUNDLE_VERSION, month, articles: articles.map(toBundleArticle) })}\n`;
}

/**
 * Writes `dir/bundle/{manifest-a,manifest-b}.json`, `dir/bundle/shards/*`, `dir/records.json`.
 * @param articles the generated corpus
 * @param dir output folder (created)
 */
export function writeCorpusFiles(articles: Article[], dir: string): CorpusFiles {
  mkdirSync(join(dir, 'bundle', 'shards'), { recursive: true });
  const byMonth = new Map<string, Article[]>();
  for (const article of articles) {
    const month = article.publishedAt.slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push(article);
    byMonth.set(month, list);
  }
  const months = [...byMonth.keys()].sort();
  const entries: BundleManifest['shards'] = [];
  let bundleBytes = 0;
  for (const month of months) {
    const list = byMonth.get(month)!.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.id < b.id ? -1 : 1));
    const text = shardText(month, list);
    const hash = sha256(text);
    const file = `shards/${month}.${hash.slice(0, 12)}.json`;
    writeFileSync(join(dir, 'bundle', file), text);
    bundleBytes += Buffer.byteLength(text);
    entries.push({ file, month, count: list.length, sha256: hash });
  }
  const manifest = (shards: BundleManifest['shards']): string =>
    `${JSON.stringify({ format: BUNDLE_FORMAT, version: SUPPORTED_BUNDLE_VERSION, generatedAt: '2024-01-02T00:00:00.000Z', articleCount: articles.length, shards } satisfies BundleManifest, null, 2)}\n`;
  const manifestA = manifest(entries);

  // Version B: the middle month with one title edited, as a daily bundle rebuild would change it.
  const changedIndex = Math.floor(months.length / 2);
  const changedMonth = months[changedIndex]!;
  const edited = byMonth.get(changedMonth)!.map((a, i) => (i === 0 ? { ...a, title: `${a.title} (updated)` } : a));
  const textB = shardText(changedMonth, edited);
  const hashB = sha256(textB);
  const fileB = `shards/${changedMonth}.${hashB.slice(0, 12)}.json`;
  writeFileSync(join(dir, 'bundle', fileB), textB);
  const manifestB = manifest(entries.map((e, i) => (i === changedIndex ? { ...e, file: fileB, sha256: hashB } : e)));
  writeFileSync(join(dir, 'bundle', 'manifest-a.json'), manifestA);
  writeFileSync(join(dir, 'bundle', 'manifest-b.json'), manifestB);

  // Version C: every shard rewritten (titles revised, scores kept), so a sync from A to C re-imports the whole corpus
  // while every probe stays a known article with the same badge: the "navigations during an import" rows.
  const entriesC: BundleManifest['shards'] = months.map((month) => {
    const revised = byMonth.get(month)!.map((a) => ({ ...a, title: `${a.title} (revised)` }));
    const text = shardText(month, revised);
    const hash = sha256(text);
    const file = `shards/${month}.${hash.slice(0, 12)}.json`;
    writeFileSync(join(dir, 'bundle', file), text);
    return { file, month, count: revised.length, sha256: hash };
  });
  writeFileSync(join(dir, 'bundle', 'manifest-c.json'), manifest(entriesC));

  // Baselines' records: the same stored articles, plus one row per URL match key (what a per-record layout indexes).
  const urlKeys: [string, string][] = [];
  for (const article of articles) for (const key of articleMatchKeys(article.urls)) urlKeys.push([key, article.id]);
  const records = JSON.stringify({ articles, urlKeys });
  writeFileSync(join(dir, 'records.json'), records);

  const probes: CorpusFiles['probes'] = [];
  const step = Math.max(1, Math.floor(articles.length / 400));
  for (let i = 0; i < articles.length; i += step) {
    const a = articles[i]!;
    const variants = [a.urls.web, a.urls.amp ?? a.urls.web, `${a.urls.web}${a.urls.web.includes('?') ? '&' : '?'}utm_source=twitter&utm_medium=social`, a.urls.web.replace('https://', 'http://')];
    probes.push({ url: variants[probes.length % variants.length]!, id: a.id, quality: a.quality });
  }
  return {
    size: articles.length,
    dir,
    bundleBytes,
    shardCount: entries.length,
    manifestA,
    manifestB,
    recordBytes: Buffer.byteLength(records),
    urlKeyRows: urlKeys.length,
    probes,
  };
}
