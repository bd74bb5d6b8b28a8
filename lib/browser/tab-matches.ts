/**
 * Remembers, per tab, the article a page claimed through its canonical / og:url / AMP link, so the
 * badge and popup agree with the sidebar. Session storage: survives worker restarts, not the browser.
 */
import { storage } from '@wxt-dev/storage';

interface TabMatch {
  url: string;
  articleId: string;
}

const tabMatchesItem = storage.defineItem<Record<string, TabMatch>>('session:tabMatches', { fallback: {} });

/** The article remembered for `tabId` while it still shows `url`. */
export async function rememberedArticle(tabId: number, url: string | undefined): Promise<string | undefined> {
  const match = (await tabMatchesItem.getValue())[String(tabId)];
  return match && url && match.url === url ? match.articleId : undefined;
}

export async function rememberArticle(tabId: number, url: string, articleId: string | undefined): Promise<void> {
  const all = { ...(await tabMatchesItem.getValue()) };
  if (articleId) all[String(tabId)] = { url, articleId };
  else delete all[String(tabId)];
  await tabMatchesItem.setValue(all);
}

export async function forgetTab(tabId: number): Promise<void> {
  await rememberArticle(tabId, '', undefined);
}
