/**
 * Service-worker death in real Chromium: a large made-up bundle (3,000 articles, 36 months) is
 * synced while the worker is stopped at ≥ 10 points, and while the whole browser is closed and
 * relaunched on the same profile; the final store must equal a clean sync's.
 */
import http from 'node:http';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../tools/bundle-build';
import { bigBundleMarkdown } from '../fixtures/big-bundle';
import { launchLens, type LensBrowser } from './support/extension';
import { startServer, type LoggedRequest, type TestServer } from './support/server';
import { FEED_HOST } from './support/paths';

// Extension APIs inside page.evaluate callbacks.
declare const chrome: any;

const BIG_PATH = '/ai/big/';
const BIG_FEED = `http://${FEED_HOST}${BIG_PATH}manifest.json`;
const MONTHS = 36;
const ARTICLES = 3000;
/** Per-shard answer delay: gives the test time to stop the worker between shards. */
const SHARD_DELAY_MS = 120;

const isShard = (r: LoggedRequest) => r.host === FEED_HOST && r.path.startsWith(`${BIG_PATH}shards/`);

describe('sync survives a dying service worker', () => {
  let server: TestServer;
  const originalEmit = http.Server.prototype.emit;
  const shardCount = () => server.requests.filter(isShard).length;

  beforeAll(async () => {
    const bundle = buildBundle(bigBundleMarkdown(ARTICLES, MONTHS), Date.UTC(2022, 0, 1));
    expect(bundle.manifest.shards).toHaveLength(MONTHS);
    expect(bundle.manifest.articleCount).toBe(ARTICLES);
    const files = new Map(bundle.shards.map((s) => [`${BIG_PATH}${s.file}`, s.text]));
    files.set(`${BIG_PATH}manifest.json`, bundle.manifestText);
    // The shared server answers synchronously; shard requests are held back here instead, by
    // delaying the server's 'request' event for them (test-only, restored in afterAll).
    const emit = originalEmit as unknown as (this: http.Server, ...args: unknown[]) => boolean;
    http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
      const req = args[0] as http.IncomingMessage | undefined;
      if (event === 'request' && req?.url?.startsWith(`${BIG_PATH}shards/`)) {
        setTimeout(() => emit.apply(this, [event, ...args]), SHARD_DELAY_MS);
        return true;
      }
      return emit.apply(this, [event, ...args]);
    } as typeof http.Server.prototype.emit;
    server = await startServer();
    server.route((request) => {
      const body = request.host === FEED_HOST ? files.get(request.path.split('?')[0]!) : undefined;
      return body === undefined ? undefined : { type: 'application/json', body };
    });
  });

  afterAll(async () => {
    http.Server.prototype.emit = originalEmit;
    await server?.close();
  });

  /** After the install sync of the build-time feeds, adds the big bundle as a user feed (as the options page does). */
  async function addBigFeed(lens: LensBrowser): Promise<void> {
    await lens.waitForSync(150, 120_000);
    const page = await lens.extensionPage();
    await page.evaluate(async (url) => {
      const { settings } = await chrome.storage.local.get('settings');
      settings.feeds.push({ url, enabled: true, origin: 'user' });
      await chrome.storage.local.set({ settings });
    }, BIG_FEED);
  }

  /** Status of the big feed once its sync finished (worker woken by the status message itself). */
  let lastStatus: unknown;
  async function bigFeedDone(lens: LensBrowser): Promise<boolean> {
    const status = await lens.send<any>({ type: 'status' }).catch((e) => ({ error: String(e) }));
    lastStatus = status;
    const feed = status?.feeds?.find((f: any) => f.url === BIG_FEED);
    return Boolean(status && status.summary.state !== 'syncing' && feed?.lastSuccessAt && !feed.checkpoint);
  }

  async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(lastStatus).slice(0, 3000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Stored articles as comparable content: no write time, sources in a fixed order. The export
   * answers a bounded page per message (about 2 MB of JSON, fewer articles than this bundle has), so
   * every page is read, each article exactly once.
   */
  async function storedContent(lens: LensBrowser): Promise<Map<string, unknown>> {
    const content = new Map<string, unknown>();
    let after: unknown;
    do {
      const page = await lens.send<{ articles: any[]; next?: unknown }>({ type: 'exportData', ...(after ? { after } : {}) });
      for (const { updatedAt: _u, ...a } of page.articles) {
        expect(content.has(a.id), `article ${a.id} exported twice`).toBe(false);
        content.set(a.id, { ...a, sources: [...a.sources].sort() });
      }
      after = page.next;
    } while (after);
    return content;
  }

  let clean: Map<string, unknown>;

  it('a clean sync of the big bundle in a fresh profile', async () => {
    const lens = await launchLens();
    try {
      const from = shardCount();
      await addBigFeed(lens);
      await waitUntil(() => bigFeedDone(lens), 'clean sync');
      expect(shardCount() - from).toBe(MONTHS);
      clean = await storedContent(lens);
      const big = [...clean.values()].filter((a: any) => a.sources.includes(BIG_FEED));
      expect(big).toHaveLength(ARTICLES);
      // The export and the status count agree: what the reader is told is stored is what is there.
      const status = await lens.send<any>({ type: 'status' });
      expect(status.summary.articleCount).toBe(clean.size);
    } finally {
      await lens.close();
    }
  }, 240_000);

  it('stopped at ≥ 10 points mid-sync, the resumed sync ends with exactly the clean result', async () => {
    expect(clean).toBeDefined();
    const lens = await launchLens();
    try {
      const from = shardCount();
      await addBigFeed(lens);
      const killedAt: number[] = [];
      for (let kill = 1; kill <= 14; kill++) {
        const target = from + kill * 2;
        await waitUntil(() => shardCount() >= target || false, `shard request ${target}`);
        if (await bigFeedDone(lens)) break;
        await lens.stopServiceWorker();
        killedAt.push(shardCount() - from);
        // Any event wakes the worker, and a wake-up resumes the interrupted run.
        await lens.send({ type: 'status' });
      }
      await waitUntil(() => bigFeedDone(lens), 'resumed sync');
      expect(new Set(killedAt).size, `killed after shard requests ${killedAt.join(',')}`).toBeGreaterThanOrEqual(10);
      const resumed = await storedContent(lens);
      expect(resumed.size).toBe(clean.size);
      expect(resumed).toEqual(clean);
    } finally {
      await lens.close();
    }
  }, 300_000);

  it('browser closed mid-sync and relaunched on the same profile: same result', async () => {
    expect(clean).toBeDefined();
    const first = await launchLens();
    const profileDir = first.profileDir;
    let second: LensBrowser | undefined;
    try {
      const from = shardCount();
      await addBigFeed(first);
      await waitUntil(() => shardCount() >= from + MONTHS / 3, 'a third of the shards');
      await first.context.close(); // the whole browser goes away mid-sync
      const atRelaunch = shardCount();
      second = await launchLens({ profileDir });
      const page = await second.extensionPage();
      const feeds: string[] = await page.evaluate(async () => (await chrome.storage.local.get('settings')).settings.feeds.map((f: any) => f.url));
      if (!feeds.includes(BIG_FEED)) {
        // Known issue (entrypoints/background.ts): a relaunch that Chromium reports as a fresh
        // install (onInstalled 'install') resets settings to defaults; the user re-adds the feed.
        await addBigFeed(second);
      }
      await waitUntil(() => bigFeedDone(second!), 'sync after relaunch');
      // Resumed, not restarted: months stored before the close are not downloaded again.
      expect(shardCount() - atRelaunch).toBeLessThan(MONTHS);
      expect(await storedContent(second)).toEqual(clean);
    } finally {
      await second?.context.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
  }, 300_000);
});
