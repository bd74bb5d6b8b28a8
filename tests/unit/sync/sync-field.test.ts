/**
 * runSync against what real networks do: failed writes, interrupted first imports, lists that shift
 * between runs, rolled-back or shrunken manifests, a lost lock, size limits and redirects. Each case
 * failed before its fix.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { runSync, type SyncOptions } from '../../../lib/sync/run-sync';
import { fakeFeedServer, type FakeFeedServer } from '../../support/fake-feed-server';
import { API_FEED, BUNDLE_FEED, apiItem, apiPage, apiPageUrl, bundleFiles, serveApiPages, serveBundle, validBundleMonths } from '../../fixtures/hostile-feeds/feeds';

let dbCount = 0;
const stores: Store[] = [];
async function freshStore(): Promise<Store> {
  const store = await openStore(`sync-field-${process.pid}-${++dbCount}`);
  stores.push(store);
  return store;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) store.close();
});

let clock = 1_700_000_000_000;
function sync(store: Store, server: FakeFeedServer, feeds: string[], extra: Partial<SyncOptions> = {}) {
  return runSync({ store, fetch: server.fetch, feeds, owner: 'test', now: () => (clock += 1000), random: () => 0.5, ...extra });
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
function failChunkWrites(): void {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'chunks') throw quota();
    return put.apply(this, args);
  });
}

describe('validators are saved with their data', () => {
  it('a page whose write failed is downloaded again next run and its articles stored', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 2, 2);
    const store = await freshStore();
    await sync(store, server, [API_FEED]);
    server.json(apiPageUrl(1), apiPage(1, [apiItem(100), apiItem(1)], 2));
    failChunkWrites();
    const failed = await sync(store, server, [API_FEED]);
    expect(failed.feeds[0]!.lastError).toEqual({ code: 'storage-full' });
    vi.restoreAllMocks();
    const from = server.requests.length;
    const recovered = await sync(store, server, [API_FEED]);
    expect(server.requests[from]!.status).toBe(200);
    expect(recovered.feeds[0]!.lastError).toBeUndefined();
    expect(await store.countArticles()).toBe(5);
  });
});

describe('an interrupted first import finishes', () => {
  it('a 503 on page 3 of 5: once the server recovers, pages 3 to 5 are read', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 5, 2);
    const page3 = apiPage(3, [apiItem(5), apiItem(6)], 4);
    server.set(apiPageUrl(3), { status: 503, body: 'down' });
    const store = await freshStore();
    const first = await sync(store, server, [API_FEED]);
    expect(first.feeds[0]!.lastError).toEqual({ code: 'http-status', status: 503 });
    expect(first.feeds[0]!.checkpoint?.nextPage).toBe(3);
    server.json(apiPageUrl(3), page3);
    const second = await sync(store, server, [API_FEED]);
    expect(second.feeds[0]!.lastError).toBeUndefined();
    expect(await store.countArticles()).toBe(10);
    expect((await store.getFeedState(API_FEED))!.checkpoint).toBeUndefined();
  });

  it('a page that stays broken stops blocking new items after a few resumed runs', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 4, 2);
    server.set(apiPageUrl(3), { body: '<html>broken</html>' });
    const store = await freshStore();
    for (let run = 0; run < 4; run++) await sync(store, server, [API_FEED]);
    server.json(apiPageUrl(1), apiPage(1, [apiItem(100), apiItem(1)], 2));
    const result = await sync(store, server, [API_FEED]);
    expect(result.feeds[0]!.lastError).toEqual({ code: 'html-page' });
    expect((await store.allArticles()).map((a) => a.title)).toContain('Made-up health AI story number 100');
  });

  it('a list that shifted while a capped import waited loses no item of its tail', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 4, 1);
    const store = await freshStore();
    await sync(store, server, [API_FEED], { maxPagesPerRun: 2 });
    expect(await store.countArticles()).toBe(2);
    // A new item is pushed on top: every older item moves one page down.
    const items = [apiItem(100), apiItem(1), apiItem(2), apiItem(3), apiItem(4)];
    items.forEach((item, i) => server.json(apiPageUrl(i + 1), apiPage(i + 1, [item], i + 1 < items.length ? i + 2 : null)));
    for (let run = 0; run < 3; run++) await sync(store, server, [API_FEED], { maxPagesPerRun: 2 });
    expect(await store.countArticles()).toBe(5);
  });

  it('once read to its end, a refresh still stops at the first page with nothing new', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 3, 2);
    const store = await freshStore();
    await sync(store, server, [API_FEED]);
    server.json(apiPageUrl(1), apiPage(1, [apiItem(100), apiItem(1)], 2));
    const from = server.requests.length;
    await sync(store, server, [API_FEED]);
    expect(server.requests.slice(from).map((r) => r.url)).toEqual([apiPageUrl(1), apiPageUrl(2)]);
  });
});

describe('a manifest cannot silently delete a feed', () => {
  const months = ['2021-01', '2021-02', '2021-03', '2021-04'];

  async function seeded() {
    const server = fakeFeedServer();
    const data = validBundleMonths(months, 2);
    serveBundle(server, bundleFiles(data));
    const store = await freshStore();
    const first = await sync(store, server, [BUNDLE_FEED]);
    expect(first.feeds[0]!.lastError).toBeUndefined();
    return { server, store, data, before: await store.allArticles() };
  }

  it('refuses a manifest older than the last applied one', async () => {
    const { server, store, data, before } = await seeded();
    const { '2021-04': _gone, ...rest } = data;
    const files = bundleFiles(rest);
    serveBundle(server, { ...files, manifest: { ...files.manifest, generatedAt: '2021-06-01T00:00:00.000Z' } });
    const result = await sync(store, server, [BUNDLE_FEED]);
    expect(result.feeds[0]!.lastError).toMatchObject({ code: 'manifest-older', generatedAt: '2021-06-01T00:00:00.000Z' });
    expect(await store.allArticles()).toEqual(before);
    // A newer one is applied.
    serveBundle(server, { ...files, manifest: { ...files.manifest, generatedAt: '2022-02-01T00:00:00.000Z' } });
    const newer = await sync(store, server, [BUNDLE_FEED]);
    expect(newer.feeds[0]!.lastError).toBeUndefined();
    expect(await store.countArticles()).toBe(6);
  });

  it('refuses a manifest that lists one month twice, before downloading anything', async () => {
    const { server, store, before } = await seeded();
    const files = bundleFiles(validBundleMonths(months, 3, 50));
    const shards = files.manifest.shards as { file: string; month: string; count: number; sha256: string }[];
    const twice = { ...files.manifest, shards: [...shards, { ...shards[1]!, file: 'shards/copy.json' }], articleCount: 15 };
    serveBundle(server, { ...files, manifest: twice });
    const from = server.requests.length;
    const result = await sync(store, server, [BUNDLE_FEED]);
    expect(result.feeds[0]!.lastError).toEqual({ code: 'manifest-month-twice', month: '2021-02' });
    expect(server.requests.length - from).toBe(1);
    expect(await store.allArticles()).toEqual(before);
  });

  it('refuses a manifest that would drop more than half of the stored months (an empty one too)', async () => {
    const { server, store, data, before } = await seeded();
    serveBundle(server, bundleFiles({ '2021-01': data['2021-01']! }));
    const result = await sync(store, server, [BUNDLE_FEED]);
    expect(result.feeds[0]!.lastError).toEqual({ code: 'manifest-drops-months', dropped: 3, stored: 4 });
    expect(await store.allArticles()).toEqual(before);
    serveBundle(server, bundleFiles({}));
    const empty = await sync(store, server, [BUNDLE_FEED]);
    expect(empty.feeds[0]!.lastError).toEqual({ code: 'manifest-drops-months', dropped: 4, stored: 4 });
    expect(await store.allArticles()).toEqual(before);
    // Dropping half is still an ordinary update.
    serveBundle(server, bundleFiles({ '2021-01': data['2021-01']!, '2021-02': data['2021-02']! }));
    const half = await sync(store, server, [BUNDLE_FEED]);
    expect(half.feeds[0]!.lastError).toBeUndefined();
    expect(await store.countArticles()).toBe(4);
  });
});

describe('the lock really excludes', () => {
  it('a run whose lock was taken over stops writing and leaves the new owner its lock', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 5, 1);
    const store = await freshStore();
    const thief = { owner: 'other-worker', expiresAt: Number.MAX_SAFE_INTEGER };
    const fetch: SyncOptions['fetch'] = async (input, init) => {
      if (input === apiPageUrl(3)) await store.putMeta('syncLock', thief);
      return server.fetch(input, init);
    };
    const result = await sync(store, server, [API_FEED], { fetch });
    expect(result.status).toBe('locked');
    expect(await store.countArticles()).toBe(2);
    expect(await store.getMeta('syncLock')).toEqual(thief);
    expect(server.count(apiPageUrl(4))).toBe(0);
  });
});

describe('limits', () => {
  it('more shards than allowed: the feed reports it, nothing is downloaded, other feeds sync', async () => {
    const server = fakeFeedServer();
    serveBundle(server, bundleFiles(validBundleMonths(['2021-01', '2021-02', '2021-03'], 1)));
    serveApiPages(server, 1, 2);
    const store = await freshStore();
    const result = await sync(store, server, [BUNDLE_FEED, API_FEED], { limits: { maxShardsPerManifest: 2 } });
    expect(result.feeds[0]!.lastError).toEqual({ code: 'manifest-too-many-shards', shards: 3, limit: 2 });
    expect(server.count((url) => url.includes('/shards/'))).toBe(0);
    expect(result.feeds[1]!.lastError).toBeUndefined();
    expect(await store.countArticles()).toBe(2);
  });

  it('more articles than allowed per feed: refused with a clear error (bundle up front, API per page)', async () => {
    const server = fakeFeedServer();
    serveBundle(server, bundleFiles(validBundleMonths(['2021-01', '2021-02'], 3)));
    serveApiPages(server, 3, 2);
    const store = await freshStore();
    const result = await sync(store, server, [BUNDLE_FEED, API_FEED], { limits: { maxArticlesPerFeed: 4 } });
    expect(result.feeds[0]!.lastError).toEqual({ code: 'manifest-too-many-articles', articles: 6, limit: 4 });
    expect(result.feeds[1]!.lastError).toEqual({ code: 'feed-too-big', limit: 4, page: 3 });
    expect(await store.countArticles()).toBe(4);
  });

  it('more bytes than allowed in one run: the feed stops with an error and resumes next run', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 4, 2);
    const store = await freshStore();
    const pageBytes = JSON.stringify(apiPage(1, [apiItem(1), apiItem(2)], 2)).length;
    const result = await sync(store, server, [API_FEED], { limits: { maxBytesPerRun: pageBytes * 2.5 } });
    expect(result.feeds[0]!.lastError).toEqual({ code: 'byte-limit', limitBytes: pageBytes * 2.5 });
    expect(await store.countArticles()).toBe(4);
    await sync(store, server, [API_FEED]);
    expect(await store.countArticles()).toBe(8);
  });
});

describe('redirects keep the feed origin', () => {
  it('a page redirected to another site is refused with the reason; a same-site redirect is fine', async () => {
    const server = fakeFeedServer();
    server.set(apiPageUrl(1), { body: JSON.stringify(apiPage(1, [apiItem(1)], null)), redirectedTo: 'https://elsewhere.example.net/index.json' });
    const store = await freshStore();
    const result = await sync(store, server, [API_FEED]);
    expect(result.feeds[0]!.lastError).toEqual({ code: 'redirected', origin: 'https://elsewhere.example.net' });
    expect(await store.countArticles()).toBe(0);
    server.set(apiPageUrl(1), { body: JSON.stringify(apiPage(1, [apiItem(1)], null)), redirectedTo: `${API_FEED}v2/index.json` });
    const same = await sync(store, server, [API_FEED]);
    expect(same.feeds[0]!.lastError).toBeUndefined();
    expect(await store.countArticles()).toBe(1);
  });

  it('an https feed redirected to plain http of its own host is refused; a shard redirected away too', async () => {
    const server = fakeFeedServer();
    server.set(apiPageUrl(1), { body: JSON.stringify(apiPage(1, [apiItem(1)], null)), redirectedTo: apiPageUrl(1).replace('https:', 'http:') });
    const files = bundleFiles(validBundleMonths(['2021-01'], 1));
    serveBundle(server, files);
    const shardUrl = new URL(files.fileOf.get('2021-01')!, BUNDLE_FEED).href;
    server.set(shardUrl, { body: files.shards.get(files.fileOf.get('2021-01')!)!, redirectedTo: 'https://cdn.example.com/shard.json' });
    const store = await freshStore();
    const result = await sync(store, server, [API_FEED, BUNDLE_FEED]);
    expect(result.feeds[0]!.lastError).toEqual({ code: 'redirected', origin: 'http://feeds.example.org' });
    expect(result.feeds[1]!.lastError).toEqual({ code: 'shards-failed', failed: 1, total: 1, examples: [{ code: 'redirected', origin: 'https://cdn.example.com' }] });
    expect(await store.countArticles()).toBe(0);
  });
});
