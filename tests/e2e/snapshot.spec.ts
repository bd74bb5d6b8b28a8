/**
 * The packaged snapshot in real Chromium: builds of the extension with `WXT_SNAPSHOT_DIR` (the real sample's Markdown
 * through our dataset CLI) and only the JSON API as a network feed. With the feed host unreachable, install imports the
 * snapshot from the package (scores on the badge, related list in the popup); the API coming up adds new items while
 * shared ones keep the snapshot's score; an update to a package with a newer snapshot imports only the changed month;
 * a package with a corrupt shard imports the good months and reports the bad one. (A malformed snapshot failing the
 * build is tests/unit/tools/snapshot-check.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { launchLens, openPopup, type LensBrowser } from './support/extension';
import { sampleArticles, startServer, articlePage, type SampleArticle, type TestServer } from './support/server';
import { API_FEED, FEED_HOST, INSTANCE, ROOT, SHARED_DATA_DIR } from './support/paths';

const run = promisify(execFile);
const SNAPSHOT_FEED = 'https://snapshot.health-ai-lens.invalid/manifest.json';
/** The month the first snapshot leaves out and the newer one adds. */
const LATER_MONTH = '2023-04';
/** Beside the run's scratch folder (which the global setup empties), so E2E_SKIP_BUILD=1 can reuse these builds. */
const DIR = join(ROOT, 'test-results', `snapshot${INSTANCE ? `-${INSTANCE}` : ''}`);

/** Builds a bundle from the sample's Markdown files that `keep` accepts, then an extension packaging it. */
async function buildWithSnapshot(name: string, keep: (file: string) => boolean, epoch: number): Promise<string> {
  const out = join(DIR, `${name}-build`);
  // Same convention as the global setup: E2E_SKIP_BUILD=1 reuses an earlier build of this run's scratch folder.
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(out, 'chrome-mv3', 'manifest.json'))) return join(out, 'chrome-mv3');
  const markdown = join(DIR, `${name}-md`);
  mkdirSync(markdown, { recursive: true });
  for (const file of readdirSync(join(SHARED_DATA_DIR, '_news')).filter(keep)) cpSync(join(SHARED_DATA_DIR, '_news', file), join(markdown, file));
  const bundle = join(DIR, `${name}-bundle`);
  const env = { ...process.env, SOURCE_DATE_EPOCH: String(epoch) };
  await run('npx', ['tsx', 'scripts/dataset.ts', 'build', markdown, '--out', bundle], { cwd: ROOT, env });
  await run('npx', ['wxt', 'build', '--mode', 'production'], {
    cwd: ROOT,
    env: { ...env, WXT_SNAPSHOT_DIR: bundle, WXT_DEFAULT_FEEDS: API_FEED, WXT_OUT_DIR: out, NODE_ENV: 'production' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return join(out, 'chrome-mv3');
}

/** Replaces the unpacked extension in `dir` by `from`, as an update would. */
function installFiles(from: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  cpSync(from, dir, { recursive: true });
}

const snapshotState = (status: any) => status.feeds.find((f: any) => f.url === SNAPSHOT_FEED);

/** Waits until the snapshot feed finished a run that satisfies `done`. */
async function waitForSnapshot(lens: LensBrowser, done: (state: any) => boolean, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    last = await lens.send({ type: 'status' }).catch(() => undefined);
    const state = last && snapshotState(last);
    if (last?.summary.state !== 'syncing' && state && done(state)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`snapshot not imported: ${JSON.stringify(last)?.slice(0, 2000)}`);
}

/**
 * Opens an article URL in a new tab. The page is fulfilled by Playwright's interception (many news hosts are
 * HSTS-preloaded, and the local server speaks no TLS); the browser still sees a normal https document.
 */
async function openArticle(lens: LensBrowser, url: string, title: string): Promise<{ page: Page; tabId: number }> {
  const page = await lens.context.newPage();
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: articlePage(title) }));
  await page.goto(url);
  return { page, tabId: await lens.tabIdOf(page) };
}

/** The badge an article page gets (polled: it is set once the page's signals are matched). */
async function badgeOf(lens: LensBrowser, article: { webUrl: string; title: string }): Promise<string> {
  const { page, tabId } = await openArticle(lens, article.webUrl, article.title);
  let badge = '';
  for (let i = 0; i < 40 && !badge; i++) {
    badge = await lens.badge(tabId);
    if (!badge) await new Promise((r) => setTimeout(r, 250));
  }
  await page.close();
  return badge;
}

