/**
 * "Test feed" in options: validates a feed URL and fetches it once, without storing anything.
 * Pure apart from the injected fetch; imported by lib/app/lens-service.ts.
 */
import { feedKindOf } from '../model/feed-state';
import { fetchResource, parseJsonBody, type FetchLike } from '../sync/fetch-resource';
import { parseApiPage } from '../ingest/api-schema';
import { parseBundleManifest } from '../ingest/bundle-codec';

export type FeedTestResult = { ok: true; kind: 'api' | 'bundle'; items: number } | { ok: false; reason: string };

/** The feed's kind and item count (first API page, or the bundle's article count), or why it cannot be read. */
export async function testFeed(fetch: FetchLike, url: string): Promise<FeedTestResult> {
  const kind = feedKindOf(url);
  if (!kind.ok) return kind;
  const target = kind.kind === 'api' ? `${url}index.json` : url;
  try {
    const fetched = await fetchResource(fetch, target);
    if (fetched.status !== 'ok') return { ok: false, reason: 'the server answered 304 to a fresh request' };
    const json = parseJsonBody(fetched.text, target);
    if (kind.kind === 'api') {
      const page = parseApiPage(json);
      return page.ok ? { ok: true, kind: 'api', items: page.items.length } : { ok: false, reason: page.reason };
    }
    const manifest = parseBundleManifest(json);
    return manifest.ok ? { ok: true, kind: 'bundle', items: manifest.manifest.articleCount } : { ok: false, reason: manifest.reason };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
