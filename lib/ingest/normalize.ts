/**
 * Source records (JSON API items, Markdown front matter, bundle articles) → our one `Article`, or a short human rejection reason.
 * Pure: no browser APIs, no I/O; imported by the sync engine, lib/ingest/bundle.ts and tools/bundle-build.ts (CLI).
 */
import type { z } from 'zod';
import { ApiImage, ApiItem } from './api-schema';
import { Article, ArticleImage, RelatedRef } from '../model/article';
import { FrontMatter, FrontMatterImage, FrontMatterRelated } from './front-matter-schema';
import { hash } from '../model/hash';
import { matchKey } from '../match/match-key';
import { isHttpUrl } from '../match/http-url';

export type NormalizeResult = { ok: true; article: Article } | { ok: false; reason: string };

/** Longer titles are rejected: a 1 MB title is hostile input, and no headline comes close (sample max ≈ 300). */
export const MAX_TITLE_LENGTH = 2000;
/** Longer excerpts are truncated (with `…`), not rejected: the rest of the record is still useful. */
export const MAX_EXCERPT_LENGTH = 5000;
/** Caps on list lengths and short strings, so one record cannot bloat storage (sample: related ≤ 21, topics ≤ 5). */
export const MAX_RELATED = 100;
export const MAX_TOPICS = 50;
export const MAX_IMAGES = 20;
export const MAX_SHORT_TEXT = 500;
/** Publication years outside this range are junk, not news (the archive starts in 2013). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
/** HttpUrl's own cap; checked first to give a clearer reason than "not http(s)". */
const MAX_URL_LENGTH = 4096;

/**
 * A source-independent intermediate record: the three source shapes map into it, then {@link normalizeDraft} applies every rule.
 * Exported for lib/ingest/bundle.ts.
 */
export interface ArticleDraft {
  title: string;
  excerpt?: string | null;
  publishedAt: string | Date;
  webUrl: string;
  originalUrl?: string | null;
  ampUrl?: string | null;
  cdnAmpUrl?: string | null;
  providerName?: string | null;
  providerDomain?: string | null;
  topics?: readonly string[] | null;
  quality?: number | null;
  heat?: number | null;
  images?: readonly { url: string; width?: number | null; height?: number | null }[];
  related?: readonly RelatedDraft[];
}

/** One related entry before normalization. */
export interface RelatedDraft {
  title: string;
  url: string;
  excerpt?: string | null;
  quality?: number | null;
  providerName?: string | null;
  providerDomain?: string | null;
  publishedAt?: string | Date | null;
  ampUrl?: string | null;
  cdnAmpUrl?: string | null;
  image?: string | null;
}

/** Options for {@link normalizeDraft}. */
export interface NormalizeOptions {
  /** Decode HTML entities in text fields. Off for our own bundle, whose text is already decoded (no double decoding). */
  decodeEntities?: boolean;
}

/**
 * Normalizes one item of a JSON API page. JSON items never carry `quality`, so the article has none (never invented).
 * @param raw one element of the page's `value` array, unvalidated
 * @param source the feed URL the item came from (becomes `sources: [source]`)
 * @param now epoch ms, stored as `updatedAt`
 */
export function normalizeApiItem(raw: unknown, source: string, now: number): NormalizeResult {
  const parsed = ApiItem.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues[0], raw) };
  const item = parsed.data;
  return normalizeDraft(
    {
      title: item.title,
      excerpt: item.excerpt,
      publishedAt: item.publishedDateTime,
      webUrl: item.webUrl,
      originalUrl: item.originalUrl,
      ampUrl: item.ampWebUrl,
      cdnAmpUrl: item.cdnAmpWebUrl,
      providerName: item.provider?.name,
      providerDomain: item.provider?.domain,
      topics: item.topics,
      heat: item.heat,
      images: validEntries(item.images, ApiImage),
    },
    source,
    now,
  );
}

/**
 * Normalizes the parsed YAML front matter of one Markdown article (new or old shape).
 * @param raw the object tools/front-matter.ts parsed, unvalidated
 * @param source where it came from (the CLI uses `'bundle'`)
 * @param now epoch ms, stored as `updatedAt`
 */
