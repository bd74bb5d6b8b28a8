/** Tests for lib/app/feed-reconcile.ts: what stored feed data a settings state asks for, from stored values only. */
import { describe, expect, it } from 'vitest';
import { planReconcile } from '../../../lib/app/feed-reconcile';
import { defaultSettings, withFeedAdded, withFeedEnabled, type Settings } from '../../../lib/app/settings';

const A = 'https://feeds.example.org/api/news/a/';
const B = 'https://feeds.example.org/api/news/b/';
const C = 'https://bundles.example.org/c/manifest.json';

const settingsWith = (...urls: string[]): Settings => urls.reduce(withFeedAdded, defaultSettings([]));

describe('planReconcile', () => {
  it('removes the data of feeds the settings no longer list, whether stored or being synced', () => {
    expect(planReconcile(settingsWith(A), [A, B, C], [A, B]).remove).toEqual([B, C]);
  });

  it('keeps the data of a disabled feed', () => {
    const settings = withFeedEnabled(settingsWith(A, B), B, false);
    expect(planReconcile(settings, [A, B], [A, B])).toEqual({ remove: [], sync: [] });
  });

  it('syncs wanted feeds no run has covered: added, or enabled since the last run', () => {
    expect(planReconcile(settingsWith(A, B, C), [A], [A]).sync).toEqual([B, C]);
    const enabledAgain = settingsWith(A, B);
    expect(planReconcile(enabledAgain, [A, B], [A]).sync).toEqual([B]);
  });

  it('syncs every wanted feed when no run has ever started', () => {
    expect(planReconcile(settingsWith(A, B), [], undefined)).toEqual({ remove: [], sync: [A, B] });
  });

  it('asks for nothing when stored data and settings agree', () => {
    expect(planReconcile(settingsWith(A, B), [A, B], [B, A])).toEqual({ remove: [], sync: [] });
  });

  it('lists a feed once even when it is both stored and being synced', () => {
    expect(planReconcile(settingsWith(A), [B, B], [A]).remove).toEqual([B]);
  });
});
