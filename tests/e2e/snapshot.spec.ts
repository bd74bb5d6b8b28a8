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
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchLens, openPopup, type LensBrowser } from './support/extension';
import { sampleArticles, startServer, articlePage, type SampleArticle, type TestServer } from './support/server';
import { API_FEED, FEED_HOST, ROOT, SHARED_DATA_DIR, WORK_DIR } from './support/paths';

const run = promisify(execFile);
const SNAPSHOT_FEED = 'https://snapshot.health-ai-lens.invalid/manifest.json';
/** The month the first snapshot leaves out and the newer one adds. */
const LATER_MONTH = '2023-04';
const DIR = join(WORK_DIR, 'snapshot');

/** Builds a bundle from the sample's Markdown files that `keep` accepts, then an extension packaging it. */
async function buildWithSnapshot(name: string, keep: (file: string) => boolean, epoch: number): Promise<string> {
  const markdown = join(DIR, `${name}-md`);
  mkdirSync(markdown, { recursive: true });
  for (const file of readdirSync(join(SHARED_DATA_DIR, '_news')).filter(keep)) cpSync(join(SHARED_DATA_DIR, '_news', file), join(markdown, file));
  const bundle = join(DIR, `${name}-bundle`);
  const env = { ...process.env, SOURCE_DATE_EPOCH: String(epoch) };
  await run('npx', ['tsx', 'scripts/dataset.ts', 'build', markdown, '--out', bundle], { cwd: ROOT, env });
  const out = join(DIR, `${name}-build`);
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

async function badgeOf(lens: LensBrowser, url: string): Promise<string> {
  const page = await lens.context.newPage();
  await page.goto(url.replace('https://', 'http://'));
  const tabId = await lens.tabIdOf(page);
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
    rmSync(DIR, { recursive: true, force: true });
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
    const apiText = readdirSync(join(SHARED_DATA_DIR, 'api/news/ai-in-healthcare/page'))
      .map((p) => readFileSync(join(SHARED_DATA_DIR, 'api/news/ai-in-healthcare/page', p, 'index.json'), 'utf8'))
      .concat(readFileSync(join(SHARED_DATA_DIR, 'api/news/ai-in-healthcare/index.json'), 'utf8'));
    const apiItems: { webUrl: string; title: string }[] = apiText.flatMap((t) => JSON.parse(t).value);
    const apiUrls = new Set(apiItems.map((i) => i.webUrl));
    const shared = samples.find((a) => inFirst(a.file) && a.quality !== undefined && a.related.length > 0 && apiUrls.has(a.webUrl))!;
    const markdownUrls = new Set(samples.map((a) => a.webUrl));
    const apiOnly = apiItems.find((i) => !markdownUrls.has(i.webUrl))!;
    const later = samples.find((a) => monthOf(a) === LATER_MONTH && a.quality !== undefined)!;

    beforeAll(async () => {
      installFiles(first, live);
      server.unreachable(FEED_HOST, true);
      server.page(apiOnly.webUrl, articlePage(apiOnly.title));
      lens = await launchLens({ extensionDir: live });
    }, 120_000);
    afterAll(async () => {
      await lens?.close();
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
      await expect.poll(async () => (await lens.send<any>({ type: 'status' })).feeds.find((f: any) => f.url === API_FEED)?.lastError ?? api?.lastError, { timeout: 60_000 }).toMatch(/network error|timed out/);

      expect(await badgeOf(lens, shared.webUrl)).toBe(String(shared.quality));
      const page = await lens.context.newPage();
      await page.goto(shared.webUrl.replace('https://', 'http://'));
      const popup = await openPopup(lens, await lens.tabIdOf(page));
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
      expect(status.summary.articleCount).toBe(before + api.counts.added);
      expect(await badgeOf(lens, apiOnly.webUrl)).toBe('?');
      expect(await badgeOf(lens, shared.webUrl)).toBe(String(shared.quality));
      // The snapshot was read from the package again (no network) and nothing in it changed.
      expect(snapshotState(status).counts).toMatchObject({ added: 0, updated: 0, removed: 0, downloaded: 1 });
    });

    it('an update to a package with a newer snapshot imports only the month that changed', async () => {
      const months = readdirSync(join(newer, 'snapshot', 'shards')).length;
      expect(months).toBeGreaterThan(2);
      const laterCount = samples.filter((a) => monthOf(a) === LATER_MONTH).length;
      installFiles(newer, live);
      const page = await lens.extensionPage();
      await page.evaluate(() => (globalThis as any).chrome.runtime.reload()).catch(() => {});
      const status = await waitForSnapshot(lens, (s) => s.counts.added > 0 && s.lastSuccessAt !== undefined, 90_000);
      const state = snapshotState(status);
      // One manifest and one shard read; every other month skipped by its unchanged hash.
      expect(state.counts).toMatchObject({ downloaded: 2, added: laterCount, updated: 0, removed: 0 });
      expect(state.lastError).toBeUndefined();
      expect(await badgeOf(lens, later.webUrl)).toBe(String(later.quality));
      expect(await badgeOf(lens, shared.webUrl)).toBe(String(shared.quality));
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
      expect(state.lastError).toBe(`shard ${bad.file}: content does not match its hash`);
      const good = manifest.articleCount - bad.count;
      expect(state.counts.added).toBe(good);
      // Its other feed works: the API feed's articles come in beside the good months.
      const synced = await lens.waitForSync(good + 1);
      expect(synced.feeds.find((f: any) => f.url === API_FEED).lastError).toBeUndefined();
      const goodArticle = samples.find((a) => inFirst(a.file) && monthOf(a) !== bad.month && a.quality !== undefined)!;
      expect(await badgeOf(lens, goodArticle.webUrl)).toBe(String(goodArticle.quality));
      const options = await lens.context.newPage();
      await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
      const row = options.locator('[data-origin="snapshot"]');
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(`Last error: shard ${bad.file}: content does not match its hash`);
      expect(await row.textContent()).toMatch(/Packaged dataset of \d+ \w+ \d{4} · [\d,]+ articles/);
      expect(await row.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
      await lens.screenshot(options, 'snapshot-options-corrupt-shard');
    } finally {
      await lens.close();
    }
  });
});