export function normalizeFrontMatter(raw: unknown, source: string, now: number): NormalizeResult {
  const parsed = FrontMatter.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error.issues[0], raw) };
  const fm = parsed.data;
  return normalizeDraft(
    {
      title: fm.title,
      excerpt: fm.excerpt,
      publishedAt: fm.publishedDateTime,
      webUrl: fm.webUrl,
      originalUrl: fm.originalUrl,
      ampUrl: fm.ampWebUrl,
      cdnAmpUrl: fm.cdnAmpWebUrl,
      providerName: fm.provider?.name,
      providerDomain: fm.provider?.domain,
      topics: fm.topics,
      quality: fm.quality,
      heat: fm.heat,
      images: validEntries(fm.images, FrontMatterImage),
      related: validEntries(fm.related, FrontMatterRelated).map((entry) => ({
        title: entry.title,
        url: entry.webUrl,
        excerpt: entry.excerpt,
        quality: entry.quality,
        providerName: entry.provider?.name,
        providerDomain: entry.provider?.domain,
        publishedAt: entry.publishedDateTime,
        ampUrl: entry.ampWebUrl,
        cdnAmpUrl: entry.cdnAmpWebUrl,
        image: validEntries(entry.images, FrontMatterImage)[0]?.url,
      })),
    },
    source,
    now,
  );
}

/**
 * Applies every normalization rule to a draft: id from the match key of `webUrl`, UTC dates, decoded and capped text,
 * http(s)-only URLs (a bad `webUrl` rejects; other bad URLs are dropped), `heat: -1` → absent, deduplicated topics and related.
 * @param draft the source-independent record
 * @param source becomes `sources: [source]`
 * @param now epoch ms, stored as `updatedAt`
 * @param options see {@link NormalizeOptions}
 */
export function normalizeDraft(draft: ArticleDraft, source: string, now: number, options: NormalizeOptions = {}): NormalizeResult {
  const decode = options.decodeEntities ?? true;
  const text = (value: string | null | undefined) => cleanText(value, decode);

  if (typeof draft.webUrl !== 'string' || draft.webUrl.trim() === '') return { ok: false, reason: 'missing webUrl' };
  const webUrl = draft.webUrl.trim();
  if (webUrl.length > MAX_URL_LENGTH) return { ok: false, reason: `webUrl longer than ${MAX_URL_LENGTH} chars` };
  const key = httpUrl(webUrl) ? matchKey(webUrl) : undefined;
  if (key === undefined) return { ok: false, reason: 'webUrl is not http(s)' };

  // Length checks run on the raw string first so a 1 MB title is refused before any decoding work.
  if (typeof draft.title !== 'string') return { ok: false, reason: 'missing title' };
  if (draft.title.length > MAX_TITLE_LENGTH * 10) return { ok: false, reason: `title longer than ${MAX_TITLE_LENGTH} chars` };
  const title = text(draft.title);
  if (title === '') return { ok: false, reason: 'missing title' };
  if (title.length > MAX_TITLE_LENGTH) return { ok: false, reason: `title longer than ${MAX_TITLE_LENGTH} chars` };

  const publishedAt = toUtcIso(draft.publishedAt);
  if (publishedAt === undefined) {
    return { ok: false, reason: draft.publishedAt ? 'publishedDateTime is not a valid date' : 'missing publishedDateTime' };
  }

  const urls: Article['urls'] = { web: webUrl };
  const original = optionalUrl(draft.originalUrl);
  if (original) urls.original = original;
  const amp = optionalUrl(draft.ampUrl);
  if (amp) urls.amp = amp;
  const cdnAmp = optionalUrl(draft.cdnAmpUrl);
  if (cdnAmp) urls.cdnAmp = cdnAmp;

  const article: Article = {
    id: hash(key),
    title,
    excerpt: truncate(text(clip(draft.excerpt, MAX_EXCERPT_LENGTH * 10)), MAX_EXCERPT_LENGTH),
    publishedAt,
    urls,
    provider: provider(draft.providerName, draft.providerDomain, webUrl, decode),
    topics: uniqueTopics(draft.topics),
    related: relatedRefs(draft.related ?? [], key, decode),
    sources: [source],
    updatedAt: now,
  };
  const quality = score(draft.quality);
  if (quality !== undefined) article.quality = quality;
  const heat = score(draft.heat);
  if (heat !== undefined) article.heat = heat;
  const images = articleImages(draft.images ?? []);
  if (images.length > 0) article.images = images;

  // Belt and braces: the result must satisfy our own schema, whatever the rules above missed.
  // Hand-checked first (exactly Article's decision, see isArticle); zod runs only to word a failure.
  if (isArticle(article)) return { ok: true, article };
  const checked = Article.safeParse(article);
  if (!checked.success) return { ok: false, reason: describeIssue(checked.error.issues[0], article) };
  return { ok: false, reason: 'invalid record' }; // unreachable while the two checks agree: never let it through
}

