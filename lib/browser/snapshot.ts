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
  return (input, init) => {
    const path = snapshotPackagePath(input);
    if (path === undefined) return fetchImpl(input, init);
    // The package's own file: no cookies or referrer to strip, and no validators apply (the file changes only with an update).
    return fetchImpl(browser.runtime.getURL(path as '/'), { signal: init?.signal ?? null });
  };
}
