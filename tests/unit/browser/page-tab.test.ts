/** Tests for lib/browser/page-tab.ts on WXT's fake browser: which tab a popup or side panel is about. */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageTab } from '../../../lib/browser/page-tab';

async function tab(url: string, lastAccessed: number) {
  const created = await fakeBrowser.tabs.create({ url });
  await fakeBrowser.tabs.update(created.id!, { lastAccessed } as never);
  return created.id!;
}

/** Makes `id` the active tab of the focused window (the fake browser has no call that does it). */
async function activate(id: number) {
  const all = fakeBrowser.tabs.query.bind(fakeBrowser.tabs);
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async (info: Parameters<typeof all>[0]) =>
    info.active ? (await all({})).filter((t) => t.id === id).map((t) => ({ ...t, active: true })) : all(info)) as never);
  return id;
}

describe('pageTab', () => {
  it('is the active tab when the asking page is not a tab (the toolbar popup)', async () => {
    const page = await activate(await tab('https://news.example/a', 1));
    await tab('https://news.example/b', 2);
    expect((await pageTab(undefined))?.id).toBe(page);
  });

  it('is the most recently used web page when the popup itself is the active tab', async () => {
    const older = await tab('https://news.example/older', 10);
    const newer = await tab('https://news.example/newer', 20);
    const options = await tab(fakeBrowser.runtime.getURL('/options.html'), 30);
    const self = await activate(await tab(fakeBrowser.runtime.getURL('/popup.html'), 40));
    const chosen = await pageTab(self);
    expect(fakeBrowser.tabs.query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(chosen?.id).toBe(newer);
    expect([older, options, self]).not.toContain(chosen?.id);
    expect(chosen?.url).toBe('https://news.example/newer');
  });
});
