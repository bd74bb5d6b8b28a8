/**
 * Reading and writing the snapshot bundle (format in lib/ingest/bundle-schema.ts): manifest and shard envelopes checked
 * with reasons, each article checked by a hand-written fast path (zod words a failure) and normalized, and the fixed-order
 * form tools/bundle-build.ts writes. Pure, no I/O; imported by the sync engine, lens-service (feed test) and the CLI.
 */
import type { z } from 'zod';
import type { Article, ArticleImage, ArticleUrls, RelatedRef } from '../model/article';
import { describeIssue, refusal, type Refusal } from './issue-reason';
import type { RecordProblem } from '../model/problem';
import { normalizeDraft, type ArticleDraft, type NormalizeResult, type RelatedDraft } from './article-draft';
import {
  BUNDLE_FORMAT,
  type BundleArticle,
  BundleArticleInput,
  BundleManifest,
  BundleShard,
  ImageInput,
  MONTH_PATTERN,
  RelatedRefInput,
  SHARD_FORMAT,
  SUPPORTED_BUNDLE_VERSION,
} from './bundle-schema';

/**
 * Validates a parsed `manifest.json`. A newer format version is refused with a reason that says so.
 * @returns the manifest, or why it is refused
 */
export function parseBundleManifest(json: unknown): { ok: true; manifest: BundleManifest } | Refusal {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refusal({ code: 'not-object', scope: 'manifest' });
  const header = json as { format?: unknown; version?: unknown };
  if (header.format !== BUNDLE_FORMAT) return refusal({ code: 'wrong-format', scope: 'manifest', format: BUNDLE_FORMAT });
  const version = versionProblem(header.version);
  if (version) return refusal(version);
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) return refusal(describeIssue(parsed.error.issues[0], undefined, 'manifest'));
  const manifest = parsed.data;
  const files = new Set(manifest.shards.map((shard) => shard.file));
  if (files.size !== manifest.shards.length) return refusal({ code: 'shard-listed-twice' });
  const total = manifest.shards.reduce((sum, shard) => sum + shard.count, 0);
  if (total !== manifest.articleCount) return refusal({ code: 'count-mismatch', declared: manifest.articleCount, sum: total });
  return { ok: true, manifest };
}

/**
 * Validates a parsed shard envelope; its articles are returned raw for {@link parseBundleArticle}.
 * @param json the parsed shard file
 * @param expectedMonth the month the manifest listed for it; a mismatch is refused
 */
export function parseBundleShard(json: unknown, expectedMonth?: string): { ok: true; month: string; articles: unknown[] } | Refusal {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refusal({ code: 'not-object', scope: 'shard' });
  const header = json as { format?: unknown; version?: unknown };
  if (header.format !== SHARD_FORMAT) return refusal({ code: 'wrong-format', scope: 'shard', format: SHARD_FORMAT });
  const version = versionProblem(header.version);
  if (version) return refusal(version);
  // Format and version are checked above; the rest of BundleShard by hand (zod would copy the article array), zod only to word a failure.
  const { month, articles } = json as { month?: unknown; articles?: unknown };
  if (typeof month !== 'string' || !MONTH_PATTERN.test(month) || !Array.isArray(articles)) {
    const parsed = BundleShard.safeParse(json);
    return refusal(parsed.success ? { code: 'invalid', scope: 'shard' } : describeIssue(parsed.error.issues[0], undefined, 'shard'));
  }
  if (expectedMonth !== undefined && month !== expectedMonth) {
    return refusal({ code: 'month-mismatch', month, expected: expectedMonth });
  }
  return { ok: true, month, articles };
}

/**
 * Validates one article from a shard and turns it into a stored `Article`: bad optional URLs are stripped, the id is
 * recomputed from `urls.web` (a bundle cannot alias another article), caps and rules of lib/ingest/article-draft.ts apply,
 * `sources: [source]` and `updatedAt: now` are added. Text is not entity-decoded again (the CLI already did).
 * @param raw one element of `articles`
 * @param source the bundle's manifest URL
 * @param now epoch ms
 */
export function parseBundleArticle(raw: unknown, source: string, now: number): NormalizeResult {
  // Hand-checked fast path, exactly as strict as BundleArticleInput (zod compiles no fast parser under the extension's
  // CSP, and this runs for every article of every shard). Zod runs only on a failure, to word the reason.
  if (!isBundleArticleInput(raw)) {
    const parsed = BundleArticleInput.safeParse(raw);
    if (!parsed.success) return refusal(describeIssue(parsed.error.issues[0], raw));
    // Unreachable while the two checks agree; kept so a disagreement can never let a record through unchecked.
    return refusal({ code: 'invalid', scope: 'record' });
  }
  const input = raw;
  const related: RelatedDraft[] = [];
  for (const r of input.related ?? []) {
    if (!isRelatedRefInput(r)) continue;
    related.push({
      title: r.title,
      url: r.url,
      excerpt: r.excerpt,
      quality: num(r.quality),
      providerName: r.provider?.name,
      providerDomain: r.provider?.domain,
      publishedAt: r.publishedAt,
      ampUrl: str(r.ampUrl),
      cdnAmpUrl: str(r.cdnAmpUrl),
      image: str(r.image),
    });
  }
  const images: NonNullable<ArticleDraft['images']>[number][] = [];
  for (const image of input.images ?? []) {
    if (isImageInput(image)) images.push({ url: image.url, width: num(image.width), height: num(image.height) });
  }
  return normalizeDraft(
    {
      title: input.title,
      excerpt: input.excerpt,
      publishedAt: input.publishedAt,
      webUrl: input.urls.web,
      originalUrl: str(input.urls.original),
      ampUrl: str(input.urls.amp),
      cdnAmpUrl: str(input.urls.cdnAmp),
      providerName: input.provider?.name,
      providerDomain: input.provider?.domain,
      topics: (input.topics ?? []).filter((topic): topic is string => typeof topic === 'string'),
      quality: num(input.quality),
      heat: num(input.heat),
      images,
      related,
    },
    source,
    now,
    { decodeEntities: false },
  );
}

