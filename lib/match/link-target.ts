/**
 * A link's real target: search engines' redirect links unwrapped locally, without following them (Google `/url?q=`
 * and `/url?url=`, Bing `/ck/a?…&u=a1<base64url>`, DuckDuckGo `/l/?uddg=`). Only http(s) targets come out.
 * Pure: no DOM, no browser APIs; imported by lib/app/link-scores.ts. AMP caches and tracking parameters are left to
 * the match keys, which already ignore them.
 */

/** `www.google.<tld>` and `google.<tld>` (as in the match keys' AMP-viewer rule). */
const GOOGLE_HOST = /^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/;
const BING_HOST = /^(?:www\.|cn\.)?bing\.com$/;
const DUCKDUCKGO_HOST = /^(?:[a-z]+\.)?duckduckgo\.com$/;

/** Longest href looked at: result links are short; anything longer is not worth parsing on a page's behalf. */
export const MAX_LINK_LENGTH = 4096;

/** Redirects nest rarely (an engine wrapping another's link); a few rounds cover them, and loops end. */
const MAX_UNWRAP_ROUNDS = 3;

/**
 * The page a link leads to: the link itself, or the target of the engine redirect it is.
 * @param href the link's `href`, absolute or relative to `base`
 * @param base the page's URL, for relative and protocol-relative links (DuckDuckGo's `//duckduckgo.com/l/?…`)
 * @returns the absolute http(s) target, or `undefined` for a non-http(s) link, a redirect whose target is missing,
 *   malformed or not http(s), or anything that does not parse
 */
export function linkTarget(href: string, base?: string): string | undefined {
  if (href.length > MAX_LINK_LENGTH) return undefined;
  let url = parseHttp(href, base);
  for (let round = 0; url; round++) {
    const inner = redirectTarget(url);
    if (inner === null) return url.href; // not a redirect: the link is its own target
    if (round === MAX_UNWRAP_ROUNDS) return undefined; // still a redirect: no target we can vouch for
    url = inner === undefined ? undefined : parseHttp(inner);
  }
  return undefined;
}

/**
 * The target an engine redirect carries: a string when `url` is one (still to be checked), `undefined` when it is a
 * redirect without a usable target, `null` when it is no redirect.
 */
function redirectTarget(url: URL): string | undefined | null {
  const host = url.hostname.toLowerCase();
  const params = url.searchParams;
  if (GOOGLE_HOST.test(host) && url.pathname === '/url') return params.get('q') || params.get('url') || undefined;
  if (BING_HOST.test(host) && url.pathname === '/ck/a') return decodeBingTarget(params.get('u'));
  if (DUCKDUCKGO_HOST.test(host) && (url.pathname === '/l/' || url.pathname === '/l')) return params.get('uddg') || undefined;
  return null;
}

/** Bing's `u` parameter: `a1` then the target URL in base64url (UTF-8); any other form is refused. */
function decodeBingTarget(value: string | null): string | undefined {
  if (!value?.startsWith('a1')) return undefined;
  const body = value.slice(2).replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) return undefined;
  try {
    const binary = atob(body.padEnd(Math.ceil(body.length / 4) * 4, '='));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function parseHttp(value: string, base?: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}
