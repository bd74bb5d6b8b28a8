// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsDeps } from '../../../components/options-app';
import { defaultSettings, repairSettings, type Settings } from '../../../lib/app/settings';
import type { DataSummary, StatusReport } from '../../../lib/app/messages';
import type { SyncSummary } from '../../../lib/model/panel';
import { newFeedState } from '../../../lib/model/feed-state';
import { TOPICS, topicByName } from '../../../lib/model/topics';
import { exportFile, type ArticleCursor } from '../../../lib/app/export';
import { fakeArticle } from '../../fixtures/fake-article';

afterEach(cleanup);

const NOW = Date.parse('2024-05-01T12:00:00Z');
const DEFAULT_FEED = 'http://feeds.example/ai/bundle/manifest.json';
const NEW_FEED = 'https://other.example/api/news/ml/';

function idle(overrides: Partial<SyncSummary> = {}): SyncSummary {
  return { state: 'idle', articleCount: 1204, lastSuccessAt: NOW - 60_000, errors: [], offline: false, ...overrides };
}

/** Fake deps over an in-memory settings store that notifies watchers like the real storage item. */
function fakeDeps(overrides: Partial<OptionsDeps> = {}) {
  let stored: Settings = defaultSettings([DEFAULT_FEED]);
  const watchers = new Set<(s: Settings) => void>();
  const calls: string[] = [];
  const summary: DataSummary = {
    articleCount: 1204,
    topics: [{ topic: 'AI in Healthcare', count: 1000 }, { topic: 'Robotic Surgery', count: 3 }],
    histogram: [{ from: 40, count: 700 }],
    unscored: 504,
  };
  const deps: OptionsDeps = {
    loadSettings: vi.fn(async () => structuredClone(stored)),
    saveSettings: vi.fn(async (s: Settings) => {
      stored = structuredClone(s);
      for (const w of watchers) w(repairSettings(structuredClone(s), defaultSettings([DEFAULT_FEED])));
    }),
    watchSettings: (listener) => (watchers.add(listener), () => watchers.delete(listener)),
    status: vi.fn(async (): Promise<StatusReport> => ({ summary: idle(), feeds: [{ ...newFeedState(DEFAULT_FEED, 'bundle'), lastSuccessAt: NOW - 60_000 }] })),
    syncNow: vi.fn(async (): Promise<StatusReport> => ({ summary: idle({ articleCount: 1300 }), feeds: [] })),
    dataSummary: vi.fn(async () => summary),
    testFeed: vi.fn(async () => {
      calls.push('testFeed');
      return { ok: true as const, kind: 'api' as const, items: 30 };
    }),
    ensureHostPermission: vi.fn(async () => {
      calls.push('permission');
      return true;
    }),
    // Two pages: the second is asked for with the first one's cursor.
    exportData: vi.fn(async (after?: ArticleCursor) =>
      after
        ? { settings: stored, articles: [fakeArticle({ id: 'b' })] }
        : { settings: stored, articles: [fakeArticle({ id: 'a' })], next: { chunk: 'feed\u0000month\u00000', index: 1 } },
    ),
    download: vi.fn(),
    clearData: vi.fn(async () => ({ ok: true })),
    defaults: () => defaultSettings([DEFAULT_FEED]),
    now: () => NOW,
    ...overrides,
  };
  return { deps, calls, stored: () => stored };
}

async function renderApp(deps: OptionsDeps) {
  const view = render(<OptionsApp deps={deps} />);
  await screen.findByRole('checkbox', { name: 'AI in Healthcare' });
  return view;
}

async function addFeed(url: string) {
  fireEvent.input(screen.getByRole('textbox', { name: 'Feed URL' }), { target: { value: url } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Add feed' }));
  });
}

