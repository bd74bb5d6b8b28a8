/**
 * Snapshot bundle format v2: `manifest.json` plus one content-hashed shard per UTC publication month, written by
 * `npm run dataset -- build` (tools/bundle-build.ts) and read by the sync engine. Pure schema module: the zod schemas and format constants only; parsing, the
 * hand-written fast-path checks and serialisation live in lib/ingest/bundle-codec.ts.
 *
 * Layout (paths relative to the manifest's URL):
 *   manifest.json                      BundleManifest: format, version, generatedAt, articleCount, shards[{file, month, count, sha256}]
 *   shards/<YYYY-MM>.<12 hex>.json     BundleShard: format, version, month, articles (BundleArticle[])
 * The 12 hex digits are the start of the shard file's SHA-256, so a changed shard gets a new name (cache-safe on any CDN)
 * and an unchanged one keeps its name and hash (sync skips it). `sha256` covers the shard file's exact bytes.
 */
import { z } from 'zod';
import { Article } from '../model/article';

/** The newest bundle format this code reads and writes. A manifest with a higher version is refused, not guessed at. */
export const SUPPORTED_BUNDLE_VERSION = 2;
export const BUNDLE_FORMAT = 'health-ai-lens-bundle';
export const SHARD_FORMAT = 'health-ai-lens-shard';

/** `YYYY-MM`, the UTC month of `publishedAt`. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const BundleMonth = z.string().regex(MONTH_PATTERN, 'not a YYYY-MM month');

/** A shard path relative to the manifest: no scheme, no leading slash, no `..`, so a manifest cannot point elsewhere. */
const BundleShardPath = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._/-]*$/, 'not a relative path')
  .refine((path) => !path.split('/').some((segment) => segment === '..' || segment === '.' || segment === ''), 'not a clean relative path');

export const BundleShardEntry = z.object({
  file: BundleShardPath,
  month: BundleMonth,
  count: z.number().int().nonnegative(),
  /** Lower-case hex SHA-256 of the shard file's exact bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a hex SHA-256'),
});
export type BundleShardEntry = z.infer<typeof BundleShardEntry>;

export const BundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(SUPPORTED_BUNDLE_VERSION),
  /** ISO time of the build; informational only (data age), never part of a shard. */
  generatedAt: z.string(),
  articleCount: z.number().int().nonnegative(),
  shards: z.array(BundleShardEntry),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** An article as a bundle stores it: our `Article` without the per-install `sources` and `updatedAt`. */
export const BundleArticle = Article.omit({ sources: true, updatedAt: true });
export type BundleArticle = z.infer<typeof BundleArticle>;

export const BundleShard = z.object({
  format: z.literal(SHARD_FORMAT),
  version: z.literal(SUPPORTED_BUNDLE_VERSION),
  month: BundleMonth,
  /** Checked one by one with {@link parseBundleArticle}: one bad article never fails the shard. */
  articles: z.array(z.unknown()),
});
export type BundleShard = z.infer<typeof BundleShard>;

/** Loose input shape for one bundle article: types checked here, every URL and rule re-checked by lib/ingest/article-draft.ts. */
export const BundleArticleInput = z.looseObject({
  id: z.string().optional(),
  title: z.string(),
  excerpt: z.string().optional(),
  publishedAt: z.string(),
  urls: z.looseObject({ web: z.string(), original: z.unknown().optional(), amp: z.unknown().optional(), cdnAmp: z.unknown().optional() }),
  provider: z.looseObject({ name: z.string().optional(), domain: z.string().optional() }).optional(),
  topics: z.array(z.unknown()).optional(),
  quality: z.unknown().optional(),
  heat: z.unknown().optional(),
  images: z.array(z.unknown()).optional(),
  related: z.array(z.unknown()).optional(),
});

/** Loose input shape for one entry of a bundle article's `related`: entries that fail it drop alone. */
export const RelatedRefInput = z.looseObject({
  title: z.string(),
  url: z.string(),
  excerpt: z.string().optional(),
  quality: z.unknown().optional(),
  provider: z.looseObject({ name: z.string().optional(), domain: z.string().optional() }).optional(),
  publishedAt: z.string().optional(),
  ampUrl: z.unknown().optional(),
  cdnAmpUrl: z.unknown().optional(),
  image: z.unknown().optional(),
});
/** Loose input shape for one entry of a bundle article's `images`: entries that fail it drop alone. */
export const ImageInput = z.looseObject({ url: z.string(), width: z.unknown().optional(), height: z.unknown().optional() });
