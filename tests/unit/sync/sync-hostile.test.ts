/**
 * The hostile corpus (tests/fixtures/hostile-feeds/cases.ts) against the real runSync and store:
 * no crash, stored articles unchanged, good records of the same input stored, reason in the status.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { runSync } from '../../../lib/sync/run-sync';
import { fakeFeedServer, type FakeFeedServer } from '../../support/fake-feed-server';
import { hostileCases, SEED_MONTHS } from '../../fixtures/hostile-feeds/cases';
import { API_FEED, BUNDLE_FEED, bundleFiles, serveApiPages, serveBundle, validBundleMonths } from '../../fixtures/hostile-feeds/feeds';
import { problemText } from '../../../lib/model/problem';

let dbCount = 0;
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

async function seeded(): Promise<{ store: Store; server: FakeFeedServer }> {
  const server = fakeFeedServer();
  serveApiPages(server, 2, 3);
  serveBundle(server, bundleFiles(validBundleMonths(SEED_MONTHS, 3)));
  const store = await openStore(`hostile-${process.pid}-${++dbCount}`);
  stores.push(store);
  const result = await run(store, server);
  expect(result.feeds.map((f) => f.lastError)).toEqual([undefined, undefined]);
  expect(await store.countArticles()).toBe(12);
  return { store, server };
}

function run(store: Store, server: FakeFeedServer) {
  let clock = 1_700_000_000_000;
  return runSync({ store, fetch: server.fetch, feeds: [API_FEED, BUNDLE_FEED], owner: 'hostile', now: () => (clock += 1000), requestTimeoutMs: 50 });
}

describe('hostile feed corpus', () => {
  it('has at least 40 cases', () => {
    expect(hostileCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(hostileCases.map((c) => c.name)).size).toBe(hostileCases.length);
  });

  it.each(hostileCases.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const { store, server } = await seeded();
    const before = await store.allArticles();
    hostile.apply(server);

    const result = await run(store, server); // resolves: no crash
    expect(result.status).toBe('done');

    const after = new Map((await store.allArticles()).map((a) => [a.id, a]));
    for (const article of before) expect(after.get(article.id), `seeded "${article.title}" unchanged`).toEqual(article);
    const titles = [...after.values()].map((a) => a.title);
    for (const title of hostile.stored ?? []) expect(titles).toContain(title);

    const state = (await store.getFeedState(hostile.feed === 'api' ? API_FEED : BUNDLE_FEED))!;
    // Matched on the problems' English technical form, which names each one as the sync did before it had codes.
    const reasons = [state.lastError ? problemText(state.lastError) : '', ...state.rejections.map((r) => problemText(r.reason))];
    if (hostile.reason) expect(reasons.some((r) => hostile.reason!.test(r)), JSON.stringify(reasons)).toBe(true);
    else expect(state.lastError).toBeUndefined();
    // The other feed is untouched by this case and stays healthy.
    const other = (await store.getFeedState(hostile.feed === 'api' ? BUNDLE_FEED : API_FEED))!;
    expect(other.lastError).toBeUndefined();
    hostile.check?.(server);
  });
});
