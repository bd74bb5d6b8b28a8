/**
 * Bench page script (bundled by bench/run.ts with esbuild, served on a plain cross-origin-isolated http page): the
 * IndexedDB floor, Dexie `bulkPut`, our store's URL lookups, and related top-10 with our ranker vs MiniSearch.
 * Runs in Chromium only; never part of the extension. Exposes `window.bench`.
 */
import Dexie from 'dexie';
import MiniSearch from 'minisearch';
import { corpusFrom, storeCards, toCard } from '../../lib/app/corpus';
import type { Article } from '../../lib/model/article';
import { articleMonth, deleteStore, openStore } from '../../lib/store/store';
import { newFeedState } from '../../lib/model/feed-state';
import { candidateMatchKeys, matchKey } from '../../lib/match/match-key';

interface Records {
  articles: Article[];
  urlKeys: [string, string][];
}

interface ImportTiming {
  /** fetch + JSON.parse + write + commit */
  totalMs: number;
  fetchParseMs: number;
  /** first put → transaction complete */
  writeMs: number;
  records: number;
}

async function loadRecords(): Promise<{ records: Records; ms: number }> {
  const started = performance.now();
  const records = (await (await fetch('/records.json')).json()) as Records;
  return { records, ms: performance.now() - started };
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

/** The floor: one relaxed transaction, one `put` per article and per URL key, raw IndexedDB, no wrapper. */
async function floor(): Promise<ImportTiming> {
  await deleteDb('bench-floor');
  const started = performance.now();
  const { records, ms } = await loadRecords();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('bench-floor', 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('articles', { keyPath: 'id' });
      request.result.createObjectStore('urlKeys', { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const writeStarted = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['articles', 'urlKeys'], 'readwrite', { durability: 'relaxed' });
    const articles = tx.objectStore('articles');
    const keys = tx.objectStore('urlKeys');
    for (const article of records.articles) articles.put(article);
    for (const [key, id] of records.urlKeys) keys.put({ key, id });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const done = performance.now();
  db.close();
  return { totalMs: done - started, fetchParseMs: ms, writeMs: done - writeStarted, records: records.articles.length + records.urlKeys.length };
}

/** Dexie 4 `bulkPut` of the same records, both tables in one transaction. */
async function dexie(): Promise<ImportTiming> {
  await Dexie.delete('bench-dexie');
  const started = performance.now();
  const { records, ms } = await loadRecords();
  const db = new Dexie('bench-dexie');
  db.version(1).stores({ articles: 'id', urlKeys: 'key' });
  await db.open();
  const writeStarted = performance.now();
  await db.transaction('rw', db.table('articles'), db.table('urlKeys'), async () => {
    await db.table('articles').bulkPut(records.articles);
    await db.table('urlKeys').bulkPut(records.urlKeys.map(([key, id]) => ({ key, id })));
  });
  const done = performance.now();
  db.close();
  return { totalMs: done - started, fetchParseMs: ms, writeMs: done - writeStarted, records: records.articles.length + records.urlKeys.length };
}

let cached: Records | undefined;

/** Our store in this page's origin: the corpus written month by month with `replaceMonth` (what a bundle sync does). */
async function importOurs(): Promise<{ ms: number; articles: number }> {
  await deleteStore('bench-lookup');
  cached ??= (await loadRecords()).records;
  const store = await openStore('bench-lookup');
  const started = performance.now();
  const byMonth = new Map<string, Article[]>();
  for (const article of cached.articles) {
    const month = articleMonth(article);
    byMonth.set(month, [...(byMonth.get(month) ?? []), article]);
  }
  const feed = 'http://bench.lens.test/bundle/manifest.json';
  const state = newFeedState(feed, 'bundle');
  for (const [month, list] of byMonth) await store.replaceMonth(feed, month, list, undefined, state, Date.now());
  const ms = performance.now() - started;
  store.close();
  return { ms, articles: cached.articles.length };
}

/**
 * URL → article through our store, as the service worker does it (`candidateMatchKeys` + `findByMatchKeys`, the full
 * article the popup/panel needs; `findFacts`, the badge), one fresh read transaction per lookup. Probes alternate hits
 * (web/AMP/tracking variants) and misses.
 */
async function lookup(
  probes: { url: string; id: string }[],
  rounds: number,
): Promise<{ hit: number[]; badge: number[]; miss: number[]; wrong: number; chunks: { count: number; meanChars: number; maxChars: number; over64k: number } }> {
  const store = await openStore('bench-lookup');
  // Chunk sizes (as JSON characters, about their structured-clone size): Chromium moves an IndexedDB value over
  // 64 KiB to a blob file.
  const sizes = (await store.db.getAll('chunks')).map((c) => JSON.stringify(c.articles).length);
  const chunks = { count: sizes.length, meanChars: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length), maxChars: Math.max(0, ...sizes), over64k: sizes.filter((n) => n > 65_536).length };
  const hit: number[] = [];
  const badge: number[] = [];
  const miss: number[] = [];
  let wrong = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [i, probe] of probes.entries()) {
      let started = performance.now();
      const article = await store.findByMatchKeys(candidateMatchKeys(probe.url));
      hit.push(performance.now() - started);
      if (article?.id !== probe.id) wrong++;
      // The badge path: id, title and quality only (answered from the in-memory URL table).
      started = performance.now();
      const facts = await store.findFacts(candidateMatchKeys(probe.url));
      badge.push(performance.now() - started);
      if (facts?.id !== probe.id) wrong++;
      const missUrl = `https://unknown-${i}.example.net/2021/06/${round}/some-story-${i}/`;
      started = performance.now();
      const none = await store.findByMatchKeys(candidateMatchKeys(missUrl));
      miss.push(performance.now() - started);
      if (none) wrong++;
    }
  }
  store.close();
  return { hit, badge, miss, wrong, chunks };
}

