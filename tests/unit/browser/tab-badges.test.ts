/** Tests for lib/browser/tab-badges.ts on WXT's fake browser: badges follow navigation, in event order per tab. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabBadges, type BadgeLookups } from '../../../lib/browser/tab-badges';
import { rememberArticle } from '../../../lib/browser/tab-matches';
import type { BadgeArticle } from '../../../lib/browser/badge';

const MATCHED = 'https://news.example/matched';
const facts: Record<string, BadgeArticle> = { [MATCHED]: { title: 'A matched story', quality: 72 } };

function lookups(delays: Record<string, number> = {}): BadgeLookups {
  return {
    badgeForUrl: async (url) => {
      await new Promise((r) => setTimeout(r, delays[url] ?? 0));
      return facts[url];
    },
    factsById: async (id) => (id === 'claimed' ? { title: 'Claimed by canonical link', quality: 40 } : undefined),
  };
}

const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });

describe('tab badges', () => {
  it('show the matched article\'s score after a navigation, and clear on a page without a match', async () => {
    const badges = createTabBadges(lookups());
    badges.listen();
    const tab = await fakeBrowser.tabs.create({ url: 'about:blank' });
    await fakeBrowser.tabs.update(tab.id!, { url: MATCHED });
    await badges.refresh(tab.id!, MATCHED); // waits for the tab's queue, so the navigation's refresh is done too
    expect(await badge(tab.id!)).toBe('72');
    await fakeBrowser.tabs.update(tab.id!, { url: 'https://news.example/other' });
    await badges.refresh(tab.id!, 'https://news.example/other');
    expect(await badge(tab.id!)).toBe('');
  });

  it('a slow lookup that started first does not overwrite a newer answer for the same tab', async () => {
    const badges = createTabBadges(lookups({ 'https://news.example/slow': 50 }));
    const tab = await fakeBrowser.tabs.create({ url: 'about:blank' });
    const slow = badges.refresh(tab.id!, 'https://news.example/slow');
    const fresh = badges.refresh(tab.id!, MATCHED);
    await Promise.all([slow, fresh]);
    expect(await badge(tab.id!)).toBe('72');
  });

  it('falls back to the article the page claimed through its canonical link', async () => {
    const badges = createTabBadges(lookups());
    const tab = await fakeBrowser.tabs.create({ url: 'https://news.example/amp-copy' });
    await rememberArticle(tab.id!, 'https://news.example/amp-copy', 'claimed');
    await badges.refresh(tab.id!, 'https://news.example/amp-copy');
    expect(await badge(tab.id!)).toBe('40');
  });

  it('refreshAll updates every open tab', async () => {
    const badges = createTabBadges(lookups());
    const a = await fakeBrowser.tabs.create({ url: MATCHED });
    const b = await fakeBrowser.tabs.create({ url: 'https://news.example/none' });
    await badges.refreshAll();
    expect([await badge(a.id!), await badge(b.id!)]).toEqual(['72', '']);
  });
});
