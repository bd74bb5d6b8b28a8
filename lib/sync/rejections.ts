/**
 * `RejectionLog`: rejected records counted by reason, one example location each, for the feed
 * status view. Pure; used by the feed readers in lib/sync/.
 */
import type { FeedState } from '../model/feed-state';
import { problemKey, type Problem, type StoredProblem } from '../model/problem';

/** Rejection reasons kept per feed for the status view. */
const MAX_REASONS = 8;
/** Noted (not dropped) when one page or shard holds the same article twice with different content. */
export const DUPLICATE_REASON: Problem = { code: 'duplicate' };

/** Counts rejected records by reason, keeping one example location each. */
export class RejectionLog {
  private readonly reasons = new Map<string, { reason: StoredProblem; count: number; example?: string }>();
  total = 0;

  constructor(previous: FeedState['rejections']) {
    for (const r of previous) {
      this.reasons.set(problemKey(r.reason), { reason: r.reason, count: r.count, example: r.example });
      this.total += r.count;
    }
  }

  add(reason: Problem, where: string): void {
    const key = problemKey(reason);
    const entry = this.reasons.get(key) ?? { reason, count: 0, example: where };
    entry.count++;
    this.reasons.set(key, entry);
    this.total++;
  }

  top(): FeedState['rejections'] {
    return [...this.reasons.values()]
      .map(({ reason, count, example }) => ({ reason, count, example }))
      .sort((a, b) => b.count - a.count)
      .slice(0, MAX_REASONS);
  }
}
