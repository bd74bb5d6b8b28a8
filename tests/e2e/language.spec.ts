/**
 * The UI language in real Chromium: started with `--lang=de`, the popup, the options page and the in-page
 * sidebar frame have `<html lang="de">` and show German messages (read from locales/de.yml), the toolbar
 * tooltip and the score chips speak German, and no English message text is left on those pages. Started
 * without it they stay English; started as a German Linux desktop starts it (`LANGUAGE=de`, which needs
 * Debian's chromium-l10n) the browser itself reports German.
 *
 * How Chromium picks the language on Linux (Chromium 156, checked here): `--lang=de` alone switches the
 * extension's catalogue (`chrome.i18n.getMessage`) to German, while `chrome.i18n.getUILanguage()` and the
 * browser's own pages stay en-US; the environment (`LANGUAGE`, then `LC_ALL`, `LC_MESSAGES`, `LANG`)
 * switches both, but only when the locale's `.pak` is installed (chromium-l10n), else Chromium falls back to
 * en-US entirely. The extension therefore takes its language from its catalogue (`meta.language`), never
 * from `getUILanguage()` or `navigator.language`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchLens, openPopup, type LensBrowser } from './support/extension';
import { sampleArticles, startServer, type TestServer } from './support/server';
import { sidebarFrame } from './support/sidebar-frame';
import { FEED_HOST } from './support/paths';
import { flatCatalog } from '../support/locale-catalog';
import type { MessageKey } from '../../lib/i18n/messages';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
const RESULTS = 'https://www.google.com/search?q=data+driven+healthcare';

/**
 * Messages each page shows whatever its state, checked by key: the page must show the German text, and must
 * not show the English one where the two differ. Extend these lists as more of a page speaks through messages.
 */
const POPUP_KEYS: MessageKey[] = ['pages.popupTitle'];
const OPTIONS_KEYS: MessageKey[] = ['pages.optionsTitle'];
const SIDEBAR_FRAME_KEYS: MessageKey[] = ['pages.sidebarFrameTitle'];

/** Whole messages at least this long (letters, no substitutions) are checked on every page for English leftovers. */
const LEFTOVER_MIN_WORDS = 4;

let english: Record<string, string>;
let german: Record<string, string>;

/** A message as a pattern: `$1…$9` stand for any text, `$$` for a dollar sign. */
function messagePattern(message: string): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
  return new RegExp(escaped.replace(/\\\$\\\$/g, '\\$').replace(/\\\$[1-9]/g, '.+?'));
}

/** Everything a reader sees or hears on a page: its title, its rendered text, and its text attributes. */
async function visibleText(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const attributes = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt],[aria-description]')].flatMap((element) =>
      ['aria-label', 'title', 'placeholder', 'alt', 'aria-description'].map((name) => element.getAttribute(name) ?? ''),
    );
    return [document.title, document.body.innerText, ...attributes].join('\n');
  });
}

/**
 * The page shows each key's German message and, where German differs, not the English one; and no longer
 * English message of the catalogue at all (short ones like "Low" could be dataset words, so they are checked by key only).
 */
async function expectGerman(target: Page | Frame, keys: readonly MessageKey[], where: string): Promise<void> {
  const text = await visibleText(target);
  for (const key of keys) {
    const flat = key.replaceAll('.', '_');
    const de = german[flat]!;
    expect(text, `${where}: German "${key}" (${de})`).toMatch(messagePattern(de));
    if (de !== english[flat]) expect(text, `${where}: English "${key}" (${english[flat]})`).not.toMatch(messagePattern(english[flat]!));
  }
  const leftovers = Object.keys(english).filter((flat) => {
    const en = english[flat]!;
    return en !== german[flat] && !/\$[1-9]/.test(en) && en.split(/\s+/).length >= LEFTOVER_MIN_WORDS && text.includes(en);
  });
  expect(leftovers.map((flat) => `${flat}: ${english[flat]}`), `${where}: English messages on a German page`).toEqual([]);
}

/** `<html lang>` of a page or frame. */
const htmlLang = (target: Page | Frame) => target.evaluate(() => document.documentElement.lang);