/** Wall time MiniSearch queries may take per run, and the fewest samples taken regardless. */
const MINI_BUDGET_MS = 20_000;
const MINI_MIN_SAMPLES = 15;

/**
 * Related top-10 for `sources` articles: our corpus (BM25F index + re-ranking + story folding) vs MiniSearch
 * (BM25, title boost 2, OR), both built over the same articles in this page. Each method runs in its own loop, ours
 * before MiniSearch is built: interleaved, our sub-millisecond queries paid for the GC of MiniSearch's garbage
 * (hundreds of MB per query at 100k), which is no cost of ours.
 */
async function related(sources: number): Promise<{ oursBuildMs: number; miniBuildMs: number; ours: number[]; oursStore: number[]; mini: number[]; oursEmpty: number }> {
  cached ??= (await loadRecords()).records;
  const articles = cached.articles;
  const byId = new Map(articles.map((a) => [a.id, a] as const));
  // The extension reads the shown cards from IndexedDB: the same ranking, its cards read from the store importOurs() filled.
  const store = await openStore('bench-lookup');
  const fromStore = storeCards(store);
  let cardsFromStore = false;
  let started = performance.now();
  const corpus = corpusFrom(articles, async (ids) => {
    if (cardsFromStore) return fromStore(ids);
    const out = new Map<string, Article>();
    for (const id of ids) {
      const article = byId.get(id);
      if (article) out.set(id, toCard(article));
    }
    return out;
  });
  const oursBuildMs = performance.now() - started;
  const step = Math.max(1, Math.floor(articles.length / sources));
  const picked: Article[] = [];
  for (let i = 0; i < articles.length && picked.length < sources; i += step) picked.push(articles[i]!);
  const options = { topics: ['AI in Healthcare'], now: Date.UTC(2024, 0, 2) };
  // Each method is timed warm, after an idle second: the garbage of its build is collected in idle time, and its first
  // queries (JIT) are not counted. The extension's cold path is what "popup first render" measures.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
  await settle();
  for (const source of picked.slice(-3)) await corpus.related(source, options);

  const ours: number[] = [];
  let oursEmpty = 0;
  for (const source of picked) {
    const t = performance.now();
    const list = (await corpus.related(source, options)).slice(0, 10);
    ours.push(performance.now() - t);
    if (!list.length) oursEmpty++;
  }
  cardsFromStore = true;
  await corpus.related(picked[picked.length - 1] ?? picked[0]!, options);
  const oursStore: number[] = [];
  for (const source of picked) {
    const t = performance.now();
    await corpus.related(source, options);
    oursStore.push(performance.now() - t);
  }
  store.close();

  started = performance.now();
  const mini = new MiniSearch<{ id: string; title: string; excerpt: string }>({
    fields: ['title', 'excerpt'],
    searchOptions: { boost: { title: 2 }, combineWith: 'OR' },
  });
  mini.addAll(articles.map((a) => ({ id: a.id, title: a.title, excerpt: a.excerpt })));
  const miniBuildMs = performance.now() - started;
  await settle();
  const warmUp = picked[picked.length - 1];
  if (warmUp) mini.search(`${warmUp.title} ${warmUp.excerpt}`);
  const miniTimes: number[] = [];
  let miniSpent = 0;
  for (const source of picked) {
    // MiniSearch's OR query over a whole title + excerpt takes ~0.3 s at 10k: a time budget keeps the run short.
    if (miniSpent > MINI_BUDGET_MS && miniTimes.length >= MINI_MIN_SAMPLES) break;
    const t = performance.now();
    const selfKey = matchKey(source.urls.web);
    const top = mini
      .search(`${source.title} ${source.excerpt}`)
      .filter((r) => r.id !== source.id && r.id !== selfKey)
      .slice(0, 10);
    miniTimes.push(performance.now() - t);
    miniSpent += miniTimes[miniTimes.length - 1]!;
    if (top.length < 0) throw new Error('unreachable');
  }
  return { oursBuildMs, miniBuildMs, ours, oursStore, mini: miniTimes, oursEmpty };
}

