/**
 * `toCard`: what a suggestion shows of an article (title, link, outlet, date, score, topics, one
 * image), not the whole record. Pure; the store writes each chunk's cards beside it, so a
 * related list reads a few small values instead of whole chunks, and the ranking corpus builds its
 * cards with the same function.
 */
import type { Article } from './article';

/**
 * A card of `article`: no related list, no sources, the first image only, and no excerpt (a related
 * item does not show one, and it was a quarter of a card's bytes: what a card read costs). The URL
 * forms stay: they decide whether a card is the page itself or one of its listed entries.
 */
export function toCard(article: Article): Article {
  const card: Article = {
    id: article.id,
    title: article.title,
    excerpt: '',
    publishedAt: article.publishedAt,
    urls: { web: article.urls.web },
    provider: article.provider,
    topics: article.topics,
    related: [],
    sources: [],
    updatedAt: 0,
  };
  // AMP and original forms still dedupe against the source's own URLs.
  if (article.urls.amp) card.urls.amp = article.urls.amp;
  if (article.urls.original && article.urls.original !== article.urls.web) card.urls.original = article.urls.original;
  if (article.urls.cdnAmp) card.urls.cdnAmp = article.urls.cdnAmp;
  if (article.quality !== undefined) card.quality = article.quality;
  const image = article.images?.[0];
  if (image) card.images = [{ url: image.url }];
  return card;
}
