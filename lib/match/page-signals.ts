/**
 * Reads what a page says about itself (canonical, og:*, AMP link, article markers, title) from a
 * `Document`. DOM reads only, no writes and no browser extension APIs; the content script calls it.
 */
import type { PageSignals } from './page-signals-schema';

/** Limits of the `PageSignals` schema: a longer value would make the whole message invalid. */
const MAX_TITLE = 2000;
const MAX_DESCRIPTION = 5000;
const MAX_SITE_NAME = 500;
const MAX_URL = 8192;

/**
 * Every element `readPageSignals` and `isArticlePage` read: a page with none of them has only its
 * URL and title to report. Keep in step with the selectors below.
 */
const ANY_SIGNAL = [
  'meta[property="og:type"]',
  'meta[property="og:title"]',
  'meta[property="og:description"]',
  'meta[name="description"]',
  'meta[property="og:site_name"]',
  'meta[property="og:url"]',
  'link[rel~="canonical" i][href]',
  'link[rel~="amphtml" i][href]',
  'script[type="application/ld+json"]',
].join(',');

/**
 * Signals of `doc` at `url`. Cheap: a handful of `querySelector` calls, no layout, no writes.
 * Relative links resolve against `url`; non-http(s) or oversized links are dropped, texts clipped
 * to the message schema's limits so the background never rejects the message.
 */
export function readPageSignals(doc: Document, url: string): PageSignals {
  // Most pages on the web declare none of this: one query answers for all of them (this runs on every page).
  if (!doc.querySelector(ANY_SIGNAL)) return { url: url.slice(0, MAX_URL), isArticle: false, title: (doc.title ?? '').trim().slice(0, MAX_TITLE) };
  const meta = (selector: string) => doc.querySelector<HTMLMetaElement>(selector)?.getAttribute('content')?.trim() || undefined;
  const link = (rel: string) => httpUrl(doc.querySelector<HTMLLinkElement>(`link[rel~="${rel}" i][href]`)?.getAttribute('href'), url);
  const ogType = meta('meta[property="og:type"]');
  const title = (meta('meta[property="og:title"]') ?? doc.title ?? '').trim().slice(0, MAX_TITLE);
  const description = (meta('meta[property="og:description"]') ?? meta('meta[name="description"]'))?.slice(0, MAX_DESCRIPTION);
  const siteName = meta('meta[property="og:site_name"]')?.slice(0, MAX_SITE_NAME);
  const canonical = link('canonical');
  const ogUrl = httpUrl(meta('meta[property="og:url"]'), url);
  const amphtml = link('amphtml');
  return {
    url: url.slice(0, MAX_URL),
    ...(canonical ? { canonical } : {}),
    ...(ogUrl ? { ogUrl } : {}),
    ...(amphtml ? { amphtml } : {}),
    ...(ogType ? { ogType: ogType.slice(0, 200) } : {}),
    isArticle: isArticlePage(doc, ogType),
    title,
    ...(description ? { description } : {}),
    ...(siteName ? { siteName } : {}),
  };
}

/** `value` resolved against `base` when it is an http(s) URL of acceptable length. */
function httpUrl(value: string | null | undefined, base: string): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    const resolved = new URL(value.trim(), base);
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') return undefined;
    return resolved.href.length <= MAX_URL ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** JSON-LD `@type`s that mark a page as an article (schema.org Article and its news subtypes). */
const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'backgroundnewsarticle',
  'reviewnewsarticle',
  'scholarlyarticle',
  'techarticle',
  'blogposting',
  'liveblogposting',
]);

/** JSON-LD blocks larger than this are not parsed: a news page's metadata is a few kB. */
const MAX_JSON_LD = 200_000;

/** og:type article, or JSON-LD of a news/article type (also inside `@graph` or a type list). */
export function isArticlePage(doc: Document, ogType = doc.querySelector<HTMLMetaElement>('meta[property="og:type"]')?.content): boolean {
  if (ogType?.trim().toLowerCase().startsWith('article')) return true;
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    // Cheap pre-check: most pages' JSON-LD is an Organization or WebSite block.
    if (text.length > MAX_JSON_LD || !/article|posting/i.test(text)) continue;
    try {
      if (hasArticleType(JSON.parse(text), 0)) return true;
    } catch {
      // Malformed JSON-LD is common; a page is not an article just because its JSON-LD mentions one.
    }
  }
  return false;
}

/** Walks a parsed JSON-LD value (arrays, `@graph`) a few levels deep for an article `@type`. */
function hasArticleType(value: unknown, depth: number): boolean {
  if (depth > 3 || !value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => hasArticleType(item, depth + 1));
  const node = value as Record<string, unknown>;
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.has(t.replace(/^.*[/:]/, '').toLowerCase()))) return true;
  return hasArticleType(node['@graph'], depth + 1);
}
