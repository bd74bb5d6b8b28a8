/**
 * Toolbar badge for a tab: the matched article's quality as digits, band colour, tooltip.
 * Browser adapter: the only badge code that touches `browser.action`.
 */
import { browser } from 'wxt/browser';
import { BAND_COLORS, qualityBand } from '../rank/quality';

export interface BadgeArticle {
  title: string;
  quality?: number;
}

/** The badge text the contract promises: the score as digits, `?` without a score, `''` without a match. */
export function badgeText(article: BadgeArticle | undefined): string {
  if (!article) return '';
  return article.quality === undefined ? '?' : String(Math.round(article.quality));
}

/**
 * Shows `article`'s score on `tabId`'s badge, or clears it.
 * @param tabId a tab that may have closed meanwhile: errors for closed tabs are ignored.
 */
export async function setBadge(tabId: number, article: BadgeArticle | undefined): Promise<void> {
  const text = badgeText(article);
  try {
    await browser.action.setBadgeText({ tabId, text });
    if (article) {
      const band = qualityBand(article.quality);
      await browser.action.setBadgeBackgroundColor({ tabId, color: BAND_COLORS[band.id] ?? '#555' });
      await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
      const score = article.quality === undefined ? 'no quality score' : `quality ${text} (${band.label})`;
      await browser.action.setTitle({ tabId, title: `Health AI Lens: ${score}: ${article.title.slice(0, 200)}` });
    } else {
      await browser.action.setTitle({ tabId, title: 'Health AI Lens' });
    }
  } catch {
    // The tab closed between the event and this call: nothing to update.
  }
}
