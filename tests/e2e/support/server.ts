/**
 * The local web for e2e tests on 127.0.0.1:80: the feed host serves the real JSON API pages and
 * our built bundle (with ETags), news hosts serve a generated page for every sample article URL,
 * specs add their own pages, and everything else is 404. Every request is logged.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BUNDLE_DIR, FEED_HOST, PORT, SHARED_DATA_DIR } from './paths';

export interface LoggedRequest {
  method: string;
  host: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Epoch ms when the request arrived. */
  at: number;
}

export interface SampleArticle {
  title: string;
  excerpt: string;
  webUrl: string;
  ampWebUrl?: string;
  quality?: number;
  related: { title: string; webUrl: string }[];
  file: string;
}

type Page = { status?: number; type?: string; body: string | Buffer; headers?: Record<string, string> };
type Route = (request: LoggedRequest) => Page | undefined;

export interface TestServer {
  requests: LoggedRequest[];
  /** Serve `body` at `http://host/path` (path includes the query, if any). */
  page(url: string, body: string | Page): void;
  /** A custom handler tried before the built-in routes. */
  route(handler: Route): void;
  close(): Promise<void>;
  /** Feed requests only (the feed host). */
  feedRequests(): LoggedRequest[];
  /** While on, connections to `host` are dropped without an answer (the host is unreachable); still logged. */
  unreachable(host: string, on: boolean): void;
  /**
   * While on, requests to `host` get no answer at all (a sync that never finishes); turning it off
   * drops the requests held so far, as a host that finally gives up would.
   */
  stall(host: string, on: boolean): void;
}

/** Reads every Markdown article of the sample (front matter only). */
export function sampleArticles(): SampleArticle[] {
  const dir = join(SHARED_DATA_DIR, '_news');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const yaml = text.split(/^---\s*$/m)[1] ?? '';
      const fm = parseYaml(yaml) as Record<string, any>;
      return {
        file,
        title: String(fm.title),
        excerpt: String(fm.excerpt ?? ''),
        webUrl: String(fm.webUrl),
        ampWebUrl: fm.ampWebUrl ? String(fm.ampWebUrl) : undefined,
        quality: typeof fm.quality === 'number' ? fm.quality : undefined,
        related: Array.isArray(fm.related) ? fm.related.map((r: any) => ({ title: String(r.title), webUrl: String(r.webUrl) })) : [],
      };
    });
}

/** A plain news-like article page (what a news site would serve), with optional extra head tags. */
export function articlePage(title: string, options: { head?: string; body?: string; ogType?: string } = {}): string {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta property="og:type" content="${options.ogType ?? 'article'}"><meta property="og:title" content="${escape(title)}">
${options.head ?? ''}</head><body><main><h1>${escape(title)}</h1>${options.body ?? '<p>Article text.</p>'}</main></body></html>`;
}

/** Starts the server on port 80 (as root, like CI). */
export async function startServer(port = PORT): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  const pages = new Map<string, Page>();
  const routes: Route[] = [];
  const dropped = new Set<string>();
  const stalled = new Map<string, IncomingMessage[]>();
  const articles = existsSync(join(SHARED_DATA_DIR, '_news')) ? sampleArticles() : [];
  for (const article of articles) {
    for (const url of [article.webUrl, article.ampWebUrl]) {
      if (!url) continue;
      const u = new URL(url);
      const key = `${u.host}${u.pathname}${u.search}`;
      if (!pages.has(key)) pages.set(key, { body: articlePage(article.title) });
    }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      // A browser using this server as its HTTP proxy (Firefox) sends absolute-form targets: keep the path only.
      const path = (req.url ?? '/').replace(/^https?:\/\/[^/]*/i, '') || '/';
      const logged: LoggedRequest = { method: req.method ?? 'GET', host, path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(logged);
      if (dropped.has(host)) {
        req.socket.destroy();
        return;
      }
      const held = stalled.get(host);
      if (held) {
        held.push(req);
        return;
      }
      const page = routes.map((r) => r(logged)).find(Boolean) ?? builtIn(logged);
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const body = typeof page.body === 'string' ? Buffer.from(page.body) : page.body;
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      const headers = { 'content-type': page.type ?? 'text/html; charset=utf-8', etag, 'cache-control': 'no-cache', ...page.headers };
      if ((page.status ?? 200) === 200 && req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(page.status ?? 200, headers).end(body);
    });
  });

  function builtIn(request: LoggedRequest): Page | undefined {
    const pathOnly = request.path.split('?')[0]!;
    if (request.host === FEED_HOST) {
      const file = feedFile(pathOnly);
      if (file) return { type: 'application/json', body: readFileSync(file) };
      return undefined;
    }
    return pages.get(`${request.host}${request.path}`) ?? pages.get(`${request.host}${pathOnly}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    requests,
    page(url, body) {
      const u = new URL(url);
      pages.set(`${u.host}${u.pathname}${u.search}`, typeof body === 'string' ? { body } : body);
    },
    route(handler) {
      routes.unshift(handler);
    },
    feedRequests: () => requests.filter((r) => r.host === FEED_HOST),
    unreachable(host, on) {
      if (on) dropped.add(host);
      else dropped.delete(host);
    },
    stall(host, on) {
      if (on) {
        if (!stalled.has(host)) stalled.set(host, []);
        return;
      }
      for (const req of stalled.get(host) ?? []) req.socket.destroy();
      stalled.delete(host);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Maps a feed-host path to a file: `/ai/api/…` → the sample's `api/…`, `/ai/bundle/…` → our bundle. */
function feedFile(path: string): string | undefined {
  const safe = normalize(decodeURIComponent(path));
  if (safe.includes('..')) return undefined;
  let file: string | undefined;
  if (safe.startsWith('/ai/api/')) file = join(SHARED_DATA_DIR, safe.slice('/ai/'.length));
  else if (safe.startsWith('/ai/bundle/')) file = join(BUNDLE_DIR, safe.slice('/ai/bundle/'.length));
  return file && existsSync(file) && statSync(file).isFile() ? file : undefined;
}
