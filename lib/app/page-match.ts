/**
 * Which stored article a page is about: by the tab URL's match keys, or by the page's own
 * canonical / og:url / AMP links on the same site. Pure apart from the injected store; imported by
 * lib/app/lens-service.ts and lib/app/panel-builder.ts.
 */
import type { Article } from '../model/article';
import type { PageSignals } from './messages';
import { candidateMatchKeys, isSameSite } from '../match/match-key';
import type { BadgeFacts, Store } from '../store/store';

export interface PageMatcher {
  matchUrl(url: string): Promise<Article | undefined>;
  badgeForUrl(url: string): Promise<BadgeFacts | undefined>;
  matchSignals(signals: PageSignals): Promise<Article | undefined>;
}

export function createPageMatcher(store: () => Promise<Store>): PageMatcher {
  /** The stored article a URL matches, trying its match keys most specific first. */
  async function matchUrl(url: string): Promise<Article | undefined> {
    const keys = candidateMatchKeys(url);
    if (!keys.length) return undefined;
    return (await store()).findByMatchKeys(keys);
  }

  /**
   * What the toolbar badge needs for a URL (id, title, quality), answered from the store's in-memory
   * URL table when it is loaded: no IndexedDB read for a miss or a hit, never waiting for ranking.
   */
  async function badgeForUrl(url: string): Promise<BadgeFacts | undefined> {
    const keys = candidateMatchKeys(url);
    if (!keys.length) return undefined;
    return (await store()).findFacts(keys);
  }

  /**
   * The article the page's own signals point to: the tab URL first, then its canonical, og:url
   * and AMP links, each accepted only on the tab's own site (a page may not claim another site's
   * article).
   */
  async function matchSignals(signals: PageSignals): Promise<Article | undefined> {
    const direct = await matchUrl(signals.url);
    if (direct) return direct;
    for (const alternate of [signals.canonical, signals.ogUrl, signals.amphtml]) {
      if (!alternate) continue;
      let absolute: string;
      try {
        absolute = new URL(alternate, signals.url).href;
      } catch {
        continue;
      }
      if (!isSameSite(absolute, signals.url)) continue;
      const article = await matchUrl(absolute);
      if (article) return article;
    }
    return undefined;
  }

  return { matchUrl, badgeForUrl, matchSignals };
}
