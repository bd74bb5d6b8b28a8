/**
 * `mergeArticle`: folds one source's record of an article into the stored one with the same id.
 * Pure: no browser APIs, no storage; imported by the store (merge on write and on read), the sync engine and tools/bundle-build.ts.
 *
 * Fixed precedence, whatever order feeds, pages or chunks arrive in: every field is chosen by a rule that is commutative,
 * associative and idempotent, so folding the same records in any order gives the same article.
 * - Headline (`title`, `excerpt`, `publishedAt`, `urls.web`): from the record newest by its own date (`publishedAt`); a tie goes to
 *   the greater title, then excerpt, so no arrival order decides it.
 * - Dataset fields (`quality`, `heat`, `related`, `images`, optional URLs): a record lacking one never replaces it (a JSON API item has
 *   no `quality` and no `related`, so it can never wipe the dataset's score or list). Two different present values: the greater one
 *   (for lists: the longer list, whole, in its own order).
 * - `topics` and `sources` are sets: the union (sorted once two different lists meet).
 * The same feed's record read again (same `sources`: a later page, a rewritten month) is that feed's newer word on the
 * article, so its present fields replace the stored ones (`fresherRead`); an absent field still erases nothing.
 */
import type { Article, ArticleUrls, Provider, RelatedRef } from './article';
import { matchKey } from '../match/match-key';

/**
 * Merges `incoming` into `existing` (same id). Idempotent: merging the same record again reports `changed: false`.
 * The result does not depend on which of the two is `existing` (see the module header).
 * @param existing the stored record, or undefined for a new article
 * @param incoming the freshly normalized record
 * @param now epoch ms; becomes `updatedAt` only when something changed
 * @returns the merged article and whether it differs from `existing` (ignoring `updatedAt`)
 */
export function mergeArticle(existing: Article | undefined, incoming: Article, now: number): { article: Article; changed: boolean } {
  if (!existing) return { article: { ...incoming, updatedAt: now }, changed: true };
  const merged = sameSources(existing.sources, incoming.sources) ? fresherRead(existing, incoming) : acrossSources(existing, incoming);
  const changed = !sameValue(withoutUpdatedAt(merged), withoutUpdatedAt(existing));
  return { article: changed ? { ...merged, updatedAt: now } : existing, changed };
}

/** Two feeds' records of one article, by the fixed precedence of the module header. */
function acrossSources(existing: Article, incoming: Article): Article {
  const headline = compareHeadline(incoming, existing) > 0 ? incoming : existing;
  return {
    id: existing.id,
    title: headline.title,
    excerpt: headline.excerpt,
    publishedAt: headline.publishedAt,
    urls: {
      web: headline.urls.web,
      ...pick('original', greaterUrl(existing.urls, incoming.urls, 'original')),
      ...pick('amp', greaterUrl(existing.urls, incoming.urls, 'amp')),
      ...pick('cdnAmp', greaterUrl(existing.urls, incoming.urls, 'cdnAmp')),
    },
    provider: greaterProvider(existing.provider, incoming.provider),
    topics: unionOfSets(existing.topics, incoming.topics),
    ...pick('quality', greaterNumber(existing.quality, incoming.quality)),
    ...pick('heat', greaterNumber(existing.heat, incoming.heat)),
    ...pick('images', greaterList(existing.images ?? [], incoming.images ?? [])),
    related: greaterList(existing.related, incoming.related) ?? [],
    sources: unionOfSets(existing.sources, incoming.sources),
    updatedAt: existing.updatedAt,
  };
}

/**
 * One feed's record read again: every field it carries wins (its date too: a feed may re-date or re-score its own
 * item); a field it lacks keeps the stored value; lists are united, the incoming entry winning for a shared key.
 */
