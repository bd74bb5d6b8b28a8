/**
 * Serves the packaged snapshot to the sync engine: a `fetch` that answers the snapshot feed's URLs from the extension's
 * own files (no network at all) and passes every other request through unchanged. Thin adapter; imported by the background.
 */
import { browser } from 'wxt/browser';
import { snapshotPackagePath } from '../app/snapshot';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * `fetchImpl` with the snapshot's files mapped to the package (`/snapshot/…`).
 * @param fetchImpl the network fetch every other URL goes to
 */
export function withPackagedSnapshotFetch(fetchImpl: FetchLike): FetchLike {
  return async (input, init) => {
    const path = snapshotPackagePath(input);
    if (path === undefined) return fetchImpl(input, init);
    // The package's own file: no cookies or referrer to strip, and no validators apply (the file changes only with an update).
    const file = await fetchImpl(browser.runtime.getURL(path as '/'), { signal: init?.signal ?? null });
    // Answered as the snapshot feed's own URL: the sync refuses a response that ends on another origin
    // than its feed's, and the extension's origin is not the feed's. A constructed response has no URL.
    return new Response(file.body, { status: file.status, statusText: file.statusText, headers: file.headers });
  };
}
