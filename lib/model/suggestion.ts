/**
 * `Suggestion`: one ranked related-reading entry, as lib/rank/related.ts produces and components render it.
 * Pure schema module: no browser APIs.
 */
import { z } from 'zod';
import { HttpUrl, Provider } from './article';

/** Another outlet's coverage of the same story, folded into one suggestion ("Also covered by …"). */
export const AlsoCoveredBy = z.object({
  title: z.string(),
  url: HttpUrl,
  provider: Provider.optional(),
  quality: z.number().optional(),
});
export type AlsoCoveredBy = z.infer<typeof AlsoCoveredBy>;

export const Suggestion = z.object({
  /** Target URL (http(s) only); what the link opens. */
  url: HttpUrl,
  title: z.string(),
  excerpt: z.string().optional(),
  provider: Provider.optional(),
  publishedAt: z.string().optional(),
  quality: z.number().optional(),
  image: HttpUrl.optional(),
  /** Id of the stored article when the suggestion is one of ours (absent for a bare `related` entry). */
  articleId: z.string().optional(),
  topics: z.array(z.string()).optional(),
  /** Ranking score; higher first. Only comparable within one list. */
  score: z.number(),
  /** Short human reasons, e.g. "Same story", "Shared topic: AI in Healthcare", "Key terms: sepsis, triage". */
  reasons: z.array(z.string()),
  /** True when the article's own dataset `related` list names this URL. */
  fromDataset: z.boolean(),
  alsoCoveredBy: z.array(AlsoCoveredBy).optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;
