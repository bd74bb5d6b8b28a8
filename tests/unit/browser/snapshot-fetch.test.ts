/**
 * lib/browser/snapshot.ts: the snapshot feed's URLs are answered from the package's own files, in a form the sync
 * accepts (a response that ends on the extension's origin would be refused as a redirect away from the feed).
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { withPackagedSnapshotFetch } from '../../../lib/browser/snapshot';
import { SNAPSHOT_FEED_URL } from '../../../lib/app/snapshot';
import { fetchResource } from '../../../lib/sync/fetch-resource';

/** A response as Chromium gives for a package file: its `url` is the extension's. */
function packageFile(body: string, url: string): Response {
  const response = new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

describe('withPackagedSnapshotFetch', () => {
  it('reads the snapshot feed from the package, and the sync accepts the answer', async () => {
    const network = vi.fn(async (input: string) => packageFile('{"ok":true}', input));
    const fetch = withPackagedSnapshotFetch(network);
    const fetched = await fetchResource(fetch, SNAPSHOT_FEED_URL);
    expect(fetched.status).toBe('ok');
    expect(network).toHaveBeenCalledWith(fakeBrowser.runtime.getURL('/snapshot/manifest.json'), expect.anything());
  });

  it('passes every other URL to the network fetch unchanged', async () => {
    const network = vi.fn(async (input: string) => packageFile('[]', input));
    await withPackagedSnapshotFetch(network)('https://feeds.example/manifest.json');
    expect(network).toHaveBeenCalledWith('https://feeds.example/manifest.json', undefined);
  });
});
