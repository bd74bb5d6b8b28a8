/**
 * Schemas for the everyday-cc JSON API (`api/news/<topic>/index.json`, `page/<n>/index.json`): the page envelope and one item.
 * Pure schema module (no browser APIs); imported by lib/ingest/normalize.ts and the sync engine. Items are validated one by one, never as a page.
 */
import { z } from 'zod';
import { SourceProvider } from './source-parts';
import { refusal, type Refusal } from './issue-reason';

/**
 * One article as the API gives it (`publishers`, `authors` are always null in the sample and ignored). Loose: unknown extra fields are accepted (the feed may grow).
 * Nullability as seen in the real sample: `heat`, `ampWebUrl`, `cdnAmpWebUrl`, `images` are sometimes null (entries: lib/ingest/source-parts.ts);
 * `sourceUrl`, `featuredContent`, `highlight`, `tags`, `updatedDateTime` always are. No `quality`, no `related`.
 */
export const ApiItem = z.looseObject({
  /** Jekyll path of the Markdown twin, e.g. `_news/2021-12-23-….md`. */
  path: z.string().nullish(),
  title: z.string(),
  excerpt: z.string().nullish(),
  webUrl: z.string(),
  originalUrl: z.string().nullish(),
  ampWebUrl: z.string().nullish(),
  cdnAmpWebUrl: z.string().nullish(),
  sourceUrl: z.string().nullish(),
  /** Engagement; `-1` or null means none. */
  heat: z.number().nullish(),
  images: z.array(z.unknown()).nullish(),
  /** ISO 8601 with a local offset, e.g. `2021-12-22T10:00:00-08:00`. */
  publishedDateTime: z.string(),
  updatedDateTime: z.string().nullish(),
  provider: SourceProvider.nullish(),
  topics: z.array(z.string()).nullish(),
  categories: z.array(z.string()).nullish(),
  type: z.string().nullish(),
  locale: z.string().nullish(),
});
export type ApiItem = z.infer<typeof ApiItem>;

/** The page envelope. `value` stays `unknown[]` here so that one bad item cannot fail the page. */
export const ApiPage = z.object({
  page: z.number().int().nonnegative(),
  value: z.array(z.unknown()),
  /** Next page number; null or absent on the last page (and, in the real feed, sometimes early). */
  nextPage: z.number().int().positive().nullish(),
});
export type ApiPage = z.infer<typeof ApiPage>;

export type ApiPageResult =
  | { ok: true; page: number; nextPage: number | null; items: unknown[] }
  | Refusal;

/**
 * Validates a parsed JSON body as an API page envelope; items are returned raw for lib/ingest/normalize.ts to check one by one.
 * @param json the parsed response body (anything)
 * @returns the page number, the next page (null when none) and the raw items, or why it is refused
 */
export function parseApiPage(json: unknown): ApiPageResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refusal({ code: 'not-object', scope: 'page' });
  const parsed = ApiPage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'page';
    if (field === 'value' && !('value' in json)) return refusal({ code: 'page-no-items' });
    if (field === 'value') return refusal({ code: 'field-type', field: 'value', expected: 'array' });
    return refusal({ code: 'field-invalid', field, scope: 'page' });
  }
  const { page, value, nextPage } = parsed.data;
  return { ok: true, page, nextPage: nextPage ?? null, items: value };
}
