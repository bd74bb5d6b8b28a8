// @vitest-environment happy-dom
/**
 * PanelApp: loads the model through injected functions, comes back while ranking is pending, shows
 * a clear error with Retry instead of a blank panel, and marks links opened from panels before.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelApp } from '../../../components/panel-app';
import type { PanelModel, SyncSummary } from '../../../lib/model/panel';
import type { Suggestion } from '../../../lib/model/suggestion';

afterEach(cleanup);

const sync: SyncSummary = { state: 'idle', articleCount: 12, lastSuccessAt: Date.now(), errors: [], offline: false };
const related = (n: number): Suggestion => ({
  url: `https://news.example.org/story-${n}`,
  title: `Made-up related story ${n}`,
  score: 1,
  reasons: [],
  fromDataset: true,
});
const matched = (extra: Partial<Extract<PanelModel, { kind: 'matched' }>> = {}): PanelModel => ({
  kind: 'matched',
  article: {
    id: 'a',
    title: 'Made-up matched article',
    excerpt: 'A made-up excerpt.',
    publishedAt: '2021-09-01T00:00:00.000Z',
    url: 'https://news.example.org/matched',
    provider: { name: 'Example News', domain: 'news.example.org' },
    topics: ['AI in Healthcare'],
    quality: 70,
  },
  related: [related(1), related(2)],
  sync,
  ...extra,
});
const noop = async () => [] as Suggestion[];

describe('PanelApp', () => {
  it('asks again while related reading is pending, then shows the full list', async () => {
    const load = vi
      .fn<() => Promise<PanelModel | null>>()
      .mockResolvedValueOnce(matched({ related: [related(1)], relatedPending: true }))
      .mockResolvedValue(matched());
    render(<PanelApp load={load} search={noop} syncNow={async () => ({})} />);
    await waitFor(() => expect(screen.getAllByRole('link', { name: /Made-up related story/ })).toHaveLength(2), { timeout: 3000 });
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('renders the answer of a load started before it rendered, without asking again; later reloads ask', async () => {
    const load = vi.fn<() => Promise<PanelModel | null>>().mockResolvedValue(matched());
    const firstLoad = Promise.resolve(matched({ related: [related(1)], relatedPending: true }));
    render(<PanelApp load={load} firstLoad={firstLoad} search={noop} syncNow={async () => ({})} />);
    await screen.findByTestId('match-title');
    expect(screen.getAllByRole('link', { name: /Made-up related story/ })).toHaveLength(1);
    expect(load).not.toHaveBeenCalled();
    // Still pending: the next ask goes to load(), and its full list replaces the first.
    await waitFor(() => expect(screen.getAllByRole('link', { name: /Made-up related story/ })).toHaveLength(2), { timeout: 3000 });
    expect(load).toHaveBeenCalled();
  });

  it('shows the error with Retry instead of a blank panel', async () => {
    const load = vi.fn<() => Promise<PanelModel | null>>().mockRejectedValueOnce(new Error('The extension did not answer')).mockResolvedValue(matched());
    render(<PanelApp load={load} search={noop} syncNow={async () => ({})} />);
    await screen.findByText('The extension did not answer');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('match-title');
  });

  it('marks links opened before and records a newly opened one', async () => {
    const added: string[] = [];
    const openedLinks = { load: async () => ['https://news.example.org/story-2'], add: (url: string) => void added.push(url) };
    render(<PanelApp load={async () => matched()} search={noop} syncNow={async () => ({})} openedLinks={openedLinks} />);
    const visited = await screen.findByRole('link', { name: /Made-up related story 2 \(visited\)/ });
    expect(visited).toBeTruthy();
    const block = (event: Event) => event.preventDefault(); // happy-dom must not follow target=_blank
    document.addEventListener('click', block);
    fireEvent.click(screen.getByRole('link', { name: /Made-up related story 1$/ }));
    document.removeEventListener('click', block);
    expect(added).toEqual(['https://news.example.org/story-1']);
    await screen.findByRole('link', { name: /Made-up related story 1 \(visited\)/ });
  });
});
