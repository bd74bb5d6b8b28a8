/** Hand-written tables for lib/match/match-key.ts: every variant maps to its article, no other page does. */
import { describe, expect, it } from 'vitest';
import {
  articleMatchKeys,
  candidateMatchKeys,
  isHttpUrl,
  isSameSite,
  matchKey,
  registrableDomain,
} from '../../../lib/match/match-key';
import { isTrackingParam } from '../../../lib/match/tracking-params';
import { FALLBACK_CASES, NEGATIVE_CASES, SAME_KEY_CASES } from '../../fixtures/url-cases';

/** True when any key looked up for `tab` is one the article is indexed under. */
function matches(tab: string, article: string): boolean {
  const indexed = new Set(articleMatchKeys({ web: article }));
  return candidateMatchKeys(tab).some((key) => indexed.has(key));
}

describe('matchKey: variants of one article give one key', () => {
  for (const { name, article, variants } of SAME_KEY_CASES) {
    describe(name, () => {
      const expected = matchKey(article);
      it('the article has a key', () => {
        expect(expected).toBeTypeOf('string');
      });
      it.each(variants)('%s', (variant) => {
        expect(matchKey(variant)).toBe(expected);
        expect(candidateMatchKeys(variant)[0]).toBe(expected);
      });
    });
  }
});

describe('matchKey: other pages never take the article key (negative table)', () => {
  for (const { name, article, others } of NEGATIVE_CASES) {
    describe(name, () => {
      it.each(others)('$why: $url', ({ url }) => {
        expect(matchKey(url)).toBeTypeOf('string');
        expect(matchKey(url)).not.toBe(matchKey(article));
        expect(matches(url, article)).toBe(false);
      });
    });
  }
});

describe('candidateMatchKeys: AMP-only slug forms fall back to the web form', () => {
  it.each(FALLBACK_CASES)('$name', ({ tab, article }) => {
    const candidates = candidateMatchKeys(tab);
    expect(candidates).toHaveLength(2);
    // The primary key stays exact; only the second, less specific key reaches the web URL.
    expect(candidates[0]).toBe(matchKey(tab));
    expect(candidates[0]).not.toBe(matchKey(article));
    expect(candidates[1]).toBe(matchKey(article));
  });

  it('gives one key when no AMP-only form is present', () => {
    expect(candidateMatchKeys('https://www.example.com/news/story-123/')).toEqual(['example.com/news/story-123']);
  });

  it('does not treat a slug ending in "-amp" without an id as AMP', () => {
    expect(candidateMatchKeys('https://www.audiogearnews.com/reviews/tube-amp')).toHaveLength(1);
  });

  it('gives nothing for non-http(s) URLs', () => {
    expect(candidateMatchKeys('chrome://newtab/')).toEqual([]);
    expect(candidateMatchKeys('not a url')).toEqual([]);
  });
});

describe('matchKey: shape and edge cases', () => {
  it('has no scheme, keeps host, path and sorted identifying query', () => {
    expect(matchKey('https://www.example.com/a/b/?z=1&a=2&utm_source=x#frag')).toBe('example.com/a/b?a=2&z=1');
  });

  it('keeps the root path as "/"', () => {
    expect(matchKey('https://www.example.com')).toBe('example.com/');
    expect(matchKey('https://example.com/?utm_source=x')).toBe('example.com/');
  });

  it('is undefined for non-http(s) or unparseable input', () => {
    for (const value of ['ftp://example.com/a', 'javascript:alert(1)', 'data:text/html,x', '/relative/path', '', 'http//x']) {
      expect(matchKey(value), value).toBeUndefined();
    }
  });

  it('never strips a rendition prefix into the public suffix', () => {
    expect(matchKey('https://amp.dev/documentation/')).toBe('amp.dev/documentation');
    expect(matchKey('https://m.co.uk/a')).not.toBe(matchKey('https://co.uk/a'));
  });

  it('keeps non-default ports and IP hosts', () => {
    expect(matchKey('http://127.0.0.1:8080/a/?utm_medium=x')).toBe('127.0.0.1:8080/a');
    expect(matchKey('http://localhost:3000/www/')).toBe('localhost:3000/www');
  });

  it('treats :80 and :443 as default whichever the scheme', () => {
    expect(matchKey('http://example.com:443/a')).toBe(matchKey('https://example.com/a'));
  });

  it('keeps an encoded slash distinct from a path separator', () => {
    expect(matchKey('https://example.com/a%2Fb')).not.toBe(matchKey('https://example.com/a/b'));
  });

  it('keeps invalid UTF-8 escapes, upper-casing their hex only', () => {
    expect(matchKey('https://example.com/caf%e9')).toBe('example.com/caf%E9');
  });

  it('drops "+" vs "%20" differences in query values but not the values', () => {
    expect(matchKey('https://example.com/s?q=a+b')).toBe(matchKey('https://example.com/s?q=a%20b'));
    expect(matchKey('https://example.com/s?q=a+b')).not.toBe(matchKey('https://example.com/s?q=ab'));
  });

  it('drops ?context=amp / ?outputType=amp only when the value is amp', () => {
    expect(matchKey('https://example.com/a?context=amp')).toBe('example.com/a');
    expect(matchKey('https://example.com/a?context=full')).toBe('example.com/a?context=full');
  });

  it('ignores AMP-cache-looking paths on other hosts', () => {
    expect(matchKey('https://example.com/c/s/www.other.com/a')).toBe('example.com/c/s/www.other.com/a');
  });
});

