/**
 * Interleaved A/B of the read path between two builds (e.g. main and a branch), in real Chromium: the store page's
 * full-article lookup and related list with cards from IndexedDB (bench/pages/store-bench.ts built from each source
 * tree), and the popup's first render with what it waited for (its `panel` messages). Rounds alternate A and B, so
 * drift on a shared machine hits both alike. Node only.
 *   npx tsx bench/reads-ab.ts <rootA> <extensionDirA> <rootB> <extensionDirB> [size] [rounds]
 * Env: BENCH_PORT, BENCH_DEBUG_PORT, BENCH_WORK_DIR as bench/run.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { build } from 'esbuild';
import { generateCorpus } from './corpus';
import { writeCorpusFiles } from './data';
import { PAGE_HOST, startBenchServer } from './server';
import { launchBench, type BenchBrowser } from './browser';
import { navToBadge, plainTab } from './badge';
import { fmt, summarize } from './stats';

const [rootA, extA, rootB, extB] = process.argv.slice(2, 6).map((p) => resolve(p!));
const SIZE = Number(process.argv[6] ?? 10000);
const ROUNDS = Number(process.argv[7] ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 8105);
const DEBUG_PORT = Number(process.env.BENCH_DEBUG_PORT ?? 9335);
const WORK = resolve(process.env.BENCH_WORK_DIR ?? '.bench');
const PAGES = join(WORK, 'ab-pages');
const POPUPS = 8;

declare const chrome: any;

interface Sample {
  lookupP50: number;
  lookupP99: number;
  relatedP50: number;
  relatedP99: number;
  popupFirst: number;
  popupWarm: number;
  popupRelatedFirst: number;
  popupRelatedWarm: number;
  panelMessagesFirst: number;
  panelMessagesWarm: number;
  heapMB: number;
  load: number;
}

async function popupOnce(lens: BenchBrowser, tabId: number): Promise<{ title: number; related: number; messages: number; replies: string[] }> {
  const popup = await lens.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.addInitScript(() => {
    const w = window as any;
    w.__replies = [];
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    chrome.runtime.sendMessage = (...args: any[]) => {
      const t = performance.now();
      const type = args[0]?.type;
      const answer = send(...args);
      if (type === 'panel') answer.then(() => w.__replies.push(`${Math.round(t)}→${Math.round(performance.now())}`));
      return answer;
    };
    new MutationObserver(() => {
      if (w.__title === undefined && document.querySelector('[data-testid="match-title"]')) w.__title = performance.now();
      if (w.__related === undefined && document.querySelector('[data-testid="related-list"] a[href]')) w.__related = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await popup.goto(`chrome-extension://${lens.extensionId}/popup.html?tabId=${tabId}`);
  await popup.locator('[data-testid="related-list"] a[href]').first().waitFor({ timeout: 120_000 });
  const result = await popup.evaluate(() => {
    const w = window as any;
    return { title: w.__title, related: w.__related, replies: w.__replies as string[] };
  });
  await popup.close();
  return { title: result.title, related: result.related, messages: result.replies.length, replies: result.replies };
}

async function main(): Promise<void> {
  mkdirSync(PAGES, { recursive: true });
  for (const [name, root] of [['a', rootA], ['b', rootB]] as const) {
    await build({ entryPoints: [join(root!, 'bench', 'pages', 'store-bench.ts')], bundle: true, format: 'esm', target: 'es2022', outfile: join(PAGES, `${name}.js`), logLevel: 'error' });
    writeFileSync(join(PAGES, `${name}.html`), `<!doctype html><meta charset="utf-8"><title>bench ${name}</title><script type="module" src="/${name}.js"></script>\n`);
  }
  const { articles } = generateCorpus(SIZE);
  const files = writeCorpusFiles(articles, join(WORK, 'data', String(SIZE)));
  const server = await startBenchServer(PORT, PAGES);
  server.setCorpus(files.dir, 'a');
  const probes = files.probes.map((p) => ({ url: p.url.replace(/^https:/, 'http:'), badge: p.quality === undefined ? '?' : String(p.quality) }));
  const samples: Record<'a' | 'b', Sample[]> = { a: [], b: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
        const lens = await launchBench(name === 'a' ? extA! : extB!, PORT, DEBUG_PORT);
        try {
          // The install sync of the corpus, then a settled worker (its corpus rebuilt after the import).
          for (let i = 0; i < 3000; i++) {
            const status = await lens.send<any>({ type: 'status' }).catch(() => undefined);
            if (status?.summary?.state === 'idle' && status.summary.articleCount === SIZE) break;
            await new Promise((r) => setTimeout(r, 100));
          }
          const { page: tab, tabId } = await plainTab(lens);
          await navToBadge(lens.helper, tabId, probes[1]!, 999, 60_000);
          const pops = [];
          for (let i = 0; i < POPUPS; i++) pops.push(await popupOnce(lens, tabId));
          const heapMB = (await lens.serviceWorkerHeap()).usedSize / 2 ** 20;
          await tab.close();
          const page = await lens.context.newPage();
          await page.goto(`http://${PAGE_HOST}:${PORT}/${name}.html`);
          await page.evaluate(() => (window as any).bench.importOurs());
          const lookup = await page.evaluate((probes) => (window as any).bench.lookup(probes, 2), files.probes.map((p) => ({ url: p.url, id: p.id })));
          if (lookup.wrong) throw new Error(`${name}: ${lookup.wrong} wrong lookups`);
          const related = await page.evaluate(() => (window as any).bench.related(100));
          await page.close();
          const hit = summarize(lookup.hit);
          const rel = summarize(related.oursStore);
          const warm = pops.slice(1);
          const s: Sample = {
            lookupP50: hit.median,
            lookupP99: hit.p99,
            relatedP50: rel.median,
            relatedP99: rel.p99,
            popupFirst: pops[0]!.title,
            popupWarm: summarize(warm.map((p) => p.title)).median,
            popupRelatedFirst: pops[0]!.related,
            popupRelatedWarm: summarize(warm.map((p) => p.related)).median,
            panelMessagesFirst: pops[0]!.messages,
            panelMessagesWarm: summarize(warm.map((p) => p.messages)).median,
            heapMB,
            load: loadavg()[0]!,
          };
          samples[name].push(s);
          console.log(`round ${round + 1} ${name}: ${JSON.stringify(s, (_k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v))}; first popup panel replies ${pops[0]!.replies.join(' ')}; warm ${pops[1]!.replies.join(' ')}`);
        } finally {
          await lens.close();
        }
      }
    }
  } finally {
    await server.close();
  }
  console.log('\nmedian (min–max) over rounds:');
  for (const key of Object.keys(samples.a[0]!) as (keyof Sample)[]) {
    const cell = (name: 'a' | 'b') => {
      const values = samples[name].map((s) => s[key]);
      const sum = summarize(values);
      return `${fmt(sum.median, '')} (${fmt(sum.min, '')}–${fmt(sum.max, '')})`;
    };
    const ratio = summarize(samples.b.map((s) => s[key])).median / summarize(samples.a.map((s) => s[key])).median;
    console.log(`${key.padEnd(20)} A ${cell('a').padEnd(26)} B ${cell('b').padEnd(26)} B/A ${ratio.toFixed(2)}`);
  }
}

await main();
