/**
 * Reads what a page says about itself (canonical, og:*, AMP link, article markers, title) from a
 * `Document`. DOM reads only, no writes and no browser extension APIs; the content script calls it.
 */
import type { PageSignals } from './messages';

const MAX_TEXT = 2000;

/** Signals of `doc` at `url`. Cheap: a handful of `querySelector` calls, no layout. */
export function readPageSignals(doc: Document, url: string): PageSignals {
  const meta = (selector: string) => doc.querySelector<HTMLMetaElement>(selector)?.content?.trim() || undefined;
  const link = (rel: string) => doc.querySelector<HTMLLinkElement>(`link[rel~="${rel}"][href]`)?.href || undefined;
  const ogType = meta('meta[property="og:type"]');
  const title = (meta('meta[property="og:title"]') ?? doc.title ?? '').slice(0, MAX_TEXT);
  const description = (meta('meta[property="og:description"]') ?? meta('meta[name="description"]'))?.slice(0, 5000);
  const siteName = meta('meta[property="og:site_name"]')?.slice(0, 500);
  return {
    url,
    ...(link('canonical') ? { canonical: link('canonical') } : {}),
    ...(meta('meta[property="og:url"]') ? { ogUrl: meta('meta[property="og:url"]') } : {}),
    ...(link('amphtml') ? { amphtml: link('amphtml') } : {}),
    ...(ogType ? { ogType: ogType.slice(0, 200) } : {}),
    isArticle: isArticlePage(doc, ogType),
    title,
    ...(description ? { description } : {}),
    ...(siteName ? { siteName } : {}),
  };
}

/** og:type article, or JSON-LD of a news/article type. */
export function isArticlePage(doc: Document, ogType = doc.querySelector<HTMLMetaElement>('meta[property="og:type"]')?.content): boolean {
  if (ogType?.toLowerCase().startsWith('article')) return true;
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    if (/"@type"\s*:\s*"(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting)"/.test(script.textContent ?? '')) return true;
  }
  return false;
}
