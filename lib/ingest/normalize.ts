/**
 * Source records → our one `Article`, or a short human rejection reason: a JSON API item or a Markdown front matter is
 * checked against its schema, mapped to a draft in one place ({@link draftFromSource}: the two shapes share their field
 * names), then lib/ingest/article-draft.ts applies every rule. Pure, no I/O; imported by the sync engine and tools/bundle-build.ts.
 */
import type { z } from 'zod';
import { ApiItem } from './api-schema';
import { normalizeDraft, type ArticleDraft, type NormalizeResult } from './article-draft';
import { FrontMatter, FrontMatterRelated } from './front-matter-schema';
import { describeIssue, refusal } from './issue-reason';
import { SourceImage, type SourceProvider } from './source-parts';

/** The fields a JSON API item and a front matter (and each of its `related` entries) name alike. */
interface SourceFields {
  title: string;
  excerpt?: string | null;
  publishedDateTime: string | Date;
  webUrl: string;
  originalUrl?: string | null;
  ampWebUrl?: string | null;
  cdnAmpWebUrl?: string | null;
  provider?: SourceProvider | null;
  topics?: readonly string[] | null;
  quality?: number | null;
  heat?: number | null;
  images?: readonly unknown[] | null;
  related?: readonly unknown[] | null;
}

/**
 * Normalizes one item of a JSON API page. JSON items never carry `quality` or `related`, so the article has neither
 * (never invented, and a stray field of that name in a loose item is not read).
 * @param raw one element of the page's `value` array, unvalidated
 * @param source the feed URL the item came from (becomes `sources: [source]`)
 * @param now epoch ms, stored as `updatedAt`
 */
export function normalizeApiItem(raw: unknown, source: string, now: number): NormalizeResult {
  const parsed = ApiItem.safeParse(raw);
  if (!parsed.success) return refusal(describeIssue(parsed.error.issues[0], raw));
  return normalizeDraft(draftFromSource({ ...parsed.data, quality: undefined, related: undefined }), source, now);
}

/**
 * Normalizes the parsed YAML front matter of one Markdown article (new or old shape).
 * @param raw the object tools/front-matter.ts parsed, unvalidated
 * @param source where it came from (the CLI uses `'bundle'`)
 * @param now epoch ms, stored as `updatedAt`
 */
export function normalizeFrontMatter(raw: unknown, source: string, now: number): NormalizeResult {
  const parsed = FrontMatter.safeParse(raw);
  if (!parsed.success) return refusal(describeIssue(parsed.error.issues[0], raw));
  return normalizeDraft(draftFromSource(parsed.data), source, now);
}

/**
 * The one mapping from the shared source field names to a draft. Bad `images` and `related` entries drop alone; a
 * related entry keeps its first valid image.
 */
function draftFromSource(fields: SourceFields): ArticleDraft {
  return {
    title: fields.title,
    excerpt: fields.excerpt,
    publishedAt: fields.publishedDateTime,
    webUrl: fields.webUrl,
    originalUrl: fields.originalUrl,
    ampUrl: fields.ampWebUrl,
    cdnAmpUrl: fields.cdnAmpWebUrl,
    providerName: fields.provider?.name,
    providerDomain: fields.provider?.domain,
    topics: fields.topics,
    quality: fields.quality,
    heat: fields.heat,
    images: validEntries(fields.images, SourceImage),
    related: validEntries(fields.related, FrontMatterRelated).map((entry) => ({
      title: entry.title,
      url: entry.webUrl,
      excerpt: entry.excerpt,
      quality: entry.quality,
      providerName: entry.provider?.name,
      providerDomain: entry.provider?.domain,
      publishedAt: entry.publishedDateTime,
      ampUrl: entry.ampWebUrl,
      cdnAmpUrl: entry.cdnAmpWebUrl,
      image: validEntries(entry.images, SourceImage)[0]?.url,
    })),
  };
}

/** The elements of `list` that pass `schema`; the rest are dropped silently (a bad image or related entry is not fatal). */
function validEntries<S extends z.ZodType>(list: readonly unknown[] | null | undefined, schema: S): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  for (const entry of list ?? []) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

