/**
 * `Article`: our one normalized record, produced by lib/ingest/normalize.ts from every source format.
 * Pure schema module: no browser APIs; imported by the whole core, the CLI and the UI.
 */
import { z } from 'zod';
import { isHttpUrl } from '../match/http-url';

/** An absolute http(s) URL; anything else (javascript:, data:, relative) is rejected. */
export const HttpUrl = z
  .string()
  .max(4096)
  .refine(isHttpUrl, 'not an absolute http(s) URL');
export type HttpUrl = z.infer<typeof HttpUrl>;

export const Provider = z.object({
  name: z.string(),
  /** Registrable-ish domain as given by the feed, lower-cased; may be empty when unknown. */
  domain: z.string(),
});
export type Provider = z.infer<typeof Provider>;

export const ArticleImage = z.object({
  url: HttpUrl,
  width: z.number().optional(),
  height: z.number().optional(),
});
export type ArticleImage = z.infer<typeof ArticleImage>;

/** One entry of an article's own `related` list, as the dataset gives it (never carries topics). */
export const RelatedRef = z.object({
  title: z.string(),
  url: HttpUrl,
  excerpt: z.string().optional(),
  quality: z.number().optional(),
  provider: Provider.optional(),
  publishedAt: z.string().optional(),
  /** AMP forms of the related URL, kept so a visit through AMP still dedupes against it. */
  ampUrl: HttpUrl.optional(),
  cdnAmpUrl: HttpUrl.optional(),
  image: HttpUrl.optional(),
});
export type RelatedRef = z.infer<typeof RelatedRef>;

export const ArticleUrls = z.object({
  web: HttpUrl,
  original: HttpUrl.optional(),
  amp: HttpUrl.optional(),
  cdnAmp: HttpUrl.optional(),
});
export type ArticleUrls = z.infer<typeof ArticleUrls>;

export const Article = z.object({
  /** Stable id: a hash of the canonical match key of `urls.web` (see lib/ingest/normalize.ts). */
  id: z.string(),
  title: z.string(),
  excerpt: z.string(),
  /** ISO 8601 in UTC (`…Z`). */
  publishedAt: z.string(),
  urls: ArticleUrls,
  provider: Provider,
  topics: z.array(z.string()),
  /** Dataset quality score (Markdown only). Absent means "no score": never invented. */
  quality: z.number().optional(),
  /** Dataset heat (engagement); `-1` in the source means "none" and is stored as absent. */
  heat: z.number().optional(),
  images: z.array(ArticleImage).optional(),
  related: z.array(RelatedRef),
  /** Feed URLs that contributed this record. When the last one drops it, the article goes. */
  sources: z.array(z.string()),
  /** Epoch ms of the last merge that changed this record. */
  updatedAt: z.number(),
});
export type Article = z.infer<typeof Article>;