describe('articleMatchKeys', () => {
  it('indexes every URL field, deduplicated, web first', () => {
    const keys = articleMatchKeys({
      web: 'https://www.technologyhub.com/tn/news/ai-reads-ancient-texts-351652',
      original: 'https://www.technologyhub.com/tn/news/ai-reads-ancient-texts-351652',
      amp: 'https://www.technologyhub.com/informatics/news/amp/ai-reads-ancient-texts-351652',
      cdnAmp:
        'https://www-technologyhub-com.cdn.ampproject.org/c/s/www.technologyhub.com/informatics/news/amp/ai-reads-ancient-texts-351652',
    });
    expect(keys).toEqual([
      'technologyhub.com/tn/news/ai-reads-ancient-texts-351652',
      'technologyhub.com/informatics/news/ai-reads-ancient-texts-351652',
    ]);
  });

  it('skips unusable fields', () => {
    expect(articleMatchKeys({ web: 'https://example.com/a', amp: 'not a url' })).toEqual(['example.com/a']);
  });
});

describe('registrableDomain and isSameSite', () => {
  it('gives eTLD+1, private suffixes included', () => {
    expect(registrableDomain('https://www.bbc.co.uk/news/x')).toBe('bbc.co.uk');
    expect(registrableDomain('https://everyday-cc.github.io/ai/')).toBe('everyday-cc.github.io');
    expect(registrableDomain('http://127.0.0.1:8080/')).toBeUndefined();
    expect(registrableDomain('mailto:x@example.com')).toBeUndefined();
  });

  it('sees through AMP caches to the origin site', () => {
    expect(registrableDomain('https://www-wsj-com.cdn.ampproject.org/c/s/www.wsj.com/amp/articles/x')).toBe('wsj.com');
    expect(registrableDomain('https://www.google.com/amp/s/amp.cnn.com/cnn/2022/x')).toBe('cnn.com');
  });

  it('accepts same-site canonicals and refuses other sites', () => {
    expect(isSameSite('https://amp.example.com/a/amp', 'https://www.example.com/a')).toBe(true);
    expect(isSameSite('https://example-com.cdn.ampproject.org/c/s/example.com/a', 'https://example.com/a')).toBe(true);
    expect(isSameSite('https://www.example.com/a', 'https://www.example.org/a')).toBe(false);
    expect(isSameSite('https://alice.github.io/a', 'https://bob.github.io/a')).toBe(false);
    expect(isSameSite('https://example.com/a', 'javascript:alert(1)')).toBe(false);
    expect(isSameSite('http://localhost:3000/a', 'http://localhost:3000/b')).toBe(true);
    expect(isSameSite('http://localhost:3000/a', 'http://localhost:4000/b')).toBe(false);
  });
});

describe('isHttpUrl', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(isHttpUrl('https://example.com/')).toBe(true);
    expect(isHttpUrl('http://example.com')).toBe(true);
    expect(isHttpUrl('ftp://example.com/')).toBe(false);
    expect(isHttpUrl('javascript:void(0)')).toBe(false);
    expect(isHttpUrl('example.com/a')).toBe(false);
  });
});

describe('isTrackingParam', () => {
  it('covers the contract list and the utm_ prefix, any case', () => {
    for (const name of ['utm_source', 'utm_whatever', 'UTM_Medium', 'fbclid', 'gclid', 'mc_cid', 'mc_eid', 'ref', 'ocid', 'cmpid', 'smid', 'guccounter']) {
      expect(isTrackingParam(name), name).toBe(true);
    }
  });

  it('keeps identifying parameters', () => {
    for (const name of ['id', 'p', 'ArticleID', 'story', 'date', 'page', 'q', 's']) {
      expect(isTrackingParam(name), name).toBe(false);
    }
  });

  it('applies site-scoped rules only on their site', () => {
    expect(isTrackingParam('mod', 'wsj.com')).toBe(true);
    expect(isTrackingParam('mod', 'cmsportal.com')).toBe(false);
    expect(isTrackingParam('mod')).toBe(false);
  });
});
