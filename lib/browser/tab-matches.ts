/**
 * Remembers, per tab, what its page told us: the article it claimed through its canonical / og:url /
 * AMP link, or, for an article page outside the dataset, its signals. So the badge, the popup and the
 * side panel agree with the sidebar. Session storage: survives worker restarts, not the browser.
 */
import { storage } from '@wxt-dev/storage';
import type { PageSignals } from '../match/page-signals-schema';

interface TabMatch {
  url: string;
  articleId?: string;
  /** An unmatched article page's signals: the popup ranks the same suggestions the sidebar shows. */
  signals?: PageSignals;
}

/** What a tab's current page told us, if it still shows `url`. */
export interface RememberedPage {
  articleId?: string;
  signals?: PageSignals;
}

const tabMatchesItem = storage.defineItem<Record<string, TabMatch>>('session:tabMatches', { fallback: {} });

/** What was remembered for `tabId` while it still shows `url`. */
export async function rememberedPage(tabId: number, url: string | undefined): Promise<RememberedPage> {
  const match = (await tabMatchesItem.getValue())[String(tabId)];
  if (!match || !url || match.url !== url) return {};
  return { ...(match.articleId ? { articleId: match.articleId } : {}), ...(match.signals ? { signals: match.signals } : {}) };
}

/** The article remembered for `tabId` while it still shows `url`. */
export async function rememberedArticle(tabId: number, url: string | undefined): Promise<string | undefined> {
  return (await rememberedPage(tabId, url)).articleId;
}

/**
 * Remembers the page `tabId` shows: its matched article, or the signals of an unmatched article page.
 * Nothing is written when nothing changes, so most navigations cost one read.
 */
export async function rememberPage(tabId: number, url: string, page: RememberedPage): Promise<void> {
  const all = await tabMatchesItem.getValue();
  const key = String(tabId);
  const next: TabMatch | undefined = page.articleId ? { url, articleId: page.articleId } : page.signals ? { url, signals: page.signals } : undefined;
  if (!next && !(key in all)) return;
  const copy = { ...all };
  if (next) copy[key] = next;
  else delete copy[key];
  await tabMatchesItem.setValue(copy);
}

/** Remembers the article `tabId`'s page at `url` claimed (or forgets the tab's page when none). */
export async function rememberArticle(tabId: number, url: string, articleId: string | undefined): Promise<void> {
  await rememberPage(tabId, url, articleId ? { articleId } : {});
}

export async function forgetTab(tabId: number): Promise<void> {
  await rememberPage(tabId, '', {});
}
