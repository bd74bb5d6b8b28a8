import { describe, expect, it } from 'vitest';
import { parseSimpleHttpUrl } from '../../../lib/match/match-key';

// The string-only parse of simple URLs must give exactly what `new URL` gives, or decline.
const pieces = [
  'http://', 'https://', 'HTTP://', 'ftp://', 'a', 'z', 'A', '0', '9', '.', '-', '--', 'xn--', '_', '/', '//', '\\\\', '?', '??', '#', '%', '%2e', '%41',
  '.', '..', '/./', '/../', '@', ':', ':80', ':443', ':8080', '&', '=', '+', "'", '"', '<', '>', '`', '{', '}', '|', '^', ' ', '\t', '\n', 'é', '😀',
  'amp', 'www.', 'example.com', '127.0.0.1', '0x7f', '1', 'com.', 'a.b', 'cdn.ampproject.org', 'google.com', '~', '!', '$', '(', ')', '*', ',', ';',
];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function compare(value: string): boolean {
  const simple = parseSimpleHttpUrl(value);
  if (!simple) return false;
  const url = new URL(value);
  expect(url.protocol === 'http:' || url.protocol === 'https:', value).toBe(true);
  expect({ hostname: simple.hostname, host: simple.host, port: simple.port, pathname: simple.pathname, search: simple.search, params: [...simple.searchParams] }, value).toEqual({
    hostname: url.hostname, host: url.host, port: url.port, pathname: url.pathname, search: url.search, params: [...url.searchParams],
  });
  return true;
}

describe('parseSimpleHttpUrl', () => {
  it('agrees with new URL on the forms it accepts', () => {
    const fixed = [
      'https://www.example.com/2021/07/slug/', 'http://a.b/x?y=1&z=%41+b', 'https://a.b?', 'https://a.b/?', 'https://a.b??x=1', 'https://a.b/x?\'"<>`{}|',
      'https://a.b//x', 'https://a.b/@x:y', "https://a.b/!$&'()*+,;=:@~._-", 'https://a.b/x/..', 'https://a.b/./x', 'https://a.b/x..y/.z',
    ];
    let accepted = 0;
    for (const value of fixed) if (compare(value)) accepted++;
    const next = random(2021);
    for (let i = 0; i < 20000; i++) {
      let value = next() < 0.5 ? 'https://' : 'http://';
      const host = Math.floor(next() * 4);
      const hostPieces = next() < 0.5 ? pieces : ['a', 'z', '0', '9', '-', '.', 'www.', 'example.com', 'com', 'a.b', 'xn--', '1'];
      for (let j = 0; j <= host; j++) value += hostPieces[Math.floor(next() * hostPieces.length)];
      if (next() < 0.5) value += '/';
      const rest = Math.floor(next() * 6);
      for (let j = 0; j < rest; j++) value += pieces[Math.floor(next() * pieces.length)];
      if (compare(value)) accepted++;
    }
    expect(accepted).toBeGreaterThan(1000); // the generator does reach the fast path
  });

  it('declines what needs the real parser', () => {
    for (const value of ['HTTPS://a.b/', 'https://A.b/', 'https://a.b:8080/', 'https://u@a.b/', 'https://xn--e1afmkfd.xn--p1ai/', 'https://127.0.0.1/', 'https://a.0x7f/',
      'https://a.b./', 'https://a.b/%41', 'https://a.b/x#f', ' https://a.b/', 'https://a.b/\\x', 'https://a.b/../x', 'https://a.b/é', 'javascript:alert(1)', 'https:a.b']) {
      expect(parseSimpleHttpUrl(value), value).toBeUndefined();
    }
  });
});
