/**
 * `buildTopicBundles`: the merged articles of a build → one bundle per topic (`topics/<slug>/manifest.json` + shards) and
 * the catalog `feeds.json` that lists them with the main bundle. Pure and deterministic; Node/CLI only (scripts/dataset.ts
 * writes the files). The extension reads the catalog through lib/model/feed-catalog.ts, never this module.
 */
import { bundleOf, compare, type BundleFiles } from './bundle-build';
import type { Article } from '../lib/model/article';
import {
  FEED_CATALOG_FORMAT,
  parseFeedCatalog,
  SUPPORTED_FEED_CATALOG_VERSION,
  TOPIC_BUNDLE_DIR,
  topicSlug,
  type CatalogBundle,
  type FeedCatalog,
} from '../lib/model/feed-catalog';

export interface TopicBundle {
  topic: string;
  slug: string;
  /** The bundle's folder relative to the catalog, e.g. `topics/ai-in-healthcare`. */
  dir: string;
  files: BundleFiles;
}

export interface CatalogBuild {
  /** The topic bundles to write (a topic every article carries has none: the catalog points it at the main bundle). */
  topics: TopicBundle[];
  catalog: FeedCatalog;
  /** The exact text of `feeds.json`. */
  catalogText: string;
}

/**
 * Cuts one bundle per topic from the merged articles (an article with several topics is in each of their bundles) and
 * writes the catalog. Topics are sorted by name in code-unit order; two names with the same slug get `-2`, `-3`, … in
 * that order, so the folder names never depend on input order.
 * @param articles every merged article of the build (its `articles`)
 * @param now epoch ms of the build (every manifest's and the catalog's `generatedAt`)
 * @throws when the catalog it wrote fails its own schema (a bug, never bad input: names are checked on the way in)
 */
export function buildTopicBundles(articles: readonly Article[], now: number): CatalogBuild {
  const byTopic = new Map<string, Article[]>();
  for (const article of articles) {
    for (const topic of new Set(article.topics.map((t) => t.trim()).filter(Boolean))) {
      const list = byTopic.get(topic);
      if (list) list.push(article);
      else byTopic.set(topic, [article]);
    }
  }

  const used = new Set<string>();
  const topics: TopicBundle[] = [];
  const entries: FeedCatalog['topics'] = [];
  for (const topic of [...byTopic.keys()].sort(compare)) {
    if (topic.length > 200) continue;
    const base = topicSlug(topic);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    const members = byTopic.get(topic) ?? [];
    // A topic every article carries (everyday-cc's generic "AI") is the main bundle: listing that one instead of a copy
    // saves a whole second main bundle on the host.
    if (members.length === articles.length) {
      entries.push({ topic, slug, manifest: 'manifest.json', ...summary(members) });
      continue;
    }
    const dir = `${TOPIC_BUNDLE_DIR}/${slug}`;
    topics.push({ topic, slug, dir, files: bundleOf(members, now) });
    entries.push({ topic, slug, manifest: `${dir}/manifest.json`, ...summary(members) });
  }

  const catalog: FeedCatalog = {
    format: FEED_CATALOG_FORMAT,
    version: SUPPORTED_FEED_CATALOG_VERSION,
    generatedAt: new Date(now).toISOString(),
    all: { manifest: 'manifest.json', ...summary(articles) },
    topics: entries,
  };
  const checked = parseFeedCatalog(catalog);
  if (!checked.ok) throw new Error(`the catalog we wrote is invalid: ${checked.reason}`);
  return { topics, catalog, catalogText: `${JSON.stringify(catalog, null, 2)}\n` };
}

/** Article count and publication date range (normalized `publishedAt` is ISO UTC, so text order is time order). */
function summary(articles: readonly Article[]): Omit<CatalogBundle, 'manifest'> {
  let from: string | undefined;
  let to: string | undefined;
  for (const { publishedAt } of articles) {
    if (from === undefined || compare(publishedAt, from) < 0) from = publishedAt;
    if (to === undefined || compare(publishedAt, to) > 0) to = publishedAt;
  }
  return { articleCount: articles.length, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
