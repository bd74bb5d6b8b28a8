/**
 * Answers a page's own signals (the `pageSignals` message): the tab's badge from the matched article,
 * then the panel the in-page sidebar shows. A page that shows the sidebar asks twice, once from the
 * content script and once from the sidebar's frame, with the same signals; a short per-tab memo of
 * the last answer (tab, page signals, data version) makes the second ask cost nothing instead of a
 * second match, badge write and ranking that hold the worker while the next navigation waits.
 * Browser adapter (badge, per-tab memory); imported by the background.
 */
import type { Article } from '../model/article';
import type { PanelModel } from '../model/panel';
import type { PageSignals } from '../app/messages';
import { setBadge } from './badge';
import { rememberPage } from './tab-matches';

/** How long an answer is reused: the frame asks within a second of the content script; the panel's sync line must stay fresh. */
export const PAGE_ANSWER_MEMO_MS = 10_000;

export interface PageAnswerDeps {
  matchSignals(signals: PageSignals): Promise<Article | undefined>;
  panelForSignals(signals: PageSignals, matched: Article | null): Promise<{ panel: PanelModel | null }>;
  /** Runs `task` in the tab's badge turn (tab-badges.ts), so badge writes stay in event order. */
  inTurn<T>(tabId: number, task: () => Promise<T>): Promise<T>;
  now?: () => number;
}

interface Memo {
  key: string;
  version: number;
  at: number;
  answer: Promise<PanelModel | null>;
}

export function createPageAnswers(deps: PageAnswerDeps) {
  const now = deps.now ?? Date.now;
  const memos = new Map<number, Memo>();
  /** Bumped when stored articles or ranking settings change: older answers are not reused. */
  let version = 0;

  async function compute(tabId: number, signals: PageSignals): Promise<PanelModel | null> {
    // The badge first: it must not wait for ranking (navigation → badge is the product's front door).
    const article = await deps.inTurn(tabId, async () => {
      const match = await deps.matchSignals(signals);
      await setBadge(tabId, match);
      await rememberPage(tabId, signals.url, match ? { articleId: match.id } : {});
      return match;
    });
    const { panel } = await deps.panelForSignals(signals, article ?? null);
    // The popup and side panel then rank the same suggestions the sidebar shows.
    if (!article && panel?.kind === 'suggestions') await deps.inTurn(tabId, () => rememberPage(tabId, signals.url, { signals }));
    return panel;
  }

  /**
   * The panel for `signals` on `tabId` (null: nothing to show), setting the tab's badge on the way.
   * A second ask with the same signals shares the first answer, also while it is still being computed.
   */
  function answer(tabId: number, signals: PageSignals): Promise<PanelModel | null> {
    const key = JSON.stringify(signals);
    const memo = memos.get(tabId);
    if (memo && memo.key === key && memo.version === version && now() - memo.at < PAGE_ANSWER_MEMO_MS) return memo.answer;
    const fresh: Memo = { key, version, at: now(), answer: compute(tabId, signals) };
    memos.set(tabId, fresh);
    // A failed answer is not kept: the next ask tries again.
    fresh.answer.catch(() => {
      if (memos.get(tabId) === fresh) memos.delete(tabId);
    });
    return fresh.answer;
  }

  return {
    answer,
    /** Stored articles or the ranking settings changed: answer every page afresh. */
    invalidate(): void {
      version++;
      memos.clear();
    },
    forgetTab(tabId: number): void {
      memos.delete(tabId);
    },
  };
}

/**
 * Whether a content script's message comes from the page its tab shows now. A page's message can
 * land after the tab moved on (it was sent at the page's idle time, just before a navigation); its
 * answer would write the old page's badge over the new page's.
 * @param senderUrl the sending frame's URL (`MessageSender.url`)
 * @param tabUrl the tab's current URL (`MessageSender.tab.url`)
 */
export function fromCurrentPage(senderUrl: string | undefined, tabUrl: string | undefined): boolean {
  if (!senderUrl || !tabUrl || !/^https?:/i.test(senderUrl)) return true;
  return senderUrl.split('#')[0] === tabUrl.split('#')[0];
}
