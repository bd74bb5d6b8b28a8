/**
 * Sync, feed removal and "Clear all data" through the background's service, with a sync held
 * mid-run: they take turns (a removed feed's articles are not written back, a clear is not undone),
 * work asked for during a run is done by a follow-up run, and stored feed data follows the stored
 * settings after a worker restart. Fake feed server, fake-indexeddb.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLensService, type LensService } from '../../../lib/app/lens-service';
import { openStore, type Store } from '../../../lib/store/store';
import { defaultSettings, withFeedAdded, withFeedRemoved, type Settings } from '../../../lib/app/settings';
import { fakeFeedServer, type FakeFeedServer } from '../../support/fake-feed-server';
import { apiPageUrl, serveApiPages } from '../../fixtures/hostile-feeds/feeds';
import type { FetchLike } from '../../../lib/sync/fetch-resource';

const FEED_A = 'https://feeds.example.org/api/news/feed-a/';
const FEED_B = 'https://feeds.example.org/api/news/feed-b/';
const FEED_C = 'https://feeds.example.org/api/news/feed-c/';

let dbCount = 0;
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A promise with its resolve function (Node 20 has no Promise.withResolvers). */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A fetch that holds requests for gated URLs until released; `reached` resolves when one arrives. */
function gatedFetch(server: FakeFeedServer) {
  const gates = new Map<string, { reached: ReturnType<typeof deferred>; open: ReturnType<typeof deferred> }>();
  const fetch: FetchLike = async (url, init) => {
    const gate = gates.get(url);
    if (gate) {
      gate.reached.resolve();
      await gate.open.promise;
    }
    return server.fetch(url, init);
  };
  return {
    fetch,
    /** Holds `url`; returns when it is reached and how to let it through. */
    hold(url: string) {
      const gate = { reached: deferred(), open: deferred() };
      gates.set(url, gate);
      return { reached: gate.reached.promise, release: () => gate.open.resolve() };
    },
  };
}

/** Three made-up API feeds: A (two pages of 3), B and C (one page of 3 each). */
function feeds() {
  const server = fakeFeedServer();
  serveApiPages(server, 2, 3, 1, FEED_A);
  serveApiPages(server, 1, 3, 101, FEED_B);
  serveApiPages(server, 1, 3, 201, FEED_C);
  return server;
}

interface World {
  store: Store;
  service: LensService;
  settings: Settings;
  gate: ReturnType<typeof gatedFetch>;
  /** A new worker instance over the same store and settings (the old one stopped). */
  restart(): LensService;
}

async function world(feedUrls: string[]): Promise<World> {
  const store = await openStore(`coordinator-${process.pid}-${++dbCount}`);
  stores.push(store);
  const gate = gatedFetch(feeds());
  let owner = 0;
  const w: World = {
    store,
    settings: feedUrls.reduce(withFeedAdded, defaultSettings([])),
    gate,
    service: undefined!,
    restart: () =>
      (w.service = createLensService({ store: async () => store, fetch: gate.fetch, settings: async () => w.settings, owner: `worker-${++owner}` })),
  };
  w.restart();
  return w;
}

/** Stored article count per feed. */
async function perFeed(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const article of await store.allArticles()) for (const source of article.sources) counts[source] = (counts[source] ?? 0) + 1;
  return counts;
}

describe('removal, clearing and sync take turns', () => {
  it('a feed removed while a run reads it keeps none of its articles or state; the other feeds still sync', async () => {
    const w = await world([FEED_A, FEED_B]);
    const page2 = w.gate.hold(apiPageUrl(2, FEED_A));
    const run = w.service.sync({ manual: true });
    await page2.reached; // page 1 of A is stored, page 2 is on its way
    w.settings = withFeedRemoved(w.settings, FEED_A);
    const removal = w.service.removeFeedData(FEED_A);
    page2.release();
    await Promise.all([run, removal]);
    await vi.waitFor(async () => expect(await perFeed(w.store)).toEqual({ [FEED_B]: 3 }));
    expect(await w.store.getFeedState(FEED_A)).toBeUndefined();
  });

  it('"Clear all data" during a run leaves nothing behind, and the next sync restores everything', async () => {
    const w = await world([FEED_A, FEED_B]);
    const page2 = w.gate.hold(apiPageUrl(2, FEED_A));
    const run = w.service.sync({ manual: true });
    await page2.reached;
    const cleared = w.service.clearData();
    page2.release();
    await Promise.all([run, cleared]);
    expect(await w.store.countArticles()).toBe(0);
    expect(await w.store.allFeedStates()).toEqual([]);
    // Validators went with the data: nothing answers 304, every article comes back.
    await w.service.sync({ manual: true });
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6, [FEED_B]: 3 });
  });
});