/**
 * The card read alone, both ways on the same store, interleaved: 10 ids' whole articles (`getArticles`, then `toCard`)
 * against their card records (`getCards`), `lists` lists of 10 ids spread over the corpus. Needs importOurs() first.
 */
async function cardReads(lists: number): Promise<{ chunks: number[]; cards: number[]; same: boolean }> {
  cached ??= (await loadRecords()).records;
  const ids = cached.articles.map((a) => a.id);
  const store = await openStore('bench-lookup');
  await store.tableReady();
  const chunks: number[] = [];
  const cards: number[] = [];
  let same = true;
  for (let n = 0; n < lists; n++) {
    const list = Array.from({ length: 10 }, (_, i) => ids[(n * 7919 + i * 104_729) % ids.length]!);
    const viaChunks = async () => {
      const t = performance.now();
      const read = await store.getArticles(list);
      const out = new Map([...read].map(([id, a]) => [id, toCard(a)] as const));
      chunks.push(performance.now() - t);
      return out;
    };
    const viaCards = async () => {
      const t = performance.now();
      const out = await store.getCards(list);
      cards.push(performance.now() - t);
      return out;
    };
    let a: Map<string, Article>;
    let b: Map<string, Article>;
    if (n % 2 === 0) {
      a = await viaChunks();
      b = await viaCards();
    } else {
      b = await viaCards();
      a = await viaChunks();
    }
    if (JSON.stringify([...a].sort()) !== JSON.stringify([...b].sort())) same = false;
  }
  store.close();
  return { chunks, cards, same };
}

declare global {
  interface Window {
    bench: typeof api;
  }
}
const api = { floor, dexie, importOurs, lookup, related, cardReads, isolated: () => crossOriginIsolated };
window.bench = api;
