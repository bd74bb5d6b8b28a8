/**
 * lib/app/link-scores.ts on a real store (fake IndexedDB): a page's links matched in one batch — direct, through each
 * engine's redirect, AMP and tracking forms — answered from the URL table without reading a chunk; non-matching and
 * non-http links get null; the two switches decide where chips show.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../lib/store/store';
import { newFeedState } from '../../../lib/model/feed-state';
import { answerLinkScores, scoreLinks } from '../../../lib/app/link-scores';
import { linkChipsEnabled } from '../../../lib/app/site-chips';
import { defaultSettings } from '../../../lib/app/settings';
import { fakeArticle } from '../../fixtures/fake-article';

const API = 'https://feeds.example.org/api/news/ai-in-healthcare/';
const scored = fakeArticle({ sources: [API] }); // quality 64, www.example-health-news.com
const unscored = fakeArticle({
  sources: [API],
  title: 'Clinic trials a made-up triage chatbot',
  quality: undefined,
  urls: { web: 'https://medwire.example.org/news/triage-chatbot-trial' },
});
const SERP = 'https://www.google.com/search?q=sepsis+ai';
const MISS = 'https://unknown.example.net/2021/06/01/some-story/';
const enc = encodeURIComponent;

let count = 0;
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A store holding both articles, its URL table compacted and loaded, with every IndexedDB transaction recorded. */
async function storeWithArticles(): Promise<{ store: Store; transactions: string[][] }> {
  const store = await openStore(`link-scores-test-${process.pid}-${++count}`);
  stores.push(store);
  await store.mergeArticles(API, [scored, unscored], newFeedState(API, 'api'), 1);
  await store.compactIndex();
  expect(await store.tableReady()).toBe(true);
  const transactions: string[][] = [];
  const original = store.db.transaction.bind(store.db);
  (store.db as unknown as { transaction: unknown }).transaction = (names: string | string[], ...rest: unknown[]) => {
    transactions.push(typeof names === 'string' ? [names] : [...names]);
    return (original as (...args: unknown[]) => unknown)(names, ...rest);
  };
  return { store, transactions };
}

describe('scoreLinks', () => {
  it('matches a results page in one batch, aligned with the links, from memory only', async () => {
    const { store, transactions } = await storeWithArticles();
    const web = scored.urls.web;
    const links = [
      web, // direct
      `/url?q=${enc(web)}&sa=U`, // Google redirect, relative to the page
      `https://www.bing.com/ck/a?!&&p=1&u=a1${Buffer.from(web).toString('base64url')}&ntb=1`,
      `https://duckduckgo.com/l/?uddg=${enc(web)}&rut=x`,
      scored.urls.cdnAmp!, // AMP cache
      `${web}?utm_source=newsletter&fbclid=abc`, // tracking variant
      unscored.urls.web, // a match without a score
      MISS, // matches nothing
      'https://www.google.com/preferences', // the engine's own link
      'javascript:void(0)',
    ];
    const scores = await scoreLinks(links, (keys) => store.findFacts(keys), SERP);
    const hit = { score: 64, title: scored.title, site: 'example-health-news.com' };
    expect(scores).toEqual([hit, hit, hit, hit, hit, hit, { score: null, title: unscored.title, site: 'example.org' }, null, null, null]);
    // Badge facts from the table: no chunk, no index bucket read.
    expect(transactions.flat().filter((name) => name === 'chunks' || name === 'urlIndex')).toEqual([]);
  });

  it('looks up each distinct target once', async () => {
    const asked: string[][] = [];
    const web = scored.urls.web;
    await scoreLinks([web, web, `https://www.google.com/url?q=${enc(web)}`, MISS, MISS], async (keys) => {
      asked.push([...keys]);
      return undefined;
    });
    expect(asked).toHaveLength(2);
  });
});

describe('where chips show', () => {
  const settings = defaultSettings([]);

  it('by default on search result pages only', () => {
    expect(linkChipsEnabled(settings, SERP)).toBe(true);
    expect(linkChipsEnabled(settings, 'https://duckduckgo.com/?q=x')).toBe(true);
    expect(linkChipsEnabled(settings, 'https://news.example/story')).toBe(false);
    expect(linkChipsEnabled(settings, undefined)).toBe(false);
  });

  it('each switch governs its own pages', () => {
    const flipped = { linkChips: { searchResults: false, otherSites: true, sites: [] } };
    expect(linkChipsEnabled(flipped, SERP)).toBe(false);
    expect(linkChipsEnabled(flipped, 'https://news.example/story')).toBe(true);
  });

  it('answers "disabled" without a lookup when switched off, and scores when on', async () => {
    const { store } = await storeWithArticles();
    const off = await answerLinkScores([scored.urls.web], SERP, store, { linkChips: { searchResults: false, otherSites: false, sites: [] } });
    expect(off).toEqual({ enabled: false });
    const on = await answerLinkScores([scored.urls.web, MISS], SERP, store, settings);
    expect(on).toEqual({ enabled: true, scores: [{ score: 64, title: scored.title, site: 'example-health-news.com' }, null] });
  });
});