describe('OptionsApp', () => {
  it('shows the defaults, topics seen in data, and "<N> articles" from the stored status on load', async () => {
    const { deps } = fakeDeps();
    await renderApp(deps);
    expect((screen.getByRole('checkbox', { name: 'AI in Healthcare' }) as HTMLInputElement).checked).toBe(true);
    expect(await screen.findByRole('checkbox', { name: 'Robotic Surgery' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('1,204 articles'));
    expect(screen.getAllByRole('status')).toHaveLength(1);
  });

  it('saves topic changes with topic feeds following', async () => {
    const { deps, stored } = fakeDeps();
    await renderApp(deps);
    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Machine Learning' }));
    });
    await waitFor(() => expect(stored().topics).toEqual(['AI in Healthcare', 'Machine Learning']));
    expect(stored().feeds.map((f) => f.origin)).toEqual(['default', 'topic']);
    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'AI in Healthcare' }));
    });
    await waitFor(() => expect(stored().topics).toEqual(['Machine Learning']));
    expect((screen.getByRole('checkbox', { name: 'AI in Healthcare' }) as HTMLInputElement).checked).toBe(false);
  });

  it('adds a feed only after permission and a successful test fetch, in that order', async () => {
    const { deps, calls, stored } = fakeDeps();
    await renderApp(deps);
    await addFeed(NEW_FEED);
    await waitFor(() => expect(stored().feeds).toContainEqual({ url: NEW_FEED, enabled: true, origin: 'user' }));
    expect(calls).toEqual(['permission', 'testFeed']);
    expect(deps.ensureHostPermission).toHaveBeenCalledWith(NEW_FEED);
    expect(screen.getByTestId('add-feed-ok').textContent).toContain('its first page has 30 articles');
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Feed URL' }) as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['an invalid URL', 'not a url', 'not a valid URL', []],
    ['a non-feed URL', 'https://x.example/feed.xml', 'not a feed', []],
    ['an empty field', '', 'Enter a feed URL', []],
    ['a listed feed', DEFAULT_FEED, 'already in the list', []],
  ])('refuses %s with an alert, asking nothing and saving nothing', async (_name, url, text, expectedCalls) => {
    const { deps, calls } = fakeDeps();
    await renderApp(deps);
    await addFeed(url);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain(text));
    expect(calls).toEqual(expectedCalls);
    expect(deps.saveSettings).not.toHaveBeenCalled();
  });

  it('refuses when permission is denied (no test fetch) or the test fetch fails', async () => {
    const denied = fakeDeps({ ensureHostPermission: vi.fn(async () => false) });
    await renderApp(denied.deps);
    await addFeed(NEW_FEED);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Permission to read https://other.example was not granted'));
    expect(denied.deps.testFeed).not.toHaveBeenCalled();
    expect(denied.deps.saveSettings).not.toHaveBeenCalled();
    cleanup();

    const failing = fakeDeps({ testFeed: vi.fn(async () => ({ ok: false as const, problem: { code: 'http-status' as const, status: 404 } })) });
    await renderApp(failing.deps);
    await addFeed(NEW_FEED);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not added. A test fetch of other.example/api/news/ml failed. other.example no longer has this feed.'));
    expect(failing.deps.saveSettings).not.toHaveBeenCalled();
  });

  it('Sync now shows progress until the background answers, then the new count', async () => {
    let finish!: (r: StatusReport) => void;
    const { deps } = fakeDeps({ syncNow: vi.fn(() => new Promise<StatusReport>((resolve) => (finish = resolve))) });
    await renderApp(deps);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    });
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Getting new articles…');
    await act(async () => finish({ summary: idle({ articleCount: 1300, lastSuccessAt: NOW }), feeds: [] }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('1,300 articles'));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('polls status every second while the background says it is syncing', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const reports = [
        { summary: idle({ state: 'syncing', progress: { done: 1, total: 4 } }), feeds: [] },
        { summary: idle({ state: 'syncing', progress: { done: 3, total: 4 } }), feeds: [] },
        { summary: idle({ articleCount: 2000, lastSuccessAt: NOW }), feeds: [] },
      ];
      const status = vi.fn(async () => reports[Math.min(status.mock.calls.length - 1, reports.length - 1)]!);
      const { deps } = fakeDeps({ status });
      await renderApp(deps);
      await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Getting new articles… 25%'));
      await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
      await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Getting new articles… 75%'));
      await act(async () => void (await vi.advanceTimersByTimeAsync(1000)));
      await waitFor(() => expect(screen.getByRole('status').textContent).toContain('2,000 articles'));
      // Finished: the data summary is re-read, and polling stops.
      expect(deps.dataSummary).toHaveBeenCalledTimes(2);
      const calls = status.mock.calls.length;
      await act(async () => void (await vi.advanceTimersByTimeAsync(3000)));
      expect(status.mock.calls.length).toBe(calls);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lists feeds with status; disables and removes them', async () => {
    const { deps, stored } = fakeDeps();
    await renderApp(deps);
    await addFeed(NEW_FEED);
    await waitFor(() => expect(screen.getAllByTestId('feed')).toHaveLength(2));
    expect(screen.getAllByTestId('feed')[0]!.textContent).toContain('Checked 1 minute ago');
    // The built-in feed has no Remove: only the one the user added.
    expect(screen.getAllByRole('button', { name: /^Remove/ })).toHaveLength(1);
    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Keep feeds.example/ai/bundle/manifest.json up to date' }));
    });
    await waitFor(() => expect(stored().feeds[0]!.enabled).toBe(false));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove other.example/api/news/ml' }));
    });
    await waitFor(() => expect(stored().feeds.map((f) => f.url)).toEqual([DEFAULT_FEED]));
  });

  it('imports settings, reporting what was rejected', async () => {
    const { deps, stored } = fakeDeps();
    await renderApp(deps);
    const file = new File([JSON.stringify({ settings: { version: 1, topics: ['AI'], minQuality: 'lots', syncIntervalHours: 24 }, articles: [] })], 'x.json');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => {
      fireEvent.change(input);
    });
    await waitFor(() => expect(screen.getByTestId('data-result').textContent).toBe('Imported your settings. These were not valid and were reset: minQuality.'));
    expect(stored()).toMatchObject({ topics: ['AI'], minQuality: 0, syncIntervalHours: 24 });

    const bad = new File(['{nope'], 'bad.json');
    Object.defineProperty(input, 'files', { value: [bad], configurable: true });
    await act(async () => {
      fireEvent.change(input);
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Not imported. The file is not a settings file (it is not JSON).'));
  });

  it('an imported file cannot create built-in feeds, snooze for long, or be huge', async () => {
    const { deps, stored } = fakeDeps();
    await renderApp(deps);
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const hostile = {
      version: 1,
      feeds: [{ url: 'https://evil.example/api/news/x/', enabled: true, origin: 'default' }],
      sidebar: { enabled: true, startExpanded: false, blockedSites: [], snoozedUntil: Date.now() + 10 * 365 * 86_400_000 },
    };
    Object.defineProperty(input, 'files', { value: [new File([JSON.stringify(hostile)], 'x.json')], configurable: true });
    await act(async () => {
      fireEvent.change(input);
    });
    await waitFor(() => expect(stored().feeds.find((f) => f.url === 'https://evil.example/api/news/x/')?.origin).toBe('user'));
    expect(stored().feeds.find((f) => f.url === DEFAULT_FEED)?.origin).toBe('default');
    expect(stored().sidebar.snoozedUntil!).toBeLessThanOrEqual(Date.now() + 86_400_000);

    const huge = new File(['x'.repeat(1_000_001)], 'huge.json');
    Object.defineProperty(input, 'files', { value: [huge], configurable: true });
    await act(async () => {
      fireEvent.change(input);
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Not imported. The file is larger than 1 MB/));
  });

  it('imports the settings of an export far larger than a settings file, reading only its start', async () => {
    const { deps, stored } = fakeDeps();
    await renderApp(deps);
    const settings = { ...defaultSettings([DEFAULT_FEED]), topics: ['AI'], syncIntervalHours: 24 };
    // About 2 MB of made-up articles after the settings.
    const articles = Array.from({ length: 1500 }, (_, i) => fakeArticle({ id: `a${i}`, excerpt: 'A made-up excerpt. '.repeat(60) }));
    const { file } = await exportFile(async () => ({ settings, articles }), new Date(NOW));
    expect(file.size).toBeGreaterThan(1_000_000);
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([file], 'export.json')], configurable: true });
    await act(async () => {
      fireEvent.change(input);
    });
    await waitFor(() => expect(screen.getByTestId('data-result').textContent).toBe('Imported your settings.'));
    expect(stored()).toMatchObject({ topics: ['AI'], syncIntervalHours: 24 });
  });

  it('exports settings and articles as a JSON download', async () => {
    const { deps } = fakeDeps();
    await renderApp(deps);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export settings and articles' }));
    });
    await waitFor(() => expect(deps.download).toHaveBeenCalledOnce());
    const [name, file] = (deps.download as ReturnType<typeof vi.fn>).mock.calls[0]!;
    expect(name).toBe('health-ai-lens-2024-05-01.json');
    expect(JSON.parse(await (file as Blob).text())).toMatchObject({ exportedAt: new Date(NOW).toISOString(), settings: { version: 1 }, articles: [{ id: 'a' }, { id: 'b' }] });
    expect((deps.exportData as ReturnType<typeof vi.fn>).mock.calls.map((call) => call[0])).toEqual([undefined, { chunk: 'feed\u0000month\u00000', index: 1 }]);
    expect(screen.getByTestId('data-result').textContent).toBe('Exported your settings and 2 articles.');
  });

  it('clears data only after confirmation; Cancel clears nothing', async () => {
    const { deps } = fakeDeps();
    await renderApp(deps);
    await screen.findByTestId('data-count');
    fireEvent.click(screen.getByRole('button', { name: 'Clear all data…' }));
    expect(document.activeElement?.textContent).toBe('Delete all data');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(deps.clearData).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toBe('Clear all data…');
    fireEvent.click(screen.getByRole('button', { name: 'Clear all data…' }));
    expect(screen.getByRole('group', { name: /^Delete/ }).textContent).toContain('1,204 articles');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete all data' }));
    });
    await waitFor(() => expect(screen.getByTestId('data-result').textContent).toContain('Deleted'));
    expect(deps.clearData).toHaveBeenCalledOnce();
  });

  it('shows a Retry alert when the background does not answer', async () => {
    const { deps } = fakeDeps({ status: vi.fn(async () => Promise.reject(new Error('no answer'))) });
    await renderApp(deps);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('no answer'));
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('has no serious or critical axe violations and every control is keyboard-reachable', async () => {
    const { deps } = fakeDeps();
    const { container } = await renderApp(deps);
    await screen.findByTestId('data-count');
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
    expect(serious).toEqual([]);
    for (const el of container.querySelectorAll('button, input, a[href]')) expect(el.getAttribute('tabindex')).not.toBe('-1');
  });
});

