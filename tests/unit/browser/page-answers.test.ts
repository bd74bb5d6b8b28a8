/**
 * Tests for lib/browser/page-answers.ts on WXT's fake browser: a page's signals set its tab's badge and
 * get its panel; the second ask of the same page (the sidebar's frame after the content script) reuses
 * the first answer instead of matching, writing the badge and ranking again; stale pages are recognised.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAGE_ANSWER_MEMO_MS, createPageAnswers, fromCurrentPage, type PageAnswerDeps } from '../../../lib/browser/page-answers';
import { createKeyedQueue } from '../../../lib/app/keyed-queue';
import { rememberedPage } from '../../../lib/browser/tab-matches';
import type { PageSignals } from '../../../lib/app/messages';
import type { PanelModel } from '../../../lib/model/panel';
import { fakeArticle } from '../../fixtures/fake-article';

const article = fakeArticle();
const MATCHED_URL = 'https://news.example/matched-story';
const signalsOf = (url: string): PageSignals => ({ url, isArticle: true, title: 'A made-up story about clinics' });
const panelOf = (url: string) => ({ kind: 'no-match', topPicks: [], topPicksPending: true, sync: { url } }) as unknown as PanelModel;

function harness() {
  const calls = { match: 0, rank: 0, badgeWrites: 0 };
  let clock = 1_000;
  let failNext = false;
  const queue = createKeyedQueue<number>();
  const deps: PageAnswerDeps = {
    async matchSignals(signals) {
      calls.match++;
      return signals.url === MATCHED_URL ? article : undefined;
    },
    async panelForSignals(signals) {
      calls.rank++;
      await new Promise((r) => setTimeout(r, 5));
      if (failNext) {
        failNext = false;
        throw new Error('ranking failed');
      }
      return { panel: panelOf(signals.url) };
    },
    inTurn: (tabId, task) => queue(tabId, task),
    now: () => clock,
  };
  const original = fakeBrowser.action.setBadgeText.bind(fakeBrowser.action);
  fakeBrowser.action.setBadgeText = async (details) => {
    calls.badgeWrites++;
    return original(details);
  };
  return {
    calls,
    answers: createPageAnswers(deps),
    advance: (ms: number) => (clock += ms),
    failOnce: () => (failNext = true),
  };
}

describe('page answers', () => {
  it("set the tab's badge from the matched article and remember it for the popup", async () => {
    const { answers } = harness();
    const tab = await fakeBrowser.tabs.create({ url: MATCHED_URL });
    await answers.answer(tab.id!, signalsOf(MATCHED_URL));
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id! })).toBe(String(article.quality));
    expect((await rememberedPage(tab.id!, MATCHED_URL)).articleId).toBe(article.id);
  });

  it('the second ask of the same page (the sidebar frame) costs nothing: no second match, badge write or ranking', async () => {
    const { answers, calls } = harness();
    const tab = await fakeBrowser.tabs.create({ url: MATCHED_URL });
    const first = await answers.answer(tab.id!, signalsOf(MATCHED_URL));
    const writes = calls.badgeWrites;
    const second = await answers.answer(tab.id!, signalsOf(MATCHED_URL));
    expect(second).toBe(first);
    expect(calls).toMatchObject({ match: 1, rank: 1, badgeWrites: writes });
  });

  it('an ask that arrives while the first is still ranking shares it', async () => {
    const { answers, calls } = harness();
    const tab = await fakeBrowser.tabs.create({ url: MATCHED_URL });
    const [a, b] = await Promise.all([answers.answer(tab.id!, signalsOf(MATCHED_URL)), answers.answer(tab.id!, signalsOf(MATCHED_URL))]);
    expect(a).toBe(b);
    expect(calls).toMatchObject({ match: 1, rank: 1 });
  });

  it('answers afresh for another page, another tab, changed data, and after the memo expires', async () => {
    const { answers, calls, advance } = harness();
    const tab = await fakeBrowser.tabs.create({ url: MATCHED_URL });
    const other = await fakeBrowser.tabs.create({ url: MATCHED_URL });
    await answers.answer(tab.id!, signalsOf(MATCHED_URL));
    await answers.answer(tab.id!, signalsOf('https://news.example/another'));
    await answers.answer(other.id!, signalsOf(MATCHED_URL));
    expect(calls.rank).toBe(3);
    await answers.answer(other.id!, signalsOf(MATCHED_URL));
    expect(calls.rank).toBe(3);
    answers.invalidate();
    await answers.answer(other.id!, signalsOf(MATCHED_URL));
    expect(calls.rank).toBe(4);
    advance(PAGE_ANSWER_MEMO_MS);
    await answers.answer(other.id!, signalsOf(MATCHED_URL));
    expect(calls.rank).toBe(5);
  });

  it('a failed answer is not reused', async () => {
    const { answers, calls, failOnce } = harness();
    const tab = await fakeBrowser.tabs.create({ url: MATCHED_URL });
    failOnce();
    await expect(answers.answer(tab.id!, signalsOf(MATCHED_URL))).rejects.toThrow('ranking failed');
    expect(await answers.answer(tab.id!, signalsOf(MATCHED_URL))).toEqual(panelOf(MATCHED_URL));
    expect(calls.rank).toBe(2);
  });
});

describe('fromCurrentPage', () => {
  it('a content script of the page the tab shows (fragments aside) is current; one the tab has left is not', () => {
    expect(fromCurrentPage('https://a.example/story', 'https://a.example/story')).toBe(true);
    expect(fromCurrentPage('https://a.example/story#comments', 'https://a.example/story')).toBe(true);
    expect(fromCurrentPage('https://a.example/plain', 'https://a.example/story')).toBe(false);
  });

  it("our own framed page (the sidebar) and unknown URLs are not judged: the tab's URL is used", () => {
    expect(fromCurrentPage('chrome-extension://abc/sidebar-frame.html', 'https://a.example/story')).toBe(true);
    expect(fromCurrentPage(undefined, 'https://a.example/story')).toBe(true);
    expect(fromCurrentPage('https://a.example/story', undefined)).toBe(true);
  });
});
