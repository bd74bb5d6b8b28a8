/**
 * "Test feed" in options: validates a feed URL and fetches it once, without storing anything.
 * Pure apart from the injected fetch; imported by lib/app/lens-service.ts.
 */
import { feedKindOf } from '../model/feed-state';
import type { Problem } from '../model/problem';
import { fetchResource, isFeedError, parseJsonBody, type FetchLike } from '../sync/fetch-resource';
import { parseApiPage } from '../ingest/api-schema';
import { parseBundleManifest } from '../ingest/bundle-codec';

export type FeedTestResult = { ok: true; kind: 'api' | 'bundle'; items: number } | { ok: false; problem: Problem };

/** The feed's kind and item count (first API page, or the bundle's article count), or why it cannot be read. */
export async function testFeed(fetch: FetchLike, url: string): Promise<FeedTestResult> {
  const kind = feedKindOf(url);
  if (!kind.ok) return kind;
  const target = kind.kind === 'api' ? `${url}index.json` : url;
  try {
    const fetched = await fetchResource(fetch, target);
    if (fetched.status !== 'ok') return { ok: false, problem: { code: 'unexpected-304' } };
    const json = parseJsonBody(fetched.text, target);
    if (kind.kind === 'api') {
      const page = parseApiPage(json);
      return page.ok ? { ok: true, kind: 'api', items: page.items.length } : { ok: false, problem: { code: 'bad-page', page: 1, issue: page.problem } };
    }
    const manifest = parseBundleManifest(json);
    return manifest.ok ? { ok: true, kind: 'bundle', items: manifest.manifest.articleCount } : { ok: false, problem: { code: 'bad-manifest', issue: manifest.problem } };
  } catch (error) {
    if (isFeedError(error)) return { ok: false, problem: error.problem };
    return { ok: false, problem: { code: 'internal', detail: (error instanceof Error ? error.message : String(error)).slice(0, 500) } };
  }
}
