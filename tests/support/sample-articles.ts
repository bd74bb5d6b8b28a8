/**
 * Loads the real everyday-cc sample (every JSON API item and every Markdown file) as `Article`s, merged by id.
 * Used by the ranking evaluation (scripts/eval-related.ts) and its tests; file access is injected, so it runs under vitest and tsx alike.
 */
import { parse as parseYaml } from 'yaml';
import { Article, HttpUrl, RelatedRef } from '../../lib/schema/article';
import { matchKey } from '../../lib/url';

/** How the loader reaches the sample: the same shape as tests/support/shared-data.ts offers. */
export interface SampleReader {
  files(dir: string, suffix: string): string[];
  text(path: string): string;
}

/** The sample as articles, plus which sample paths (`_news/….md`) produced each article id (labels name paths). */
export interface SampleArticles {
  articles: Article[];
  pathsById: Map<string, string[]>;
}

type Raw = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const httpUrl = (value: unknown): string | undefined => (HttpUrl.safeParse(value).success ? (value as string) : undefined);

/** Stand-in id until lib/normalize.ts lands: a 32-bit FNV-1a of the match key (only needs to be stable within one run). */
function idFor(url: string): string {
  const key = matchKey(url) ?? url;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return `a${(h >>> 0).toString(16)}`;
}

function isoUtc(value: unknown): string | undefined {
  const text = value instanceof Date ? value.toISOString() : str(value);
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function provider(raw: unknown): Article['provider'] {
  const p = (raw ?? {}) as Raw;
  return { name: str(p.name) ?? '', domain: (str(p.domain) ?? '').toLowerCase() };
}

function relatedRefs(raw: unknown): RelatedRef[] {
  if (!Array.isArray(raw)) return [];
  const out: RelatedRef[] = [];
  for (const item of raw as Raw[]) {
    const parsed = RelatedRef.safeParse({
      title: str(item.title) ?? '',
      url: httpUrl(item.webUrl),
      excerpt: str(item.excerpt),
      quality: typeof item.quality === 'number' ? item.quality : undefined,
      provider: item.provider ? provider(item.provider) : undefined,
      publishedAt: isoUtc(item.publishedDateTime),
      ampUrl: httpUrl(item.ampWebUrl),
      cdnAmpUrl: httpUrl(item.cdnAmpWebUrl),
    });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

function toArticle(raw: Raw, source: string): Article | undefined {
  const web = httpUrl(raw.webUrl);
  const publishedAt = isoUtc(raw.publishedDateTime);
  if (!web || !publishedAt) return undefined;
  const quality = typeof raw.quality === 'number' ? raw.quality : undefined;
  const heat = typeof raw.heat === 'number' && raw.heat >= 0 ? raw.heat : undefined;
  const parsed = Article.safeParse({
    id: idFor(web),
    title: str(raw.title) ?? '',
    excerpt: str(raw.excerpt) ?? '',
    publishedAt,
    urls: { web, original: httpUrl(raw.originalUrl), amp: httpUrl(raw.ampWebUrl), cdnAmp: httpUrl(raw.cdnAmpWebUrl) },
    provider: provider(raw.provider),
    topics: Array.isArray(raw.topics) ? raw.topics.filter((t): t is string => typeof t === 'string') : [],
    quality,
    heat,
    related: relatedRefs(raw.related),
    sources: [source],
    updatedAt: 0,
  });
  return parsed.success ? parsed.data : undefined;
}

/** Markdown (front matter only) → its YAML object. */
function frontMatter(text: string): Raw | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match?.[1]) return undefined;
  const value: unknown = parseYaml(match[1]);
  return value && typeof value === 'object' ? (value as Raw) : undefined;
}

/** Merge rule of DESIGN.md: present fields win over missing ones; topics and related lists are united. */
function merge(a: Article, b: Article): Article {
  const relatedKeys = new Set(a.related.map((r) => matchKey(r.url)));
  return {
    ...a,
    quality: a.quality ?? b.quality,
    heat: a.heat ?? b.heat,
    topics: [...new Set([...a.topics, ...b.topics])],
    related: [...a.related, ...b.related.filter((r) => !relatedKeys.has(matchKey(r.url)))],
    sources: [...new Set([...a.sources, ...b.sources])],
  };
}

/**
 * Every article in the sample, merged by id (Markdown first, so its quality and related lists lead).
 * @param reader file access rooted at the sample folder
 */
export function loadSampleArticles(reader: SampleReader): SampleArticles {
  const byId = new Map<string, Article>();
  const pathsById = new Map<string, string[]>();
  const add = (raw: Raw, source: string) => {
    const article = toArticle(raw, source);
    if (!article) return;
    const existing = byId.get(article.id);
    byId.set(article.id, existing ? merge(existing, article) : article);
    const path = str(raw.path) ?? (source.endsWith('.md') ? source : undefined);
    if (path) {
      const paths = pathsById.get(article.id) ?? [];
      if (!paths.includes(path)) paths.push(path);
      pathsById.set(article.id, paths);
    }
  };
  for (const file of reader.files('_news', '.md')) {
    const raw = frontMatter(reader.text(file));
    if (raw) add(raw, file);
  }
  for (const file of reader.files('api', '.json')) {
    const page = JSON.parse(reader.text(file)) as { value?: Raw[] };
    for (const item of page.value ?? []) add(item, file);
  }
  return { articles: [...byId.values()], pathsById };
}

let madeUpCount = 0;

/**
 * A made-up article for unit tests (invented text only; never third-party copy). Overrides win.
 * @param overrides fields to set
 */
export function madeUpArticle(overrides: Partial<Article> = {}): Article {
  madeUpCount++;
  return {
    id: `fake-${madeUpCount}`,
    title: `Made-up headline number ${madeUpCount}`,
    excerpt: '',
    publishedAt: '2021-06-15T12:00:00.000Z',
    urls: { web: `https://example-${madeUpCount}.test/story/${madeUpCount}` },
    provider: { name: `Outlet ${madeUpCount}`, domain: `example-${madeUpCount}.test` },
    topics: ['AI', 'AI in Healthcare'],
    related: [],
    sources: ['test'],
    updatedAt: 0,
    ...overrides,
  };
}