const samples = sampleArticles();
const monthOf = (article: SampleArticle) => article.file.slice(0, 7);
const inFirst = (file: string) => !file.startsWith(LATER_MONTH);

describe('packaged snapshot', () => {
  let server: TestServer;
  let first: string;
  let newer: string;
  beforeAll(async () => {
    if (process.env.E2E_SKIP_BUILD !== '1') rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    // Two builds at once: each waits on the other's I/O more than on the CPU.
    [first, newer] = await Promise.all([
      buildWithSnapshot('first', inFirst, 1_764_900_000),
      buildWithSnapshot('newer', () => true, 1_765_000_000),
    ]);
    server = await startServer();
  }, 400_000);
  afterAll(async () => {
    await server?.close();
  });

  describe('install, the API coming up, an update', () => {
    let lens: LensBrowser;
    const live = join(DIR, 'live-extension');
    // An article of the first snapshot with a score, its own related list, and a twin in the JSON API.
    // Page 1 of the API: later pages are reached only while the sample's `nextPage` says so.
    const apiItems: { webUrl: string; title: string }[] = JSON.parse(readFileSync(join(SHARED_DATA_DIR, 'api/news/ai-in-healthcare/index.json'), 'utf8')).value;
    const apiUrls = new Set(apiItems.map((i) => i.webUrl));
    const shared = samples.find((a) => inFirst(a.file) && a.quality !== undefined && a.related.length > 0 && apiUrls.has(a.webUrl))!;
    const markdownUrls = new Set(samples.map((a) => a.webUrl));
    const apiOnly = apiItems.find((i) => !markdownUrls.has(i.webUrl))!;
    const later = samples.find((a) => monthOf(a) === LATER_MONTH && a.quality !== undefined)!;

    const profileDir = join(DIR, 'profile');

    beforeAll(async () => {
      installFiles(first, live);
      rmSync(profileDir, { recursive: true, force: true });
      mkdirSync(profileDir, { recursive: true });
      server.unreachable(FEED_HOST, true);
      lens = await launchLens({ extensionDir: live, profileDir });
    }, 120_000);
    afterAll(async () => {
      await lens?.close();
      rmSync(profileDir, { recursive: true, force: true });
    });

    it('installs with the feed host unreachable: the snapshot article shows its score, the popup its related list', async () => {
      expect(shared && apiOnly && later).toBeTruthy();
      const status = await waitForSnapshot(lens, (s) => s.lastSuccessAt !== undefined);
      const state = snapshotState(status);
      expect(state.lastError).toBeUndefined();
      expect(status.summary.articleCount).toBe(state.counts.added);
      // The snapshot never touched the network: nothing asked for its host, and it was done before the first feed request.
      expect(server.requests.filter((r) => r.host.includes('snapshot'))).toEqual([]);
      const feedRequests = server.feedRequests();
      if (feedRequests.length) expect(feedRequests[0]!.at).toBeGreaterThanOrEqual(state.lastSuccessAt);
      const api = status.feeds.find((f: any) => f.url === API_FEED);
      await expect.poll(async () => (await lens.send<any>({ type: 'status' })).feeds.find((f: any) => f.url === API_FEED)?.lastError?.code ?? api?.lastError?.code, { timeout: 60_000 }).toMatch(/^(network|timeout)$/);

      expect(await badgeOf(lens, shared)).toBe(String(shared.quality));
      const { page, tabId } = await openArticle(lens, shared.webUrl, shared.title);
      const popup = await openPopup(lens, tabId);
      await popup.locator('[data-testid="quality-score"]').waitFor();
      expect(await popup.locator('[data-testid="quality-score"]').textContent()).toBe(String(shared.quality));
      const hrefs = await popup.locator('[data-testid="related-list"] a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      for (const related of shared.related.filter((r) => /^https?:/.test(r.webUrl))) {
        expect(hrefs.map((h) => h.replace(/\/$/, ''))).toContain(related.webUrl.replace(/\/$/, ''));
      }
      await lens.screenshot(popup, 'snapshot-popup-offline');
      await popup.close();
      await page.close();
    });

    it('the API feed comes up: new items appear, items also in the snapshot keep its score', async () => {
      const before = (await lens.send<any>({ type: 'status' })).summary.articleCount;
      server.unreachable(FEED_HOST, false);
      await lens.send({ type: 'syncNow' });
      const status = await lens.waitForSync(before + 1);
      const api = status.feeds.find((f: any) => f.url === API_FEED);
      expect(api.lastError).toBeUndefined();
      expect(api.counts.added).toBeGreaterThan(0);
      // API items the snapshot lacks are new articles; those it has are merged into the same article.
      expect(status.summary.articleCount).toBeGreaterThan(before);
      expect(status.summary.articleCount).toBeLessThan(before + api.counts.added);
      expect(await badgeOf(lens, apiOnly)).toBe('?');
      expect(await badgeOf(lens, shared)).toBe(String(shared.quality));
      // The snapshot was read from the package again (no network) and nothing in it changed.
      expect(snapshotState(status).counts).toMatchObject({ added: 0, updated: 0, removed: 0, downloaded: 1 });
    });

    it('an update to a package with a newer snapshot imports only the months that changed', { timeout: 150_000 }, async () => {
      const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'snapshot', 'manifest.json'), 'utf8'));
      const before = new Set(manifestOf(first).shards.map((s: any) => s.file));
      const after = manifestOf(newer).shards;
      const changed = after.filter((s: any) => !before.has(s.file));
      expect(changed.map((s: any) => s.month)).toContain(LATER_MONTH);
      expect(changed.length).toBeLessThan(after.length / 2);
      // The update: the package's files replaced and Chromium started again on the same profile; onInstalled fires as
      // it does for a store update (chrome.runtime.reload() of a command-line extension unloads it for good).
      await lens.close();
      installFiles(newer, live);
      lens = await launchLens({ extensionDir: live, profileDir });
      const status = await waitForSnapshot(lens, (s) => s.counts.added > 0 && s.lastSuccessAt !== undefined, 90_000);
      const state = snapshotState(status);
      // The manifest and the changed shards read from the package; every other month skipped by its unchanged hash.
      expect(state.counts.downloaded).toBe(1 + changed.length);
      expect(state.counts.added).toBeGreaterThan(0);
      expect(state.counts.removed).toBe(0);
      expect(state.lastError).toBeUndefined();
      expect(await badgeOf(lens, later)).toBe(String(later.quality));
      expect(await badgeOf(lens, shared)).toBe(String(shared.quality));
      expect(server.requests.filter((r) => r.host.includes('snapshot'))).toEqual([]);
    });
  });

  it('a package with a corrupt shard imports the good months, reports the bad one in options, and keeps working', async () => {
    const dir = join(DIR, 'corrupt-extension');
    installFiles(first, dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'snapshot', 'manifest.json'), 'utf8'));
    const bad = manifest.shards[0];
    writeFileSync(join(dir, 'snapshot', bad.file), readFileSync(join(dir, 'snapshot', bad.file), 'utf8').replace('"title":"', '"title":"Corrupted '));
    server.unreachable(FEED_HOST, false);
    const lens = await launchLens({ extensionDir: dir });
    try {
      const status = await waitForSnapshot(lens, (s) => s.lastError !== undefined);
      const state = snapshotState(status);
      expect(state.lastError).toEqual({ code: 'shards-failed', failed: 1, total: manifest.shards.length, examples: [{ code: 'shard-hash', file: bad.file }] });
      const good = manifest.articleCount - bad.count;
      expect(state.counts.added).toBe(good);
      // Its other feed works: the API feed's articles come in beside the good months.
      const synced = await lens.waitForSync(good + 1);
      expect(synced.feeds.find((f: any) => f.url === API_FEED).lastError).toBeUndefined();
      const goodArticle = samples.find((a) => inFirst(a.file) && monthOf(a) !== bad.month && a.quality !== undefined)!;
      expect(await badgeOf(lens, goodArticle)).toBe(String(goodArticle.quality));
      const options = await lens.context.newPage();
      await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
      const row = options.locator('[data-origin="snapshot"]');
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(`Data file ${bad.file} does not match its checksum`);
      expect(await row.textContent()).toMatch(/[\d,]+ articles packaged with the extension, from \w+ \d+, \d{4}/);
      expect(await row.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
      await lens.screenshot(options, 'snapshot-options-corrupt-shard');
    } finally {
      await lens.close();
    }
  });
});
