/**
 * The dataset catalog `feeds.json` that `npm run dataset -- build --by-topic` writes beside the main bundle: which topic
 * bundles exist, where their manifests are (paths relative to the catalog), how many articles each holds and their
 * date range. Pure schema shared by the Node CLI (tools/) and the extension (lib/app/); no I/O.
 */
import { z } from 'zod';

export const FEED_CATALOG_FORMAT = 'health-ai-lens-feeds';
/** The newest catalog version this code reads and writes. A higher one is refused, not guessed at. */
export const SUPPORTED_FEED_CATALOG_VERSION = 1;
/** Topic bundles live at `topics/<slug>/manifest.json` beside the catalog. */
export const TOPIC_BUNDLE_DIR = 'topics';

/**
 * A manifest path relative to the catalog: no scheme, no leading slash, no segment starting with `.` (so no `..`), so a
 * catalog can only point below its own folder on its own host.
 */
export const CatalogManifestPath = z
  .string()
  .max(200)
  .regex(/^(?:[a-z0-9][a-z0-9._-]*\/)*manifest\.json$/, 'not a relative manifest.json path');

/** An ISO date-time (the articles' own `publishedAt`). */
const IsoTime = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'not a date');

/** One bundle of the catalog: the whole dataset, or one topic. */
export const CatalogBundle = z.object({
  manifest: CatalogManifestPath,
  articleCount: z.number().int().nonnegative(),
  /** Oldest and newest `publishedAt` in the bundle; absent only when it holds no article. */
  from: IsoTime.optional(),
  to: IsoTime.optional(),
});
export type CatalogBundle = z.infer<typeof CatalogBundle>;

export const CatalogTopic = CatalogBundle.extend({
  /** The topic's name exactly as articles carry it, e.g. `AI in Healthcare`. */
  topic: z.string().trim().min(1).max(200),
  /** Its folder name under `topics/`, e.g. `ai-in-healthcare`. */
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'not a topic slug'),
});
export type CatalogTopic = z.infer<typeof CatalogTopic>;

export const FeedCatalog = z.object({
  format: z.literal(FEED_CATALOG_FORMAT),
  version: z.literal(SUPPORTED_FEED_CATALOG_VERSION),
  generatedAt: IsoTime,
  /** The main bundle, every article. */
  all: CatalogBundle,
  topics: z.array(CatalogTopic).max(1000),
});
export type FeedCatalog = z.infer<typeof FeedCatalog>;

/**
 * Validates a parsed `feeds.json`: schema, then one entry per topic and per slug.
 * @returns the catalog, or a short human reason
 */
export function parseFeedCatalog(json: unknown): { ok: true; catalog: FeedCatalog } | { ok: false; reason: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'catalog is not a JSON object' };
  const header = json as { format?: unknown; version?: unknown };
  if (header.format !== FEED_CATALOG_FORMAT) return { ok: false, reason: `not a ${FEED_CATALOG_FORMAT} catalog` };
  if (typeof header.version === 'number' && header.version > SUPPORTED_FEED_CATALOG_VERSION) {
    return { ok: false, reason: `catalog version ${header.version} is newer than this version reads (${SUPPORTED_FEED_CATALOG_VERSION})` };
  }
  const parsed = FeedCatalog.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `catalog ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}` };
  }
  const catalog = parsed.data;
  // Several topics may share the main bundle's manifest (each carried by every article); two topic folders never.
  const folders = catalog.topics.filter((entry) => entry.manifest !== catalog.all.manifest);
  if (new Set(folders.map((entry) => entry.manifest)).size !== folders.length) return { ok: false, reason: 'catalog lists a manifest twice' };
  for (const key of ['topic', 'slug'] as const) {
    if (new Set(catalog.topics.map((entry) => entry[key])).size !== catalog.topics.length) return { ok: false, reason: `catalog lists a ${key} twice` };
  }
  return { ok: true, catalog };
}

/**
 * The folder name of a topic: lower-case ASCII letters and digits joined by `-` (`AI in Healthcare` → `ai-in-healthcare`,
 * the same id the everyday-cc taxonomy gives it). A name with no ASCII letter or digit gets `topic`.
 */
export function topicSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'topic';
}
