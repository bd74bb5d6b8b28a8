import { describe, expect, it } from 'vitest';
import { PROMO_ARTICLE_PENALTY, PROMO_OUTLET_PENALTY, promoProfile } from '../../../lib/rank/promo-copy';
import { createSearchIndex } from '../../../lib/rank/search-index';
import { planTopPicks } from '../../../lib/rank/top-picks';
import { planRelated } from '../../../lib/rank/related';
import type { Article } from '../../../lib/model/article';
import { madeUpArticle } from '../../support/sample-articles';
import { describeWithSharedData, readShared, sharedFiles } from '../../support/shared-data';
import { loadSampleArticles } from '../../support/sample-articles';

const day = '2021-06-15T12:00:00.000Z';
const reportOutlet = { name: 'Invented Market Wire', domain: 'invented-markets.test' };
const reports = [
  'Invented Imaging Market Size, Share, Growth and Forecast 2021-2028',
  'Made-up Triage Software Market Report: Key Players and Trends',
  'Fictional Sepsis Analytics Market to Reach USD 9 Billion, CAGR 31%',
].map((title, i) =>
  madeUpArticle({ id: `report-${i}`, title, excerpt: 'A made-up market study.', provider: reportOutlet, quality: 98, publishedAt: day }),
);
const outletNews = madeUpArticle({
  id: 'outlet-news',
  title: 'Invented hospital hires sepsis nurses',
  excerpt: 'Made-up staffing news.',
  provider: reportOutlet,
  quality: 98,
  publishedAt: day,
});
const release = madeUpArticle({
  id: 'release',
  title: 'Invented startup unveils triage assistant',
  excerpt: 'MADE-UP CITY, June 15, 2021 /PRNewswire/ -- An invented startup today unveiled a triage assistant.',
  quality: 95,
  publishedAt: day,
});
const reporting = madeUpArticle({
  id: 'reporting',
  title: 'How an invented hospital uses a triage assistant',
  excerpt: 'Clinicians at a made-up hospital describe their sepsis triage tool.',
  quality: 80,
  publishedAt: day,
});

function indexOf(articles: Article[]) {
  const index = createSearchIndex();
  for (const a of articles) index.add(a);
  return index;
}

describe('promotional copy', () => {
  const all = [...reports, outletNews, release, reporting];
  const index = indexOf(all);
  const profile = promoProfile(index);
  const slot = (id: string) => index.slotOf(id)!;

  it('recognises market-report headlines and wire bylines, not reporting', () => {
    for (const r of reports) expect(profile.isPromo(slot(r.id))).toBe(true);
    expect(profile.isPromo(slot('release'))).toBe(true);
    expect(profile.isPromo(slot('reporting'))).toBe(false);
    expect(profile.isPromo(slot('outlet-news'))).toBe(false);
  });

  it('measures an outlet by the share of its stored articles that are such copy', () => {
    expect(profile.outletShare('www.invented-markets.test')).toBe(0.75);
    // An outlet with a single stored article has no record to judge.
    expect(profile.outletShare(reporting.provider.domain)).toBe(0);
    expect(profile.penalty(slot('report-0'), reportOutlet.domain)).toBeCloseTo(PROMO_ARTICLE_PENALTY + PROMO_OUTLET_PENALTY);
    expect(profile.penalty(slot('outlet-news'), reportOutlet.domain)).toBeCloseTo(PROMO_OUTLET_PENALTY);
    expect(profile.penalty(slot('reporting'), reporting.provider.domain)).toBe(0);
  });

  it('puts reporting above higher-scored market reports and releases in top picks', () => {
    const now = Date.parse(day) + 3_600_000;
    const ids = planTopPicks(index, { now, days: 7 }).ids;
    expect(ids[0]).toBe('reporting');
    for (const id of ['report-0', 'report-1', 'report-2', 'release']) expect(ids.indexOf(id)).toBeGreaterThan(ids.indexOf('reporting'));
  });

  it('ranks reporting above a press release with the same words in related reading', () => {
    const source = madeUpArticle({ id: 'source', title: 'Made-up clinic tries a triage assistant', excerpt: 'An invented triage assistant in a made-up clinic.', publishedAt: day });
    const withSource = indexOf([...all, source]);
    const ids = planRelated({ kind: 'article', article: source }, withSource).ids;
    expect(ids).toContain('reporting');
    if (ids.includes('release')) expect(ids.indexOf('reporting')).toBeLessThan(ids.indexOf('release'));
  });
});

describeWithSharedData('promotional copy on the real sample', () => {
  it('flags the market-report outlets and keeps high-scored market reports out of the lead of top picks', () => {
    const { articles } = loadSampleArticles({ files: sharedFiles, text: readShared });
    const index = indexOf(articles);
    const profile = promoProfile(index);
    // MarketWatch's stored record in the sample is mostly syndicated market research.
    expect(profile.outletShare('marketwatch.com')).toBeGreaterThanOrEqual(0.5);
    expect(profile.outletShare('forbes.com')).toBeLessThan(0.5);
    const byId = new Map(articles.map((a) => [a.id, a]));
    const now = Math.max(...articles.map((a) => Date.parse(a.publishedAt)).filter(Number.isFinite));
    const picks = planTopPicks(index, { now, days: 365 * 3, limit: 5 }).build((id) => byId.get(id));
    expect(picks.length).toBe(5);
    for (const pick of picks) expect(profile.isPromo(index.slotOf(pick.articleId!)!)).toBe(false);
  }, 60_000);
});
