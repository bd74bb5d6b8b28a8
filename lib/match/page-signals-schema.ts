/**
 * `PageSignals`: what the content script reports about its page, as a zod schema with its limits.
 * Kept apart from lib/match/page-signals.ts so the content script never bundles zod; lib/app/messages.ts uses it.
 */
import { z } from 'zod';

/** What the content script reads from the page, to match by canonical link or rank suggestions. */
export const PageSignals = z.strictObject({
  url: z.string().max(8192),
  canonical: z.string().max(8192).optional(),
  ogUrl: z.string().max(8192).optional(),
  amphtml: z.string().max(8192).optional(),
  ogType: z.string().max(200).optional(),
  /** True when the page declares itself an article (og:type article, JSON-LD NewsArticle, …). */
  isArticle: z.boolean(),
  title: z.string().max(2000),
  description: z.string().max(5000).optional(),
  siteName: z.string().max(500).optional(),
});
export type PageSignals = z.infer<typeof PageSignals>;
