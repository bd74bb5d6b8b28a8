/**
 * runSync over a fake fetch and a real (fake-indexeddb) store: paging, conditional requests,
 * incremental bundles, removal rules, lock, backoff, resume after a killed worker, storage errors.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { runSync, LOCK_TTL_MS, BACKOFF_BASE_MS, MAX_PAGES_PER_RUN, type SyncOptions } from '../../../lib/sync/run-sync';
import type { Article } from '../../../lib/model/article';
import { problemText } from '../../../lib/model/problem';
import { fakeFeedServer, type FakeFeedServer } from '../../support/fake-feed-server';
import {
  API_FEED,
  BUNDLE_FEED,
  apiItem,
  apiPage,
  apiPageUrl,
  bundleFiles,
  serveApiPages,
  serveBundle,
  validBundleMonths,
} from '../../fixtures/hostile-feeds/feeds';

let dbCount = 0;
const stores: Store[] = [];
async function freshStore(): Promise<Store> {
  const store = await openStore(`sync-test-${process.pid}-${++dbCount}`);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function sync(store: Store, server: FakeFeedServer, feeds: string[], extra: Partial<SyncOptions> = {}) {
  let clock = 1_700_000_000_000;
  return runSync({ store, fetch: server.fetch, feeds, owner: 'test', now: () => (clock += 1000), random: () => 0.5, ...extra });
}

/** Stored articles without the per-write timestamp, sorted by id: what "same content" means. */
export function contentOf(articles: Article[]): Omit<Article, 'updatedAt'>[] {
  return articles
    .map(({ updatedAt: _u, ...rest }) => ({ ...rest, sources: [...rest.sources].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

const titles = async (store: Store) => (await store.allArticles()).map((a) => a.title).sort();

describe('JSON API feeds', () => {
  it('dedups items that overlap across pages (pages taken at different moments)', async () => {
    const server = fakeFeedServer();
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1), apiItem(2), apiItem(3)], 2));
    server.json(apiPageUrl(2), apiPage(2, [apiItem(3), apiItem(4)], null));
    const store = await freshStore();
    const result = await sync(store, server, [API_FEED]);
    expect(result.status).toBe('done');
    expect(await store.countArticles()).toBe(4);
    expect(result.feeds[0]!.counts).toMatchObject({ added: 4, unchanged: 1, rejected: 0, downloaded: 2 });
  });

  it('ends at nextPage: null even when more pages exist', async () => {
    const server = fakeFeedServer();
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1)], null));
    server.json(apiPageUrl(2), apiPage(2, [apiItem(2)], null));
    const store = await freshStore();
    await sync(store, server, [API_FEED]);
    expect(server.count(apiPageUrl(2))).toBe(0);
    expect(await store.countArticles()).toBe(1);
  });

  it('a later page that is gone ends paging like nextPage: null; the feed still succeeds', async () => {
    const server = fakeFeedServer();
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1), apiItem(2)], 2)); // page 2 is not served: 404
    const store = await freshStore();
    const result = await sync(store, server, [API_FEED]);
    const state = result.feeds[0]!;
    expect(state.lastError).toBeUndefined();
    expect(state.lastSuccessAt).toBeDefined();
    expect(state.rejections.map((r) => r.reason)).toEqual([{ code: 'page-missing', page: 2, status: 404 }]);
    expect(await store.countArticles()).toBe(2);
    // A missing first page is still a failed feed.
    const gone = fakeFeedServer();
    const failed = await sync(await freshStore(), gone, [API_FEED]);
    expect(failed.feeds[0]!.lastError).toEqual({ code: 'http-status', status: 404 });
  });

  it('stops paging once a page brings nothing new', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 3, 2);
    const store = await freshStore();
    await sync(store, server, [API_FEED]);
    expect(server.requests).toHaveLength(3);
    // New item on top, the rest shifted by one: page 1 changed, page 2 only brings known items.
    const items = [apiItem(100), ...Array.from({ length: 6 }, (_, i) => apiItem(i + 1))];
    server.json(apiPageUrl(1), apiPage(1, items.slice(0, 2), 2));
    server.json(apiPageUrl(2), apiPage(2, items.slice(2, 4), 3));
    server.json(apiPageUrl(3), apiPage(3, items.slice(4, 6), 4));
    const from = server.requests.length;
    const result = await sync(store, server, [API_FEED]);
    expect(server.requests.slice(from).map((r) => r.url)).toEqual([apiPageUrl(1), apiPageUrl(2)]);
    expect(result.feeds[0]!.counts.added).toBe(1);
    expect(await store.countArticles()).toBe(7);
  });

  it('sends If-None-Match / If-Modified-Since and downloads nothing on 304', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 2, 3);
    server.set(apiPageUrl(2), { body: JSON.stringify(apiPage(2, [apiItem(9)], null)), etag: false, lastModified: 'Tue, 01 Feb 2022 10:00:00 GMT' });
    const store = await freshStore();
    await sync(store, server, [API_FEED]);
    const before = await store.allArticles();
    const from = server.requests.length;
    const result = await sync(store, server, [API_FEED]);
    const second = server.requests.slice(from);
    expect(second.map((r) => r.status)).toEqual([304]);
    expect(second[0]!.headers['if-none-match']).toMatch(/^"/);
    expect(result.feeds[0]!.counts.downloaded).toBe(0);
    expect(result.changed).toBe(false);
    expect(await store.allArticles()).toEqual(before);
    // Page 2 has only Last-Modified: a run that reaches it sends If-Modified-Since and gets 304.
    server.json(apiPageUrl(1), apiPage(1, [apiItem(50)], 2));
    const from2 = server.requests.length;
    await sync(store, server, [API_FEED]);
    const third = server.requests.slice(from2);
    expect(third[1]!.headers['if-modified-since']).toBe('Tue, 01 Feb 2022 10:00:00 GMT');
    expect(third[1]!.status).toBe(304);
  });

  it(`reads at most ${MAX_PAGES_PER_RUN} pages per run and continues where it stopped next run`, async () => {
    const server = fakeFeedServer();
    serveApiPages(server, MAX_PAGES_PER_RUN + 5, 1);
    const store = await freshStore();
    const first = await sync(store, server, [API_FEED]);
    expect(server.requests).toHaveLength(MAX_PAGES_PER_RUN);
    expect(first.feeds[0]!.lastError).toBeUndefined();
    expect(first.feeds[0]!.checkpoint?.nextPage).toBe(MAX_PAGES_PER_RUN + 1);
    await sync(store, server, [API_FEED]);
    expect(server.requests).toHaveLength(MAX_PAGES_PER_RUN + 5);
    expect(await store.countArticles()).toBe(MAX_PAGES_PER_RUN + 5);
    expect((await store.getFeedState(API_FEED))!.checkpoint).toBeUndefined();
  });

  it('keeps articles that left the rolling window', async () => {
    const server = fakeFeedServer();
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1), apiItem(2)], null));
    const store = await freshStore();
    await sync(store, server, [API_FEED]);
    server.json(apiPageUrl(1), apiPage(1, [apiItem(3), apiItem(4)], null));
    const result = await sync(store, server, [API_FEED]);
    expect(result.feeds[0]!.counts.removed).toBe(0);
    expect(await titles(store)).toEqual([1, 2, 3, 4].map((n) => `Made-up health AI story number ${n}`));
  });

  it('an item that moves to another month is stored once, in its new month', async () => {
    const server = fakeFeedServer();
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1)], null));
    const store = await freshStore();
    await sync(store, server, [API_FEED]);
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1, { publishedDateTime: '2019-05-05T10:00:00Z' })], null));
    await sync(store, server, [API_FEED]);
    const infos = await store.chunkInfos(API_FEED);
    expect(infos.flatMap((i) => i.ids)).toHaveLength(1);
    expect(infos.map((i) => i.month)).toEqual(['2019-05']);
    expect((await store.allArticles())[0]!.publishedAt).toBe('2019-05-05T10:00:00.000Z');
  });
});

