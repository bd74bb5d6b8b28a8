/**
 * `FrontMatter`: the YAML front matter of an everyday-cc `_news/*.md` article, new shape and old (`_archive/_news/`) shape alike.
 * Pure schema module (no browser APIs); imported by lib/ingest/normalize.ts. Parsing the YAML itself lives in tools/front-matter.ts (Node only).
 */
import { z } from 'zod';
import { SourceProvider } from './source-parts';

/**
 * A timestamp as the `yaml` package gives it: a string under YAML 1.2 (our parser), a Date under YAML 1.1 loaders.
 * Always `YYYY-MM-DDTHH:MM:SSZ` in the sample; lib/ingest/utc-date.ts converts to UTC ISO.
 */
const FrontMatterDate = z.union([z.string(), z.date()]);

/** One entry of `related`: like an article, but never with topics. */
export const FrontMatterRelated = z.looseObject({
  title: z.string(),
  webUrl: z.string(),
  excerpt: z.string().nullish(),
  publishedDateTime: FrontMatterDate.nullish(),
  ampWebUrl: z.string().nullish(),
  cdnAmpWebUrl: z.string().nullish(),
  type: z.string().nullish(),
  provider: SourceProvider.nullish(),
  quality: z.number().nullish(),
  images: z.array(z.unknown()).nullish(),
});
export type FrontMatterRelated = z.infer<typeof FrontMatterRelated>;

/**
 * The front matter. New shape: quoted URLs, `originalUrl`, optional `quality`/`heat`/`published` (absent together in 47 of 166),
 * `related`. Old shape: unquoted URLs, no `originalUrl`, no `related`, `published: false`, `heat: -1`.
 * Loose: unknown keys (`category`, `secured`, …) are accepted. `images` and `related` entries are checked one by one
 * in lib/ingest/normalize.ts, so one bad entry drops alone.
 */
export const FrontMatter = z.looseObject({
  category: z.string().nullish(),
  title: z.string(),
  excerpt: z.string().nullish(),
  publishedDateTime: FrontMatterDate,
  webUrl: z.string(),
  originalUrl: z.string().nullish(),
  ampWebUrl: z.string().nullish(),
  cdnAmpWebUrl: z.string().nullish(),
  type: z.string().nullish(),
  /** Dataset quality score; the only source of quality anywhere. */
  quality: z.number().nullish(),
  /** Engagement; `-1` means none (always with `published: false`). */
  heat: z.number().nullish(),
  published: z.boolean().nullish(),
  provider: SourceProvider.nullish(),
  topics: z.array(z.string()).nullish(),
  images: z.array(z.unknown()).nullish(),
  related: z.array(z.unknown()).nullish(),
  secured: z.string().nullish(),
});
export type FrontMatter = z.infer<typeof FrontMatter>;
