/**
 * Toolbar badge for a tab: the matched article's quality as digits, band colour, tooltip.
 * Browser adapter: the only badge code that touches `browser.action`.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n/messages';
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
 * The toolbar button's tooltip for a matched tab, in the UI language: score and band, or "not rated",
 * then the article's title as published (cut at 200 characters; browsers cut tooltips anyway).
 */
export function badgeTitle(article: BadgeArticle): string {
  const title = article.title.slice(0, 200);
  if (article.quality === undefined) return t('badge.unscored', title);
  return t('badge.scored', badgeText(article), t(`common.bandInSentence.${qualityBand(article.quality).id}`), title);
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
      await browser.action.setTitle({ tabId, title: badgeTitle(article) });
    } else {
      await browser.action.setTitle({ tabId, title: t('ext.actionTitle') });
    }
  } catch {
    // The tab closed between the event and this call: nothing to update.
  }
}