describe('bundle feeds', () => {
  const months = ['2021-01', '2021-02', '2021-03', '2021-04'];

  it('a second sync after one shard changed downloads exactly that shard (+ manifest)', async () => {
    const server = fakeFeedServer();
    const data = validBundleMonths(months, 3);
    serveBundle(server, bundleFiles(data));
    const store = await freshStore();
    const first = await sync(store, server, [BUNDLE_FEED]);
    expect(first.feeds[0]!.counts).toMatchObject({ added: 12, downloaded: 5 });
    // Unchanged manifest: one 304, nothing else.
    let from = server.requests.length;
    await sync(store, server, [BUNDLE_FEED]);
    expect(server.requests.slice(from).map((r) => r.status)).toEqual([304]);

    const changed = { ...data, '2021-03': [...data['2021-03']!.slice(0, 2), validBundleMonths(['2021-03'], 1, 99)['2021-03']![0]] };
    const files = bundleFiles(changed);
    serveBundle(server, files);
    from = server.requests.length;
    const second = await sync(store, server, [BUNDLE_FEED]);
    expect(server.requests.slice(from).map((r) => r.url)).toEqual([BUNDLE_FEED, new URL(files.fileOf.get('2021-03')!, BUNDLE_FEED).href]);
    expect(second.feeds[0]!.counts).toMatchObject({ added: 1, removed: 1, unchanged: 2, downloaded: 2 });
    expect(await titles(store)).toContain('Made-up bundle story 99');
    expect(await titles(store)).not.toContain('Made-up bundle story 9');
  });

  it('a month dropped from the manifest removes its articles and their URL keys', async () => {
    const server = fakeFeedServer();
    const data = validBundleMonths(months, 2);
    serveBundle(server, bundleFiles(data));
    const store = await freshStore();
    await sync(store, server, [BUNDLE_FEED]);
    const gone = (await store.allArticles()).find((a) => a.publishedAt.startsWith('2021-02'))!;
    const { '2021-02': _dropped, ...rest } = data;
    serveBundle(server, bundleFiles(rest));
    const result = await sync(store, server, [BUNDLE_FEED]);
    expect(result.feeds[0]!.counts.removed).toBe(2);
    expect(await store.countArticles()).toBe(6);
    expect(await store.getArticle(gone.id)).toBeUndefined();
    expect(await store.findByMatchKeys([gone.urls.web.replace('https://', '')])).toBeUndefined();
  });

  it('an empty month is stored as such and not downloaded again', async () => {
    const server = fakeFeedServer();
    serveBundle(server, bundleFiles({ ...validBundleMonths(['2021-01'], 2), '2021-02': [] }));
    const store = await freshStore();
    await sync(store, server, [BUNDLE_FEED]);
    // A new manifest (another month changed) must not fetch the empty month again.
    const files = bundleFiles({ ...validBundleMonths(['2021-01'], 3), '2021-02': [] });
    serveBundle(server, files);
    const from = server.requests.length;
    await sync(store, server, [BUNDLE_FEED]);
    expect(server.count((url) => url.includes('2021-02'), from)).toBe(0);
  });
});

