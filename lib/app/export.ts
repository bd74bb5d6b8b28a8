/**
 * Export in pages: the background answers one bounded page of articles per message, and the options
 * page appends each page to a file as it arrives. At 100k articles the whole export is ~170 MB of
 * JSON: as one message it would be serialized, copied and parsed at once on both sides.
 * Pure apart from the injected store and page reader; imported by the background and the options page.
 */
import type { Article } from '../model/article';
import type { ArticleCursor, Store } from '../store/store';

export type { ArticleCursor };

/** Most JSON characters of articles one page carries (one article alone may exceed it). */
export const EXPORT_PAGE_CHARS = 2_000_000;

/** One page of the export, and where the next one starts (absent on the last page). */
export interface ExportPage {
  settings: unknown;
  articles: Article[];
  next?: ArticleCursor;
}

/**
 * The articles after `after`, as many as fit in `maxChars` of JSON (at least one, so every page moves on).
 * @param settings the current settings, sent with every page (a few kB) so the first page needs no other message
 */
export async function exportPage(store: Store, settings: unknown, after?: ArticleCursor, maxChars = EXPORT_PAGE_CHARS): Promise<ExportPage> {
  const articles: Article[] = [];
  let chars = 0;
  const next = await store.readArticlesFrom(after, (article) => {
    const size = JSON.stringify(article).length;
    if (articles.length && chars + size > maxChars) return false;
    articles.push(article);
    chars += size;
    return true;
  });
  return { settings, articles, ...(next ? { next } : {}) };
}

/** What separates the settings from the articles in an export file (see {@link exportFile}). */
const ARTICLES_MARK = '\n  "articles": [';

/**
 * The settings part of an export file, as a small JSON document `{exportedAt, settings}`, read from the file's first
 * characters: an export of 100k articles is far larger than a settings import reads, but its settings come first.
 * @returns `undefined` when `head` is not the start of an export file written by {@link exportFile}
 */
export function exportSettingsPart(head: string): string | undefined {
  if (!head.startsWith('{\n  "exportedAt": ')) return undefined;
  const end = head.indexOf(ARTICLES_MARK);
  if (end < 0) return undefined;
  return `${head.slice(0, end).replace(/,\s*$/, '')}\n}`;
}

/**
 * Reads every page through `readPage` and writes them into one JSON file, `{exportedAt, settings, articles}`, which
 * the settings import reads back. Each page becomes a Blob as it arrives, so only one page is ever held as text.
 * @param readPage one `exportData` message (the cursor of the previous page's `next`)
 */
export async function exportFile(readPage: (after?: ArticleCursor) => Promise<ExportPage>, exportedAt: Date): Promise<{ file: Blob; articles: number }> {
  let page = await readPage();
  const settings = JSON.stringify(page.settings ?? null, null, 2).replace(/\n/g, '\n  ');
  const parts: Blob[] = [new Blob([`{\n  "exportedAt": ${JSON.stringify(exportedAt.toISOString())},\n  "settings": ${settings},${ARTICLES_MARK}`])];
  let count = 0;
  for (;;) {
    let text = '';
    for (const article of page.articles) text += `${count++ ? ',' : ''}\n    ${JSON.stringify(article)}`;
    parts.push(new Blob([text]));
    if (!page.next) break;
    page = await readPage(page.next);
  }
  parts.push(new Blob([`${count ? '\n  ' : ''}]\n}\n`]));
  return { file: new Blob(parts, { type: 'application/json' }), articles: count };
}