function fresherRead(existing: Article, incoming: Article): Article {
  return {
    id: existing.id,
    title: incoming.title || existing.title,
    excerpt: incoming.excerpt || existing.excerpt,
    publishedAt: incoming.publishedAt || existing.publishedAt,
    urls: {
      web: incoming.urls.web,
      ...pick('original', incoming.urls.original ?? existing.urls.original),
      ...pick('amp', incoming.urls.amp ?? existing.urls.amp),
      ...pick('cdnAmp', incoming.urls.cdnAmp ?? existing.urls.cdnAmp),
    },
    provider: { name: incoming.provider.name || existing.provider.name, domain: incoming.provider.domain || existing.provider.domain },
    topics: union(incoming.topics, existing.topics, (topic) => topic),
    ...pick('quality', incoming.quality ?? existing.quality),
    ...pick('heat', incoming.heat ?? existing.heat),
    ...pick('images', incoming.images?.length ? incoming.images : existing.images),
    related: union(incoming.related, existing.related, relatedKey),
    sources: existing.sources,
    updatedAt: existing.updatedAt,
  };
}

/** One feed's record against that same feed's stored record (merged records of several feeds never count). */
function sameSources(a: readonly string[], b: readonly string[]): boolean {
  return a.length === 1 && b.length === 1 && a[0] === b[0];
}

/** Related entries are one per match key of their URL; an unparseable URL keys on itself. */
function relatedKey(ref: RelatedRef): string {
  return matchKey(ref.url) ?? ref.url;
}

/** `first` in order, then the entries of `second` whose key is new; for a key in both, `first`'s entry wins whole. */
function union<T>(first: readonly T[], second: readonly T[], key: (entry: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const entry of [...first, ...second]) {
    const k = key(entry);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(entry);
  }
  return out;
}

/**
 * > 0 when `a`'s headline wins: newer `publishedAt`, then the greater title, excerpt, web URL. The store's URL table picks
 * badge titles by the same (date, title) order (lib/store/url-table.ts): keep the two in step.
 */
function compareHeadline(a: Article, b: Article): number {
  return (
    compareText(a.publishedAt, b.publishedAt) ||
    compareText(a.title, b.title) ||
    compareText(a.excerpt, b.excerpt) ||
    compareText(a.urls.web, b.urls.web)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The greater of two optional numbers; absent never wins over present. */
function greaterNumber(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function greaterUrl(a: ArticleUrls, b: ArticleUrls, key: 'original' | 'amp' | 'cdnAmp'): string | undefined {
  const x = a[key];
  const y = b[key];
  if (x === undefined) return y;
  if (y === undefined) return x;
  return x >= y ? x : y;
}

/** A named provider over an unnamed one, one with a domain over one without, then the greater name and domain. */
function greaterProvider(a: Provider, b: Provider): Provider {
  const order =
    Number(a.name !== '') - Number(b.name !== '') ||
    Number(a.domain !== '') - Number(b.domain !== '') ||
    compareText(a.name, b.name) ||
    compareText(a.domain, b.domain);
  return order >= 0 ? a : b;
}

/**
 * One of two lists, whole: an empty list never wins; then the longer; then the greater serialization. Choosing (rather than
 * uniting) keeps a dataset's own order of `related`, and stays order-independent.
 * @returns undefined when both are empty
 */
function greaterList<T>(a: readonly T[], b: readonly T[]): T[] | undefined {
  if (a.length === 0 && b.length === 0) return undefined;
  if (a.length !== b.length) return [...(a.length > b.length ? a : b)];
  return [...(compareText(canonical(a), canonical(b)) >= 0 ? a : b)];
}

/** Set union: one list when both hold the same entries in the same order (idempotent, keeps `changed` honest), else sorted. */
function unionOfSets(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === b.length && a.every((entry, i) => entry === b[i])) return [...a];
  return [...new Set([...a, ...b])].sort(compareText);
}

/** `{ [key]: value }` when value is defined, else `{}` (optional fields stay absent, never `undefined`). */
function pick<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** JSON with object keys sorted, so two equal values serialize the same whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([x], [y]) => compareText(x, y)))
      : entry,
  );
}

function withoutUpdatedAt(article: Article): Omit<Article, 'updatedAt'> {
  const { updatedAt: _ignored, ...rest } = article;
  return rest;
}

/** Structural equality for JSON-like values; object key order does not matter, array order does. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((entry, i) => sameValue(entry, b[i]));
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
