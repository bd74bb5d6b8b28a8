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

/**
 * Why a suggestion is listed, as data: the surface words it in the reader's language. Terms and topics are dataset
 * text (shown as published); the rest is a kind the UI has a message for.
 */
export const Reason = z.discriminatedUnion('kind', [
  /** Another outlet's report of the same story. */
  z.object({ kind: z.literal('same-story') }),
  /** A specific topic the source and the suggestion share. */
  z.object({ kind: z.literal('shared-topic'), topic: z.string() }),
  /** Rare words both texts use, as the source wrote them. */
  z.object({ kind: z.literal('key-terms'), terms: z.array(z.string()).min(1).max(5) }),
  /** The source's own dataset `related` list names it. */
  z.object({ kind: z.literal('listed') }),
  /** A top pick for its quality score. */
  z.object({ kind: z.literal('quality'), value: z.number() }),
  /** A top pick for being recent (no score). */
  z.object({ kind: z.literal('recent') }),
]);
export type Reason = z.infer<typeof Reason>;

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
  /** Why it is listed, most telling first (rendered through messages: "Same story", "Key terms: sepsis, triage"). */
  reasons: z.array(Reason),
  /** True when the article's own dataset `related` list names this URL. */
  fromDataset: z.boolean(),
  alsoCoveredBy: z.array(AlsoCoveredBy).optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;