// Hand-written twin of the `Article` zod schema (lib/model/article.ts), same accept/reject decision on any value
// (tests/unit/bundle-fast-path.test.ts compares them). Zod compiles no fast parser under the extension's CSP and this
// runs once per imported record. `z.number()` refuses NaN and ±Infinity; `HttpUrl` is a string ≤ 4096 chars that isHttpUrl accepts.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isNum(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}
function isOptNum(value: unknown): boolean {
  return value === undefined || isNum(value);
}
function isOptString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}
function isHttp(value: unknown): boolean {
  return typeof value === 'string' && value.length <= MAX_URL_LENGTH && isHttpUrl(value);
}
function isOptHttp(value: unknown): boolean {
  return value === undefined || isHttp(value);
}
function isProvider(value: unknown): boolean {
  return isRecord(value) && typeof value.name === 'string' && typeof value.domain === 'string';
}
function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const entry of value) if (typeof entry !== 'string') return false;
  return true;
}
function isImage(value: unknown): boolean {
  return isRecord(value) && isHttp(value.url) && isOptNum(value.width) && isOptNum(value.height);
}
function isRelated(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.title === 'string' &&
    isHttp(value.url) &&
    isOptString(value.excerpt) &&
    isOptNum(value.quality) &&
    (value.provider === undefined || isProvider(value.provider)) &&
    isOptString(value.publishedAt) &&
    isOptHttp(value.ampUrl) &&
    isOptHttp(value.cdnAmpUrl) &&
    isOptHttp(value.image)
  );
}

/** Exactly `Article.safeParse(value).success`, without zod. Exported for its equivalence test. */
export function isArticle(value: unknown): value is Article {
  if (!isRecord(value)) return false;
  const urls = value.urls;
  if (
    !(
      typeof value.id === 'string' &&
      typeof value.title === 'string' &&
      typeof value.excerpt === 'string' &&
      typeof value.publishedAt === 'string' &&
      isRecord(urls) &&
      isHttp(urls.web) &&
      isOptHttp(urls.original) &&
      isOptHttp(urls.amp) &&
      isOptHttp(urls.cdnAmp) &&
      isProvider(value.provider) &&
      isStringArray(value.topics) &&
      isOptNum(value.quality) &&
      isOptNum(value.heat) &&
      isStringArray(value.sources) &&
      isNum(value.updatedAt) &&
      Array.isArray(value.related)
    )
  ) {
    return false;
  }
  for (const ref of value.related as unknown[]) if (!isRelated(ref)) return false;
  if (value.images !== undefined) {
    if (!Array.isArray(value.images)) return false;
    for (const image of value.images) if (!isImage(image)) return false;
  }
  return true;
}

/** `Date#toISOString`'s own form, the one our bundles store. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let lastIsoIn: string | undefined;
let lastIsoOut: string | undefined;

/**
 * Converts a date string (any ISO 8601 offset, or none: read as UTC) or Date into UTC ISO with milliseconds,
 * e.g. `2021-12-22T10:00:00-08:00` → `2021-12-22T18:00:00.000Z`. We always keep the milliseconds (`Date#toISOString`).
 * @returns undefined for anything unparseable or outside years 1900–2199
 */
