/**
 * Score chips beside links in real Chromium: result pages shaped like Google's, Bing's and DuckDuckGo's (served
 * locally) with direct, redirect, AMP and tracking links to sample articles, links that match nothing, and results
 * a script adds later. Checks each chip (next sibling, `data-score`), the absence of chips, that chips cost no
 * request, both switches (search results off; other sites on, then off again), and the panel's "Score chips on this
 * site", which adds or removes chips on the open page without a reload.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPopup, type LensBrowser } from './support/extension';
import { useSyncedLens } from './support/synced-lens';
import { type TestServer } from './support/server';

const SEED_PATH = '/news/the-next-generation-of-data-driven-healthcare-is-here';
/** Quality 59 in the sample. */
const SEED = `https://cointelegraph.com${SEED_PATH}`;
/** An item of the JSON API's first page only: matched, no quality score. */
const UNSCORED = 'http://www.reuters.com/markets/us/oracle-buy-cerner-28-bln-2021-12-20/';
const LATER = 'https://www.reuters.com/markets/us/oracle-buy-cerner-28-bln-2021-12-20/?utm_source=later';
const NO_MATCH = 'https://unknown.example.net/2021/06/01/some-story/';
const enc = encodeURIComponent;
const bing = (url: string) => `https://www.bing.com/ck/a?!&&p=9f1a&ptn=3&ver=2&hsh=4&fclid=1e2&u=a1${Buffer.from(url).toString('base64url')}&ntb=1`;
const WAIT = { timeout: 15_000, interval: 200 };

/** One result-like block per link, with a data-case the checks read back; a script appends `later` after load. */
function resultsPage(links: Record<string, string>, later?: string): string {
  const items = Object.entries(links)
    .map(([name, href]) => `<div class="g"><a data-case="${name}" href="${href.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"><h3>Result ${name}</h3></a><span class="snippet">Snippet text.</span></div>`)
    .join('\n');
  const addLater = later
    ? `<script>setTimeout(() => { const d = document.createElement('div'); d.className = 'g'; const a = document.createElement('a'); a.dataset.case = 'later'; a.href = ${JSON.stringify(later)}; a.textContent = 'Later result'; d.append(a); document.getElementById('results').append(d); }, 1200);</script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sepsis ai - Search</title>
<style>a { color: #1a0dab } health-ai-lens-chip { display: none !important; background: red !important; }</style></head>
<body><div id="results">${items}</div>${addLater}</body></html>`;
}

