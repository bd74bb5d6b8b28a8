/**
 * `RejectionLog`: rejected records counted by reason, one example location each, for the feed
 * status view. Pure; used by the feed readers in lib/sync/.
 */
import type { FeedState } from '../model/feed-state';

/** Rejection reasons kept per feed for the status view. */
const MAX_REASONS = 8;
/** Noted (not dropped) when one page or shard holds the same article twice with different content. */
export const DUPLICATE_REASON = 'same article twice in one page or shard (copies merged)';

/** Counts rejected records by reason, keeping one example location each. */
export class RejectionLog {
  private readonly reasons = new Map<string, { count: number; example?: string }>();
  total = 0;

  constructor(previous: FeedState['rejections']) {
    for (const r of previous) {
      this.reasons.set(r.reason, { count: r.count, example: r.example });
      this.total += r.count;
    }
  }

  add(reason: string, where: string): void {
    const entry = this.reasons.get(reason) ?? { count: 0, example: where };
    entry.count++;
    this.reasons.set(reason, entry);
    this.total++;
  }

  top(): FeedState['rejections'] {
    return [...this.reasons]
      .map(([reason, { count, example }]) => ({ reason, count, example }))
      .sort((a, b) => b.count - a.count)
      .slice(0, MAX_REASONS);
  }
}
