/**
 * Reads a bundle feed (manifest + content-hashed monthly shards) into the store: unchanged shards
 * are skipped, each changed month is replaced in one transaction with its checkpoint, months the
 * manifest no longer lists are dropped. Called by run-sync only.
 */
import type { Article } from '../model/article';
import type { Problem, SingleProblem } from '../model/problem';
import { parseBundleManifest, parseBundleArticle, parseBundleShard } from '../ingest/bundle-codec';
import type { BundleManifest } from '../ingest/bundle-schema';
import { FeedError, isFeedError, parseJsonBody, sha256Hex } from './fetch-resource';
import { addCounts, fetchForRun, overByteLimit, type FeedRun } from './feed-run';
import { DUPLICATE_REASON } from './rejections';

/** Bundle shards downloaded and validated ahead of the one being written (more showed no gain in the worker profile). */
const SHARDS_AHEAD = 1;

type ShardEntry = BundleManifest['shards'][number];

/** A shard's valid articles, and why the others were rejected. */
interface ShardArticles {
  kept: Article[];
  rejected: number;
  reasons: [reason: Problem, where: string][];
}

export async function syncBundleFeed(run: FeedRun): Promise<void> {
  const { state, rejections } = run;
  const manifestUrl = state.url;
  const fetched = await fetchForRun(run, manifestUrl, state.validators[manifestUrl]);
  if (fetched.status === 'not-modified') return;
  state.counts.downloaded++;
  const parsed = parseBundleManifest(parseJsonBody(fetched.text, manifestUrl, fetched.contentType));
  if (!parsed.ok) throw new FeedError({ code: 'bad-manifest', issue: parsed.problem }, manifestUrl);
  const manifest: BundleManifest = parsed.manifest;
  const stored = new Map<string, string | undefined>();
  for (const info of await run.store.chunkInfos(manifestUrl)) stored.set(info.month, info.hash);
  const refused = manifestRefusal(run, manifest, new Set(stored.keys()));
  if (refused) throw new FeedError(refused, manifestUrl);
  state.checkpoint ??= { runId: `${run.owner}:${run.now()}`, pagesDone: 0 };
  // One bad shard does not stop the others: its month keeps what is stored, the rest is updated,
  // and the feed reports the failure (so the manifest is read again next time).
  const failures: Problem[] = [];
  // Content-hashed shards: an unchanged hash means unchanged content, so it is skipped. This is
  // also what makes a resumed run cheap: months stored before the worker died are skipped.
  const todo = manifest.shards.filter((shard) => !(stored.has(shard.month) && stored.get(shard.month) === shard.sha256));
  let done = manifest.shards.length - todo.length;
  // Articles as the manifest counts them, so the UI can say "1,200 of 10,000 articles".
  let articlesDone = manifest.shards.reduce((sum, shard) => sum + (todo.includes(shard) ? 0 : shard.count), 0);
  const articles = () => ({ done: articlesDone, total: manifest.articleCount });
  if (done) run.progress(done, manifest.shards.length, articles());
  // The next shards download and validate while the current one is written: network and
  // IndexedDB overlap. Results are applied in manifest order, so checkpoints stay in order.
  const start = (shard: ShardEntry) =>
    fetchShard(run, shard).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  const ahead = todo.slice(0, SHARDS_AHEAD).map(start);
  for (const [position, shard] of todo.entries()) {
    if (run.signal?.aborted) throw new FeedError({ code: 'cancelled' }, manifestUrl);
    const current = await ahead.shift()!;
    const upcoming = todo[position + SHARDS_AHEAD];
    if (upcoming) ahead.push(start(upcoming));
    try {
      if (!current.ok) throw current.error;
      const articles = current.value;
      state.counts.downloaded++;
      for (const [reason, where] of articles.reasons) rejections.add(reason, where);
      state.counts.rejected = rejections.total;
      state.checkpoint = { ...state.checkpoint, pagesDone: done + 1 };
      state.rejections = rejections.top();
      const counts = await run.store.replaceMonth(manifestUrl, shard.month, articles.kept, shard.sha256, state, run.now(), {
        keepMissing: articles.rejected > 0,
        guard: run.guard,
      });
      addCounts(state.counts, counts);
    } catch (error) {
      // Storage failures, a lost lock and the byte limit end the run; a bad shard does not.
      if (!isFeedError(error) || error.problem.code === 'cancelled' || overByteLimit(run)) throw error;
      failures.push(error.problem);
    }
    articlesDone += shard.count;
    run.progress(++done, manifest.shards.length, articles());
    await run.lock.refresh(run.now());
  }
  if (failures.length) {
    const examples = failures.filter((p): p is SingleProblem => p.code !== 'shards-failed').slice(0, 3);
    throw new FeedError({ code: 'shards-failed', failed: failures.length, total: manifest.shards.length, examples }, manifestUrl);
  }
  // Months the bundle no longer lists are gone from the source: drop them. Validators are saved only
  // now, so a manifest whose run did not finish is fetched again.
  state.validators[manifestUrl] = { etag: fetched.etag, lastModified: fetched.lastModified };
  state.manifestGeneratedAt = manifest.generatedAt;
  state.counts.removed += await run.store.dropMonths(manifestUrl, new Set(manifest.shards.map((s) => s.month)), state, run.guard);
}