describe('lock', () => {
  it('a live lock of another owner blocks; an expired or stale one is taken over', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 1, 2);
    const store = await freshStore();
    const now = 1_700_000_000_000;
    await store.putMeta('syncLock', { owner: 'other-worker', expiresAt: now + LOCK_TTL_MS });
    const blocked = await runSync({ store, fetch: server.fetch, feeds: [API_FEED], owner: 'me', now: () => now });
    expect(blocked.status).toBe('locked');
    expect(server.requests).toHaveLength(0);

    const stale = await runSync({ store, fetch: server.fetch, feeds: [API_FEED], owner: 'me', now: () => now, isStaleOwner: (o) => o === 'other-worker' });
    expect(stale.status).toBe('done');
    expect(await store.getMeta('syncLock')).toBeNull();

    await store.putMeta('syncLock', { owner: 'other-worker', expiresAt: now - 1 });
    const expired = await runSync({ store, fetch: server.fetch, feeds: [API_FEED], owner: 'me', now: () => now });
    expect(expired.status).toBe('done');
  });

  it('two runs started together: one runs, the other is locked out', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 2, 2);
    const store = await freshStore();
    const [a, b] = await Promise.all([
      runSync({ store, fetch: server.fetch, feeds: [API_FEED], owner: 'a' }),
      runSync({ store, fetch: server.fetch, feeds: [API_FEED], owner: 'b' }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['done', 'locked']);
  });
});

