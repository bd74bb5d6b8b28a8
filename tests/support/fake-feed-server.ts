/**
 * `fakeFeedServer()`: a fake `fetch` over an in-memory route table, with ETag / Last-Modified → 304,
 * request counting, streamed and hanging bodies and thrown network errors. Test-only; imported by
 * tests/unit/sync*.test.ts and store tests. Never touches the network.
 */
import { createHash } from 'node:crypto';
import type { FetchLike } from '../../lib/sync/fetch-resource';

/** What a route answers. A function route is called per request (may vary per call). */
export interface FakeResponse {
  status?: number;
  /** Text or bytes; a function returns a fresh stream per request (large or endless bodies). */
  body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  headers?: Record<string, string>;
  /** `false`: no ETag. Default: a hash of the body (string/bytes bodies only). */
  etag?: string | false;
  lastModified?: string;
  /** Never answers; rejects only when the request's signal aborts (timeouts). */
  hang?: boolean;
  /** fetch rejects with this (network error, redirect loop). */
  error?: Error;
  /** The answer comes after redirects: `response.url` is this final URL (`redirected` is true). */
  redirectedTo?: string;
}

export type FakeRoute = FakeResponse | ((request: FakeRequest) => FakeResponse);

export interface FakeRequest {
  url: string;
  headers: Record<string, string>;
  status?: number;
}

export interface FakeFeedServer {
  fetch: FetchLike;
  /** Every request, in order, with the status it got (undefined for thrown errors). */
  requests: FakeRequest[];
  set(url: string, route: FakeRoute): void;
  /** Serves `value` as `application/json` (pretty or not does not matter: ETag follows the bytes). */
  json(url: string, value: unknown, extra?: Omit<FakeResponse, 'body'>): void;
  remove(url: string): void;
  /** Requests whose URL satisfies `match` (exact string or predicate), optionally since index `from`. */
  count(match: string | ((url: string) => boolean), from?: number): number;
}

/** Creates an empty fake server; unknown URLs answer 404. */
export function fakeFeedServer(): FakeFeedServer {
  const routes = new Map<string, FakeRoute>();
  const requests: FakeRequest[] = [];

  const fetch: FetchLike = async (input, init = {}) => {
    const headers = normalizeHeaders(init.headers);
    const request: FakeRequest = { url: input, headers };
    requests.push(request);
    const route = routes.get(input);
    const answer: FakeResponse = typeof route === 'function' ? route(request) : (route ?? { status: 404, body: 'not found', headers: { 'content-type': 'text/plain' } });
    if (answer.error) throw answer.error;
    if (answer.hang) {
      return new Promise<Response>((_, reject) => {
        const signal = init.signal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    const status = answer.status ?? 200;
    const responseHeaders = new Headers({ 'content-type': 'application/json', ...answer.headers });
    const body = typeof answer.body === 'function' ? answer.body() : answer.body;
    const etag = answer.etag === false ? undefined : (answer.etag ?? (body === undefined || body instanceof ReadableStream ? undefined : etagOf(body)));
    if (etag) responseHeaders.set('etag', etag);
    if (answer.lastModified) responseHeaders.set('last-modified', answer.lastModified);
    const notModified =
      status === 200 &&
      ((etag !== undefined && headers['if-none-match'] === etag) ||
        (answer.lastModified !== undefined && etag === undefined && headers['if-modified-since'] === answer.lastModified));
    if (notModified) {
      if (body instanceof ReadableStream) await body.cancel();
      request.status = 304;
      return new Response(null, { status: 304, headers: responseHeaders });
    }
    request.status = status;
    const response = new Response(body === undefined ? null : (body as BodyInit), { status, headers: responseHeaders });
    // A constructed Response has an empty url: set what fetch reports after following redirects.
    if (answer.redirectedTo) {
      Object.defineProperty(response, 'url', { value: answer.redirectedTo });
      Object.defineProperty(response, 'redirected', { value: true });
    }
    return response;
  };

  return {
    fetch,
    requests,
    set: (url, route) => void routes.set(url, route),
    json: (url, value, extra = {}) => void routes.set(url, { ...extra, body: JSON.stringify(value) }),
    remove: (url) => void routes.delete(url),
    count(match, from = 0) {
      const test = typeof match === 'string' ? (url: string) => url === match : match;
      return requests.slice(from).filter((r) => test(r.url)).length;
    },
  };
}

/**
 * A body of `totalBytes` produced lazily in 64 KiB chunks; `produced()` tells how much the reader
 * actually pulled, so a test can prove a huge body was refused without being read whole.
 */
export function streamedBody(totalBytes: number, fill = 0x20): { stream: () => ReadableStream<Uint8Array>; produced: () => number } {
  let produced = 0;
  const chunkSize = 64 * 1024;
  return {
    produced: () => produced,
    stream: () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (produced >= totalBytes) {
            controller.close();
            return;
          }
          const size = Math.min(chunkSize, totalBytes - produced);
          produced += size;
          controller.enqueue(new Uint8Array(size).fill(fill));
        },
      }),
  };
}

function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
}

function normalizeHeaders(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => (out[key.toLowerCase()] = value));
  return out;
}