export function toUtcIso(value: string | Date | null | undefined): string | undefined {
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'string') {
    // Our own bundles store dates already in this exact form (and related entries often repeat the article's):
    // a value that round-trips through Date unchanged, with an in-range year, is its own answer.
    if (value === lastIsoIn) return lastIsoOut;
    if (CANONICAL_ISO.test(value)) {
      const year = Number(value.slice(0, 4));
      const time = Date.parse(value);
      if (year >= MIN_YEAR && year <= MAX_YEAR && Number.isFinite(time) && new Date(time).toISOString() === value) {
        lastIsoIn = value;
        lastIsoOut = value;
        return value;
      }
    }
    // Strict pattern: Date.parse alone accepts engine-specific forms and reads zone-less times as local time.
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
    if (!match) return undefined;
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = match;
    const month = Number(mo);
    const day = Number(d);
    // The year is checked here, not only after: Date.UTC maps years 0–99 to 1900–1999.
    if (Number(y) < MIN_YEAR || Number(y) > MAX_YEAR) return undefined;
    if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      const sign = digits.startsWith('-') ? -1 : 1;
      offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
    time = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), ms) - offsetMinutes * 60_000;
    // Reject 2021-02-31 and the like, which Date.UTC would silently roll over.
    if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day) return undefined;
  } else return undefined;
  if (!Number.isFinite(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  return new Date(time).toISOString();
}

/** Named entities seen in news feeds; anything else named stays as written (numeric ones are all decoded). */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', sbquo: '\u201a', bdquo: '\u201e',
  OpenCurlyQuote: '\u2018', CloseCurlyQuote: '\u2019', OpenCurlyDoubleQuote: '\u201c', CloseCurlyDoubleQuote: '\u201d',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', bull: '\u2022', middot: '\u00b7', prime: '\u2032', Prime: '\u2033',
  laquo: '\u00ab', raquo: '\u00bb', lsaquo: '\u2039', rsaquo: '\u203a',
  copy: '\u00a9', reg: '\u00ae', trade: '\u2122', deg: '\u00b0', plusmn: '\u00b1', times: '\u00d7', divide: '\u00f7',
  micro: '\u00b5', para: '\u00b6', sect: '\u00a7', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2',
  frac12: '\u00bd', frac14: '\u00bc', frac34: '\u00be', shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c',
  eacute: '\u00e9', Eacute: '\u00c9', egrave: '\u00e8', aacute: '\u00e1', agrave: '\u00e0', oacute: '\u00f3',
  iacute: '\u00ed', uacute: '\u00fa', ntilde: '\u00f1', ccedil: '\u00e7', uuml: '\u00fc', ouml: '\u00f6',
  auml: '\u00e4', Uuml: '\u00dc', Ouml: '\u00d6', Auml: '\u00c4', szlig: '\u00df',
};

/**
 * Decodes HTML entities: numeric (`&#8217;`, `&#x2019;`) and the named ones in our table, including `&CloseCurlyQuote;`.
 * Invalid code points and unknown names are left as written.
 */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Percent-decodes a display name like `Morningstar%2c Inc.`; a malformed sequence leaves the name as written. */
