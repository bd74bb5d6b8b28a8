/**
 * The service-worker-death e2e's corpus on fake-indexeddb: 3,000 made-up articles in 4 months, so each
 * month fills many size-bounded chunks (part numbers past 9, whose keys sort out of numeric order).
 * Every article must be stored, findable while the sync runs (the URL-table overlay) and after it,
 * counted, exported exactly once across the export's pages, and a run killed between shards must
 * resume to the clean result.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { CHUNK_TARGET } from '../../../lib/store/schema';
import { runSync, type SyncOptions } from '../../../lib/sync/run-sync';
import type { SyncProgress } from '../../../lib/sync/feed-run';
import { exportPage } from '../../../lib/app/export';
import type { Article } from '../../../lib/model/article';
import { buildBundle } from '../../../tools/bundle-build';
import { bigBundleMarkdown } from '../../fixtures/big-bundle';
import { fakeFeedServer, type FakeFeedServer } from '../../support/fake-feed-server';

const FEED = 'https://bundles.example.org/big/manifest.json';
const ARTICLES = 3000;
const MONTHS = 4;
const bundle = buildBundle(bigBundleMarkdown(ARTICLES, MONTHS), Date.UTC(2022, 0, 1));
const idsOf = (shardText: string): string[] => (JSON.parse(shardText) as { articles: { id: string }[] }).articles.map((a) => a.id);
const monthIds = bundle.shards.map((shard) => idsOf(shard.text));

/** Stored articles without the per-write timestamp, sorted by id: what "same content" means. */
function contentOf(articles: Article[]): Omit<Article, 'updatedAt'>[] {
  return articles
    .map(({ updatedAt: _u, ...rest }) => ({ ...rest, sources: [...rest.sources].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

let dbCount = 0;
const stores: Store[] = [];
async function freshStore(): Promise<Store> {
  const store = await openStore(`sync-big-${process.pid}-${++dbCount}`);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function serve(): FakeFeedServer {
  const server = fakeFeedServer();
  server.set(FEED, { body: bundle.manifestText });
  for (const shard of bundle.shards) server.set(new URL(shard.file, FEED).href, { body: shard.text });
  return server;
}

function sync(store: Store, server: FakeFeedServer, extra: Partial<SyncOptions> = {}) {
  let clock = 1_700_000_000_000;
  return runSync({ store, fetch: server.fetch, feeds: [FEED], owner: 'test', now: () => (clock += 1000), random: () => 0.5, ...extra });
}

/** Every export page in turn: the ids in the order offered, and how many the first page held. */
async function exportedIds(store: Store): Promise<{ ids: string[]; firstPage: number; articles: Article[] }> {
  const articles: Article[] = [];
  let page = await exportPage(store, null);
  const firstPage = page.articles.length;
  for (;;) {
    articles.push(...page.articles);
    if (!page.next) break;
    page = await exportPage(store, null, page.next);
  }
  return { ids: articles.map((a) => a.id), firstPage, articles };
}

describe('a 3,000-article bundle in 4 months', () => {
  it('is stored, counted, found and exported whole, and stays findable while it syncs', async () => {
    expect(bundle.manifest.articleCount).toBe(ARTICLES);
    const server = serve();
    const store = await freshStore();
    const progress: SyncProgress[] = [];
    // Shard m is answered once months 0..m-1 are written, and only after every article of those
    // months was looked up: lookups during a sync answer from the URL table of the last compaction
    // with the chunks written since laid over it.
    const missingMidSync: number[] = [];
    const fetch = async (input: string, init?: RequestInit) => {
      const m = bundle.shards.findIndex((shard) => input === new URL(shard.file, FEED).href);
      if (m > 0) {
        await vi.waitFor(async () => expect((await store.getFeedState(FEED))?.checkpoint?.pagesDone ?? 0).toBeGreaterThanOrEqual(m), { timeout: 120_000 });
        const ids = monthIds.slice(0, m).flat();
        const found = await store.getArticles(ids);
        const facts = await Promise.all(ids.filter((_, i) => i % 7 === 0).map((id) => store.findFactsById(id)));
        missingMidSync.push(ids.length - found.size + facts.filter((f) => !f).length);
      }
      return server.fetch(input, init);
    };
    const result = await sync(store, server, { fetch, onProgress: (p) => progress.push(p) });
    expect(result.status).toBe('done');
    expect(missingMidSync).toEqual(Array.from({ length: MONTHS - 1 }, () => 0));
    expect(result.feeds[0]!.counts).toMatchObject({ added: ARTICLES, removed: 0, rejected: 0 });
    expect(progress.filter((p) => p.articlesTotal !== undefined).at(-1)).toMatchObject({ articlesDone: ARTICLES, articlesTotal: ARTICLES, stepsDone: MONTHS, stepsTotal: MONTHS });

    // Each month is cut into size-bounded chunks numbered 0..n-1, together holding the month's articles once.
    const infos = await store.chunkInfos(FEED);
    for (const [m, shard] of bundle.manifest.shards.entries()) {
      const chunks = infos.filter((info) => info.month === shard.month).sort((a, b) => a.part - b.part);
      expect(chunks.length).toBeGreaterThan(10);
      expect(chunks.map((c) => c.part)).toEqual(chunks.map((_, i) => i));
      expect(chunks.every((c) => c.ids.length > 0 && c.ids.length <= CHUNK_TARGET)).toBe(true);
      expect(chunks.flatMap((c) => c.ids).sort()).toEqual([...monthIds[m]!].sort());
    }

    const all = monthIds.flat();
    expect(await store.countArticles()).toBe(ARTICLES);
    expect(new Set((await store.allArticles()).map((a) => a.id))).toEqual(new Set(all));
    expect((await store.getArticles(all)).size).toBe(ARTICLES);

    // One export page is bounded (~2 MB of JSON) and holds fewer than all; the pages together hold each once.
    const exported = await exportedIds(store);
    expect(exported.firstPage).toBeLessThan(ARTICLES);
    expect(exported.ids).toHaveLength(ARTICLES);
    expect(new Set(exported.ids)).toEqual(new Set(all));
    expect(contentOf(exported.articles)).toEqual(contentOf(await store.allArticles()));
  }, 240_000);

  it('killed between shards, the resumed run ends with exactly the clean result', async () => {
    const cleanStore = await freshStore();
    await sync(cleanStore, serve());
    const clean = contentOf((await exportedIds(cleanStore)).articles);
    expect(clean).toHaveLength(ARTICLES);

    const server = serve();
    const store = await freshStore();
    // Manifest and two shards answered, then the worker is gone: its run never settles.
    const alive = 3;
    let calls = 0;
    void sync(store, server, { owner: 'dead', fetch: (input, init) => (++calls <= alive ? server.fetch(input, init) : new Promise<Response>(() => {})) });
    await vi.waitFor(async () => expect((await store.getFeedState(FEED))?.checkpoint?.pagesDone).toBe(2), { timeout: 120_000 });
    const resumed = await sync(store, server, { owner: 'alive', isStaleOwner: (owner) => owner === 'dead' });
    expect(resumed.status).toBe('done');
    expect((await store.getFeedState(FEED))?.checkpoint).toBeUndefined();
    expect(await store.countArticles()).toBe(ARTICLES);
    expect(contentOf((await exportedIds(store)).articles)).toEqual(clean);
  }, 240_000);
});
