/**
 * Privacy and messaging boundaries in real Chromium: every request of a scripted session (matched and unmatched pages,
 * popup, sidebar, options, a sync) is recorded by the browser and by the local server, then checked for leaks.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLens, openPopup, type LensBrowser } from './support/extension';
import { FEED_HOST } from './support/paths';
import { articlePage, sampleArticles, startServer, type TestServer } from './support/server';
import { expandSidebar } from './support/sidebar-frame';

declare const chrome: any;

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
/** A made-up page no feed knows: what a person reads about their own health. */
const UNMATCHED = {
  url: 'http://private-clinic-diary.example/patients/my-hiv-diagnosis-story?chapter=2',
  title: 'My HIV diagnosis story, chapter two',
};
/** The cookie we plant on the feed host: a feed request that carries it would identify the user to the feed. */
const COOKIE = 'lens_sid=secret-session-4242';
const COOKIE_SETTER = `http://${FEED_HOST}/privacy/set-cookie`;
const COOKIE_CHECK = `http://${FEED_HOST}/privacy/check`;
/** Hosts of analytics, tag managers, error reporters and ad networks: none may ever be contacted. */
const ANALYTICS = /google-analytics|googletagmanager|doubleclick|googlesyndication|analytics|segment\.(io|com)|mixpanel|amplitude|hotjar|sentry|bugsnag|datadog|newrelic|plausible|posthog|matomo|piwik|fullstory|clarity\.ms|facebook\.(com|net)|stats\./i;
/**
 * Chromium's own background services (component and extension updater) that this test browser still contacts. They are
 * the browser's, not the extension's; they are exempt only from the "feed or image" rule, never from the leak check.
 */
const CHROMIUM_OWN = /^(update\.googleapis\.com|clients2\.google\.com|edgedl\.me\.gvt1\.com|redirector\.gvt1\.com)$/;
/** Request headers a feed request may carry: what the browser adds plus our conditional-request validators. */
const FEED_HEADERS = new Set([
  'host', 'connection', 'accept', 'accept-encoding', 'accept-language', 'user-agent', 'if-none-match', 'if-modified-since',
  'origin', 'cache-control', 'pragma', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-user', 'sec-fetch-storage-access',
  'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'upgrade-insecure-requests', 'priority',
]);

/** One request as either the browser or the server saw it. */
interface Seen {
  source: 'browser' | 'service-worker' | 'server';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** `sec-fetch-dest` or the browser's resource type. */
  kind: string;
}