describe('work asked for during a run', () => {
  it('"Sync now" pressed during a run starts a follow-up run that reads the settings again', async () => {
    const w = await world([FEED_A]);
    const page1 = w.gate.hold(apiPageUrl(1, FEED_A));
    const first = w.service.sync({ manual: true });
    await page1.reached; // the run has read its feed list: A only
    w.settings = withFeedAdded(w.settings, FEED_B);
    const second = w.service.sync({ manual: true });
    page1.release();
    await first;
    const report = await second;
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6, [FEED_B]: 3 });
    expect(report.feeds.map((f) => f.url).sort()).toEqual([FEED_A, FEED_B]);
  });

  it('a feed added during a run is synced by a follow-up run, without waiting for the next alarm', async () => {
    const w = await world([FEED_A]);
    const page1 = w.gate.hold(apiPageUrl(1, FEED_A));
    const first = w.service.sync({ manual: true });
    await page1.reached;
    w.settings = withFeedAdded(w.settings, FEED_C);
    const { syncing } = await w.service.reconcileFeeds();
    expect(syncing).toBeDefined();
    page1.release();
    await Promise.all([first, syncing]);
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6, [FEED_C]: 3 });
  });

  it('a scheduled run asked for during a run joins it instead of running twice', async () => {
    const w = await world([FEED_A]);
    const page1 = w.gate.hold(apiPageUrl(1, FEED_A));
    const first = w.service.sync({ manual: true });
    await page1.reached;
    const scheduled = w.service.sync({ manual: false });
    page1.release();
    await Promise.all([first, scheduled]);
    expect(await w.service.hasInterruptedRun()).toBe(false);
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6 });
  });
});

describe('articles stored during a run', () => {
  it('a long run reports what it stored so far: lookups find an article of its first page while the run still reads on', async () => {
    const w = await world([FEED_A]);
    const arrived = deferred();
    const changes = vi.fn(() => arrived.resolve());
    w.service = createLensService({ store: async () => w.store, fetch: w.gate.fetch, settings: async () => w.settings, owner: 'worker-badges', onArticlesChanged: changes });
    const page2 = w.gate.hold(apiPageUrl(2, FEED_A));
    const run = w.service.sync({ manual: true });
    await page2.reached;
    // Page 1 is stored and page 2 not yet downloaded: the badges are told now, not only when the run ends.
    await arrived.promise;
    expect(changes).toHaveBeenCalledTimes(1);
    const firstStory = (await w.store.allArticles())[0]!;
    expect((await w.service.badgeForUrl(firstStory.urls.web))?.id).toBe(firstStory.id);
    page2.release();
    await run;
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6 });
    // And once more at the end of the run, as before.
    expect(changes).toHaveBeenCalledTimes(2);
  });
});

describe('settings changed while the worker was stopped', () => {
  it('a feed removed meanwhile loses its articles on the next start; one added meanwhile syncs', async () => {
    const w = await world([FEED_A, FEED_B]);
    await w.service.sync({ manual: true });
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6, [FEED_B]: 3 });
    // The worker stops; the user removes B and adds C in options (no worker sees the change).
    w.settings = withFeedAdded(withFeedRemoved(w.settings, FEED_B), FEED_C);
    const { syncing } = await w.restart().reconcileFeeds();
    await syncing;
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6, [FEED_C]: 3 });
    expect(await w.store.getFeedState(FEED_B)).toBeUndefined();
  });

  it('a disabled feed keeps its data, and nothing syncs when nothing new is wanted', async () => {
    const w = await world([FEED_A, FEED_B]);
    await w.service.sync({ manual: true });
    w.settings = { ...w.settings, feeds: w.settings.feeds.map((f) => (f.url === FEED_B ? { ...f, enabled: false } : f)) };
    expect(await w.restart().reconcileFeeds()).toEqual({});
    expect(await perFeed(w.store)).toEqual({ [FEED_A]: 6, [FEED_B]: 3 });
  });

  it('after "Clear all data" a restart does not download everything again on its own', async () => {
    const w = await world([FEED_A]);
    await w.service.sync({ manual: true });
    await w.service.clearData();
    expect(await w.restart().reconcileFeeds()).toEqual({});
    expect(await w.store.countArticles()).toBe(0);
  });
});
