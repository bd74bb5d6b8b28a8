/**
 * Hostile feed content in real Firefox: our made-up payload bundle (tests/fixtures/hostile-payloads.ts) is
 * synced as a user feed; the popup must show each payload as the stored text, link only http(s), load
 * scripts only from the extension, and run none of it (Gecko parses and sanitizes differently from Blink).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { HOSTILE_FEED, HOSTILE_NEWS_HOST, PWNED, hostileBundle } from '../fixtures/hostile-payloads';
import { waitUntil, type FirefoxLens } from './support/firefox';
import { useSyncedFirefox } from './support/synced-firefox';
import { FEED_HOST } from '../e2e/support/paths';
import { articlePage, type TestServer } from '../e2e/support/server';

declare const browser: any;

/** Runs in the page: every way a payload could have become live markup. One line per finding. */
function audit(ownOrigin: string, pwned: string): string[] {
  const problems: string[] = [];
  const httpOrOwn = (value: string) => {
    try {
      const url = new URL(value, document.baseURI);
      return url.protocol === 'http:' || url.protocol === 'https:' || url.origin === ownOrigin;
    } catch {
      return false;
    }
  };
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName;
    if (['iframe', 'frame', 'object', 'embed', 'base', 'math', 'noscript'].includes(tag)) problems.push(`<${tag}>`);
    if (tag === 'script' && !(el.getAttribute('src') && new URL(el.getAttribute('src')!, document.baseURI).origin === ownOrigin)) problems.push('foreign script');
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on') || attr.name === 'srcdoc' || attr.name === 'formaction') problems.push(`${tag}[${attr.name}]`);
      if (attr.name === 'style' && /url\s*\(|javascript:/i.test(attr.value)) problems.push(`${tag}[style]`);
    }
    if (tag === 'a' && el.hasAttribute('href') && !el.getAttribute('href')!.startsWith('#')) {
      const href = new URL(el.getAttribute('href')!, document.baseURI);
      if (href.protocol !== 'http:' && href.protocol !== 'https:') problems.push(`a[href=${href.href.slice(0, 60)}]`);
    }
    if (tag === 'img' && el.getAttribute('src') !== null && !httpOrOwn(el.getAttribute('src')!)) problems.push(`img[src=${el.getAttribute('src')!.slice(0, 60)}]`);
  }
  if ((window as any)[pwned] !== undefined || (window.top as any)?.[pwned] !== undefined) problems.push(`${pwned} is set`);
  return problems;
}

describe('hostile feed content is inert in real Firefox', () => {
  let server: TestServer;
  let lens: FirefoxLens;
  const bundle = hostileBundle();
  const stored = new Map<string, any>();

  useSyncedFirefox((ready, started) => {
    lens = ready;
    server = started;
    const files = new Map([['/ai/hostile/manifest.json', bundle.manifestText], ...bundle.shards.map((s) => [`/ai/hostile/${s.file}`, s.text] as [string, string])]);
    server.route((request) => {
      const body = request.host === FEED_HOST ? files.get(request.path.split('?')[0]!) : undefined;
      return body === undefined ? undefined : { type: 'application/json', body };
    });
    for (const [index, article] of bundle.articles.entries()) server.page(article.webUrl, articlePage(`Hostile fixture page ${index}`));
  });

  it('syncs every payload into the store verbatim, with only http(s) URLs', async () => {
    const helper = await lens.extensionPage();
    await helper.evaluate(async (url) => {
      const { settings } = await browser.storage.local.get('settings');
      settings.feeds.push({ url, enabled: true, origin: 'user' });
      await browser.storage.local.set({ settings });
    }, HOSTILE_FEED);
    await waitUntil(
      () => lens.send<any>({ type: 'status' }),
      (s) => s.summary.state !== 'syncing' && !!s.feeds.find((f: any) => f.url === HOSTILE_FEED)?.lastSuccessAt,
      60_000,
      'hostile feed synced',
    );
    const exported = await lens.send<any>({ type: 'exportData' });
    for (const article of exported.articles) if (article.urls.web.includes(HOSTILE_NEWS_HOST)) stored.set(article.urls.web, article);
    expect(stored.size).toBe(bundle.articles.length);
    expect([...stored.values()].map((a) => a.title)).toContain(`<script>(top.${PWNED}=1)</script>`);
    for (const article of stored.values()) {
      for (const url of [...Object.values(article.urls), ...(article.images ?? []).map((i: any) => i.url)].filter(Boolean)) expect(String(url)).toMatch(/^https?:\/\//);
    }
  });

  it('the audit catches a payload that became markup (control)', async () => {
    const page = (await lens.openExtensionPage('popup.html?tabId=0')).native;
    expect(await page.evaluate(audit, lens.origin, PWNED)).toEqual([]);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<a href="javascript:void 0" onclick="x()">x</a><iframe></iframe>';
      document.body.append(box);
    });
    expect(await page.evaluate(audit, lens.origin, PWNED)).toEqual(expect.arrayContaining(['a[onclick]', 'a[href=javascript:void 0]', '<iframe>']));
    await page.close();
  });

  it('the popup shows every payload as its stored text and runs nothing', async () => {
    expect(stored.size).toBe(bundle.articles.length);
    const findings: string[] = [];
    const news = await lens.browser.newPage();
    const tabId = await (async () => {
      await news.goto(bundle.articles[0]!.webUrl);
      return lens.tabIdOf(news);
    })();
    // One popup tab, re-pointed at each article's tab (popup.html?tabId= asks for that tab's current URL).
    const popup: Page = (await lens.openExtensionPage(`popup.html?tabId=${tabId}`, { width: 380, height: 600 })).native;
    for (const [index, article] of bundle.articles.entries()) {
      await news.goto(article.webUrl);
      const expected = stored.get(article.webUrl).title as string;
      await popup.evaluate((n) => (location.search = `?tabId=${n[0]}&n=${n[1]}`), [tabId, index]).catch(() => {});
      await waitUntil(
        () => popup.evaluate(() => [location.search, document.querySelector('[data-testid="match-title"]')?.textContent ?? null]),
        ([search, title]) => search!.endsWith(`&n=${index}`) && title === expected,
        10_000,
        `title of ${article.payload.name}`,
      );
      for (const problem of await popup.evaluate(audit, lens.origin, PWNED)) findings.push(`${article.payload.name}: ${problem}`);
      if (article.payload.name === 'script tag') await lens.screenshot(popup, 'hostile-popup-script-tag');
    }
    await popup.close();
    expect(findings).toEqual([]);
    expect(await news.evaluate((name) => (window as any)[name], PWNED)).toBeUndefined();
    await news.close();
  }, 240_000);
});