describe('backoff', () => {
  it('grows with consecutive failures; a scheduled run skips the feed, a manual one does not', async () => {
    const server = fakeFeedServer();
    server.set(apiPageUrl(1), { status: 503, body: 'down' });
    const store = await freshStore();
    let clock = 1_700_000_000_000;
    const options = { store, fetch: server.fetch, feeds: [API_FEED], owner: 'x', now: () => clock, random: () => 0.5 };
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await runSync(options); // manual: backoff not honoured
      const state = result.feeds[0]!;
      expect(state.consecutiveFailures).toBe(i + 1);
      expect(state.lastError).toEqual({ code: 'http-status', status: 503 });
      delays.push(state.nextRetryAt! - clock);
    }
    expect(delays).toEqual([1, 2, 4, 8].map((f) => BACKOFF_BASE_MS * f));
    expect(server.requests).toHaveLength(4);

    await runSync({ ...options, honourBackoff: true });
    expect(server.requests).toHaveLength(4); // skipped: still in backoff
    clock += BACKOFF_BASE_MS * 8 + 1;
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1)], null));
    const recovered = await runSync({ ...options, honourBackoff: true });
    expect(server.requests).toHaveLength(5);
    expect(recovered.feeds[0]).toMatchObject({ consecutiveFailures: 0, lastError: undefined, nextRetryAt: undefined, lastSuccessAt: clock });
  });

  it('jitter spreads retries between half and one and a half times the delay', async () => {
    const server = fakeFeedServer();
    const store = await freshStore();
    const low = await runSync({ store, fetch: server.fetch, feeds: [API_FEED], owner: 'x', now: () => 0, random: () => 0 });
    expect(low.feeds[0]!.nextRetryAt).toBe(BACKOFF_BASE_MS / 2);
  });
});

describe('resume after the worker dies mid-sync', () => {
  /** A fetch that answers the first `alive` requests, then never again (the worker is gone). */
  function dyingFetch(server: FakeFeedServer, alive: number) {
    const dying = { calls: 0, fetch: (input: string, init?: RequestInit) => (++dying.calls <= alive ? server.fetch(input, init) : new Promise<Response>(() => {})) };
    return dying;
  }

  async function cleanContent(setup: (server: FakeFeedServer) => void, feeds: string[]) {
    const server = fakeFeedServer();
    setup(server);
    const store = await freshStore();
    await sync(store, server, feeds);
    return { content: contentOf(await store.allArticles()), requests: server.requests.length };
  }

  const setup = (server: FakeFeedServer) => {
    serveApiPages(server, 6, 3);
    serveBundle(server, bundleFiles(validBundleMonths(['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06'], 4)));
  };
  const feeds = [API_FEED, BUNDLE_FEED];

  it('killed after every possible request, the resumed run leaves exactly what a clean run leaves', async () => {
    const clean = await cleanContent(setup, feeds);
    expect(clean.content).toHaveLength(6 * 3 + 6 * 4);
    for (let alive = 0; alive < clean.requests; alive++) {
      const server = fakeFeedServer();
      setup(server);
      const store = await freshStore();
      // The dead run never settles: nothing after its last committed write happens.
      const dying = dyingFetch(server, alive);
      void sync(store, server, feeds, { fetch: dying.fetch, owner: 'dead' });
      await vi.waitFor(() => expect(dying.calls).toBe(alive + 1));
      const resumed = await sync(store, server, feeds, { owner: 'alive', isStaleOwner: (o) => o === 'dead' });
      expect(resumed.status).toBe('done');
      expect(resumed.feeds.map((f) => f.lastError)).toEqual([undefined, undefined]);
      expect(contentOf(await store.allArticles()), `killed after ${alive} requests`).toEqual(clean.content);
      expect(await store.countArticles()).toBe(clean.content.length);
    }
  });
});