function percentDecode(value: string): string {
  if (!/%[0-9a-f]{2}/i.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** True for an absolute http(s) URL within our length cap. */
function httpUrl(value: string): boolean {
  // Exactly the HttpUrl schema (≤ MAX_URL_LENGTH chars, isHttpUrl), without a zod parse per URL.
  return value.length <= MAX_URL_LENGTH && isHttpUrl(value);
}

/** A trimmed http(s) URL, or undefined (bad optional URLs are dropped, never fatal). */
function optionalUrl(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed !== '' && httpUrl(trimmed) ? trimmed : undefined;
}

function clip(value: string | null | undefined, max: number): string | null | undefined {
  return typeof value === 'string' && value.length > max ? value.slice(0, max) : value;
}

/** Decoded (optionally), whitespace-trimmed text; missing → ''. */
function cleanText(value: string | null | undefined, decode: boolean): string {
  if (typeof value !== 'string') return '';
  return (decode ? decodeEntities(value) : value).trim();
}

/** Cuts to `max` characters ending with `…`, never splitting a surrogate pair. */
function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** A finite, non-negative score; `-1` (the dataset's "none"), null and junk → undefined. */
function score(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function provider(name: string | null | undefined, domain: string | null | undefined, webUrl: string, decode: boolean) {
  // No domain in the record: fall back to the article's host, so the UI can still say where it is from.
  const cleanDomain = cleanText(clip(domain, MAX_SHORT_TEXT), false).toLowerCase() || new URL(webUrl).hostname.toLowerCase().replace(/^www\./, '');
  const cleanName = percentDecode(cleanText(clip(name, MAX_SHORT_TEXT), decode)).trim() || cleanDomain;
  return { name: cleanName.slice(0, MAX_SHORT_TEXT), domain: cleanDomain.slice(0, MAX_SHORT_TEXT) };
}

function uniqueTopics(topics: readonly string[] | null | undefined): string[] {
  const seen = new Set<string>();
  for (const topic of topics ?? []) {
    const clean = typeof topic === 'string' ? topic.trim().slice(0, MAX_SHORT_TEXT) : '';
    if (clean !== '') seen.add(clean);
    if (seen.size >= MAX_TOPICS) break;
  }
  return [...seen];
}

function articleImages(images: ArticleDraft['images'] & object): ArticleImage[] {
  const out: ArticleImage[] = [];
  for (const image of images) {
    const url = optionalUrl(image.url);
    if (!url) continue;
    const entry: ArticleImage = { url };
    if (typeof image.width === 'number' && Number.isFinite(image.width) && image.width > 0) entry.width = image.width;
    if (typeof image.height === 'number' && Number.isFinite(image.height) && image.height > 0) entry.height = image.height;
    out.push(entry);
    if (out.length >= MAX_IMAGES) break;
  }
  return out;
}

/** Related entries with an http(s) URL and a title, deduplicated by match key, never pointing at the article itself. */
function relatedRefs(related: readonly RelatedDraft[], ownKey: string, decode: boolean): RelatedRef[] {
  const out: RelatedRef[] = [];
  const seen = new Set<string>([ownKey]);
  for (const entry of related) {
    const url = optionalUrl(entry.url);
    const key = url && matchKey(url);
    if (!url || !key || seen.has(key)) continue;
    const title = cleanText(clip(entry.title, MAX_TITLE_LENGTH * 10), decode);
    if (title === '' || title.length > MAX_TITLE_LENGTH) continue;
    seen.add(key);
    const ref: RelatedRef = { title, url };
    const excerpt = truncate(cleanText(clip(entry.excerpt, MAX_EXCERPT_LENGTH * 10), decode), MAX_EXCERPT_LENGTH);
    if (excerpt) ref.excerpt = excerpt;
    const quality = score(entry.quality);
    if (quality !== undefined) ref.quality = quality;
    if (entry.providerName || entry.providerDomain) ref.provider = provider(entry.providerName, entry.providerDomain, url, decode);
    const publishedAt = entry.publishedAt ? toUtcIso(entry.publishedAt) : undefined;
    if (publishedAt) ref.publishedAt = publishedAt;
    const ampUrl = optionalUrl(entry.ampUrl);
    if (ampUrl) ref.ampUrl = ampUrl;
    const cdnAmpUrl = optionalUrl(entry.cdnAmpUrl);
    if (cdnAmpUrl) ref.cdnAmpUrl = cdnAmpUrl;
    const image = optionalUrl(entry.image);
    if (image) ref.image = image;
    out.push(ref);
    if (out.length >= MAX_RELATED) break;
  }
  return out;
}

/** The elements of `list` that pass `schema`; the rest are dropped silently (a bad image or related entry is not fatal). */
function validEntries<S extends z.ZodType>(list: readonly unknown[] | null | undefined, schema: S): z.infer<S>[] {
  const out: z.infer<S>[] = [];
  for (const entry of list ?? []) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/**
 * Turns the first zod issue into a short human reason: `missing title`, `heat is not a number`, `record is not an object`.
 * @param issue the first issue of a failed safeParse
 * @param raw the value that was parsed, to tell "missing" from "wrong type"
 */
export function describeIssue(issue: z.core.$ZodIssue | undefined, raw: unknown): string {
  if (!issue) return 'invalid record';
  if (issue.path.length === 0) return 'record is not an object';
  const field = issue.path.map(String).join('.');
  let value: unknown = raw;
  for (const step of issue.path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  if (value === undefined || value === null) return `missing ${field}`;
  if (issue.code === 'invalid_type') return `${field} is not ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  return `${field}: ${issue.message}`;
}
