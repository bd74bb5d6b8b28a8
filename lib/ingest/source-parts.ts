/**
 * The parts the two source shapes (JSON API item, Markdown front matter) share, defined once: `provider` and one
 * `images` entry. Pure schema module; imported by lib/ingest/api-schema.ts, front-matter-schema.ts and normalize.ts.
 */
import { z } from 'zod';

/** `provider` of an item or front matter; either part may be missing or null. */
export const SourceProvider = z.looseObject({
  name: z.string().nullish(),
  domain: z.string().nullish(),
});
export type SourceProvider = z.infer<typeof SourceProvider>;

/**
 * One entry of `images` (`url`, `width`, `height`; sometimes `title`, `isCached`). Entries are checked one by one in
 * lib/ingest/normalize.ts, so one bad image drops alone.
 */
export const SourceImage = z.looseObject({
  url: z.string(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
export type SourceImage = z.infer<typeof SourceImage>;
