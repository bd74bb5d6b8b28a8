/**
 * `FeedProblemNote`: one feed failure in plain words ("Couldn't reach everyday-cc.github.io — will try again in
 * 6 hours"); the sync's own problem goes in the feed row's technical details. Presentational, no browser APIs;
 * imported by OptionsFeeds.
 */
import { feedProblem, type FeedProblem, type FeedProblemKind } from '../lib/app/feed-problem';
import { formatRelativeTime, t, type MessageKey } from '../lib/i18n/messages';
import type { StoredProblem } from '../lib/model/problem';

const SENTENCE: Readonly<Record<FeedProblemKind, MessageKey>> = {
  unreachable: 'syncErrors.unreachable',
  timeout: 'syncErrors.timeout',
  notFound: 'syncErrors.notFound',
  refused: 'syncErrors.refused',
  serverError: 'syncErrors.serverError',
  unreadable: 'syncErrors.unreadable',
  tooLarge: 'syncErrors.tooLarge',
  storageFull: 'syncErrors.storageFull',
  cancelled: 'syncErrors.cancelled',
  other: 'syncErrors.other',
};

/** What happened, without when it is retried: "Couldn't reach everyday-cc.github.io". */
export function feedProblemSentence(problem: FeedProblem): string {
  return t(SENTENCE[problem.kind], problem.site);
}

/**
 * The whole plain sentence.
 * @param retryAt epoch ms of the next try, `undefined` when it is the next update, whenever that runs.
 * @param now epoch ms.
 */
export function feedProblemText(problem: FeedProblem, retryAt: number | undefined, now: number): string {
  const what = feedProblemSentence(problem);
  return retryAt !== undefined ? t('syncErrors.retryIn', what, formatRelativeTime(retryAt, now)) : t('syncErrors.retryNext', what);
}

export interface FeedProblemNoteProps {
  feed: string;
  /** Names the feed instead of its host (the packaged snapshot's address is not a site). */
  site?: string;
  /** The feed's `lastError`: a problem, or an earlier version's sentence. */
  problem: StoredProblem;
  retryAt?: number;
  now: number;
}

/** The sentence, marked with its kind for styling and tests. */
export function FeedProblemNote({ feed, site, problem: stored, retryAt, now }: FeedProblemNoteProps) {
  const problem = { ...feedProblem(feed, stored), ...(site !== undefined ? { site } : {}) };
  return (
    <p class="hal-options-problem" data-testid="feed-problem" data-kind={problem.kind}>
      {feedProblemText(problem, retryAt, now)}
    </p>
  );
}
