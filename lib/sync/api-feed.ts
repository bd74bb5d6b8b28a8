/**
 * Reads a JSON API feed page by page (`index.json`, `page/<n>/index.json`) into the store, one
 * transaction per page with its checkpoint. Called by run-sync only.
 */
import type { Article } from '../model/article';
import type { FeedState } from '../model/feed-state';
import { parseApiPage } from '../ingest/api-schema';
import { normalizeApiItem } from '../ingest/normalize';
import { FeedError, isFeedError, parseJsonBody, type Fetched } from './fetch-resource';
import { addCounts, fetchForRun, type FeedRun } from './feed-run';
import { DUPLICATE_REASON, type RejectionLog } from './rejections';

/** A run reads at most this many API pages per feed; the rest waits for the next run. */
export const MAX_PAGES_PER_RUN = 50;

/** URL of page `page` of the API feed at `base`. */
function pageUrlOf(base: string, page: number): string {
  return page === 1 ? `${base}index.json` : `${base}page/${page}/index.json`;
}

/**
 * Reads the feed from its checkpoint (or page 1) on. A refresh of a feed read to its end stops at a
 * 304 or at the first page with nothing new; a first import, or one resumed from its checkpoint
 * (after a failure or the page cap), reads on to the last page: a list that shifted meanwhile has
 * pushed older items onto later pages, which an early stop would never reach.
 */
export async function syncApiFeed(run: FeedRun): Promise<void> {
  const { state, rejections } = run;
  const base = state.url;
  const checkpoint = state.checkpoint ?? { runId: `${run.owner}:${run.now()}`, pagesDone: 0 };
  const catchingUp = state.checkpoint !== undefined || state.lastSuccessAt === undefined;
  const storedIds = new Set((await run.store.chunkInfos(base)).flatMap((info) => info.ids));
  let page: number | undefined = checkpoint.nextPage ?? 1;
  const seen = new Set<number>();
  let pagesThisRun = 0;
  // Articles read this run; an API feed does not say how many it has, so there is no total.
  let articlesRead = 0;
  for (;;) {
    if (page === undefined || run.signal?.aborted) break;
    if (pagesThisRun >= run.maxPagesPerRun) {
      // Page cap: remember where to continue; the checkpoint survives the successful finish.
      state.checkpoint = { ...checkpoint, nextPage: page };
      return;
    }
    if (seen.has(page)) throw new FeedError({ code: 'page-loop', page }, base);
    seen.add(page);
    const pageUrl = pageUrlOf(base, page);
    let fetched: Fetched;
    try {
      // Catching up needs every page's body (its items and nextPage): no conditional request.
      fetched = await fetchForRun(run, pageUrl, catchingUp ? {} : state.validators[pageUrl]);
    } catch (error) {
      // A later page that is gone (the API's window moved, or `nextPage` is stale) ends the chain
      // like `nextPage: null`: the pages read so far stand and the feed still succeeds; the gap
      // is reported with the rejections.
      if (page > 1 && isFeedError(error) && error.problem.code === 'http-status' && (error.problem.status === 404 || error.problem.status === 410)) {
        rejections.add({ code: 'page-missing', page, status: error.problem.status }, pageUrl);
        state.counts.rejected = rejections.total;
        state.checkpoint = { ...checkpoint, nextPage: undefined, pagesDone: checkpoint.pagesDone };
        break;
      }
      throw error;
    }
    pagesThisRun++;
    if (fetched.status === 'not-modified') break; // nothing new on this page: later pages are older still
    state.counts.downloaded++;
    const parsed = parseApiPage(tolerateEnvelope(parseJsonBody(fetched.text, pageUrl, fetched.contentType), page, rejections));
    if (!parsed.ok) throw new FeedError({ code: 'bad-page', page, issue: parsed.problem }, pageUrl);
    const articles = normalizePage(run, parsed.items, page);
    const incoming = new Set(articles.map((a) => a.id).filter((id) => !storedIds.has(id)));
    const max = run.limits.maxArticlesPerFeed;
    if (storedIds.size + incoming.size > max) {
      throw new FeedError({ code: 'feed-too-big', limit: max, page }, pageUrl);
    }
    state.counts.rejected = rejections.total;
    const nextPage = parsed.nextPage ?? undefined;
    // The page's validators and the checkpoint past it are saved in the transaction that stores its
    // articles, and only then kept: after a failed write the page is downloaded again, not 304.
    const saved: FeedState = {
      ...state,
      validators: { ...state.validators, [pageUrl]: { etag: fetched.etag, lastModified: fetched.lastModified } },
      checkpoint: { ...checkpoint, nextPage, pagesDone: checkpoint.pagesDone + 1 },
      rejections: rejections.top(),
    };
    const counts = await run.store.mergeArticles(base, articles, saved, run.now(), run.guard);
    state.validators = saved.validators;
    state.checkpoint = saved.checkpoint;
    state.rejections = saved.rejections;
    checkpoint.pagesDone++;
    for (const id of incoming) storedIds.add(id);
    addCounts(state.counts, counts);
    articlesRead += articles.length;
    run.progress(checkpoint.pagesDone, undefined, { done: articlesRead });
    await run.lock.refresh(run.now());
    // Stop once a page brings nothing new: the rest was read by an earlier run.
    if (!catchingUp && counts.added === 0 && counts.updated === 0 && articles.length > 0) break;
    page = nextPage;
  }
  state.checkpoint = undefined;
}

/** The page's items as articles; invalid ones are logged as rejections, duplicates noted. */
function normalizePage(run: FeedRun, items: readonly unknown[], page: number): Article[] {
  const articles: Article[] = [];
  const ids = new Set<string>();
  for (const [position, item] of items.entries()) {
    const result = normalizeApiItem(item, run.state.url, run.now());
    if (!result.ok) {
      run.rejections.add(result.problem, `page ${page} item ${position + 1}`);
      continue;
    }
    // Kept (the store merges copies, later fields win) but reported: the feed contradicts itself.
    if (ids.has(result.article.id)) run.rejections.add(DUPLICATE_REASON, `page ${page} item ${position + 1}`);
    ids.add(result.article.id);
    articles.push(result.article);
  }
  return articles;
}

/**
 * The page envelope's `page` and `nextPage` only steer paging: a missing or malformed one is noted
 * as a rejection and replaced (the requested number; "no next page"), so the page's good items
 * are still stored. `value` stays strict (see parseApiPage).
 */
function tolerateEnvelope(json: unknown, requested: number, rejections: RejectionLog): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const envelope = { ...(json as Record<string, unknown>) };
  const isPageNumber = (value: unknown, min: number) => typeof value === 'number' && Number.isInteger(value) && value >= min;
  if (!isPageNumber(envelope.page, 0)) {
    rejections.add({ code: 'page-number-invalid' }, `page ${requested}`);
    envelope.page = requested;
  }
  if (envelope.nextPage !== undefined && envelope.nextPage !== null && !isPageNumber(envelope.nextPage, 1)) {
    rejections.add({ code: 'next-page-invalid' }, `page ${requested}`);
    envelope.nextPage = null;
  }
  return envelope;
}
