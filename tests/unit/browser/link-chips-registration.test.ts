/**
 * Tests for lib/browser/link-chips-registration.ts on WXT's fake browser (its `scripting` replaced by an in-memory
 * one): the run-time registration follows the switches and the site choices, and open tabs whose answer changed are
 * told, with the script injected where a page turned on has none.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LINK_CHIPS_EVERYWHERE_ID, syncLinkChipsEverywhere, tellTabsLinkChipsChanged } from '../../../lib/browser/link-chips-registration';
import { defaultSettings } from '../../../lib/app/settings';
import { withSiteChips } from '../../../lib/app/site-chips';
import { SEARCH_RESULT_PAGE_MATCHES } from '../../../lib/match/search-pages';

interface Registered {
  id: string;
  matches?: string[];
  excludeMatches?: string[];
}

/** An in-memory `scripting`: registrations by id, and every injection as its tab id. */
function fakeScripting() {
  const registered = new Map<string, Registered>();
  const injected: number[] = [];
  const calls: string[] = [];
  const scripting = {
    getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => ids.flatMap((id) => (registered.has(id) ? [structuredClone(registered.get(id)!)] : [])),
    registerContentScripts: async (scripts: Registered[]) => {
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        registered.set(script.id, structuredClone(script));
      }
      calls.push('register');
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
      ids.forEach((id) => registered.delete(id));
      calls.push('unregister');
    },
    executeScript: async ({ target }: { target: { tabId: number } }) => {
      injected.push(target.tabId);
      return [];
    },
  };
  (fakeBrowser as unknown as { scripting: unknown }).scripting = scripting;
  return { registered, injected, calls };
}

const NEWS = 'https://news.example.org/story';
const SERP = 'https://www.google.com/search?q=sepsis';

describe('syncLinkChipsEverywhere', () => {
  let fake: ReturnType<typeof fakeScripting>;
  beforeEach(() => (fake = fakeScripting()));
  afterEach(() => vi.restoreAllMocks());

  it('follows the switches and site choices: registered, changed, removed; nothing done when nothing changes', async () => {
    const defaults = defaultSettings([]);
    await syncLinkChipsEverywhere(defaults);
    expect(fake.registered.size).toBe(0);

    const oneSite = withSiteChips(defaults, NEWS, true);
    await syncLinkChipsEverywhere(oneSite);
    expect(fake.registered.get(LINK_CHIPS_EVERYWHERE_ID)).toMatchObject({ matches: ['*://news.example.org/*'], excludeMatches: [...SEARCH_RESULT_PAGE_MATCHES] });

    await syncLinkChipsEverywhere(oneSite);
    expect(fake.calls).toEqual(['register']);

    const everywhereButOne = withSiteChips({ ...defaults, linkChips: { ...defaults.linkChips, otherSites: true } }, NEWS, false);
    await syncLinkChipsEverywhere(everywhereButOne);
    expect(fake.registered.get(LINK_CHIPS_EVERYWHERE_ID)).toMatchObject({
      matches: ['http://*/*', 'https://*/*'],
      excludeMatches: [...SEARCH_RESULT_PAGE_MATCHES, '*://news.example.org/*'],
    });

    await syncLinkChipsEverywhere(defaults);
    expect(fake.registered.size).toBe(0);
    expect(fake.calls).toEqual(['register', 'unregister', 'register', 'unregister']);
  });

  it('runs one change at a time, so two quick changes never register the id twice', async () => {
    const on = withSiteChips(defaultSettings([]), NEWS, true);
    await Promise.all([syncLinkChipsEverywhere(on), syncLinkChipsEverywhere(on), syncLinkChipsEverywhere(withSiteChips(on, 'https://b.example/', true))]);
    expect(fake.registered.get(LINK_CHIPS_EVERYWHERE_ID)?.matches).toEqual(['*://b.example/*', '*://news.example.org/*']);
  });
});

describe('tellTabsLinkChipsChanged', () => {
  let fake: ReturnType<typeof fakeScripting>;
  beforeEach(() => (fake = fakeScripting()));
  afterEach(() => vi.restoreAllMocks());

  /** Tabs whose chip script answers the notice; every notice as its tab id. */
  function chipScriptsIn(running: number[]) {
    const told: number[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: { type: string }) => {
      expect(message).toEqual({ type: 'linkChipsChanged' });
      told.push(tabId);
      if (!running.includes(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { running: true };
    }) as never);
    return told;
  }

  it('a search site turned off: its tabs are told, other tabs are not, nothing is injected', async () => {
    const serp = await fakeBrowser.tabs.create({ url: SERP });
    const other = await fakeBrowser.tabs.create({ url: 'https://www.bing.com/search?q=x' });
    const news = await fakeBrowser.tabs.create({ url: NEWS });
    const told = chipScriptsIn([serp.id!, other.id!]);
    const before = defaultSettings([]);
    await tellTabsLinkChipsChanged(before, withSiteChips(before, SERP, false));
    expect(told).toEqual([serp.id]);
    expect(fake.injected).toEqual([]);
    expect(news.id).toBeDefined();
  });

  it('another site turned on: the script is injected where none answers, only on that site', async () => {
    const news = await fakeBrowser.tabs.create({ url: NEWS });
    const again = await fakeBrowser.tabs.create({ url: `${NEWS}?page=2` });
    await fakeBrowser.tabs.create({ url: 'https://blog.example.net/' });
    await fakeBrowser.tabs.create({ url: 'chrome://extensions/' });
    const told = chipScriptsIn([again.id!]);
    const before = defaultSettings([]);
    await tellTabsLinkChipsChanged(before, withSiteChips(before, NEWS, true));
    expect(told.sort()).toEqual([news.id, again.id].sort());
    expect(fake.injected).toEqual([news.id]);
  });

  it('a site turned off that never had the script: told, nothing injected', async () => {
    const news = await fakeBrowser.tabs.create({ url: NEWS });
    const told = chipScriptsIn([]);
    const before = withSiteChips(defaultSettings([]), NEWS, true);
    await tellTabsLinkChipsChanged(before, defaultSettings([]));
    expect(told).toEqual([news.id]);
    expect(fake.injected).toEqual([]);
  });
});