describe('storage errors', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('QuotaExceededError during a page write: reported, stored data intact, no crash', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 2, 3);
    serveBundle(server, bundleFiles(validBundleMonths(['2021-01', '2021-02'], 2)));
    const store = await freshStore();
    await sync(store, server, [API_FEED, BUNDLE_FEED]);
    const before = await store.allArticles();
    const infoBefore = await store.db.getAll('chunkInfo');

    server.json(apiPageUrl(1), apiPage(1, [apiItem(100), apiItem(1, { title: 'Changed title' })], 2));
    serveBundle(server, bundleFiles(validBundleMonths(['2021-01', '2021-02'], 3, 50)));
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'chunks') throw quota();
      return put.apply(this, args);
    });
    const result = await sync(store, server, [API_FEED, BUNDLE_FEED]);
    vi.restoreAllMocks();
    expect(result.status).toBe('done');
    for (const state of result.feeds) expect(state.lastError).toEqual({ code: 'storage-full' });
    expect((await store.getFeedState(API_FEED))!.lastError).toEqual({ code: 'storage-full' });
    expect(await store.allArticles()).toEqual(before);
    expect(await store.db.getAll('chunkInfo')).toEqual(infoBefore);
  });

  it('a write whose transaction aborts midway commits nothing of it', async () => {
    const server = fakeFeedServer();
    serveBundle(server, bundleFiles(validBundleMonths(['2021-01'], 300)));
    const store = await freshStore();
    await sync(store, server, [BUNDLE_FEED]);
    const before = await store.db.getAll('chunkKeys');
    serveBundle(server, bundleFiles(validBundleMonths(['2021-01'], 300, 1000)));
    const put = IDBObjectStore.prototype.put;
    let writes = 0;
    // The first chunk writes succeed, then the disk fails: without an abort they would commit.
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'chunkKeys' && ++writes > 2) throw new DOMException('disk I/O failed', 'UnknownError');
      return put.apply(this, args);
    });
    const result = await sync(store, server, [BUNDLE_FEED]);
    vi.restoreAllMocks();
    expect(result.feeds[0]!.lastError).toEqual({ code: 'internal', name: 'UnknownError', detail: 'disk I/O failed' });
    expect(problemText(result.feeds[0]!.lastError)).toMatch(/UnknownError.*stored articles were kept/);
    expect(await store.db.getAll('chunkKeys')).toEqual(before);
    expect(await store.countArticles()).toBe(300);
  });

  it('a store that cannot even be written at the start: runSync still resolves', async () => {
    const server = fakeFeedServer();
    serveApiPages(server, 1, 1);
    const store = await freshStore();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    const result = await sync(store, server, [API_FEED]);
    vi.restoreAllMocks();
    expect(result.status).toBe('done');
    expect(server.requests).toHaveLength(0);
  });
});

describe('progress in articles', () => {
  it('a bundle counts articles against its manifest, an API feed counts the items it read', async () => {
    const server = fakeFeedServer();
    serveBundle(server, bundleFiles(validBundleMonths(['2021-01', '2021-02', '2021-03'], 4)));
    server.json(apiPageUrl(1), apiPage(1, [apiItem(1), apiItem(2), apiItem(3)], 2));
    server.json(apiPageUrl(2), apiPage(2, [apiItem(4), apiItem(5)], null));
    const store = await freshStore();
    const seen: { feed?: string; articlesDone?: number; articlesTotal?: number }[] = [];
    await sync(store, server, [BUNDLE_FEED, API_FEED], { onProgress: (p) => seen.push(p) });
    const bundle = seen.filter((p) => p.feed === BUNDLE_FEED && p.articlesDone !== undefined);
    expect(bundle.map((p) => [p.articlesDone, p.articlesTotal])).toEqual([[4, 12], [8, 12], [12, 12]]);
    const api = seen.filter((p) => p.feed === API_FEED && p.articlesDone !== undefined);
    expect(api.map((p) => [p.articlesDone, p.articlesTotal])).toEqual([[3, undefined], [5, undefined]]);
  });
});
