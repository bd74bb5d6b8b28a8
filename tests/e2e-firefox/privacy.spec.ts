/**
 * Privacy in real Firefox: all of Firefox's http traffic goes through the local server (its proxy), so the
 * server log is the full record of a scripted session (a cookie on the feed host, a matched and an
 * unmatched page, popup, options, a sync). Every request that is not the user's own page load must be a
 * feed request, carry no cookie and reveal no visited URL, path, title or domain.
 */
import { describe, expect, it } from 'vitest';
import { waitUntil, type FirefoxLens } from './support/firefox';
import { useSyncedFirefox } from './support/synced-firefox';
import { FEED_HOST } from '../e2e/support/paths';
import { articlePage, sampleArticles, type LoggedRequest, type TestServer } from '../e2e/support/server';

const SEED = '2021-09-26-the-next-generation-of-data-driven-healthcare-is-here.md';
const MATCHED = 'http://cointelegraph.com/news/the-next-generation-of-data-driven-healthcare-is-here';
/** A made-up page no feed knows: what a person reads about their own health. */
const UNMATCHED = { url: 'http://private-clinic-diary.example/patients/my-hiv-diagnosis-story?chapter=2', title: 'My HIV diagnosis story, chapter two' };
const COOKIE = 'lens_sid=secret-session-4242';
const COOKIE_SETTER = `http://${FEED_HOST}/privacy/set-cookie`;

describe('privacy in real Firefox: nothing about the pages you read leaves the browser', () => {
  let server: TestServer;
  let lens: FirefoxLens;
  const seed = sampleArticles().find((a) => a.file === SEED)!;
  const visited = [MATCHED, UNMATCHED.url, COOKIE_SETTER];

  useSyncedFirefox((ready, started) => {
    lens = ready;
    server = started;
    server.route((request) =>
      request.host === FEED_HOST && request.path === '/privacy/set-cookie'
        ? { body: '<title>cookie</title>ok', headers: { 'set-cookie': `${COOKIE}; Path=/; SameSite=Lax` } }
        : undefined,
    );
    server.page(UNMATCHED.url, articlePage(UNMATCHED.title, { body: '<p>Day one.</p><img src="/img/ward.png" alt="">' }));
    server.page('http://private-clinic-diary.example/img/ward.png', { type: 'image/png', body: Buffer.from('89504e470d0a1a0a', 'hex') });
  });

  /** The user's own loads: the visited URLs, their subresources (Referer) and favicons. */
  const isUsersOwnLoad = (r: LoggedRequest) => {
    const url = `http://${r.host}${r.path}`;
    if (visited.some((v) => v === url)) return true;
    const referer = String(r.headers.referer ?? '');
    return visited.some((v) => new URL(v).host === r.host && (referer === v || r.path === '/favicon.ico'));
  };

  function secrets(): string[] {
    const out: string[] = [];
    for (const [pageUrl, title] of [[MATCHED, seed.title], [UNMATCHED.url, UNMATCHED.title]] as const) {
      const url = new URL(pageUrl);
      const domain = url.hostname.replace(/^www\./, '');
      for (const s of [pageUrl, pageUrl.replace('http://', 'https://'), url.pathname, title, domain]) out.push(s, encodeURIComponent(s));
      out.push(title.replace(/ /g, '+'));
    }
    return [...new Set(out)].filter((s) => s.length >= 6);
  }

  it('a session sends only cookie-free feed requests that reveal no visited page', async () => {
    const cookiePage = await lens.open(COOKIE_SETTER);
    await cookiePage.page.close();
    const start = server.requests.length;

    const matched = await lens.open(MATCHED);
    await waitUntil(() => lens.badge(matched.tabId), (b) => b === '59', 15_000, 'badge 59');
    const popup = await lens.openExtensionPage(`popup.html?tabId=${matched.tabId}`);
    await popup.waitFor('[data-testid="related-list"]');
    const unmatched = await lens.open(UNMATCHED.url);
    const other = await lens.openExtensionPage(`popup.html?tabId=${unmatched.tabId}`);
    await other.waitFor('[data-testid="no-match"]');
    const options = await lens.openExtensionPage('options.html');
    const before = server.feedRequests().length;
    await lens.send({ type: 'syncNow' });
    await waitUntil(async () => server.feedRequests().length, (n) => n > before, 20_000, 'feed requests of the sync');
    await lens.waitForSync(150);
    await new Promise((r) => setTimeout(r, 1000));

    const session = server.requests.slice(start);
    const others = session.filter((r) => !isUsersOwnLoad(r));
    expect(session.some((r) => r.host === 'private-clinic-diary.example')).toBe(true);
    expect(others.length).toBeGreaterThan(0);
    const notFeed = others.filter((r) => r.host !== FEED_HOST || !r.path.startsWith('/ai/')).map((r) => `${r.host}${r.path}`);
    expect(notFeed, 'requests that are neither a page load nor a feed').toEqual([]);
    expect(others.filter((r) => r.headers.cookie).map((r) => r.path), 'feed requests with a cookie').toEqual([]);
    const tokens = secrets();
    const leaks = others.flatMap((r) => {
      const texts = [decodeURIComponent(r.path), r.body, ...Object.entries(r.headers).filter(([k]) => k !== 'host').map(([, v]) => String(v))];
      const token = tokens.find((t) => texts.some((text) => text.includes(t)));
      return token ? [`${r.host}${r.path} reveals ${JSON.stringify(token)}`] : [];
    });
    expect(leaks).toEqual([]);
    await Promise.all([popup.close(), other.close(), options.close(), matched.page.close(), unmatched.page.close()]);
  });
});
