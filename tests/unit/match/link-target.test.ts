/**
 * lib/match/link-target.ts: each engine's redirect forms unwrapped to the page they lead to, malformed and
 * non-http(s) targets refused, plain links passed through; and lib/match/search-pages.ts, the pages chips run on.
 */
import { describe, expect, it } from 'vitest';
import { linkTarget, MAX_LINK_LENGTH } from '../../../lib/match/link-target';
import { isSearchResultPage, SEARCH_RESULT_PAGE_MATCHES } from '../../../lib/match/search-pages';

const TARGET = 'https://www.example-health-news.com/2021/09/20/sepsis-alerts-pilot/';
const enc = encodeURIComponent(TARGET);
/** Bing's `u` form: `a1` + base64url of the UTF-8 target, unpadded. */
const bing = (url: string) => `a1${Buffer.from(url, 'utf8').toString('base64url')}`;

describe('linkTarget: engine redirects', () => {
  it.each([
    ['Google /url?q=', `https://www.google.com/url?sa=t&source=web&rct=j&q=${enc}&ved=2ah&usg=AOv`],
    ['Google /url?url=', `https://www.google.com/url?sa=t&url=${enc}&ved=2ah`],
    ['Google relative /url?q= on a result page', `/url?q=${enc}&sa=U`],
    ['Google country domain', `https://www.google.co.uk/url?q=${enc}`],
    ['Bing /ck/a u=a1…', `https://www.bing.com/ck/a?!&&p=abc123&ptn=3&ver=2&hsh=4&fclid=1&u=${bing(TARGET)}&ntb=1`],
    ['Bing, padded base64', `https://www.bing.com/ck/a?u=a1${Buffer.from(TARGET).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`],
    ['DuckDuckGo /l/?uddg=', `https://duckduckgo.com/l/?uddg=${enc}&rut=5f1c`],
    ['DuckDuckGo HTML, protocol-relative', `//duckduckgo.com/l/?uddg=${enc}&rut=5f1c`],
    ['DuckDuckGo /l without slash', `https://duckduckgo.com/l?uddg=${enc}`],
  ])('%s leads to the article', (_name, href) => {
    expect(linkTarget(href, 'https://www.google.com/search?q=sepsis')).toBe(TARGET);
  });

  it('decodes a Bing target with non-ASCII characters as UTF-8', () => {
    const url = 'https://news.example/2021/café-ai/';
    expect(linkTarget(`https://www.bing.com/ck/a?u=${bing(url)}`)).toBe(new URL(url).href);
  });

  it('unwraps a redirect inside a redirect, and stops after a few rounds', () => {
    const inner = `https://duckduckgo.com/l/?uddg=${enc}`;
    expect(linkTarget(`https://www.google.com/url?q=${encodeURIComponent(inner)}`)).toBe(TARGET);
    let loop = 'https://www.google.com/url?q=https://www.google.com/url';
    for (let i = 0; i < 5; i++) loop = `https://www.google.com/url?q=${encodeURIComponent(loop)}`;
    expect(linkTarget(loop)).toBeUndefined();
  });

  it('keeps AMP and tracking forms of the target for the match keys to normalize', () => {
    const amp = 'https://www-example--health--news-com.cdn.ampproject.org/c/s/www.example-health-news.com/2021/09/20/sepsis-alerts-pilot/amp/';
    expect(linkTarget(`https://www.google.com/url?q=${encodeURIComponent(amp)}`)).toBe(amp);
    expect(linkTarget(`${TARGET}?utm_source=google&utm_medium=organic`)).toBe(`${TARGET}?utm_source=google&utm_medium=organic`);
  });
});

describe('linkTarget: refusals', () => {
  it.each([
    ['javascript: link', 'javascript:alert(1)'],
    ['data: link', 'data:text/html,<b>x</b>'],
    ['mailto: link', 'mailto:a@example.com'],
    ['Google redirect to javascript:', 'https://www.google.com/url?q=javascript:alert(1)'],
    ['Google redirect to a relative path', 'https://www.google.com/url?q=/search%3Fq%3Dx'],
    ['Google redirect without a target', 'https://www.google.com/url?sa=t&ved=2ah'],
    ['Google redirect to ftp:', 'https://www.google.com/url?q=ftp://files.example/a'],
    ['Bing u without a1', `https://www.bing.com/ck/a?u=${Buffer.from(TARGET).toString('base64url')}`],
    ['Bing u not base64', 'https://www.bing.com/ck/a?u=a1%%%***'],
    ['Bing u empty after a1', 'https://www.bing.com/ck/a?u=a1'],
    ['Bing u not UTF-8', `https://www.bing.com/ck/a?u=a1${Buffer.from([0xff, 0xfe, 0x41]).toString('base64url')}`],
    ['Bing u to javascript:', `https://www.bing.com/ck/a?u=${bing('javascript:alert(1)')}`],
    ['DuckDuckGo without uddg', 'https://duckduckgo.com/l/?rut=abc'],
    ['DuckDuckGo uddg to data:', `https://duckduckgo.com/l/?uddg=${encodeURIComponent('data:text/html,x')}`],
    ['not a URL', 'http://[::1'],
    ['a relative link with no base', '/url?q=https://example.com/'],
    ['an overlong href', `https://news.example/${'a'.repeat(MAX_LINK_LENGTH)}`],
  ])('%s gives no target', (_name, href) => {
    expect(linkTarget(href)).toBeUndefined();
  });

  it('leaves look-alike paths and hosts alone: they are links to themselves', () => {
    expect(linkTarget(`https://www.google.com/urls?q=${enc}`)).toBe(`https://www.google.com/urls?q=${enc}`);
    expect(linkTarget(`https://www.google.evil.example/url?q=${enc}`)).toBe(`https://www.google.evil.example/url?q=${enc}`);
    expect(linkTarget(`https://evil.example/l/?uddg=${enc}`)).toBe(`https://evil.example/l/?uddg=${enc}`);
    expect(linkTarget(TARGET)).toBe(TARGET);
  });
});

describe('search result pages', () => {
  it.each([
    'https://www.google.com/search?q=sepsis+ai',
    'http://www.google.com/search?q=x',
    'https://www.google.co.uk/search?q=x',
    'https://www.google.de/search?q=x&start=10',
    'https://www.bing.com/search?q=x',
    'https://duckduckgo.com/?q=x&ia=web',
    'https://html.duckduckgo.com/html/?q=x',
  ])('%s is one', (url) => expect(isSearchResultPage(url)).toBe(true));

  it.each([
    'https://www.google.com/maps',
    'https://www.google.evil.example/search?q=x',
    'https://google.com.evil.example/search?q=x',
    'https://www.bing.com/images',
    'https://news.example/search?q=x',
    'https://duckduckgo.com.evil.example/?q=x',
    'chrome://newtab/',
    'not a url',
  ])('%s is not', (url) => expect(isSearchResultPage(url)).toBe(false));

  it('the manifest patterns are valid match patterns, one per Google domain plus Bing and DuckDuckGo', () => {
    for (const pattern of SEARCH_RESULT_PAGE_MATCHES) expect(pattern).toMatch(/^\*:\/\/[a-z0-9.-]+\/[^*]*\*$/);
    expect(new Set(SEARCH_RESULT_PAGE_MATCHES).size).toBe(SEARCH_RESULT_PAGE_MATCHES.length);
    expect(SEARCH_RESULT_PAGE_MATCHES).toEqual(expect.arrayContaining(['*://www.google.com/search*', '*://www.bing.com/search*', '*://duckduckgo.com/*', '*://html.duckduckgo.com/html*']));
  });
});
