/** lib/app/sync-progress.ts: progress in articles where the source counts them, never a feed URL. */
import { describe, expect, it } from 'vitest';
import { progressOf } from '../../../lib/app/sync-progress';

const FEED = 'https://feeds.example.net/bundle/manifest.json';

describe('progressOf', () => {
  it('reports a bundle in articles, of the manifest article count', () => {
    expect(progressOf({ feedsDone: 0, feedsTotal: 2, stepsDone: 3, stepsTotal: 12, articlesDone: 1200, articlesTotal: 10000, feed: FEED })).toEqual({ unit: 'articles', done: 1200, total: 10000 });
  });

  it('reports an API feed in articles read, without a total', () => {
    expect(progressOf({ feedsDone: 0, feedsTotal: 1, stepsDone: 2, articlesDone: 400, feed: FEED })).toEqual({ unit: 'articles', done: 400 });
  });

  it('falls back to steps without a label when nothing counts articles', () => {
    const progress = progressOf({ feedsDone: 1, feedsTotal: 2, stepsDone: 0, feed: FEED });
    expect(progress).toEqual({ unit: 'percent', done: 100, total: 200 });
    expect(JSON.stringify(progress)).not.toContain('example.net');
  });
});