describe('score chips beside links', () => {
  let lens: LensBrowser;
  let server: TestServer;
  useSyncedLens((ready, started) => {
    lens = ready;
    server = started;
  });

  /**
   * Opens a result page. Search engines' hosts are HSTS-preloaded in Chromium (`http://` turns into `https://` before any
   * request, and the local server speaks no TLS), so the document is fulfilled by request interception; every other
   * request the page makes is recorded and answered 404.
   */
  async function openResults(url: string, html: string): Promise<{ page: Page; requests: string[] }> {
    const page = await lens.context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.addInitScript(() => {
      // Sum of layout shifts: chips sit beside their link (in the line, or over the space after a block title).
      (window as any).__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) (window as any).__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      return route.fulfill({ status: 404, body: '' });
    });
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    return { page, requests };
  }

  /** `data-case` of every link → the `data-score` of the chip right after it, or null. */
  const chipsByCase = (page: Page) =>
    page.evaluate(() => {
      const out: Record<string, string | null> = {};
      for (const link of document.querySelectorAll('a[data-case]')) {
        const next = link.nextSibling as Element | null;
        out[(link as HTMLElement).dataset.case!] = next?.localName === 'health-ai-lens-chip' ? next.getAttribute('data-score') : null;
      }
      return out;
    });

  async function setChips(linkChips: { searchResults: boolean; otherSites: boolean }) {
    const helper = await lens.extensionPage();
    await helper.evaluate(async (value) => {
      const chrome = (globalThis as any).chrome;
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...settings, linkChips: value } });
    }, linkChips);
  }

  const engines: [string, string, Record<string, string>][] = [
    [
      'Google',
      'https://www.google.com/search?q=sepsis+ai',
      {
        direct: SEED,
        redirect: `/url?q=${enc(SEED)}&sa=U&ved=2ahUKE&usg=AOvVaw`,
        redirectUrl: `https://www.google.com/url?sa=t&url=${enc(SEED)}&ved=2ah`,
        ampViewer: `https://www.google.com/amp/s/cointelegraph.com${SEED_PATH}/amp`,
        ampCache: `https://cointelegraph-com.cdn.ampproject.org/c/s/cointelegraph.com${SEED_PATH}/amp`,
        tracking: `${SEED}?utm_source=google&utm_medium=organic&fbclid=abc`,
        unscored: `/url?q=${enc(UNSCORED)}&sa=U`,
        noMatch: NO_MATCH,
        noMatchRedirect: `/url?q=${enc(NO_MATCH)}&sa=U`,
        engineOwn: '/preferences?hl=en',
        script: 'javascript:void(0)',
      },
    ],
    [
      'Bing',
      'https://www.bing.com/search?q=sepsis+ai',
      { direct: SEED, redirect: bing(SEED), tracking: bing(`${SEED}?utm_source=bing`), unscored: bing(UNSCORED), noMatch: bing(NO_MATCH), engineOwn: '/images/search?q=x' },
    ],
    [
      'DuckDuckGo',
      'https://duckduckgo.com/?q=sepsis+ai&ia=web',
      { direct: SEED, redirect: `https://duckduckgo.com/l/?uddg=${enc(SEED)}&rut=5f1c`, amp: `${SEED}/amp`, unscored: UNSCORED, noMatch: NO_MATCH },
    ],
    [
      'DuckDuckGo HTML',
      'https://html.duckduckgo.com/html/?q=sepsis+ai',
      { redirect: `//duckduckgo.com/l/?uddg=${enc(SEED)}&rut=5f1c`, tracking: `//duckduckgo.com/l/?uddg=${enc(`${SEED}?ref=ddg&utm_campaign=x`)}`, noMatch: `//duckduckgo.com/l/?uddg=${enc(NO_MATCH)}` },
    ],
  ];

  for (const [engine, url, links] of engines) {
    it(`${engine}: a chip after each matching link (59, or ? unscored), none elsewhere, results added later too, no request`, async () => {
      const { page, requests } = await openResults(url, resultsPage(links, LATER));
      const expected: Record<string, string | null> = { later: '?' };
      for (const [name, href] of Object.entries(links)) {
        expected[name] = /noMatch|engineOwn|script/.test(name) ? null : href.includes(enc(UNSCORED)) || href === UNSCORED || href === bing(UNSCORED) ? '?' : '59';
      }
      await expect.poll(() => chipsByCase(page), WAIT).toEqual(expected);
      // Nothing but the document itself: chips fetch no favicon, image or anything else.
      expect(requests).toEqual([url]);
      // Page CSS cannot hide or restyle a chip (the page says `display: none !important` for the tag).
      const box = await page.locator('a[data-case="redirect"] + health-ai-lens-chip').boundingBox();
      expect(box?.width).toBeGreaterThan(8);
      const label = await page.locator('a[data-case="redirect"] + health-ai-lens-chip').getAttribute('aria-label');
      expect(label).toBe('Quality 59, fair — Health AI Lens');
      // A chip after a block title sits beside the title's text, not over the snippet below it.
      const geometry = await page.evaluate(() => {
        const link = document.querySelector('a[data-case="redirect"]')!;
        const c = (link.nextSibling as Element).getBoundingClientRect();
        const title = link.querySelector('h3')!.getBoundingClientRect();
        const snippet = link.parentElement!.querySelector('.snippet')!.getBoundingClientRect();
        const middle = c.top + c.height / 2;
        return { besideTitle: middle > title.top && middle < title.bottom, overSnippet: c.bottom > snippet.top && c.top < snippet.bottom && c.right > snippet.left && c.left < snippet.right };
      });
      expect(geometry).toEqual({ besideTitle: true, overSnippet: false });
      // Nothing of the page's own moved down (the results here are block titles, as engines lay them out).
      expect(await page.evaluate(() => (window as any).__shift)).toBe(0);
      // Exactly one chip per matching link, also after more scans.
      await new Promise((r) => setTimeout(r, 600));
      expect(await page.locator('health-ai-lens-chip').count()).toBe(Object.values(expected).filter((v) => v !== null).length);
      await page.close();
    });
  }

  it('the chip does not take focus from its link, and its shadow root is closed', async () => {
    const { page } = await openResults('https://www.bing.com/search?q=focus', resultsPage({ direct: SEED }));
    await expect.poll(() => chipsByCase(page), WAIT).toEqual({ direct: '59' });
    const chip = await page.evaluate(() => {
      const host = document.querySelector('health-ai-lens-chip') as HTMLElement;
      return { tabIndex: host.tabIndex, shadow: host.shadowRoot, role: host.getAttribute('role') };
    });
    expect(chip).toEqual({ tabIndex: -1, shadow: null, role: 'img' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.case)).toBe('direct');
    await lens.screenshot(page, 'chips-keyboard-focus'); // the tooltip (title, band, outlet) shows while the link has focus
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('health-ai-lens-chip');
    await page.close();
  });

  it('"on search results" off: no chips there; on again: chips', async () => {
    await setChips({ searchResults: false, otherSites: false });
    try {
      const off = await openResults('https://www.google.com/search?q=off', resultsPage({ direct: SEED, redirect: `/url?q=${enc(SEED)}` }));
      // The script asks once and stops; give it time to have asked.
      await off.page.waitForLoadState('load');
      await new Promise((r) => setTimeout(r, 2500));
      expect(await chipsByCase(off.page)).toEqual({ direct: null, redirect: null });
      await off.page.close();
    } finally {
      await setChips({ searchResults: true, otherSites: false });
    }
    const on = await openResults('https://www.google.com/search?q=on', resultsPage({ direct: SEED }));
    await expect.poll(() => chipsByCase(on.page), WAIT).toEqual({ direct: '59' });
    await on.page.close();
  });

  it('other sites: no chips by default; on when switched on (registered at run time); off again', async () => {
    const url = 'http://links.example.com/reading-list';
    const html = resultsPage({ direct: SEED, unscored: UNSCORED, noMatch: NO_MATCH });
    server.page(url, html);
    const visit = async () => {
      const page = await lens.context.newPage();
      await page.goto(url);
      await page.waitForLoadState('load');
      return page;
    };
    const before = await visit();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await chipsByCase(before)).toEqual({ direct: null, unscored: null, noMatch: null });
    await before.close();

    await setChips({ searchResults: true, otherSites: true });
    try {
      await expect
        .poll(async () => {
          const page = await visit();
          await new Promise((r) => setTimeout(r, 1000));
          const chips = await chipsByCase(page);
          await page.close();
          return chips;
        }, { timeout: 20_000, interval: 500 })
        .toEqual({ direct: '59', unscored: '?', noMatch: null });
    } finally {
      await setChips({ searchResults: true, otherSites: false });
    }
    await expect
      .poll(async () => {
        const page = await visit();
        await new Promise((r) => setTimeout(r, 1500));
        const chips = await chipsByCase(page);
        await page.close();
        return chips;
      }, { timeout: 20_000, interval: 500 })
      .toEqual({ direct: null, unscored: null, noMatch: null });
  });
  /** The stored site choices, as the options page would list them. */
  const chipSites = async () =>
    (await lens.extensionPage()).evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('settings')).settings?.linkChips?.sites ?? []) as unknown[]);

  it('the panel\'s switch: a results page turned off loses its chips without a reload; on again, they are back', async () => {
    const url = 'https://www.google.com/search?q=site+switch';
    const { page } = await openResults(url, resultsPage({ direct: SEED, redirect: `/url?q=${enc(SEED)}`, noMatch: NO_MATCH }));
    await expect.poll(() => chipsByCase(page), WAIT).toEqual({ direct: '59', redirect: '59', noMatch: null });
    await page.evaluate(() => ((window as any).__sameDocument = true));
    const popup = await openPopup(lens, await lens.tabIdOf(page));
    try {
      const toggle = popup.getByRole('switch', { name: 'Score chips on this site' });
      await expect.poll(() => toggle.isChecked(), WAIT).toBe(true);
      expect(await popup.getByText('www.google.com follows your setting for search result pages.').count()).toBe(1);

      await toggle.click();
      await expect.poll(() => chipsByCase(page), WAIT).toEqual({ direct: null, redirect: null, noMatch: null });
      expect(await page.locator('health-ai-lens-chip').count()).toBe(0);
      expect(await chipSites()).toEqual([{ host: 'www.google.com', on: false }]);
      await expect.poll(() => popup.getByText('Off for www.google.com by your choice.').count(), WAIT).toBe(1);
      // Results added after the switch stay without chips: the script stopped watching.
      await page.evaluate((href) => {
        const a = Object.assign(document.createElement('a'), { href, textContent: 'Added' });
        a.dataset.case = 'added';
        document.getElementById('results')!.append(a);
      }, SEED);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await chipsByCase(page)).toEqual({ direct: null, redirect: null, noMatch: null, added: null });

      await toggle.click();
      await expect.poll(() => chipsByCase(page), WAIT).toEqual({ direct: '59', redirect: '59', noMatch: null, added: '59' });
      expect(await chipSites()).toEqual([]);
      expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    } finally {
      await setChips({ searchResults: true, otherSites: false });
      await Promise.all([popup.close(), page.close()]);
    }
  });

  it('the panel\'s switch on another site while "other sites" is off: chips there at once and on its next visit, none on another site', async () => {
    const html = resultsPage({ direct: SEED, unscored: UNSCORED, noMatch: NO_MATCH });
    const here = 'http://reading.example.com/list';
    const elsewhere = 'http://elsewhere.example.com/list';
    server.page(here, html);
    server.page(elsewhere, html);
    const visit = async (url: string) => {
      const page = await lens.context.newPage();
      await page.goto(url);
      await page.waitForLoadState('load');
      return page;
    };
    const page = await visit(here);
    const popup = await openPopup(lens, await lens.tabIdOf(page));
    try {
      const toggle = popup.getByRole('switch', { name: 'Score chips on this site' });
      await expect.poll(() => toggle.isChecked(), WAIT).toBe(false);
      expect(await chipsByCase(page)).toEqual({ direct: null, unscored: null, noMatch: null });

      await toggle.click();
      // The page had no chip script (nothing registered here when it loaded): it gets one now, without a reload.
      await expect.poll(() => chipsByCase(page), WAIT).toEqual({ direct: '59', unscored: '?', noMatch: null });
      expect(await chipSites()).toEqual([{ host: 'reading.example.com', on: true }]);

      const other = await visit(elsewhere);
      await new Promise((r) => setTimeout(r, 2500));
      expect(await chipsByCase(other)).toEqual({ direct: null, unscored: null, noMatch: null });
      await other.close();

      // A new visit to the site: the run-time registration covers it now.
      const again = await visit(here);
      await expect.poll(() => chipsByCase(again), WAIT).toEqual({ direct: '59', unscored: '?', noMatch: null });
      await again.close();
    } finally {
      await setChips({ searchResults: true, otherSites: false });
      await Promise.all([popup.close(), page.close()]);
    }
  });

  it('the popup on a page that is no web page shows the switch disabled, with the reason', async () => {
    const options = await lens.context.newPage();
    await options.goto(`chrome-extension://${lens.extensionId}/options.html`);
    const popup = await openPopup(lens, await lens.tabIdOf(options));
    try {
      const toggle = popup.getByRole('switch', { name: 'Score chips on this site' });
      await expect.poll(() => toggle.isDisabled(), WAIT).toBe(true);
      expect(await popup.getByText('Score chips show on web pages only.').count()).toBe(1);
    } finally {
      await Promise.all([popup.close(), options.close()]);
    }
  });
});
