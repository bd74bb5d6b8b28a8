/**
 * `normalizeDraft`: every normalization rule, applied to a source-independent {@link ArticleDraft}: id from the match
 * key, UTC dates, decoded and capped text, http(s)-only URLs, deduplicated topics and related, and a final check
 * against the `Article` schema. Pure, no I/O; imported by lib/ingest/normalize.ts and lib/ingest/bundle-codec.ts.
 */
import { decodeHTMLStrict } from 'entities/decode';
import { Article, type ArticleImage, type RelatedRef } from '../model/article';
import { hash } from '../model/hash';
import { isHttpUrl } from '../match/http-url';
import { articleMatchKeys, registrableDomain, urlFacts, type UrlFacts } from '../match/match-key';
import { describeIssue, refusal, type Refusal } from './issue-reason';
import { toUtcIso } from './utc-date';

export type NormalizeResult = { ok: true; article: Article } | Refusal;

/** Longer titles are rejected: a 1 MB title is hostile input, and no headline comes close (sample max ≈ 300). */
const MAX_TITLE_LENGTH = 2000;
/** Longer excerpts are truncated (with `…`), not rejected: the rest of the record is still useful. */
export const MAX_EXCERPT_LENGTH = 5000;
/** Caps on list lengths and short strings, so one record cannot bloat storage (sample: related ≤ 21, topics ≤ 5). */
const MAX_RELATED = 100;
const MAX_TOPICS = 50;
const MAX_IMAGES = 20;
const MAX_SHORT_TEXT = 500;
/** HttpUrl's own cap; checked first to give a clearer reason than "not http(s)". */
const MAX_URL_LENGTH = 4096;

/**
 * A source-independent intermediate record, then {@link normalizeDraft} applies every rule. Built by lib/ingest/normalize.ts
 * (API items and front matter, through one mapping: they share field names) and lib/ingest/bundle-codec.ts (bundle articles).
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

  if (typeof draft.webUrl !== 'string' || draft.webUrl.trim() === '') return refusal({ code: 'field-missing', field: 'webUrl' });
  const webUrl = draft.webUrl.trim();
  if (webUrl.length > MAX_URL_LENGTH) return refusal({ code: 'too-long', field: 'webUrl', max: MAX_URL_LENGTH });
  // One parse gives the id's key and the provider's host and site (each URL is read once per record).
  const web = urlFacts(webUrl);
  if (web === undefined) return refusal({ code: 'url-not-http', field: 'webUrl' });
  const key = web.key;

  // Length checks run on the raw string first so a 1 MB title is refused before any decoding work.
  if (typeof draft.title !== 'string') return refusal({ code: 'field-missing', field: 'title' });
  if (draft.title.length > MAX_TITLE_LENGTH * 10) return refusal({ code: 'too-long', field: 'title', max: MAX_TITLE_LENGTH });
  const title = text(draft.title);
  if (title === '') return refusal({ code: 'field-missing', field: 'title' });
  if (title.length > MAX_TITLE_LENGTH) return refusal({ code: 'too-long', field: 'title', max: MAX_TITLE_LENGTH });

  const publishedAt = toUtcIso(draft.publishedAt);
  if (publishedAt === undefined) {
    return refusal(draft.publishedAt ? { code: 'invalid-date', field: 'publishedDateTime' } : { code: 'field-missing', field: 'publishedDateTime' });
  }

  // Real scores run 0–171: a negative or absurd one is a broken record, refused and counted, never a badge.
  if (typeof draft.quality === 'number' && !(Number.isFinite(draft.quality) && draft.quality >= 0 && draft.quality <= MAX_QUALITY)) {
    return refusal({ code: 'out-of-range', field: 'quality', value: draft.quality, min: 0, max: MAX_QUALITY });
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
    provider: provider(draft.providerName, draft.providerDomain, web, decode),
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

  // Belt and braces: the result must satisfy our own schema, whatever the rules above missed. The schema itself decides
  // (a hand-written twin saved about 0.1 s per 100k records: not worth a second definition of Article).
  const checked = Article.safeParse(article);
  if (!checked.success) return refusal(describeIssue(checked.error.issues[0], article));
  // The store indexes these keys when it writes the article's chunk: computed now, while the web key is at hand.
  articleMatchKeys(article.urls);
  return { ok: true, article };
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
  // The HttpUrl schema's rule (≤ MAX_URL_LENGTH chars, isHttpUrl), without a zod parse per URL.
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

/**
 * Decoded (optionally), whitespace-trimmed text; missing → ''. Decoding is HTML's, strict form: an entity needs its `;`,
 * so `AT&T` and `?a=1&not=2` stay as written; unknown names stay too.
 */
function cleanText(value: string | null | undefined, decode: boolean): string {
  if (typeof value !== 'string') return '';
  return (decode && value.includes('&') ? decodeHTMLStrict(value) : value).trim();
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
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_QUALITY ? value : undefined;
}

/** The highest quality score we accept: the dataset's run 0–171, so anything past this is broken data. */
const MAX_QUALITY = 1000;

function provider(name: string | null | undefined, domain: string | null | undefined, link: UrlFacts, decode: boolean) {
  // No domain in the record: fall back to the article's host, so the UI can still say where it is from.
  const linkHost = link.hostname.toLowerCase().replace(/^www\./, '');
  const claimed = cleanText(clip(domain, MAX_SHORT_TEXT), false).toLowerCase();
  // A feed may not name another outlet than the link's own site: the link's registrable domain is what the reader gets.
  const linkSite = link.site;
  const trusted = !claimed || !linkSite || registrableDomain(`https://${claimed.replace(/^\.+|\/.*$/g, '')}/`) === linkSite;
  const cleanDomain = trusted ? claimed || linkHost : linkSite;
  const cleanName = (trusted ? percentDecode(cleanText(clip(name, MAX_SHORT_TEXT), decode)).trim() : '') || cleanDomain;
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
    const url = typeof entry.url === 'string' ? entry.url.trim() : '';
    const facts = url !== '' && url.length <= MAX_URL_LENGTH ? urlFacts(url) : undefined;
    const key = facts?.key;
    if (!facts || !key || seen.has(key)) continue;
    const title = cleanText(clip(entry.title, MAX_TITLE_LENGTH * 10), decode);
    if (title === '' || title.length > MAX_TITLE_LENGTH) continue;
    seen.add(key);
    const ref: RelatedRef = { title, url };
    const excerpt = truncate(cleanText(clip(entry.excerpt, MAX_EXCERPT_LENGTH * 10), decode), MAX_EXCERPT_LENGTH);
    if (excerpt) ref.excerpt = excerpt;
    const quality = score(entry.quality);
    if (quality !== undefined) ref.quality = quality;
    if (entry.providerName || entry.providerDomain) ref.provider = provider(entry.providerName, entry.providerDomain, facts, decode);
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
