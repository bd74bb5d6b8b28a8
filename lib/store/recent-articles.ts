/**
 * Whole articles the Store read lately, by id, least recently used first: a page's badge, sidebar
 * and popup ask for the same article in turn, and its chunk is a read of tens of kB. The Store
 * empties it on every write. Imported by lib/store/store.ts only.
 */
import type { Article } from '../model/article';

/** A few tabs' worth: a few hundred kB at most. */
const RECENT_ARTICLES = 32;

export class RecentArticles {
  private readonly byId = new Map<string, Article>();

  /** The article if read lately; counts as a fresh use. */
  get(id: string): Article | undefined {
    const article = this.byId.get(id);
    if (article) {
      this.byId.delete(id);
      this.byId.set(id, article);
    }
    return article;
  }

  /** Keeps `article`, dropping the least recently used one past the limit. */
  remember(article: Article): void {
    this.byId.set(article.id, article);
    if (this.byId.size > RECENT_ARTICLES) this.byId.delete(this.byId.keys().next().value!);
  }

  clear(): void {
    this.byId.clear();
  }
}