/**
 * Why a manifest must not be applied, or `undefined`. A manifest is the whole truth about its
 * feed (months it omits are deleted), so one that is rolled back, lists a month twice (one shard
 * would win and both be fetched again forever) or would drop most of what is stored is far more
 * likely a broken build or a hostile server than the dataset shrinking.
 * @param storedMonths months of this feed in the store now
 */
function manifestRefusal(run: FeedRun, manifest: BundleManifest, storedMonths: ReadonlySet<string>): Problem | undefined {
  const { maxShardsPerManifest, maxArticlesPerFeed } = run.limits;
  if (manifest.shards.length > maxShardsPerManifest) return { code: 'manifest-too-many-shards', shards: manifest.shards.length, limit: maxShardsPerManifest };
  if (manifest.articleCount > maxArticlesPerFeed) return { code: 'manifest-too-many-articles', articles: manifest.articleCount, limit: maxArticlesPerFeed };
  const months = new Set<string>();
  for (const shard of manifest.shards) {
    if (months.has(shard.month)) return { code: 'manifest-month-twice', month: shard.month };
    months.add(shard.month);
  }
  const applied = run.state.manifestGeneratedAt;
  if (applied !== undefined && Date.parse(manifest.generatedAt) < Date.parse(applied)) {
    return { code: 'manifest-older', generatedAt: manifest.generatedAt, appliedAt: applied };
  }
  const dropped = [...storedMonths].filter((month) => !months.has(month)).length;
  if (dropped * 2 > storedMonths.size) {
    return { code: 'manifest-drops-months', dropped, stored: storedMonths.size };
  }
  return undefined;
}

/** Downloads, verifies and parses one shard; bad articles are logged as rejections, not thrown. */
async function fetchShard(run: FeedRun, shard: ShardEntry): Promise<ShardArticles> {
  const manifestUrl = run.state.url;
  const shardUrl = new URL(shard.file, manifestUrl).href;
  if (new URL(shardUrl).origin !== new URL(manifestUrl).origin) {
    throw new FeedError({ code: 'shard-other-site', file: shard.file }, manifestUrl);
  }
  const body = await fetchForRun(run, shardUrl);
  if (body.status !== 'ok') throw new FeedError({ code: 'unexpected-304', file: shard.file }, shardUrl);
  const hash = await sha256Hex(body.bytes);
  if (hash !== shard.sha256) throw new FeedError({ code: 'shard-hash', file: shard.file }, shardUrl);
  const parsedShard = parseBundleShard(parseJsonBody(body.text, shardUrl, body.contentType), shard.month);
  if (!parsedShard.ok) throw new FeedError({ code: 'bad-shard', file: shard.file, issue: parsedShard.problem }, shardUrl);
  const kept: Article[] = [];
  const ids = new Set<string>();
  const reasons: [Problem, string][] = [];
  let rejected = 0;
  for (const [position, raw] of parsedShard.articles.entries()) {
    const result = parseBundleArticle(raw, manifestUrl, run.now());
    if (!result.ok) {
      rejected++;
      reasons.push([result.problem, `${shard.month} item ${position + 1}`]);
      continue;
    }
    if (ids.has(result.article.id)) reasons.push([DUPLICATE_REASON, `${shard.month} item ${position + 1}`]);
    ids.add(result.article.id);
    kept.push(result.article);
  }
  return { kept, rejected, reasons };
}
