/**
 * What both `npm start` demos serve: the snapshot bundle built from the demo's Markdown with our
 * dataset code, and a plain stand-in page for every article URL. Node only; imported by
 * scripts/demo.ts (Chromium) and scripts/demo-firefox.ts.
 */
import { buildBundle } from '../tools/bundle-build';
import { markdownFiles } from '../tools/markdown-files';

/** One served file. */
export interface ServedFile {
  type: string;
  body: string;
}

/** A bundle article as the demos read it (trusted: our own build wrote it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DemoArticle = Record<string, any> & { urls: { web: string }; title: string };

/** Prints a step of the demo. */
export function step(text: string): void {
  console.log(`\n▶ ${text}`);
}

/**
 * The demo's site: the bundle under `<feedHost>/bundle/` and a stand-in page per article, keyed by
 * `host + path + query`.
 * @param newsDir the Markdown articles (the demo's own, or the real sample)
 */
export function demoSite(newsDir: string, feedHost: string): { bundle: ReturnType<typeof buildBundle>; articles: DemoArticle[]; served: Map<string, ServedFile> } {
  const bundle = buildBundle(markdownFiles(newsDir), Date.now());
  const served = new Map<string, ServedFile>();
  served.set(`${feedHost}/bundle/manifest.json`, { type: 'application/json', body: bundle.manifestText });
  for (const shard of bundle.shards) served.set(`${feedHost}/bundle/${shard.file}`, { type: 'application/json', body: shard.text });
  // Every article URL of the bundle gets a plain page, as its news site would serve it.
  const articles = bundle.shards.flatMap((shard) => (JSON.parse(shard.text) as { articles: DemoArticle[] }).articles);
  for (const article of articles) {
    const url = new URL(article.urls.web);
    const title = String(article.title).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    served.set(`${url.host}${url.pathname}${url.search}`, {
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta property="og:type" content="article"></head><body style="font:18px/1.6 Georgia,serif;max-width:680px;margin:40px auto;padding:0 16px"><h1>${title}</h1><p>A stand-in page for the article, served locally by the demo. The real article lives on its publisher's site.</p></body></html>`,
    });
  }
  return { bundle, articles, served };
}
