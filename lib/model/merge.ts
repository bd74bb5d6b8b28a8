/**
 * `mergeArticle`: folds a freshly normalized record into the stored one with the same id.
 * Pure: no browser APIs, no storage; imported by the store, the corpus cache and tools/bundle-build.ts.
 *
 * Rule: the incoming record is the newer one — it was just read from a feed, the stored one earlier —
 * so every field it carries wins. We do not compare `publishedAt`: syndication copies and re-dated old URLs
 * (both seen in the real sample) make it a poor freshness signal. A field the incoming record lacks never erases a present one,
 * so a JSON item (no `quality`, no `related`) can never wipe the Markdown score. Lists are united.
 */
import type { Article, RelatedRef } from './article';
import { matchKey } from '../match/match-key';

/**
 * Merges `incoming` into `existing` (same id). Idempotent: merging the same record again reports `changed: false`.
 * @param existing the stored record, or undefined for a new article
 * @param incoming the freshly normalized record
 * @param now epoch ms; becomes `updatedAt` only when something changed
 * @returns the merged article and whether it differs from `existing` (ignoring `updatedAt`)
 */
export function mergeArticle(existing: Article | undefined, incoming: Article, now: number): { article: Article; changed: boolean } {
  if (!existing) return { article: { ...incoming, updatedAt: now }, changed: true };

  const merged: Article = {
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
    provider: {
      name: incoming.provider.name || existing.provider.name,
      domain: incoming.provider.domain || existing.provider.domain,
    },
    topics: union(incoming.topics, existing.topics, (topic) => topic),
    ...pick('quality', incoming.quality ?? existing.quality),
    ...pick('heat', incoming.heat ?? existing.heat),
    ...pick('images', incoming.images?.length ? incoming.images : existing.images),
    related: union(incoming.related, existing.related, relatedKey),
    // Existing order first: sources are a set, and a stable order keeps `changed` honest.
    sources: union(existing.sources, incoming.sources, (source) => source),
    updatedAt: existing.updatedAt,
  };
  const changed = !sameValue(withoutUpdatedAt(merged), withoutUpdatedAt(existing));
  return { article: changed ? { ...merged, updatedAt: now } : existing, changed };
}

/** `{ [key]: value }` when value is defined, else `{}` (optional fields stay absent, never `undefined`). */
function pick<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

/** Related entries are one per match key of their URL; an unparseable URL keys on itself. */
function relatedKey(ref: RelatedRef): string {
  return matchKey(ref.url) ?? ref.url;
}

/**
 * `first` in order, then the entries of `second` whose key is new. For an entry in both, the one from `first` wins whole
 * (for related: the incoming entry is the fresher description of that link).
 */
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
