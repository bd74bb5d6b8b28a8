import { afterEach, describe, expect, it } from 'vitest';
import { formatNumber, formatRelativeTime, localizeDocument, setMessageSource, t, tn, uiLanguage } from '../../../lib/i18n/messages';
import { catalogSource, flatCatalog } from '../../support/locale-catalog';

async function useLanguage(language: string) {
  setMessageSource(catalogSource(await flatCatalog(language)));
}

describe('UI messages', () => {
  afterEach(async () => useLanguage('en'));

  it('reads a message by its dotted key', () => {
    expect(t('ext.name')).toBe('Health AI Lens');
  });

  it('shows the key, never a blank, when the catalogue lacks a message', () => {
    setMessageSource({ getMessage: () => '' });
    expect(t('ext.name')).toBe('ext.name');
  });

  it("names the catalogue's language for <html lang> and Intl", async () => {
    expect(uiLanguage()).toBe('en');
    await useLanguage('de');
    expect(uiLanguage()).toBe('de');
  });

  it('picks plural forms by each language’s own rules', async () => {
    expect(tn('counts.articles', 0)).toBe('0 articles');
    expect(tn('counts.articles', 1)).toBe('1 article');
    expect(tn('counts.articles', 12345)).toBe('12,345 articles');
    await useLanguage('fr');
    expect(tn('counts.articles', 0)).toBe('0 article'); // French singular covers zero
    expect(tn('counts.articles', 2)).toBe('2 articles');
    await useLanguage('es');
    expect(tn('counts.articles', 1_000_000)).toBe('1.000.000 artículos'); // "many" falls back to "other"
    await useLanguage('de');
    expect(tn('counts.articles', 12345)).toBe('12.345 Artikel');
  });

  it('formats numbers and relative times in the UI language', async () => {
    const now = Date.UTC(2026, 11, 7, 12);
    expect(formatRelativeTime(now - 20_000, now)).toBe('now');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelativeTime(now - 26 * 3_600_000, now)).toBe('yesterday');
    await useLanguage('de');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('vor 5 Minuten');
    expect(formatNumber(0.5, { style: 'percent' })).toMatch(/^50\s%$/); // a no-break space before %
  });
});

describe('localizeDocument', () => {
  it("sets <html lang> and the page's title from the catalogue in use", async () => {
    setMessageSource(catalogSource(await flatCatalog('de')));
    const doc = { documentElement: { lang: 'en' }, title: 'Health AI Lens options' } as unknown as Document;
    localizeDocument(doc, 'pages.optionsTitle');
    expect(doc.documentElement.lang).toBe('de');
    expect(doc.title).toBe('Health AI Lens – Einstellungen');
    localizeDocument(doc);
    expect(doc.title).toBe('Health AI Lens – Einstellungen'); // no key: the title stays
  });
});
