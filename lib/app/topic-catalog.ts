/**
 * Topic feeds from the hosted dataset's catalog: where the default bundle's `feeds.json` is, and which feed URL each
 * topic then gets (its hosted topic bundle, else its live API feed). Pure but for `loadTopicCatalog`, which takes
 * `fetch` as an argument; imported by the options page wiring. Never contacts a host other than the default bundle's.
 */
import { parseFeedCatalog, TOPIC_BUNDLE_DIR, type FeedCatalog } from '../model/feed-catalog';
import { TOPICS, type Topic } from '../model/topics';
import { fetchResource, type FetchLike } from '../sync/fetch-resource';

/**
 * The catalog URL of the first default feed that is a bundle: `…/feeds.json` beside a main bundle's `manifest.json`,
 * or two folders up from a topic bundle's `…/topics/<slug>/manifest.json`. Undefined when no default feed is a bundle
 * (a build that syncs only the live API has no catalog).
 */
export function catalogUrlFor(defaultFeeds: readonly string[]): string | undefined {
  for (const feed of defaultFeeds) {
    let url: URL;
    try {
      url = new URL(feed);
    } catch {
      continue;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.pathname.endsWith('/manifest.json')) continue;
    const inTopic = new RegExp(`/${TOPIC_BUNDLE_DIR}/[a-z0-9-]+/manifest\\.json$`).test(url.pathname);
    const catalog = new URL(inTopic ? '../../feeds.json' : 'feeds.json', `${url.origin}${url.pathname}`);
    return catalog.href;
  }
  return undefined;
}

/**
 * The topics to offer, each with the feed to sync while it is ticked: a topic the catalog lists (with articles) gets
 * its hosted bundle, resolved against the catalog URL; the others keep the taxonomy's feed. Topics only the catalog
 * knows follow the taxonomy, in catalog order. An entry that would resolve to another origin is ignored.
 * @param catalog a validated catalog
 * @param catalogUrl the URL it was read from
 * @param taxonomy the built-in topic list
 */
export function topicsWithCatalog(catalog: FeedCatalog, catalogUrl: string, taxonomy: readonly Topic[] = TOPICS): Topic[] {
  const origin = new URL(catalogUrl).origin;
  const hosted = new Map<string, { id: string; feed: string }>();
  for (const entry of catalog.topics) {
    if (entry.articleCount === 0) continue;
    const feed = new URL(entry.manifest, catalogUrl);
    if (feed.origin === origin) hosted.set(entry.topic, { id: entry.slug, feed: feed.href });
  }
  const out: Topic[] = taxonomy.map((topic) => {
    const bundle = hosted.get(topic.name);
    return bundle ? { ...topic, feed: bundle.feed } : { ...topic };
  });
  const known = new Set(taxonomy.map((topic) => topic.name));
  for (const [name, bundle] of hosted) if (!known.has(name)) out.push({ id: bundle.id, name, feed: bundle.feed });
  return out;
}

export type TopicCatalogResult =
  | { status: 'none' }
  | { status: 'ok'; url: string; topics: Topic[]; generatedAt: string }
  | { status: 'error'; url: string; reason: string };

/**
 * Reads the default bundle's catalog and maps it to topics. A missing or broken catalog is reported, never thrown:
 * the caller keeps the built-in topics.
 * @param fetchImpl `fetch` (tests pass a fake)
 * @param defaultFeeds this build's default feeds
 */
export async function loadTopicCatalog(fetchImpl: FetchLike, defaultFeeds: readonly string[], taxonomy: readonly Topic[] = TOPICS): Promise<TopicCatalogResult> {
  const url = catalogUrlFor(defaultFeeds);
  if (!url) return { status: 'none' };
  try {
    const fetched = await fetchResource(fetchImpl, url);
    if (fetched.status !== 'ok') return { status: 'error', url, reason: 'no catalog body' };
    const parsed = parseFeedCatalog(JSON.parse(fetched.text) as unknown);
    if (!parsed.ok) return { status: 'error', url, reason: parsed.reason };
    return { status: 'ok', url, topics: topicsWithCatalog(parsed.catalog, url, taxonomy), generatedAt: parsed.catalog.generatedAt };
  } catch (error) {
    return { status: 'error', url, reason: error instanceof SyntaxError ? 'catalog is not JSON' : error instanceof Error ? error.message : String(error) };
  }
}
