/**
 * lib/match/match-key.ts `urlFacts` (one parse per URL for ingest) gives exactly what the separate checks it replaces give,
 * and `articleMatchKeys` never answers from its memory for URL fields that changed since.
 */
import { describe, expect, it } from 'vitest';
import { articleMatchKeys, isHttpUrl, matchKey, registrableDomain, urlFacts } from '../../../lib/match/match-key';
import { FALLBACK_CASES, NEGATIVE_CASES, SAME_KEY_CASES } from '../../fixtures/url-cases';

const EDGE_URLS = [
  'https://www-example-com.cdn.ampproject.org/c/s/www.example.com/health/a.amp.html',
  // A cache wrapping Google's viewer: the key unwraps both, the registrable domain one level (as registrableDomain does).
  'https://www-google-com.cdn.ampproject.org/c/s/www.google.com/amp/s/www.example.com/health/a',
  'https://www.google.com/amp/s/www.example.co.uk/2021/x.amp',
  'HTTP://WWW.Example.COM:8080/A/%7euser/?b=2&a=1&utm_source=x',
  'https://xn--bcher-kva.example/b%C3%BCcher',
  'https://bücher.example/a',
  'https://127.0.0.1/a',
  'http://localhost:3000/x',
  'https://example.com./a/../b',
  'https://user:pw@example.com/a',
  '  https://example.com/leading-space',
  '\u0001https://example.com/control-first',
  'https:example.com/no-slashes',
  'javascript:alert(1)',
  'ftp://example.com/a',
  'https://',
  'https://exa mple.com/a',
  'not a url',
  '',
];

const ALL_URLS = [
  ...SAME_KEY_CASES.flatMap((c) => [c.article, ...c.variants]),
  ...NEGATIVE_CASES.flatMap((c) => [c.article, ...c.others.map((o) => o.url)]),
  ...FALLBACK_CASES.flatMap((c) => [c.tab, c.article]),
  ...EDGE_URLS,
];

describe('urlFacts', () => {
  it.each(ALL_URLS)('agrees with isHttpUrl, matchKey, registrableDomain and URL#hostname for %j', (url) => {
    // Expected first: matchKey fills the recent-keys cache, which urlFacts writes but never reads.
    const key = isHttpUrl(url) ? matchKey(url) : undefined;
    const expected = key === undefined ? undefined : { key, hostname: new URL(url).hostname, site: registrableDomain(url) };
    expect(urlFacts(url)).toEqual(expected);
  });

  it('covers accepted and refused URLs alike', () => {
    const accepted = ALL_URLS.filter((url) => urlFacts(url) !== undefined).length;
    expect(accepted).toBeGreaterThan(50);
    expect(ALL_URLS.length - accepted).toBeGreaterThanOrEqual(6);
  });
});

describe('articleMatchKeys memory', () => {
  it('recomputes when a URL field of the same object changed', () => {
    const urls: { web: string; amp?: string } = { web: 'https://example.com/health/a' };
    expect(articleMatchKeys(urls)).toEqual(['example.com/health/a']);
    urls.amp = 'https://example.com/other/amp/b';
    expect(articleMatchKeys(urls)).toEqual(['example.com/health/a', 'example.com/other/b']);
    urls.web = 'https://example.com/health/c';
    expect(articleMatchKeys(urls)).toEqual(['example.com/health/c', 'example.com/other/b']);
  });

  it('hands out a copy its caller may change', () => {
    const urls = { web: 'https://example.com/health/d' };
    articleMatchKeys(urls).push('tampered');
    expect(articleMatchKeys(urls)).toEqual(['example.com/health/d']);
  });
});
