/**
 * The benchmark's local web: the bundle feed (manifest version switchable for incremental runs), the baselines'
 * record files, the bench pages (cross-origin isolated, so `performance.now()` has 5 µs resolution), and a plain page
 * for any other URL (article pages for badge runs). Node only.
 */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';

/** Host the bench extension build syncs from: `http://bench.lens.test/bundle/manifest.json`. */
export const FEED_HOST = 'bench.lens.test';
export const FEED_URL = `http://${FEED_HOST}/bundle/manifest.json`;
/**
 * Host of the bench pages: an IP literal is a secure context over http, which cross-origin isolation (5 µs timers)
 * needs; their IndexedDB is their own origin, apart from the extension's.
 */
export const PAGE_HOST = '127.0.0.1';

export interface BenchServer {
  /** Folder whose `bundle/` is served under `/bundle/` and whose `records.json` under `/records.json`. */
  setCorpus(dir: string, manifest: 'a' | 'b' | 'c'): void;
  /** Requests seen for `/bundle/` paths since the last call. */
  takeFeedRequests(): string[];
  close(): Promise<void>;
}

const PLAIN_PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lemon cake</title></head><body><p>Flour, sugar, lemons.</p></body></html>';
const ARTICLE_PAGE = (title: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta property="og:type" content="article"></head><body><h1>${title}</h1><p>Text.</p></body></html>`;

/**
 * Starts the server on 127.0.0.1:`port`.
 * @param pagesDir folder of the built bench pages (served under `http://pages.bench.test/`)
 */
export async function startBenchServer(port: number, pagesDir: string): Promise<BenchServer> {
  let corpusDir = '';
  let manifest: 'a' | 'b' | 'c' = 'a';
  let feedRequests: string[] = [];
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = (req.url ?? '/').split('?')[0]!;
    const send = (status: number, type: string, body: Buffer | string, extra: Record<string, string> = {}) => {
      const buffer = typeof body === 'string' ? Buffer.from(body) : body;
      const etag = `"${createHash('sha1').update(buffer).digest('hex')}"`;
      const headers = { 'content-type': type, etag, 'cache-control': 'no-cache', ...extra };
      if (status === 200 && req.headers['if-none-match'] === etag) return void res.writeHead(304, headers).end();
      res.writeHead(status, headers).end(buffer);
    };
    const file = (full: string, type: string, extra?: Record<string, string>) =>
      existsSync(full) && statSync(full).isFile() ? send(200, type, readFileSync(full), extra) : send(404, 'text/plain', 'not found');
    const safe = normalize(decodeURIComponent(path));
    if (safe.includes('..')) return send(400, 'text/plain', 'bad path');
    if (host === FEED_HOST && safe.startsWith('/bundle/')) {
      feedRequests.push(safe);
      const rest = safe.slice('/bundle/'.length);
      const target = rest === 'manifest.json' ? `manifest-${manifest}.json` : rest;
      return file(join(corpusDir, 'bundle', target), 'application/json');
    }
    if (host === PAGE_HOST) {
      // Cross-origin isolation: 5 µs timer resolution instead of 100 µs.
      const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin' };
      if (safe === '/records.json') return file(join(corpusDir, 'records.json'), 'application/json', isolated);
      const type = safe.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
      return file(join(pagesDir, safe === '/' ? 'index.html' : safe.slice(1)), type, isolated);
    }
    if (safe.startsWith('/plain')) return send(200, 'text/html; charset=utf-8', PLAIN_PAGE);
    return send(200, 'text/html; charset=utf-8', ARTICLE_PAGE('Benchmark article'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    setCorpus(dir, which) {
      corpusDir = dir;
      manifest = which;
    },
    takeFeedRequests() {
      const out = feedRequests;
      feedRequests = [];
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