describe('OptionsApp with a hosted topic catalog', () => {
  const HOSTED_ML = 'http://feeds.example/ai/bundle/topics/machine-learning/manifest.json';
  const catalogTopics = TOPICS.map((t) => (t.name === 'Machine Learning' ? { ...t, feed: HOSTED_ML } : t));

  it('ticking a topic the catalog lists syncs its hosted bundle, and the page says where topic feeds come from', async () => {
    const { deps, stored } = fakeDeps({
      topicCatalog: async () => ({ status: 'ok', url: 'http://feeds.example/ai/bundle/feeds.json', topics: catalogTopics, generatedAt: '2026-12-01T05:17:00.000Z' }),
    });
    await renderApp(deps);
    expect((await screen.findByTestId('topic-catalog')).textContent).toContain('Dec 1, 2026');
    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Machine Learning' }));
    });
    await waitFor(() => expect(stored().feeds).toContainEqual({ url: HOSTED_ML, enabled: true, origin: 'topic' }));
  });

  it('keeps the built-in topic feeds when the catalog cannot be read', async () => {
    const { deps, stored } = fakeDeps({ topicCatalog: async () => ({ status: 'error', url: 'http://feeds.example/ai/bundle/feeds.json', reason: 'HTTP 404' }) });
    await renderApp(deps);
    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Machine Learning' }));
    });
    await waitFor(() => expect(stored().feeds).toContainEqual({ url: topicByName('Machine Learning')!.feed!, enabled: true, origin: 'topic' }));
    expect(screen.queryByTestId('topic-catalog')).toBeNull();
  });
});
