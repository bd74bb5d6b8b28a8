/**
 * The packaged snapshot, measured: `wxt zip` with a corpus as `WXT_SNAPSHOT_DIR` (the store-ready zip's size), then fresh
 * installs of that build with the network blocked (every feed connection dropped), timed from Chromium's launch to the
 * first correct badge on an article page. Node only; called by bench/run.ts.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { CorpusFiles } from './data';
import { FEED_HOST, FEED_URL } from './server';
import { launchBench } from './browser';
import { summarize, type Summary } from './stats';

declare const chrome: any;

export interface SnapshotResult {
  size: number;
  /** The Chrome zip `npm run zip` writes, with this corpus packaged. */
  zipBytes: number;
  /** Unpacked snapshot files in the package. */
  snapshotBytes: number;
  /** Chromium launch (fresh profile, extension installing) → the correct score on an article tab's badge. */
  installToBadge: Summary;
  /** Feed connections attempted (and dropped) during the runs: the network really was unavailable. */
  blockedRequests: number;
}

export interface SnapshotOptions {
  root: string;
  /** Where the zip build goes (its own, so it never replaces the bench's network build). */
  buildDir: string;
  port: number;
  debugPort: number;
  runs: number;
  log: (message: string) => void;
}

/** `files`' bundle (version A) as a folder `npm run dataset -- build` would have written: manifest.json + shards. */
function snapshotDir(files: CorpusFiles): string {
  const dir = join(files.dir, 'snapshot');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'shards'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), files.manifestA);
  for (const shard of JSON.parse(files.manifestA).shards as { file: string }[]) linkSync(join(files.dir, 'bundle', shard.file), join(dir, shard.file));
  return dir;
}

/**
 * Builds and zips the extension with `files` packaged, then times `options.runs` fresh installs with no network.
 * @param files a corpus from bench/data.ts (its probes give the article pages and expected badges)
 */
export async function benchSnapshot(files: CorpusFiles, options: SnapshotOptions): Promise<SnapshotResult> {
  const snapshot = snapshotDir(files);
  rmSync(options.buildDir, { recursive: true, force: true });
  const t = Date.now();
  execFileSync('npx', ['wxt', 'zip', '--mode', 'production'], {
    cwd: options.root,
    stdio: 'ignore',
    env: { ...process.env, WXT_SNAPSHOT_DIR: snapshot, WXT_OUT_DIR: options.buildDir, WXT_DEFAULT_FEEDS: FEED_URL, NODE_ENV: 'production' },
  });
  const zip = readdirSync(options.buildDir).find((name) => name.endsWith('-chrome.zip'));
  if (!zip) throw new Error(`wxt zip wrote no chrome zip in ${options.buildDir}`);
  const zipBytes = statSync(join(options.buildDir, zip)).size;
  const extensionDir = join(options.buildDir, 'chrome-mv3');
  const packaged = join(extensionDir, 'snapshot');
  const snapshotBytes = [join(packaged, 'manifest.json'), ...readdirSync(join(packaged, 'shards')).map((f) => join(packaged, 'shards', f))].reduce((sum, f) => sum + statSync(f).size, 0);
  options.log(`snapshot ${files.size}: zip ${(zipBytes / 1e6).toFixed(2)} MB (${(snapshotBytes / 1e6).toFixed(1)} MB unpacked snapshot), built in ${Date.now() - t} ms`);

  // Article pages answer; the feed host never does (the connection is dropped), as with no network at all.
  let blockedRequests = 0;
  const server = createServer((req, res) => {
    if ((req.headers.host ?? '').replace(/:\d+$/, '') === FEED_HOST) {
      blockedRequests++;
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>article</title><p>Article text.</p>');
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const times: number[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      const probe = files.probes[(run * 17 + 5) % files.probes.length]!;
      const expected = probe.quality === undefined ? '?' : String(probe.quality);
      const started = Date.now();
      const lens = await launchBench(extensionDir, options.port, options.debugPort);
      try {
        const tab = await lens.context.newPage();
        await tab.goto(probe.url.replace(/^https:/, 'http:'));
        const tabs: { id: number }[] = await lens.helper.evaluate(() => chrome.tabs.query({}));
        const tabId = tabs.reduce((a, b) => (b.id > a.id ? b : a)).id;
        for (;;) {
          const badge = await lens.helper.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
          if (badge === expected) break;
          if (Date.now() - started > 180_000) throw new Error(`no badge ${expected} for ${probe.url} after 180 s (badge "${badge}")`);
          await new Promise((r) => setTimeout(r, 20));
        }
        times.push(Date.now() - started);
      } finally {
        await lens.close();
      }
      options.log(`snapshot ${files.size}: install → badge run ${run + 1}: ${times.at(-1)} ms`);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return { size: files.size, zipBytes, snapshotBytes, installToBadge: summarize(times), blockedRequests };
}
