/**
 * Hostile feed content in real Chromium: a bundle of our made-up payloads (tests/fixtures/hostile-payloads.ts) is synced
 * as a user feed; popup, in-page sidebar and options must show it as inert text, link and load only http(s), and run none of it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_FEED, HOSTILE_NEWS_HOST, PWNED, hostileBundle } from '../fixtures/hostile-payloads';
import { launchLens, type LensBrowser } from './support/extension';
import { FEED_HOST } from './support/paths';
import { articlePage, startServer, type TestServer } from './support/server';
import { expandSidebar } from './support/sidebar-frame';

declare const chrome: any;

/**
 * Runs in the page: every way a payload could have become markup. Walks open shadow roots. Returns one line per finding.
 * @param ownOrigin the extension origin whose own scripts, styles and images are allowed.
 */
function auditDom(ownOrigin: string): string[] {
  const problems: string[] = [];
  const never = new Set(['iframe', 'frame', 'object', 'embed', 'base', 'math', 'mglyph', 'mtext', 'noscript', 'frameset', 'applet', 'portal']);
  const urlOk = (value: string, allowOwn: boolean) => {
    try {
      const url = new URL(value, document.baseURI);
      return url.protocol === 'http:' || url.protocol === 'https:' || (allowOwn && url.origin === new URL(ownOrigin).origin);
    } catch {
      return false;
    }
  };
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName;
      const where = `${tag}${el.id ? `#${el.id}` : ''}`;
      if (never.has(tag)) problems.push(`<${tag}> element`);
      if (tag === 'script') {
        const src = el.getAttribute('src');
        if (!src || !ownOrigin || !urlOk(src, true) || new URL(src, document.baseURI).origin !== new URL(ownOrigin).origin) problems.push(`script ${src ?? 'inline'}`);
      }
      if (tag === 'meta' && el.getAttribute('http-equiv')) problems.push('meta http-equiv');
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`${where}[${name}]`);
        if (name === 'srcdoc' || name === 'formaction' || name === 'xlink:href') problems.push(`${where}[${name}]`);
        if (name === 'style' && /url\s*\(|expression\s*\(|javascript:/i.test(attr.value)) problems.push(`${where}[style=${attr.value.slice(0, 60)}]`);
      }
      if (tag === 'a' && el.hasAttribute('href')) {
        const href = el.getAttribute('href')!;
        if (!href.startsWith('#') && !urlOk(href, false)) problems.push(`a[href=${href.slice(0, 80)}]`);
      }
      if (tag === 'img' || tag === 'source' || tag === 'image' || tag === 'use') {
        for (const name of ['src', 'href', 'srcset']) {
          const value = el.getAttribute(name);
          if (value !== null && !urlOk(value.split(/\s+/)[0] ?? '', true)) problems.push(`${tag}[${name}=${value.slice(0, 80)}]`);
        }
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  if ((window as any).__pwned !== undefined) problems.push('window.__pwned is set');
  const violations = (window as any).__cspViolations as string[] | undefined;
  if (violations?.length) problems.push(...violations.map((v) => `CSP violation: ${v}`));
  return problems;
}

/** Records CSP violations (a payload that became markup on an extension page shows up here even when CSP stopped it). */
const RECORD_CSP = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI), true);`;

describe('hostile feed content is inert everywhere', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const bundle = hostileBundle();
  /** Stored form of each hostile article (after normalization), by web URL. */
  const stored = new Map<string, any>();

  beforeAll(async () => {
    server = await startServer();
    const files = new Map([['/ai/hostile/manifest.json', bundle.manifestText], ...bundle.shards.map((s) => [`/ai/hostile/${s.file}`, s.text] as [string, string])]);
    server.route((request) => {
      const body = request.host === FEED_HOST ? files.get(request.path.split('?')[0]!) : undefined;
      return body === undefined ? undefined : { type: 'application/json', body };
    });
    for (const [index, article] of bundle.articles.entries()) {
      // The news page itself is benign: only the extension's rendering of the feed is under test.
      server.page(article.webUrl, articlePage(`Hostile fixture page ${index}`));
    }
    lens = await launchLens();
    await lens.context.addInitScript(RECORD_CSP);
    const before = await lens.waitForSync(150);
    const page = await lens.extensionPage();
    await page.evaluate(async (url) => {
      const { settings } = await chrome.storage.local.get('settings');
      settings.feeds.push({ url, enabled: true, origin: 'user' });
      await chrome.storage.local.set({ settings });
    }, HOSTILE_FEED);
    // The background syncs on a feed change; poll until the hostile articles are in.
    const deadline = Date.now() + 60_000;
    let status: any;
    while (Date.now() < deadline) {
      status = await lens.send<any>({ type: 'status' });
      const feed = status.feeds.find((f: any) => f.url === HOSTILE_FEED);
      if (feed?.lastSuccessAt && status.summary.state !== 'syncing') break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(status.feeds.find((f: any) => f.url === HOSTILE_FEED)?.lastSuccessAt, JSON.stringify(status).slice(0, 1500)).toBeDefined();
    expect(status.summary.articleCount).toBeGreaterThanOrEqual(before.summary.articleCount + bundle.articles.length);
    const exported = await lens.send<any>({ type: 'exportData' });
    for (const article of exported.articles) if (article.urls.web.includes(HOSTILE_NEWS_HOST)) stored.set(article.urls.web, article);
  }, 240_000);

  afterAll(async () => {
    await lens?.close();
    await server?.close();
  });

  it('every payload reached the store verbatim (so the rendering checks below see real markup)', () => {
    expect(stored.size).toBe(bundle.articles.length);
    const titles = [...stored.values()].map((a) => a.title as string);
    expect(titles).toContain(`<script>(top.${PWNED}=1)</script>`);
    expect(titles).toContain(`<img src=x onerror="(top.${PWNED}=1)">`);
    expect(titles.some((t) => t.includes('\u202E'))).toBe(true);
    // The store never keeps a non-http(s) URL, whatever the feed said.
    for (const article of stored.values()) {
      const urls = [...Object.values(article.urls), ...(article.images ?? []).map((i: any) => i.url), ...article.related.flatMap((r: any) => [r.url, r.image])];
      for (const url of urls.filter(Boolean)) expect(String(url)).toMatch(/^https?:\/\//);
    }
  });

  it('the audit itself catches a payload that became markup (control)', async () => {
    const page = await lens.context.newPage();
    await page.goto(bundle.articles[0]!.webUrl);
    expect(await page.evaluate(auditDom, '')).toEqual([]);
    await page.evaluate(() => {
      const box = document.createElement('div');
      document.body.append(box);
      box.attachShadow({ mode: 'open' }).innerHTML = '<img src=x onerror="(top.__pwned=1)"><a href="javascript:void 0">x</a>';
    });
    await expect.poll(() => page.evaluate(auditDom, '')).toEqual(expect.arrayContaining(['img[onerror]', 'a[href=javascript:void 0]', 'window.__pwned is set']));
    await page.close();
  });

  it('the popup renders every payload as text, links and loads only http(s), and runs nothing', async () => {
    const news = await lens.context.newPage();
    const popup = await lens.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    const findings: string[] = [];
    for (const article of bundle.articles) {
      const expected = stored.get(article.webUrl);
      await news.goto(article.webUrl);
      const tabId = await lens.tabIdOf(news);
      await popup.goto(`chrome-extension://${lens.extensionId}/popup.html?tabId=${tabId}`);
      const title = popup.locator('[data-testid="match-title"]');
      await title.waitFor({ timeout: 10_000 });
      expect(await title.textContent(), article.payload.name).toBe(expected.title);
      expect(await title.isVisible(), `${article.payload.name}: title hidden (CSS injection?)`).toBe(true);
      await popup.locator('[data-testid="related-list"]').waitFor({ state: 'attached', timeout: 10_000 });
      const related = await popup.locator('[data-testid="related-list"] a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(related, article.payload.name).toContain(expected.related[0].url);
      for (const problem of await popup.evaluate(auditDom, `chrome-extension://${lens.extensionId}/`)) findings.push(`${article.payload.name}: ${problem}`);
      if (article.payload.name === 'script tag') await lens.screenshot(popup, 'hostile-popup-script-tag');
    }
    expect(findings).toEqual([]);
    expect(await news.evaluate((name) => (window as any)[name], PWNED)).toBeUndefined();
  }, 240_000);

  it('the in-page sidebar renders every payload inertly and the news page global stays unset', async () => {
    const news = await lens.context.newPage();
    const findings: string[] = [];
    for (const article of bundle.articles) {
      await news.goto(article.webUrl);
      await news.locator('health-ai-lens').waitFor({ state: 'attached', timeout: 10_000 });
      // The UI is our extension page framed inside the host's closed shadow root.
      const frame = await expandSidebar(news, 10_000);
      const title = frame.locator('[data-testid="match-title"]');
      await title.waitFor({ timeout: 10_000 });
      expect(await title.textContent(), article.payload.name).toBe(stored.get(article.webUrl).title);
      // Hover and focus everything once, so mouseover/focus payloads would have had their chance.
      await title.hover().catch(() => {});
      for (const problem of await frame.evaluate(auditDom, `chrome-extension://${lens.extensionId}/`)) findings.push(`${article.payload.name} (frame): ${problem}`);
      // The page itself holds nothing of ours but the host element (and its closed root).
      for (const problem of await news.evaluate(auditDom, '')) findings.push(`${article.payload.name} (page): ${problem}`);
      if (article.payload.name === 'img onerror') await lens.screenshot(news, 'hostile-sidebar-img-onerror');
    }
    expect(findings).toEqual([]);
    expect(await news.evaluate((name) => (window as any)[name], PWNED)).toBeUndefined();
  }, 240_000);

  it('options shows payload topics as text and runs nothing', async () => {
    const options: Page = await lens.context.newPage();
    await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
    await options.getByRole('checkbox', { name: 'AI in Healthcare', exact: true }).waitFor({ timeout: 10_000 });
    await options.waitForTimeout(1000); // data summary (topic counts) arrives after the first paint
    const text = await options.locator('body').innerText();
    expect(text).toContain(`<script>(top.${PWNED}=1)</script>`);
    expect(await options.evaluate(auditDom, `chrome-extension://${lens.extensionId}/`)).toEqual([]);
    await lens.screenshot(options, 'hostile-options');
  });
});
