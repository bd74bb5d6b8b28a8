/** Tests for lib/browser/badge.ts on WXT's fake browser: digits on the badge, the tooltip in the UI language. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeTitle, setBadge } from '../../../lib/browser/badge';
import { setMessageSource } from '../../../lib/i18n/messages';
import { catalogSource, flatCatalog } from '../../support/locale-catalog';

const scored = { title: 'A made-up story about sepsis models', quality: 59 };
const unscored = { title: 'A made-up story without a score' };

async function useLanguage(language: string) {
  setMessageSource(catalogSource(await flatCatalog(language)));
}

describe('badge', () => {
  it('shows the score and a tooltip naming score, band and title; clears both without a match', async () => {
    await setBadge(7, scored);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('59');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('Health AI Lens: quality 59 (fair): A made-up story about sepsis models');
    await setBadge(7, unscored);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('?');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('Health AI Lens: not rated by A.I. Every Day: A made-up story without a score');
    await setBadge(7, undefined);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
    expect(await fakeBrowser.action.getTitle({ tabId: 7 })).toBe('Health AI Lens');
  });

  it('words the tooltip in the UI language and keeps the title as published', async () => {
    await useLanguage('de');
    expect(badgeTitle(scored)).toBe('Health AI Lens: Qualität 59 (mittel): A made-up story about sepsis models');
    expect(badgeTitle(unscored)).toBe('Health AI Lens: nicht von A.I. Every Day bewertet: A made-up story without a score');
    await useLanguage('fr');
    expect(badgeTitle(scored)).toBe('Health AI Lens : qualité 59 (moyenne) : A made-up story about sepsis models');
    await useLanguage('es');
    expect(badgeTitle(unscored)).toBe('Health AI Lens: sin valoración de A.I. Every Day: A made-up story without a score');
  });

  it('cuts a very long title', () => {
    expect(badgeTitle({ title: 'x'.repeat(500), quality: 90 }).endsWith(`: ${'x'.repeat(200)}`)).toBe(true);
  });
});
