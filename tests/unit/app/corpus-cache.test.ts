/**
 * The background's one ranking corpus: dropped when the articles change and rebuilt soon after, unless a sync is
 * still changing them, so the first panel after an import does not share the worker with the build.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCorpusCache } from '../../../lib/app/corpus-cache';
import { openStore, type Store } from '../../../lib/store/store';
import { newFeedState } from '../../../lib/model/feed-state';
import { fakeArticle } from '../../fixtures/fake-article';

const FEED = 'https://bundles.example.org/health/manifest.json';
let n = 0;
const stores: Store[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const store of stores.splice(0)) store.close();
});

async function storeWithOneArticle(): Promise<Store> {
  const store = await openStore(`corpus-cache-${process.pid}-${++n}`);
  stores.push(store);
  await store.replaceMonth(FEED, '2021-09', [fakeArticle({ sources: [FEED] })], 'h', newFeedState(FEED, 'bundle'), 1);
  return store;
}

/** Lets the fake-indexeddb reads of a build run. */
const settle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('corpus cache', () => {
  it('rebuilds the corpus a little after the articles changed, without a panel asking for it', async () => {
    const store = await storeWithOneArticle();
    // The cache asks for the store once per build.
    const build = vi.fn(async () => store);
    const cache = createCorpusCache(build);
    const first = await cache.get();
    expect(cache.ifReady()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    cache.rebuildSoon(1500);
    vi.advanceTimersByTime(1499);
    await settle();
    expect(build).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    await vi.waitFor(() => expect(cache.ifReady()?.size).toBe(1));
    expect(cache.ifReady()).not.toBe(first);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('builds nothing while a sync is still changing the articles; the call at its end does', async () => {
    const store = await storeWithOneArticle();
    // The cache asks for the store once per build.
    const build = vi.fn(async () => store);
    const cache = createCorpusCache(build);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let busy = true;
    cache.rebuildSoon(1000, () => busy);
    vi.advanceTimersByTime(1000);
    await settle();
    expect(build).not.toHaveBeenCalled();
    busy = false;
    // Calls in quick succession build once.
    cache.rebuildSoon(1000, () => busy);
    cache.rebuildSoon(1000, () => busy);
    vi.advanceTimersByTime(1000);
    vi.useRealTimers();
    await vi.waitFor(() => expect(cache.ifReady()?.size).toBe(1));
    expect(build).toHaveBeenCalledTimes(1);
  });
});