describe('UI language', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const seed = sampleArticles().find((a) => a.file === SEED)!;
  let seedPage: Page;
  let seedTab: number;

  beforeAll(async () => {
    english = await flatCatalog('en');
    german = await flatCatalog('de');
    server = await startServer();
    lens = await launchLens({ args: ['--lang=de'] });
    await lens.waitForSync(150);
    seedPage = await lens.context.newPage();
    await seedPage.goto(seed.webUrl.replace('https://', 'http://'));
    seedTab = await lens.tabIdOf(seedPage);
  });
  afterAll(async () => {
    await lens?.close();
    await server?.close();
  });

  it('--lang=de: the popup of a matched tab is German, with lang="de"', async () => {
    const popup = await openPopup(lens, seedTab);
    await expect.poll(() => popup.locator('[data-testid="match-title"]').textContent(), { timeout: 10_000 }).toBe(seed.title);
    expect(await htmlLang(popup)).toBe('de');
    expect(await popup.evaluate(() => (globalThis as any).chrome.i18n.getMessage('meta_language'))).toBe('de');
    await expectGerman(popup, POPUP_KEYS, 'popup');
    expect(await popup.title()).toBe(german.pages_popupTitle);
    // Dataset text stays as published.
    expect(await popup.locator('[data-testid="quality-score"]').textContent()).toBe('59');
    await popup.close();
  });

  it('--lang=de: the options page is German, with lang="de"', async () => {
    const options = await lens.context.newPage();
    await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
    await options.locator('[data-testid="sync-now"]').waitFor();
    expect(await htmlLang(options)).toBe('de');
    expect(await options.title()).toBe(german.pages_optionsTitle);
    await expectGerman(options, OPTIONS_KEYS, 'options');
    await options.close();
  });

  it('--lang=de: a feed failure\'s technical details are German, not the sync\'s English', async () => {
    let gone = true;
    // Every feed file answers 404 while `gone`: the sync stores the failure as a problem code.
    server.route((request) => (gone && request.host === FEED_HOST && /(manifest|index)\.json$/.test(request.path.split('?')[0]!) ? { status: 404, type: 'text/plain', body: 'not found' } : undefined));
    try {
      await lens.send({ type: 'syncNow' }).catch(() => {});
      await expect
        .poll(async () => ((await lens.send<any>({ type: 'status' })).feeds as any[]).some((f) => f.lastError?.code === 'http-status' && f.lastError.status === 404), { timeout: 30_000 })
        .toBe(true);
      const options = await lens.context.newPage();
      await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
      const details = options.locator('[data-testid="feed-last-error"]').first();
      await details.waitFor({ state: 'attached', timeout: 10_000 });
      const text = (await details.textContent())!;
      const httpStatus = german.problems_httpStatus!.replace('$1', '404');
      expect(text).toBe(german.feeds_lastError!.replace('$1', httpStatus));
      expect(text).not.toContain('HTTP 404');
      expect(text).not.toMatch(messagePattern(english.problems_httpStatus!));
      await options.close();
    } finally {
      gone = false;
      await lens.send({ type: 'syncNow' }).catch(() => {});
    }
  });

  it('--lang=de: the toolbar tooltip and the in-page sidebar frame are German', async () => {
    const page = await lens.extensionPage();
    const title: string = await page.evaluate((tabId) => (globalThis as any).chrome.action.getTitle({ tabId }), seedTab);
    expect(title).toMatch(messagePattern(german.badge_scored!));
    expect(title).toContain(seed.title);
    expect(title).not.toMatch(messagePattern(english.badge_scored!));

    const frame = await sidebarFrame(seedPage);
    expect(await htmlLang(frame)).toBe('de');
    await expectGerman(frame, SIDEBAR_FRAME_KEYS, 'sidebar frame');
    // The frame element's own title (set by the content script, outside the frame) names it in German.
    expect(await (await frame.frameElement()).getAttribute('title')).toBe(german.pages_sidebarFrameTitle);
    expect(await frame.title()).toBe(german.pages_sidebarFrameTitle);
  });

  it('--lang=de: score chips are announced in German', async () => {
    const results = await lens.context.newPage();
    // Search engines' hosts are HSTS-preloaded (https before any request): the document is fulfilled here.
    await results.route('**/*', (route) =>
      route.request().url() === RESULTS
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: `<!doctype html><html lang="de"><title>Suche</title><div class="g"><a id="seed" href="${seed.webUrl}"><h3>Ergebnis</h3></a></div></html>` })
        : route.fulfill({ status: 404, body: '' }),
    );
    await results.goto(RESULTS);
    const chip = results.locator('#seed + health-ai-lens-chip');
    await chip.waitFor({ state: 'attached', timeout: 15_000 });
    expect(await chip.getAttribute('data-score')).toBe('59');
    const label = (await chip.getAttribute('aria-label'))!;
    expect(label).toMatch(messagePattern(german.chips_label!));
    expect(label).not.toMatch(messagePattern(english.chips_label!));
    await results.close();
  });

  it('without --lang the same pages stay English (lang="en")', async () => {
    const plain = await launchLens();
    try {
      const options = await plain.context.newPage();
      await options.goto(`chrome-extension://${plain.extensionId}/options.html`);
      await options.locator('[data-testid="sync-now"]').waitFor();
      expect(await htmlLang(options)).toBe('en');
      expect(await options.title()).toBe(english.pages_optionsTitle);
      const popup = await openPopup(plain, 0);
      expect(await htmlLang(popup)).toBe('en');
    } finally {
      await plain.close();
    }
  });

  it('LANGUAGE=de (a German Linux desktop): the browser itself runs in German, so chromium-l10n is installed', async () => {
    const desktop = await launchLens({ env: { LANGUAGE: 'de' } });
    try {
      const options = await desktop.context.newPage();
      await options.goto(`chrome-extension://${desktop.extensionId}/options.html`);
      await options.locator('[data-testid="sync-now"]').waitFor();
      expect(await options.evaluate(() => (globalThis as any).chrome.i18n.getUILanguage()), 'Chromium lacks its German locale: apt-get install chromium-l10n').toMatch(/^de\b/);
      expect(await htmlLang(options)).toBe('de');
      expect(await options.title()).toBe(german.pages_optionsTitle);
    } finally {
      await desktop.close();
    }
  });
});
