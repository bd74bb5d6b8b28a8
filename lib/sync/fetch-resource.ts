/**
 * One feed request: conditional headers, no credentials or referrer, a time limit and a body cap.
 * Takes `fetch` as an argument (tests pass a fake); no other browser API.
 */
import { problemText, type Problem } from '../model/problem';

/** A feed response larger than this is refused: no real page or shard comes near it. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** A request that takes longer is abandoned (the worker itself may only live 5 minutes per event). */
export const REQUEST_TIMEOUT_MS = 30_000;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type Fetched =
  | { status: 'ok'; text: string; bytes: Uint8Array; etag?: string; lastModified?: string; contentType?: string }
  | { status: 'not-modified' };

/** What redirectedAway answers for a final URL that does not parse. */
const INVALID_ORIGIN = 'invalid';

/** Content types that are never a feed body, whatever the bytes say (error pages, images, media). */
const NOT_JSON_TYPES = /^(text\/html|application\/xhtml\+xml|image\/|audio\/|video\/|font\/)/i;

/** Thrown for any feed failure: `problem` is stored in the feed's state and worded by the UI; `message` is its English technical form, for logs. */
export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly problem: Problem,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(problemText(problem), options);
  }
}

export function isFeedError(error: unknown): error is FeedError {
  return error instanceof Error && error.name === 'FeedError';
}

/**
 * Fetches `url` for sync.
 * @param validators last ETag / Last-Modified; a 304 answer returns `{ status: 'not-modified' }`.
 * @param signal cancels the request (and the body read)
 * @param timeoutMs time limit for the whole request, body included (tests pass a short one)
 * @throws FeedError with its problem on network errors, timeouts, HTTP errors and oversize bodies.
 */
export async function fetchResource(
  fetchImpl: FetchLike,
  url: string,
  validators: { etag?: string; lastModified?: string } = {},
  signal?: AbortSignal,
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<Fetched> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  const timeout = AbortSignal.timeout(timeoutMs);
  const timedOut = () => new FeedError({ code: 'timeout', ms: timeoutMs }, url);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers,
      // Privacy: no cookies, no referrer, nothing that could identify the user to the feed host.
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'follow',
      signal: combined,
    });
  } catch (error) {
    if (timeout.aborted) throw timedOut();
    if (signal?.aborted) throw new FeedError({ code: 'cancelled' }, url, { cause: error });
    throw new FeedError({ code: 'network', detail: (error instanceof Error ? error.message : String(error)).slice(0, 500) }, url, { cause: error });
  }
  const away = redirectedAway(url, response.url);
  if (away) {
    await response.body?.cancel().catch(() => {});
    throw new FeedError({ code: 'redirected', ...(away === INVALID_ORIGIN ? {} : { origin: away.slice(0, 500) }) }, url);
  }
  if (response.status === 304) return { status: 'not-modified' };
  if (!response.ok) throw new FeedError({ code: 'http-status', status: response.status }, url);
  const contentType = response.headers.get('content-type') ?? undefined;
  if (contentType && NOT_JSON_TYPES.test(contentType)) {
    await response.body?.cancel().catch(() => {});
    throw new FeedError({ code: 'wrong-content-type', contentType: contentType.split(';')[0]!.trim().slice(0, 200) }, url);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => {});
    throw new FeedError({ code: 'too-large', limitBytes: MAX_BODY_BYTES, bytes: declared }, url);
  }
  const bytes = await readCapped(response, url, combined, () => (timeout.aborted ? timedOut() : new FeedError({ code: 'cancelled' }, url)));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new FeedError({ code: 'not-utf8' }, url, { cause: error });
  }
  return {
    status: 'ok',
    text,
    bytes,
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
    contentType,
  };
}

/**
 * The origin a response ended up at, when it is not `url`'s own (a redirect to another site, or
 * from https to plain http); `undefined` when it stayed. The same origin also keeps the scheme, so
 * an https feed stays https and only a feed that is itself http (localhost in tests) reads http.
 */
function redirectedAway(url: string, finalUrl: string): string | undefined {
  // A constructed or opaque response reports no final URL: nothing was followed that we can see.
  if (!finalUrl) return undefined;
  let origin: string;
  try {
    origin = new URL(finalUrl).origin;
  } catch {
    return INVALID_ORIGIN;
  }
  return origin === new URL(url).origin ? undefined : origin;
}

/** Parses a feed body as JSON, naming what came instead (HTML error pages arrive with 200). */
export function parseJsonBody(text: string, url: string, contentType?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const looksHtml = /^\s*</.test(text);
    const problem: Problem = looksHtml
      ? { code: 'html-page' }
      : contentType && !/json/i.test(contentType)
        ? { code: 'wrong-content-type', contentType: contentType.split(';')[0]!.trim().slice(0, 200) }
        : { code: 'invalid-json' };
    throw new FeedError(problem, url, { cause: error });
  }
}

/**
 * Reads the body chunk by chunk, refusing it as soon as it passes MAX_BODY_BYTES (never buffers a
 * huge body), and giving up when `signal` aborts even if the stream itself ignores it.
 */
async function readCapped(response: Response, url: string, signal: AbortSignal, abortError: () => FeedError): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {}); // only observed through the race below
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await Promise.race([reader.read(), aborted]);
      } catch (error) {
        await reader.cancel().catch(() => {});
        if (isFeedError(error)) throw error;
        if (signal.aborted) throw abortError();
        throw new FeedError({ code: 'connection-lost' }, url, { cause: error });
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        throw new FeedError({ code: 'too-large', limitBytes: MAX_BODY_BYTES }, url);
      }
      parts.push(chunk.value);
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** Lower-case hex SHA-256 of `bytes` (Web Crypto: present in service workers and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
