/** Property tests (fast-check) for lib/match/match-key.ts: idempotent keys, tracking/fragment blindness, no false merges. */
import fc from 'fast-check';
import { parse } from 'tldts';
import { describe, expect, it } from 'vitest';
import { candidateMatchKeys, matchKey } from '../../../lib/match/match-key';
import { TRACKING_PARAM_NAMES } from '../../../lib/match/tracking-params';

/** A slug-like path segment that is not itself an AMP marker and carries no extension. */
const slug = fc
  .stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)
  .filter((s) => s !== 'amp' && !/^amp-\d+$/.test(s) && !/\d-amp$/.test(s));

/**
 * A site's host with an optional mobile/AMP prefix. The site itself must be a registrable domain:
 * some names are public suffixes (`za.com`, `uk.com`), under which `www.za.com` is a site of its
 * own and its `www.` is not a prefix to drop.
 */
const host = fc
  .tuple(fc.constantFrom('', 'www.', 'm.', 'amp.'), fc.stringMatching(/^[a-z][a-z0-9]{1,12}$/), fc.constantFrom('com', 'co.uk', 'org', 'news'))
  .filter(([, name, tld]) => parse(`${name}.${tld}`, { allowPrivateDomains: true }).domain === `${name}.${tld}`)
  .map(([prefix, name, tld]) => `${prefix}${name}.${tld}`);

/** An article URL on a news-like site: host, 1–5 slug segments, optional identifying query. */
const articleUrl = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host,
    segments: fc.array(slug, { minLength: 1, maxLength: 5 }),
    slash: fc.boolean(),
    id: fc.option(fc.nat({ max: 99999 }), { nil: undefined }),
  })
  .map(({ scheme, host: h, segments, slash, id }) => ({
    segments,
    id,
    url: `${scheme}://${h}/${segments.join('/')}${slash ? '/' : ''}${id === undefined ? '' : `?id=${id}`}`,
  }));

const trackingName = fc.oneof(
  fc.constantFrom(...TRACKING_PARAM_NAMES),
  fc.stringMatching(/^[a-z_]{1,12}$/).map((suffix) => `utm_${suffix}`),
);

/** Appends `name=value` to a URL's query, before any fragment. */
function withParam(url: string, name: string, value: string): string {
  const [base, hash] = url.split('#', 2) as [string, string | undefined];
  const param = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  return `${base}${base.includes('?') ? '&' : '?'}${param}${hash === undefined ? '' : `#${hash}`}`;
}

describe('matchKey properties', () => {
  it('is idempotent: the key, read back as a URL, gives itself (arbitrary web URLs)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const key = matchKey(url);
        if (key === undefined) return; // fast-check may build hosts the URL parser refuses
        expect(matchKey(`https://${key}`)).toBe(key);
        expect(matchKey(`http://${key}`)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on article-shaped URLs with AMP and encoding noise', () => {
    const noisy = fc
      .record({
        article: articleUrl,
        amp: fc.constantFrom('', '/amp', '/amp/', '.amp', '.html', '.amp.html', '/AMP'),
        encoded: fc.boolean(),
      })
      .map(({ article, amp, encoded }) => {
        const [path, query] = article.url.split('?') as [string, string | undefined];
        const withAmp = `${path.replace(/\/$/, '')}${amp}${query ? `?${query}` : ''}`;
        return encoded ? withAmp.replace(/-/g, '%2d') : withAmp;
      });
    fc.assert(
      fc.property(noisy, (url) => {
        const key = matchKey(url) as string;
        expect(key).toBeTypeOf('string');
        expect(matchKey(`https://${key}`)).toBe(key);
      }),
      { numRuns: 1000 },
    );
  });

  it('never changes when a tracking parameter is added', () => {
    fc.assert(
      fc.property(
        fc.oneof(articleUrl.map((a) => a.url), fc.webUrl({ withQueryParameters: true })),
        trackingName,
        fc.string({ maxLength: 20 }),
        (url, name, value) => {
          fc.pre(matchKey(url) !== undefined);
          expect(matchKey(withParam(url, name, value))).toBe(matchKey(url));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never changes when a fragment is added or changed', () => {
    fc.assert(
      fc.property(
        fc.oneof(articleUrl.map((a) => a.url), fc.webUrl({ withQueryParameters: true })),
        fc.string({ maxLength: 20 }),
        (url, fragment) => {
          fc.pre(matchKey(url) !== undefined);
          const base = url.split('#')[0] as string;
          expect(matchKey(`${base}#${fragment}`)).toBe(matchKey(url));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never changes with scheme, www, trailing slash or host case', () => {
    fc.assert(
      fc.property(articleUrl, ({ url }) => {
        const key = matchKey(url);
        const u = new URL(url);
        const bareHost = u.hostname.replace(/^(?:www|m|amp)\./, '');
        const path = u.pathname.endsWith('/') ? u.pathname.slice(0, -1) : `${u.pathname}/`;
        expect(matchKey(`https://WWW.${bareHost.toUpperCase()}${path}${u.search}`)).toBe(key);
        expect(matchKey(`http://${bareHost}${u.pathname}${u.search}#x`)).toBe(key);
      }),
    );
  });

  it('always changes when an article-identifying path segment changes', () => {
    fc.assert(
      fc.property(articleUrl, fc.nat(), slug, ({ url, segments }, at, replacement) => {
        const index = at % segments.length;
        fc.pre(segments[index] !== replacement);
        const changed = [...segments];
        changed[index] = replacement;
        const u = new URL(url);
        const other = `${u.origin}/${changed.join('/')}${u.pathname.endsWith('/') ? '/' : ''}${u.search}`;
        expect(matchKey(other)).not.toBe(matchKey(url));
        // Nor may any fallback key of the other page equal the article's key.
        expect(candidateMatchKeys(other)).not.toContain(matchKey(url));
      }),
      { numRuns: 1000 },
    );
  });

  it('always changes when a segment is added or removed', () => {
    fc.assert(
      fc.property(articleUrl, slug, ({ url, segments }, extra) => {
        const u = new URL(url);
        const longer = `${u.origin}/${[...segments, extra].join('/')}${u.search}`;
        expect(matchKey(longer)).not.toBe(matchKey(url));
        if (segments.length > 1) {
          const shorter = `${u.origin}/${segments.slice(0, -1).join('/')}${u.search}`;
          expect(matchKey(shorter)).not.toBe(matchKey(url));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('always changes when the identifying ?id= changes', () => {
    fc.assert(
      fc.property(articleUrl, fc.nat({ max: 99999 }), fc.nat({ max: 99999 }), ({ url }, a, b) => {
        fc.pre(a !== b);
        const base = url.split('?')[0] as string;
        expect(matchKey(`${base}?id=${a}`)).not.toBe(matchKey(`${base}?id=${b}`));
        expect(matchKey(`${base}?id=${a}`)).not.toBe(matchKey(base));
      }),
      { numRuns: 500 },
    );
  });
});

describe('hosts under a private public suffix', () => {
  it('keep `www.` when it is the registrable label (www.za.com is its own site, not za.com)', () => {
    expect(matchKey('https://WWW.ZA.COM/a/')).toBe(matchKey('http://www.za.com/a'));
    expect(matchKey('http://www.za.com/a')).not.toBe(matchKey('http://za.com/a'));
  });
});
