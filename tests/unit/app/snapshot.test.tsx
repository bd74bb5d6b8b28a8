/**
 * The packaged snapshot as a feed: which URLs the package serves, how settings list it (first, exactly when the build has
 * one, never removable), and its row in the options page.
 */
// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SNAPSHOT_FEED_URL, snapshotPackagePath } from '../../../lib/app/snapshot';
import { defaultSettings, feedsToSync, repairSettings, withFeedAdded, withFeedRemoved, withPackagedSnapshot } from '../../../lib/app/settings';
import { feedKindOf, newFeedState } from '../../../lib/model/feed-state';
import { OptionsFeeds } from '../../../components/options-feeds';

afterEach(cleanup);

const LIVE = 'https://everyday-cc.github.io/ai/api/news/ai-in-healthcare/';
const USER = 'https://feeds.example.org/api/news/ml/';
const SNAPSHOT = { generatedAt: '2026-12-05T06:00:00.000Z', articleCount: 10_000, months: 60 };

describe('snapshotPackagePath', () => {
  it('maps the manifest and its shards into the package, and nothing else', () => {
    expect(feedKindOf(SNAPSHOT_FEED_URL)).toEqual({ ok: true, kind: 'bundle' });
    expect(snapshotPackagePath(SNAPSHOT_FEED_URL)).toBe('/snapshot/manifest.json');
    const shard = new URL('shards/2021-09.0123456789ab.json', SNAPSHOT_FEED_URL).href;
    expect(snapshotPackagePath(shard)).toBe('/snapshot/shards/2021-09.0123456789ab.json');
    for (const url of [LIVE, 'https://snapshot.health-ai-lens.invalid.example.com/manifest.json', `${SNAPSHOT_FEED_URL}?x=1`, 'https://snapshot.health-ai-lens.invalid/%2e%2e/x.json', 'https://snapshot.health-ai-lens.invalid/a/../../x']) {
      expect(snapshotPackagePath(url), url).toBeUndefined();
    }
  });
});

describe('settings with a packaged snapshot', () => {
  const today = repairSettings({ version: 1, feeds: [{ url: LIVE, enabled: true, origin: 'default' }, { url: USER, enabled: true, origin: 'user' }] }, defaultSettings([LIVE]));

  it('an update that brings a snapshot lists it first and enabled; the user\'s feeds stay', () => {
    const updated = withPackagedSnapshot(today, true);
    expect(updated.feeds.map((f) => [f.url, f.origin])).toEqual([[SNAPSHOT_FEED_URL, 'snapshot'], [LIVE, 'default'], [USER, 'user']]);
    expect(withPackagedSnapshot(updated, true)).toBe(updated);
    // A user who disabled it keeps it disabled across updates.
    const disabled = { ...updated, feeds: updated.feeds.map((f) => (f.origin === 'snapshot' ? { ...f, enabled: false } : f)) };
    expect(withPackagedSnapshot(disabled, true).feeds[0]).toEqual({ url: SNAPSHOT_FEED_URL, enabled: false, origin: 'snapshot' });
    // A build without one drops it (its articles go with the feed).
    expect(withPackagedSnapshot(updated, false).feeds.map((f) => f.url)).toEqual([LIVE, USER]);
  });

  it('syncs the snapshot before every network feed, whatever the list order', () => {
    const last = { ...today, feeds: [...today.feeds, { url: SNAPSHOT_FEED_URL, enabled: true, origin: 'snapshot' as const }] };
    expect(feedsToSync(last)).toEqual([SNAPSHOT_FEED_URL, LIVE, USER]);
  });

  it('cannot be removed, and adding its URL does not duplicate it', () => {
    const withSnapshot = withPackagedSnapshot(today, true);
    expect(withFeedRemoved(withSnapshot, SNAPSHOT_FEED_URL)).toBe(withSnapshot);
    expect(withFeedAdded(withSnapshot, SNAPSHOT_FEED_URL).feeds.filter((f) => f.url === SNAPSHOT_FEED_URL)).toHaveLength(1);
    expect(repairSettings(withSnapshot, defaultSettings([LIVE])).feeds[0]?.origin).toBe('snapshot');
  });
});

describe('the options row of the snapshot', () => {
  it('names the packaged dataset with its date and size, shows its status, offers no Remove', () => {
    const settings = withPackagedSnapshot(repairSettings({ version: 1, feeds: [{ url: USER, enabled: true, origin: 'user' }] }, defaultSettings([])), true);
    const state = { ...newFeedState(SNAPSHOT_FEED_URL, 'bundle'), lastError: { code: 'shard-hash' as const, file: 'shards/2021-09.0123456789ab.json' } };
    const noop = () => {};
    render(<OptionsFeeds settings={settings} states={[state]} onAdd={async () => ({ ok: true, message: '' })} onEnable={noop} onRemove={noop} snapshot={SNAPSHOT} now={Date.parse('2026-12-07T00:00:00Z')} />);
    const row = document.querySelector(`[data-origin="snapshot"]`)!;
    expect(row.textContent).toContain('10,000 articles packaged with the extension, from Dec 5, 2026');
    // The packaged feed's address is no site: its problem names it by its name.
    expect(row.querySelector('[data-testid="feed-problem"]')!.textContent).toMatch(/^10,000 articles packaged with the extension, from Dec 5, 2026 sent something that isn't a news feed/);
    expect(row.textContent).toContain('Last error: Data file shards/2021-09.0123456789ab.json does not match its checksum');
    expect(row.querySelector('button')).toBeNull();
    expect(screen.getAllByRole('button', { name: /^Remove/ })).toHaveLength(1);
  });
});
