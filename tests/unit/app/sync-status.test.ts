/** lib/app/sync-status.ts: how old the data is — the newest successful read, with the packaged snapshot counted from its build date. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readStatus } from '../../../lib/app/sync-status';
import { defaultSettings, withPackagedSnapshot } from '../../../lib/app/settings';
import { SNAPSHOT_FEED_URL } from '../../../lib/app/snapshot';
import { newFeedState, type FeedState } from '../../../lib/model/feed-state';
import type { Store } from '../../../lib/store/store';

const API = 'https://feeds.example/ai/api/news/ai-in-healthcare/';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7);

afterEach(() => vi.unstubAllGlobals());

/** Just the reads `readStatus` makes. */
function storeWith(feeds: FeedState[]): Store {
  return { getMeta: async () => undefined, allFeedStates: async () => feeds, countArticles: async () => 455 } as unknown as Store;
}

const succeeded = (url: string, at: number): FeedState => ({ ...newFeedState(url, url.endsWith('manifest.json') ? 'bundle' : 'api'), lastSuccessAt: at });

describe('readStatus: data age', () => {
  it('counts a freshly imported snapshot as of its build date, not of its import', async () => {
    vi.stubGlobal('__SNAPSHOT__', { generatedAt: new Date(NOW - 40 * DAY).toISOString(), articleCount: 455, months: 12 });
    const settings = withPackagedSnapshot(defaultSettings([API]));
    const { summary } = await readStatus(storeWith([succeeded(SNAPSHOT_FEED_URL, NOW - 60_000)]), settings);
    expect(summary.lastSuccessAt).toBe(NOW - 60_000);
    expect(summary.dataAsOf).toBe(NOW - 40 * DAY);
  });

  it('takes the newest successful network read when there is one', async () => {
    vi.stubGlobal('__SNAPSHOT__', { generatedAt: new Date(NOW - 40 * DAY).toISOString(), articleCount: 455, months: 12 });
    const settings = withPackagedSnapshot(defaultSettings([API]));
    const { summary } = await readStatus(storeWith([succeeded(SNAPSHOT_FEED_URL, NOW - 60_000), succeeded(API, NOW - 2 * DAY)]), settings);
    expect(summary.dataAsOf).toBe(NOW - 2 * DAY);
  });
});
