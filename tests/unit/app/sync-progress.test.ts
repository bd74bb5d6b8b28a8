/** Tests for lib/app/sync-progress.ts: the run status carries the feed and counts as data, never English words. */
import { describe, expect, it } from 'vitest';
import { createProgressWriter, feedLabel } from '../../../lib/app/sync-progress';
import { RUN_STATUS_KEY, type RunStatus } from '../../../lib/app/sync-status';
import type { Store } from '../../../lib/store/store';

const FEED = 'https://everyday-cc.github.io/ai/api/news/ai-in-healthcare/';

function memoryMeta() {
  const meta = new Map<string, unknown>();
  const store = { putMeta: async (key: string, value: unknown) => void meta.set(key, structuredClone(value)) } as unknown as Store;
  return { store, status: () => meta.get(RUN_STATUS_KEY) as RunStatus | undefined };
}

describe('sync progress', () => {
  it('names the feed by host and path and counts what was read, with no words for the UI to translate', async () => {
    const { store, status } = memoryMeta();
    let now = 0;
    const write = createProgressWriter(store, 0, () => now);
    await write({ feedsDone: 0, feedsTotal: 2, stepsDone: 0, feed: FEED });
    expect(status()?.progress).toEqual({ done: 0, total: 200, label: 'everyday-cc.github.io/ai/api/news/ai-in-healthcare/' });
    now = 1_000;
    await write({ feedsDone: 0, feedsTotal: 2, stepsDone: 3, feed: FEED });
    expect(status()?.progress).toEqual({ done: 30, total: 200, label: 'everyday-cc.github.io/ai/api/news/ai-in-healthcare/', read: 3 });
  });

  it('keeps a malformed feed URL as it is', () => {
    expect(feedLabel('not a url')).toBe('not a url');
  });
});
