/**
 * Node micro-benchmark of the per-article import work (no IndexedDB): bundle articles of a generated corpus
 * (JSON round trip, as a shard arrives) through parseBundleArticle; also times JSON.parse and sha256 per shard.
 * Zod runs jitless, as under the extension's CSP.
 *   npx tsx bench/micro-import.ts [size] [rounds]
 */
import { z } from 'zod';
import { generateCorpus } from './corpus';
import { parseBundleArticle, toBundleArticle } from '../lib/ingest/bundle-codec';
import { sha256Hex } from '../lib/sync/fetch-resource';

// The extension's CSP forbids eval, so zod runs without its compiled fast path there: do the same here.
z.config({ jitless: true });
const SIZE = Number(process.argv[2] ?? 20000);
const ROUNDS = Number(process.argv[3] ?? 5);
const { articles } = generateCorpus(SIZE);
const text = JSON.stringify({ articles: articles.map(toBundleArticle) });
const bytes = new TextEncoder().encode(text);
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now();
  await sha256Hex(bytes);
  const sha = performance.now() - t;
  t = performance.now();
  const raw = (JSON.parse(text) as { articles: unknown[] }).articles;
  const parse = performance.now() - t;
  t = performance.now();
  let ok = 0;
  for (const entry of raw) if (parseBundleArticle(entry, 'http://x.test/manifest.json', 1).ok) ok++;
  const validate = performance.now() - t;
  console.log(`round ${round}: sha256 ${sha.toFixed(0)} ms, JSON.parse ${parse.toFixed(0)} ms, parseBundleArticle ${validate.toFixed(0)} ms (${((validate * 1000) / SIZE).toFixed(1)} µs/article, ${ok} ok)`);
}
