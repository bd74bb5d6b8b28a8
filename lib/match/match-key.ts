/**
 * URL → match keys: one canonical key per article page, however a reader arrives (scheme, host prefix, AMP form, tracking link).
 * Pure: no browser APIs, no DOM. Imported across lib/ (normalize: ids; store: key index; merge, story-groups: dedupe).
 */
// The rules are public (README "URL matching"): outside tests rely on them. Runs on every navigation: keep it cheap.
import { getDomain } from 'tldts';
import { isHttpUrl } from './http-url';
import { isTrackingParam } from './tracking-params';

/** The four URL fields of an article, as in `ArticleUrls` (lib/model/article.ts). */
export interface MatchableUrls {
  web: string;
  original?: string;
  amp?: string;
  cdnAmp?: string;
}

/**
 * Leading host labels that only pick a rendition of the same site. Stripped repeatedly
 * (`www.amp.` …) but never past the registrable domain, so `m.com` or `amp.dev` stay whole.
 */
const RENDITION_HOST_PREFIX = /^(?:www\d*|m|mobile|amp)\./;

/** AMP caches that serve `/<c|v|wp>/[s/]<origin host>/<path>`: Google's and Bing's. */
const AMP_CACHE_HOST = /(?:^|\.)(?:cdn\.ampproject\.org|bing-amp\.com)$/;
const AMP_CACHE_PATH = /^\/(?:c|v|wp)\/(s\/)?([^/?#]+\.[^/?#]+)(\/[^?#]*)?$/;
/** Google's AMP viewer: `www.google.<tld>/amp/[s/]<origin host>/<path>`. */
const GOOGLE_HOST = /^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/;
const GOOGLE_AMP_PATH = /^\/amp\/(s\/)?([^/?#]+\.[^/?#]+)(\/[^?#]*)?$/;

/** Parameters whose presence alone asks for the AMP rendition (`?amp`, `?amp=1`, `?amp=true`). */
const AMP_FLAG_PARAM = 'amp';
/** Parameters that ask for AMP when their value is `amp` (`?outputType=amp`, usnews `?context=amp`). */
const AMP_VALUE_PARAMS: ReadonlySet<string> = new Set(['outputtype', 'context', 'format', 'output', 'view']);

/** Characters left raw in a canonical path segment or query part; everything else is %XX (upper case). */
const CANONICAL_SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;

/** Extensions that name the same page as the bare slug (`x.html` = `x` = `x.amp` = `x.amp.html`). */
const RENDITION_SUFFIX = /\.(?:amp|html?)$/i;

interface KeyParts {
  host: string;
  domain: string | undefined;
  segments: string[];
  query: string;
}

/** True for an absolute http: or https: URL (the one shared check). */
export { isHttpUrl } from './http-url';

/**
 * The canonical match key of an article URL, or `undefined` when it is not an absolute http(s) URL.
 * Equal keys mean the same page: scheme, host case, `www.`/`www1.`/`m.`/`mobile.`/`amp.` prefixes,
 * default ports, fragments, trailing slashes, percent-encoding case, tracking parameters and AMP forms
 * (path `/amp` segments, `.amp`/`.amp.html`, `?amp`, `?outputType=amp`, AMP caches, Google's AMP
 * viewer) do not count. Identifying query parameters (`?id=`, `?p=`) are kept, sorted.
 * @param url the URL as the tab or the dataset gives it
 * @returns `host[:port]/path[?query]`, e.g. `example.com/2021/07/slug?id=3`
 */
export function matchKey(url: string): string | undefined {
  // One lookup, not has + get: hashing a fresh URL string is most of a hit's cost. `null` caches "no key".
  const known = recentKeys.get(url);
  if (known !== undefined) return known ?? undefined;
  const parts = keyParts(url);
  const key = parts && joinKey(parts, canonicalPath(parts.segments));
  // Sync asks for the same URL's key several times in a row (id, merge, index): remember a few.
  if (recentKeys.size >= RECENT_KEYS_LIMIT) recentKeys.clear();
  recentKeys.set(url, key ?? null);
  return key;
}

/** How many recent URL → key results are kept (a pure function's cache, bounded: ~1 MB at most). */
const RECENT_KEYS_LIMIT = 4096;
const recentKeys = new Map<string, string | null>();

/**
 * Every key under which an article is indexed: one per distinct URL field. The AMP URLs are indexed
 * too because some do not normalize to the web URL's key (technologynetworks `/tn/news/` vs
 * `/informatics/news/amp/`, livemint `…/amp-<id>.html`).
 * @param urls the article's four URL fields; unusable ones are skipped
 * @returns distinct keys, web URL's first
 */
export function articleMatchKeys(urls: MatchableUrls): string[] {
  // An import asks once when it validates the article and again when it writes its chunk, by then past the recent-keys
  // cache: remember the answer with the article's own URL object (checked against its fields, in case they changed).
  const known = keysByUrls.get(urls);
  if (known && known.web === urls.web && known.original === urls.original && known.amp === urls.amp && known.cdnAmp === urls.cdnAmp) {
    return [...known.keys];
  }
  const keys = new Set<string>();
  for (const url of new Set([urls.web, urls.original, urls.amp, urls.cdnAmp])) {
    if (url === undefined) continue;
    const key = matchKey(url);
    if (key !== undefined) keys.add(key);
  }
  const out = [...keys];
  keysByUrls.set(urls, { web: urls.web, original: urls.original, amp: urls.amp, cdnAmp: urls.cdnAmp, keys: out });
  return [...out];
}

/** {@link articleMatchKeys}' answers by URL object, with the fields they were computed from; dropped with the object. */
const keysByUrls = new WeakMap<MatchableUrls, MatchableUrls & { keys: readonly string[] }>();

/** What an import needs of one URL, from a single parse: see {@link urlFacts}. */
export interface UrlFacts {
  /** {@link matchKey} of the URL. */
  key: string;
  /** The URL's hostname as parsed (lower case; an AMP cache's own host, not the origin's). */
  hostname: string;
  /** {@link registrableDomain} of the URL. */
  site: string | undefined;
}

/**
 * The match key, hostname and registrable domain of an http(s) URL from one parse, for ingest (which needs all three for
 * every URL of every record); `undefined` unless {@link isHttpUrl} accepts it and it has a key.
 */
export function urlFacts(url: string): UrlFacts | undefined {
  const parsed = parseSimpleHttpUrl(url) ?? (isHttpUrl(url) ? parseHttp(url) : undefined);
  if (!parsed) return undefined;
  const { parts, site } = keyPartsOf(parsed);
  const key = joinKey(parts, canonicalPath(parts.segments));
  if (recentKeys.size >= RECENT_KEYS_LIMIT) recentKeys.clear();
  recentKeys.set(url, key);
  return { key, hostname: parsed.hostname, site };
}

/**
 * Keys to look up for a tab URL, most specific first: its match key, then (only when the URL has
 * one) the key with AMP-only slug forms rewritten to their web form (`amp_articleshow` → `articleshow`,
 * `/article-amp/` → `/article/`, `/ampnews/` → `/news/`, `/google-amp/` and `/platform/amp/` dropped,
 * `…<id>-amp.html` → `…<id>.html`, `…/slug/amp-<id>.html` → `…/slug-<id>.html`). The fallback only
 * finds articles whose web URL has that web form; it never widens the primary key.
 * @param url the tab's URL
 * @returns `[]` for non-http(s) URLs
 */
export function candidateMatchKeys(url: string): string[] {
  const parts = keyParts(url);
  if (!parts) return [];
  const primary = joinKey(parts, canonicalPath(parts.segments));
  const rewritten = rewriteAmpSlugs(parts.segments);
  if (!rewritten) return [primary];
  const fallback = joinKey(parts, canonicalPath(rewritten));
  return fallback === primary ? [primary] : [primary, fallback];
}

/**
 * The registrable domain (eTLD+1, private suffixes such as `github.io` counted) of the page a URL
 * shows; for an AMP-cache or Google AMP-viewer URL, that of the origin page it serves.
 * @returns e.g. `bbc.co.uk`, or `undefined` for IPs, bare hosts and non-http(s) URLs
 */
export function registrableDomain(url: string): string | undefined {
  const parsed = parseHttp(url);
  if (!parsed) return undefined;
  const origin = unwrapAmpCache(parsed) ?? parsed;
  return siteOf(hostnameOf(origin));
}

/**
 * True when both URLs show pages of the same registrable domain. Used to accept a page's
 * `link[rel=canonical]`/`og:url`/`amphtml` only from its own site: a page may not claim another
 * site's article. Hosts without a registrable domain (IPs, `localhost`) are the same site only
 * when the host (and port) is equal.
 */
export function isSameSite(a: string, b: string): boolean {
  const pa = parseHttp(a);
  const pb = parseHttp(b);
  if (!pa || !pb) return false;
  const oa = unwrapAmpCache(pa) ?? pa;
  const ob = unwrapAmpCache(pb) ?? pb;
  const da = siteOf(hostnameOf(oa));
  const db = siteOf(hostnameOf(ob));
  if (da !== undefined || db !== undefined) return da === db;
  return oa.host === ob.host;
}

// ---------------------------------------------------------------------------------------------
// Internals

/** The parts of a parsed http(s) URL this module reads: a `URL`, or the same fields for a URL in the simple form below. */
interface ParsedHttp {
  readonly hostname: string;
  readonly host: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

/**
 * The common simple form, whose WHATWG parse is the string itself, so no `URL` is built (this runs for every URL of every
 * synced record): lower-case `http(s)://` scheme; a lower-case ASCII host of non-empty labels with no port, no userinfo,
 * no `--` (IDNA `xn--` labels need the real parser) and a last label starting with a letter (never an IPv4 form); a path of
 * characters every parser (WHATWG, Chrome's) leaves raw (no `%`, `\`, `"`, space or non-ASCII); a query of those plus
 * `?` and `%`; no fragment.
 * Anything else, and dot segments, take `new URL`.
 */
const SIMPLE_HTTP_URL = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(\?[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?=\/|$)/;

class SimpleHttpUrl implements ParsedHttp {
  readonly port = '';
  constructor(
    readonly hostname: string,
    readonly pathname: string,
    readonly search: string,
  ) {}
  get host(): string {
    return this.hostname;
  }
  get searchParams(): URLSearchParams {
    return new URLSearchParams(this.search);
  }
}

/**
 * The URL's parts when it has the simple form ({@link SIMPLE_HTTP_URL}), else `undefined`. Internal; exported for the
 * test that holds it to `new URL`.
 */
export function parseSimpleHttpUrl(value: string): ParsedHttp | undefined {
  const simple = SIMPLE_HTTP_URL.exec(value);
  if (!simple) return undefined;
  const [, hostname = '', pathname = '/', query = ''] = simple;
  if (hostname.includes('--') || DOT_SEGMENT.test(pathname)) return undefined;
  // `?` alone is an empty query: `URL#search` is '' then.
  return new SimpleHttpUrl(hostname, pathname, query.length > 1 ? query : '');
}

function parseHttp(value: string): ParsedHttp | undefined {
  const simple = parseSimpleHttpUrl(value);
  if (simple) return simple;
  let parsed: URL;
  try {
    // Not URL.canParse: it needs Chrome 120, and a throw only costs on the rare unparseable input.
    parsed = new URL(value);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
}

/** Lower-case hostname without a trailing root dot (`example.com.` is `example.com`). */
function hostnameOf(url: ParsedHttp): string {
  return url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
}

function siteOf(hostname: string): string | undefined {
  return getDomain(hostname, { allowPrivateDomains: true, extractHostname: false }) ?? undefined;
}

/** The origin URL inside an AMP-cache or Google AMP-viewer URL, or `undefined` when it is neither. */
function unwrapAmpCache(url: ParsedHttp): ParsedHttp | undefined {
  const host = url.hostname;
  let match: RegExpExecArray | null = null;
  if (AMP_CACHE_HOST.test(host)) match = AMP_CACHE_PATH.exec(url.pathname);
  else if (GOOGLE_HOST.test(host)) match = GOOGLE_AMP_PATH.exec(url.pathname);
  if (!match) return undefined;
  const scheme = match[1] ? 'https' : 'http';
  return parseHttp(`${scheme}://${match[2]}${match[3] ?? '/'}${url.search}`);
}

function keyParts(url: string): KeyParts | undefined {
  const parsed = parseHttp(url);
  return parsed && keyPartsOf(parsed).parts;
}

/** The key parts of a parsed URL, and its registrable domain (one unwrap: {@link registrableDomain}'s), from one parse. */
function keyPartsOf(url: ParsedHttp): { parts: KeyParts; site: string | undefined } {
  // A cache URL may wrap a viewer URL; two rounds cover every real nesting.
  const first = unwrapAmpCache(url) ?? url;
  const site = siteOf(hostnameOf(first));
  const parsed = first === url ? first : (unwrapAmpCache(first) ?? first);

  let host = hostnameOf(parsed);
  const domain = parsed === first ? site : siteOf(host);
  if (domain !== undefined) {
    let prefix: RegExpExecArray | null;
    while (host.length > domain.length && (prefix = RENDITION_HOST_PREFIX.exec(host))) {
      host = host.slice(prefix[0].length);
    }
  }
  // Scheme does not count, so neither does either scheme's default port.
  if (parsed.port !== '' && parsed.port !== '80' && parsed.port !== '443') host += `:${parsed.port}`;

  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    if (raw !== '') segments.push(canonicalPart(raw));
  }

  return { parts: { host, domain, segments, query: canonicalQuery(parsed.searchParams, domain) }, site };
}

/** `x.amp.html` → `x`; the remainder is never emptied (`/.html` stays). */
function stripRenditionSuffixes(segment: string): string {
  let out = segment;
  let match: RegExpExecArray | null;
  while ((match = RENDITION_SUFFIX.exec(out)) && match.index > 0) out = out.slice(0, match.index);
  return out;
}

/**
 * The path with its AMP rendition markers removed: segments that are exactly `amp` (any case) and
 * `.amp`/`.html` suffixes of the last segment, repeated until stable (`x.html/amp` → `x`).
 * Judged by segment equality only, so slugs such as `guitar-amp` or `amplify` are untouched; a path
 * made only of `amp` segments is kept, so an article at `/amp` never collapses onto the site root.
 */
function canonicalPath(segments: readonly string[]): string[] {
  let out = [...segments];
  for (;;) {
    const last = out.length - 1;
    if (last >= 0) out[last] = stripRenditionSuffixes(out[last] as string);
    const kept = out.filter((segment) => segment.toLowerCase() !== 'amp');
    if (kept.length === 0 || kept.length === out.length) return out;
    out = kept;
  }
}

/** AMP-only slug forms rewritten to their usual web form, or `undefined` when none applies. */
function rewriteAmpSlugs(segments: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let changed = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const lower = segment.toLowerCase();
    // Last-segment forms are judged without `.html`/`.amp` (`amp-<id>.html`, `<id>-amp.html`).
    const stem = i === segments.length - 1 ? stripRenditionSuffixes(segment) : undefined;
    if (lower === 'amp_articleshow') {
      out.push('articleshow'); // economictimes / timesofindia
    } else if (lower === 'article-amp') {
      out.push('article'); // business-standard, indiainfoline
    } else if (lower === 'ampnews') {
      out.push('news'); // newstracklive
    } else if (lower === 'google-amp') {
      // cnet, zdnet, techrepublic: `/google-amp/news/x` is `/news/x`
    } else if (lower === 'platform' && segments[i + 1]?.toLowerCase() === 'amp') {
      i++; // Vox Media: `/platform/amp/2021/…` is `/2021/…`
    } else if (stem !== undefined && /^amp-\d+$/i.test(stem) && out.length > 0) {
      out.push(`${out.pop() as string}${stem.slice(3)}`); // livemint: `slug/amp-<id>` is `slug-<id>`
    } else if (stem !== undefined && /\d-amp$/i.test(stem)) {
      out.push(stem.slice(0, -4)); // hindustantimes: `slug-<id>-amp.html` is `slug-<id>.html`
    } else {
      out.push(segment);
      continue;
    }
    changed = true;
  }
  return changed ? out : undefined;
}

/**
 * One spelling per path segment or query part: percent-decoded, then re-encoded with upper-case hex,
 * leaving unreserved characters and sub-delimiters raw (`%3a` = `%3A` = `:`, `“` = `%E2%80%9C`).
 */
function canonicalPart(raw: string): string {
  if (CANONICAL_SEGMENT.test(raw)) return raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Not UTF-8 (e.g. Latin-1 `%E9`): keep the bytes, only the hex case is normalized.
    return raw.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
  }
  return encodeURIComponent(decoded).replace(/%(?:21|24|26|27|28|29|2A|2B|2C|3B|3D|3A|40)/g, (escape) =>
    String.fromCharCode(Number.parseInt(escape.slice(1), 16)),
  );
}

/** Query without tracking and AMP parameters, sorted by name then value. */
function canonicalQuery(params: URLSearchParams, domain: string | undefined): string {
  const kept: [string, string][] = [];
  for (const [name, value] of params) {
    if (name === '') continue;
    const lower = name.toLowerCase();
    if (lower === AMP_FLAG_PARAM) continue;
    if (AMP_VALUE_PARAMS.has(lower) && value.toLowerCase() === 'amp') continue;
    if (isTrackingParam(lower, domain)) continue;
    kept.push([name, value]);
  }
  if (kept.length === 0) return '';
  kept.sort(([na, va], [nb, vb]) => (na < nb ? -1 : na > nb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return kept.map(([name, value]) => `${queryPart(name)}=${queryPart(value)}`).join('&');
}

/** Exactly the characters {@link queryPart} leaves raw: encodeURIComponent's unreserved set plus those it decodes back. */
const RAW_QUERY_PART = /^[A-Za-z0-9\-_.!~*'()$,;:@/?]*$/;

/** Like canonicalPart, but `&`, `=` and `+` stay encoded: they delimit or mean space in a query. */
function queryPart(text: string): string {
  if (RAW_QUERY_PART.test(text)) return text; // nothing to encode: the common case
  return encodeURIComponent(text).replace(/%(?:21|24|27|28|29|2A|2C|3B|3A|40|2F|3F)/g, (escape) =>
    String.fromCharCode(Number.parseInt(escape.slice(1), 16)),
  );
}

function joinKey(parts: KeyParts, segments: readonly string[]): string {
  return `${parts.host}/${segments.join('/')}${parts.query ? `?${parts.query}` : ''}`;
}