describe('privacy: nothing about the pages you read leaves the browser', () => {
  let server: TestServer;
  let lens: LensBrowser;
  const seed = sampleArticles().find((a) => a.file === SEED)!;
  const matchedUrl = seed.webUrl.replace('https://', 'http://');
  const browserSeen: Seen[] = [];
  const workerSeen: Seen[] = [];
  let workerCdp: CDPSession | undefined;
  /** Index into the server log where the cookie exists (feed requests after it must not carry it). */
  let cookieSetAt = 0;
  /** URLs the user navigated to (their own page loads). */
  const visited = [matchedUrl, UNMATCHED.url, COOKIE_SETTER, COOKIE_CHECK];

  beforeAll(async () => {
    server = await startServer();
    // The feed host's built-in routes only serve feed files: plain pages there need a route.
    server.route((request) => {
      if (request.host !== FEED_HOST) return undefined;
      if (request.path === '/privacy/set-cookie') return { body: '<title>cookie</title>ok', headers: { 'set-cookie': `${COOKIE}; Path=/; SameSite=Lax` } };
      if (request.path === '/privacy/check') return { body: '<title>check</title>ok' };
      return undefined;
    });
    // The unmatched page loads a subresource of its own: the one kind of request allowed to carry its URL (as Referer).
    server.page(UNMATCHED.url, articlePage(UNMATCHED.title, { body: '<p>Day one.</p><img src="/img/ward.png" alt="">' }));
    server.page('http://private-clinic-diary.example/img/ward.png', { type: 'image/png', body: Buffer.from('89504e470d0a1a0a', 'hex') });

    lens = await launchLens();
    lens.context.on('request', (request) => {
      void request.allHeaders().then((headers) => {
        const worker = request.serviceWorker();
        (worker ? workerSeen : browserSeen).push({
          source: worker ? 'service-worker' : 'browser',
          url: request.url(),
          headers,
          body: request.postData() ?? '',
          kind: request.resourceType(),
        });
      }, () => {});
    });
    await lens.waitForSync(150);
  }, 180_000);

  afterAll(async () => {
    await workerCdp?.detach().catch(() => {});
    await lens?.close();
    await server?.close();
  });

  it('runs the session: cookie on the feed host, matched and unmatched pages, popup, sidebar, options, a sync', async () => {
    // 1. The feed host sets a cookie in a normal visit; a later visit proves the browser holds it.
    const tab = await lens.context.newPage();
    await tab.goto(COOKIE_SETTER);
    cookieSetAt = server.requests.length;
    await tab.goto(COOKIE_CHECK);
    expect(server.requests.find((r) => r.path === '/privacy/check')?.headers.cookie).toContain(COOKIE);

    // 2. A matched article page: badge, popup, sidebar expanded (thumbnails load).
    await tab.goto(matchedUrl);
    const tabId = await lens.tabIdOf(tab);
    await expect.poll(() => lens.badge(tabId), { timeout: 10_000 }).toBe(String(seed.quality));
    const popup = await openPopup(lens, tabId);
    await popup.locator('[data-testid="related-list"]').waitFor({ timeout: 10_000 });
    const searchBox = popup.locator('input[type="search"]');
    if (await searchBox.count()) await searchBox.first().fill('sepsis triage');
    const sidebar = await expandSidebar(tab);
    await sidebar.locator('[data-testid="match-title"]').waitFor({ timeout: 10_000 });

    // 3. An unmatched page about the reader's own health.
    const other = await lens.context.newPage();
    await other.goto(UNMATCHED.url);
    const otherPopup = await openPopup(lens, await lens.tabIdOf(other));
    await otherPopup.locator('[data-testid="no-match"], [data-testid="related-list"]').first().waitFor({ timeout: 10_000 });

    // 4. Options, and a sync while all of this is open.
    const options: Page = await lens.context.newPage();
    const optionsPage = await options.goto(`chrome-extension://${lens.extensionId}/options.html`).catch(() => null);
    const before = server.feedRequests().length;
    const syncButton = options.getByRole('button', { name: 'Sync now' });
    if (optionsPage?.ok() && (await syncButton.count())) await syncButton.click();
    else await lens.send({ type: 'syncNow' });
    await expect.poll(() => server.feedRequests().length, { timeout: 20_000 }).toBeGreaterThan(before);
    await lens.waitForSync(150);
    await new Promise((r) => setTimeout(r, 1000)); // lazy images, late favicon requests
  });

  /** Every request of the session, from both vantage points. */
  function allSeen(): Seen[] {
    const fromServer: Seen[] = server.requests.map((r) => ({
      source: 'server',
      url: `http://${r.host}${r.path}`,
      headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
      body: r.body,
      kind: String(r.headers['sec-fetch-dest'] ?? ''),
    }));
    return [...fromServer, ...browserSeen, ...workerSeen];
  }

  /** The user's own page loads: navigations to visited URLs, and subresources those pages requested themselves. */
  function isUsersOwnLoad(request: Seen): boolean {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return true; // extension pages, data: — not network
    if (visited.some((v) => sameUrl(v, request.url))) return true;
    const referer = request.headers.referer ?? '';
    return visited.some((v) => new URL(v).host === url.host && (referer === v || request.url.endsWith('/favicon.ico')));
  }

  function sameUrl(a: string, b: string): boolean {
    const x = new URL(a);
    const y = new URL(b);
    return x.host === y.host && x.pathname === y.pathname && x.search === y.search;
  }

  /** Strings that would reveal a visited page: URL, path, title and domain, raw and encoded. */
  function secrets(): string[] {
    const out: string[] = [];
    for (const [pageUrl, title] of [[matchedUrl, seed.title], [UNMATCHED.url, UNMATCHED.title]] as const) {
      const url = new URL(pageUrl);
      const https = pageUrl.replace('http://', 'https://');
      const domain = url.hostname.replace(/^www\./, '');
      for (const s of [pageUrl, https, url.pathname, title, domain]) out.push(s, encodeURIComponent(s), encodeURI(s));
      out.push(title.replace(/ /g, '+'), btoa(pageUrl), btoa(https));
    }
    return [...new Set(out)];
  }

  it('the recording sees the pages, the extension pages and the service worker\'s feed requests', () => {
    const seen = allSeen();
    expect(seen.some((r) => r.source === 'browser' && sameUrl(r.url, UNMATCHED.url))).toBe(true);
    expect(seen.some((r) => r.source === 'server' && r.url.includes('/ai/bundle/manifest.json'))).toBe(true);
    // Playwright reports service-worker requests in Chromium; if it ever stops, the server log still has them.
    const workerFeed = workerSeen.filter((r) => new URL(r.url).host === FEED_HOST);
    console.info(`[privacy] recorded ${server.requests.length} server, ${browserSeen.length} page and ${workerSeen.length} service-worker requests (${workerFeed.length} feed)`);
    expect(workerFeed.length).toBeGreaterThan(0);
  });

  /** One line per request (not the user's own load) whose path, query, body or headers reveal a visited page. */
  function findLeaks(requests: Seen[]): string[] {
    const tokens = secrets();
    const leaks: string[] = [];
    for (const request of requests) {
      if (isUsersOwnLoad(request)) continue;
      const url = new URL(request.url);
      const haystacks: [string, string][] = [
        ['path+query', decodeURIComponent(url.pathname + url.search)],
        ['path+query (raw)', url.pathname + url.search],
        ['body', request.body],
        ...Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== ':authority').map(([name, value]) => [`header ${name}`, value] as [string, string]),
      ];
      for (const [where, text] of haystacks) {
        const token = tokens.find((t) => t.length >= 6 && text.includes(t));
        if (token) leaks.push(`${request.source} ${request.url} ${where} contains ${JSON.stringify(token.slice(0, 60))}`);
      }
    }
    return leaks;
  }

  it('no request but the user\'s own page loads carries a visited URL, path, title or domain', () => {
    expect(findLeaks(allSeen())).toEqual([]);
  });

  it('the leak check catches each kind of leak (control)', () => {
    const feed = `http://${FEED_HOST}/ai/bundle/manifest.json`;
    const leaky: Seen[] = [
      { source: 'server', url: `${feed}?u=${encodeURIComponent(UNMATCHED.url)}`, headers: {}, body: '', kind: 'empty' },
      { source: 'server', url: `http://${FEED_HOST}/ai/log${new URL(UNMATCHED.url).pathname}`, headers: {}, body: '', kind: 'empty' },
      { source: 'server', url: feed, headers: {}, body: JSON.stringify({ title: UNMATCHED.title }), kind: 'empty' },
      { source: 'server', url: feed, headers: { referer: matchedUrl }, body: '', kind: 'empty' },
      { source: 'server', url: `${feed}?d=private-clinic-diary.example`, headers: {}, body: '', kind: 'empty' },
    ];
    for (const request of leaky) expect(findLeaks([request]), request.url).not.toEqual([]);
    expect(findLeaks([{ source: 'server', url: feed, headers: {}, body: '', kind: 'empty' }])).toEqual([]);
  });

  it('every other request is a feed request or an image, with no Referer, no cookie and no identifier', () => {
    const problems: string[] = [];
    const feedAfterCookie = server.requests.slice(cookieSetAt).filter((r) => r.host === FEED_HOST && r.path.startsWith('/ai/'));
    expect(feedAfterCookie.length, 'a sync ran after the cookie was set').toBeGreaterThan(0);
    for (const request of allSeen()) {
      if (isUsersOwnLoad(request)) continue;
      const url = new URL(request.url);
      const isFeed = url.host === FEED_HOST && url.pathname.startsWith('/ai/');
      const isImage = request.kind === 'image';
      if (CHROMIUM_OWN.test(url.host) && !request.headers['sec-fetch-dest']) continue; // the browser's updater, not us
      if (!isFeed && !isImage) problems.push(`unexpected ${request.kind || '?'} request ${request.source} ${request.url}`);
      if (request.headers.referer) problems.push(`Referer on ${request.url}: ${request.headers.referer}`);
      if (request.headers.cookie) problems.push(`Cookie on ${request.url}`);
      if (isFeed) {
        if (url.search) problems.push(`query on a feed request: ${request.url}`);
        if (request.source === 'server') {
          for (const name of Object.keys(request.headers)) if (!FEED_HEADERS.has(name)) problems.push(`header ${name} on ${request.url}`);
        }
        if (request.body) problems.push(`body on a feed request: ${request.url}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('no request goes to an analytics, error-reporting or ad host', () => {
    const hosts = new Set(allSeen().map((r) => new URL(r.url).host).filter(Boolean));
    expect([...hosts].filter((host) => ANALYTICS.test(host))).toEqual([]);
  });

  it('images the extension shows load with no Referer (sidebar and popup thumbnails)', () => {
    const images = allSeen().filter((r) => r.kind === 'image' && !isUsersOwnLoad(r));
    for (const image of images) {
      expect(image.headers.referer || undefined, `${image.source} ${image.url}`).toBeUndefined();
      expect(image.headers.cookie || undefined, `cookie on ${image.source} ${image.url}`).toBeUndefined();
    }
    expect(images.length, 'the sidebar or popup showed at least one thumbnail').toBeGreaterThan(0);
    // The page's own image is the control: Chromium does send a Referer for it.
    const own = server.requests.find((r) => r.path === '/img/ward.png');
    expect(own?.headers.referer).toBe(UNMATCHED.url);
  });
});

describe('messaging boundaries in real Chromium', () => {
  let server: TestServer;
  let lens: LensBrowser;

  beforeAll(async () => {
    server = await startServer();
    server.page('http://attacker.example/', articlePage('An ordinary page'));
    lens = await launchLens();
    await lens.waitForSync(150);
  }, 180_000);

  afterAll(async () => {
    await lens?.close();
    await server?.close();
  });

  it('the built manifest has no externally_connectable, so a web page cannot message the extension', async () => {
    const manifest = await lens.extensionPage().then((page) => page.evaluate(() => chrome.runtime.getManifest()));
    expect(manifest.externally_connectable).toBeUndefined();
    const page = await lens.context.newPage();
    await page.goto('http://attacker.example/');
    const reach = await page.evaluate(async (id) => {
      const runtime = (globalThis as any).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no chrome.runtime.sendMessage';
      try {
        const answer = await runtime.sendMessage(id, { type: 'exportData' });
        return `answered: ${JSON.stringify(answer)?.slice(0, 100)}`;
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, lens.extensionId);
    expect(reach).not.toMatch(/^answered/);
    // Nor can it read our data through a resource URL: nothing of ours is web-accessible but the
    // sidebar frame's page, and that only behind a per-session dynamic URL.
    const fetched = await page.evaluate(async (id) => {
      try {
        const response = await fetch(`chrome-extension://${id}/manifest.json`);
        return `status ${response.status}`;
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, lens.extensionId);
    expect(fetched).toMatch(/^refused/);
  });

  it('our real content script may only report its page: no panel of any tab, no data, no search or settings, and no storage access', async () => {
    // A second tab whose panel would be worth stealing.
    const victim = await lens.context.newPage();
    const seed = sampleArticles().find((a) => a.file === SEED)!;
    await victim.goto(seed.webUrl.replace('https://', 'http://'));
    const victimTabId = await lens.tabIdOf(victim);

    const page = await lens.context.newPage();
    await page.goto('http://attacker.example/');
    // Run code in the content script's own isolated world: the sender Chromium reports is then exactly our content script.
    const cdp = await lens.context.newCDPSession(page);
    const contexts: { id: number; name: string; auxData?: { isDefault?: boolean; type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'Health AI Lens'), { timeout: 10_000 }).toBe(true);
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Health AI Lens')!;
    const ask = async (message: unknown): Promise<string> => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
        expression: `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((a) => 'answered:' + JSON.stringify(a === undefined ? null : a), (e) => 'refused:' + e.message)`,
      });
      return exceptionDetails ? `refused:${exceptionDetails.text}` : String(result.value);
    };

    // The control: the same world, the same API, an allowed message gets its answer.
    expect(await ask({ type: 'pageSignals', signals: { url: 'http://attacker.example/', isArticle: false, title: 'An ordinary page' } })).toMatch(/^answered:\{"ok":true/);
    for (const message of [
      // Search, Retry and the sidebar's settings belong to the sidebar frame (an extension page), not the page-side script.
      { type: 'search', query: 'healthcare' },
      { type: 'syncNow' },
      { type: 'sidebarRetry' },
      { type: 'hideOnThisSite' },
      { type: 'snoozeSidebar', duration: 'day' },
      { type: 'panel', tabId: victimTabId },
      { type: 'panel' },
      { type: 'exportData' },
      { type: 'clearData' },
      { type: 'status' },
      { type: 'testFeed', url: 'http://attacker.example/feed/' },
    ]) {
      const answer = await ask(message);
      expect(answer, JSON.stringify(message)).not.toMatch(/"ok":true/);
      expect(answer, JSON.stringify(message)).not.toContain(seed.title);
    }
    // And the store is intact (clearData was refused).
    expect((await lens.send<any>({ type: 'status' })).summary.articleCount).toBeGreaterThan(150);
    // Settings and opened links are for trusted contexts only: the content script can neither read nor write them.
    for (const expression of [`chrome.storage.local.get('settings')`, `chrome.storage.local.set({ settings: { sidebar: { blockedSites: [] } } })`]) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
        expression: `Promise.resolve().then(() => ${expression}).then((v) => 'allowed:' + JSON.stringify(v ?? null).slice(0, 100), (e) => 'refused:' + e.message)`,
      });
      expect(exceptionDetails ? `refused:${exceptionDetails.text}` : String(result.value), expression).toMatch(/^refused:/);
    }
    expect((await lens.extensionPage().then((p) => p.evaluate(() => chrome.storage.local.get('settings')))).settings.sidebar).toBeDefined();
    await cdp.detach();
  });
});
