/**
 * Loads the real everyday-cc sample (every JSON API item and every Markdown file) through the product pipeline:
 * tools/front-matter.ts → lib/ingest/normalize.ts → lib/model/merge.ts, so ids and fields are exactly the extension's.
 * Used by the ranking evaluation (scripts/eval-related.ts) and its tests; file access is injected, so it runs under vitest and tsx alike.
 */
import { parseFrontMatter } from '../../tools/front-matter';
import { mergeArticle } from '../../lib/model/merge';
import type { NormalizeResult } from '../../lib/ingest/article-draft';
import { normalizeApiItem, normalizeFrontMatter } from '../../lib/ingest/normalize';
import type { Article } from '../../lib/model/article';

/** How the loader reaches the sample: the same shape as tests/support/shared-data.ts offers. */
export interface SampleReader {
  files(dir: string, suffix: string): string[];
  text(path: string): string;
}

/** The sample as articles, plus which sample paths (`_news/….md`) produced each article id (labels name paths). */
export interface SampleArticles {
  articles: Article[];
  pathsById: Map<string, string[]>;
  /** Records read: Markdown files and JSON API items, before merging by id. */
  records: { markdown: number; apiItems: number };
  /** Records the pipeline refused, with its reason (an API item is named `page.json#index`). */
  rejected: { source: string; reason: string }[];
}

/** Fixed `updatedAt` for every record: the evaluation ignores it, and a constant keeps runs identical. */
const LOADED_AT = 0;

/**
 * Every article in the sample, normalized and merged by id as the extension does: Markdown files first (path order, as
 * tools/bundle-build.ts builds the bundle), then JSON API pages merged on top, as sync does after the bundle. JSON items
 * carry no `quality` or `related`, and lib/model/merge.ts never lets a missing field erase a present one.
 * @param reader file access rooted at the sample folder
 */
export function loadSampleArticles(reader: SampleReader): SampleArticles {
  const byId = new Map<string, Article>();
  const pathsById = new Map<string, string[]>();
  const rejected: SampleArticles['rejected'] = [];
  const records = { markdown: 0, apiItems: 0 };
  const add = (result: NormalizeResult | { ok: false; reason: string }, source: string, path: string | undefined) => {
    if (!result.ok) {
      rejected.push({ source, reason: result.reason });
      return;
    }
    const { id } = result.article;
    byId.set(id, mergeArticle(byId.get(id), result.article, LOADED_AT).article);
    if (path) {
      const paths = pathsById.get(id) ?? [];
      if (!paths.includes(path)) paths.push(path);
      pathsById.set(id, paths);
    }
  };
  for (const file of reader.files('_news', '.md')) {
    records.markdown++;
    const front = parseFrontMatter(reader.text(file));
    add(front.ok ? normalizeFrontMatter(front.data, file, LOADED_AT) : front, file, file);
  }
  for (const file of reader.files('api', '.json')) {
    const page = JSON.parse(reader.text(file)) as { value?: unknown } | null;
    const items = Array.isArray(page?.value) ? page.value : [];
    items.forEach((item: unknown, index) => {
      records.apiItems++;
      // The item's `path` names its Markdown twin; lib/ingest/normalize.ts drops it, so it is read here (labels name paths).
      const path = typeof item === 'object' && item !== null ? (item as { path?: unknown }).path : undefined;
      add(normalizeApiItem(item, file, LOADED_AT), `${file}#${index}`, typeof path === 'string' ? path : undefined);
    });
  }
  return { articles: [...byId.values()], pathsById, records, rejected };
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