// Hand-written twins of the zod input schemas (same accept/reject decisions; tests/unit/ingest/bundle-fast-path.test.ts checks
// them against cases generated from each zod schema's shape). They pay: about 1.3 s per 100k articles, as zod
// compiles no fast parser under the extension's CSP. `isObject` is zod's own object test: a non-null object that is not an array.
type BundleArticleInputType = z.infer<typeof BundleArticleInput>;
type RelatedRefInputType = z.infer<typeof RelatedRefInput>;
type ImageInputType = z.infer<typeof ImageInput>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function optString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}
function optArray(value: unknown): boolean {
  return value === undefined || Array.isArray(value);
}
/** `z.looseObject({ name: z.string().optional(), domain: z.string().optional() }).optional()` */
function optProvider(value: unknown): boolean {
  return value === undefined || (isObject(value) && optString(value.name) && optString(value.domain));
}

/** Exactly {@link BundleArticleInput}'s decision. */
export function isBundleArticleInput(raw: unknown): raw is BundleArticleInputType {
  if (!isObject(raw)) return false;
  const urls = raw.urls;
  return (
    optString(raw.id) &&
    typeof raw.title === 'string' &&
    optString(raw.excerpt) &&
    typeof raw.publishedAt === 'string' &&
    isObject(urls) &&
    typeof urls.web === 'string' &&
    optProvider(raw.provider) &&
    optArray(raw.topics) &&
    optArray(raw.images) &&
    optArray(raw.related)
  );
}

/** Exactly {@link RelatedRefInput}'s decision. */
export function isRelatedRefInput(raw: unknown): raw is RelatedRefInputType {
  return (
    isObject(raw) &&
    typeof raw.title === 'string' &&
    typeof raw.url === 'string' &&
    optString(raw.excerpt) &&
    optProvider(raw.provider) &&
    optString(raw.publishedAt)
  );
}

/** Exactly {@link ImageInput}'s decision. */
export function isImageInput(raw: unknown): raw is ImageInputType {
  return isObject(raw) && typeof raw.url === 'string';
}

/**
 * The bundle form of an article, with a fixed key order so the same article always serializes to the same bytes.
 * Used by tools/bundle-build.ts; the inverse of {@link parseBundleArticle}.
 */
export function toBundleArticle(article: Article): BundleArticle {
  const urls: ArticleUrls = { web: article.urls.web };
  if (article.urls.original) urls.original = article.urls.original;
  if (article.urls.amp) urls.amp = article.urls.amp;
  if (article.urls.cdnAmp) urls.cdnAmp = article.urls.cdnAmp;
  const out: BundleArticle = {
    id: article.id,
    title: article.title,
    excerpt: article.excerpt,
    publishedAt: article.publishedAt,
    urls,
    provider: { name: article.provider.name, domain: article.provider.domain },
    topics: [...article.topics],
    related: article.related.map(orderedRelated),
  };
  if (article.quality !== undefined) out.quality = article.quality;
  if (article.heat !== undefined) out.heat = article.heat;
  if (article.images?.length) out.images = article.images.map(orderedImage);
  return out;
}

function orderedRelated(ref: RelatedRef): RelatedRef {
  const out: RelatedRef = { title: ref.title, url: ref.url };
  if (ref.excerpt !== undefined) out.excerpt = ref.excerpt;
  if (ref.quality !== undefined) out.quality = ref.quality;
  if (ref.provider) out.provider = { name: ref.provider.name, domain: ref.provider.domain };
  if (ref.publishedAt !== undefined) out.publishedAt = ref.publishedAt;
  if (ref.ampUrl !== undefined) out.ampUrl = ref.ampUrl;
  if (ref.cdnAmpUrl !== undefined) out.cdnAmpUrl = ref.cdnAmpUrl;
  if (ref.image !== undefined) out.image = ref.image;
  return out;
}

function orderedImage(image: ArticleImage): ArticleImage {
  const out: ArticleImage = { url: image.url };
  if (image.width !== undefined) out.width = image.width;
  if (image.height !== undefined) out.height = image.height;
  return out;
}

function versionProblem(version: unknown): RecordProblem | undefined {
  if (typeof version !== 'number' || !Number.isInteger(version)) return { code: 'version-missing' };
  if (version > SUPPORTED_BUNDLE_VERSION) return { code: 'version-newer', version, supported: SUPPORTED_BUNDLE_VERSION };
  if (version < SUPPORTED_BUNDLE_VERSION) return { code: 'version-older', version, supported: SUPPORTED_BUNDLE_VERSION };
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
