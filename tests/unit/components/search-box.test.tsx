// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchBox } from '../../../components/search-box';
import type { Suggestion } from '../../../lib/model/suggestion';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function result(title: string): Suggestion {
  const slug = title.toLowerCase().replace(/\W+/g, '-');
  return { url: `https://www.example.com/news/${slug}`, title, score: 1, reasons: [], fromDataset: false };
}

function type(value: string) {
  fireEvent.input(screen.getByRole('searchbox', { name: 'Search articles' }), { target: { value } });
}

describe('SearchBox', () => {
  it('calls onSearch with the trimmed query and shows the results as links', async () => {
    const onSearch = vi.fn(async (query: string) => [result(`Sepsis model ${query}`), result('Another sepsis story')]);
    const { container } = render(<SearchBox onSearch={onSearch} debounceMs={0} />);
    type('  sepsis ');
    await waitFor(() => expect(container.querySelectorAll('[data-testid="search-results"] a[href]')).toHaveLength(2));
    expect(onSearch).toHaveBeenLastCalledWith('sepsis');
    expect(screen.getByRole('status').textContent).toBe('2 results for “sepsis”');
    expect(screen.getByRole('link', { name: 'Sepsis model sepsis' }).getAttribute('href')).toBe(
      'https://www.example.com/news/sepsis-model-sepsis',
    );
  });

  it('debounces keystrokes into one search', async () => {
    vi.useFakeTimers();
    const onSearch = vi.fn(async () => [] as Suggestion[]);
    render(<SearchBox onSearch={onSearch} debounceMs={150} />);
    type('ra');
    await act(() => {
      vi.advanceTimersByTime(50);
    });
    type('rad');
    await act(() => {
      vi.advanceTimersByTime(50);
    });
    type('radiology');
    expect(onSearch).not.toHaveBeenCalled();
    await act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(onSearch).toHaveBeenCalledTimes(1);
    expect(onSearch).toHaveBeenCalledWith('radiology');
  });

  it('does not search for a one-letter query and clears old results', async () => {
    const onSearch = vi.fn(async () => [result('FDA clears a made-up device')]);
    const { container } = render(<SearchBox onSearch={onSearch} debounceMs={0} />);
    type('fda');
    await waitFor(() => expect(container.querySelector('[data-testid="search-results"]')).not.toBeNull());
    type('f');
    await waitFor(() => expect(container.querySelector('[data-testid="search-results"]')).toBeNull());
    expect(onSearch).toHaveBeenCalledTimes(1);
  });

  it('drops a slow earlier answer that arrives after a newer one', async () => {
    const pending: Record<string, (value: Suggestion[]) => void> = {};
    const onSearch = vi.fn(
      (query: string) =>
        new Promise<Suggestion[]>((resolve) => {
          pending[query] = resolve;
        }),
    );
    const { container } = render(<SearchBox onSearch={onSearch} debounceMs={0} />);
    type('old');
    await waitFor(() => expect(pending.old).toBeDefined());
    type('new');
    await waitFor(() => expect(pending.new).toBeDefined());
    await act(async () => pending.new!([result('New answer')]));
    await act(async () => pending.old!([result('Old answer')]));
    const titles = [...container.querySelectorAll('a')].map((a) => a.textContent);
    expect(titles).toEqual(['New answer']);
  });

  it('says "no results" and reports a failed search', async () => {
    let fail = false;
    const onSearch = vi.fn(async () => {
      if (fail) throw new Error('background gone');
      return [] as Suggestion[];
    });
    render(<SearchBox onSearch={onSearch} debounceMs={0} />);
    type('zzzz');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No matches for “zzzz”'));
    fail = true;
    type('zzzzz');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Search failed. Try again.'));
  });

  it('takes its placeholder examples from the words it is given, never a fixed word', () => {
    render(<SearchBox onSearch={async () => []} examples={['Watson', 'radiology']} />);
    expect(screen.getByRole('searchbox', { name: 'Search articles' }).getAttribute('placeholder')).toBe('e.g. Watson, radiology');
    cleanup();
    render(<SearchBox onSearch={async () => []} />);
    const placeholder = screen.getByRole('searchbox', { name: 'Search articles' }).getAttribute('placeholder');
    expect(placeholder).toBe('Words from a title or excerpt');
    expect(placeholder).not.toMatch(/sepsis/i);
  });

  it('offers a clickable example when nothing matches, and searches it', async () => {
    const onSearch = vi.fn(async (query: string) => (query === 'Watson' ? [result('Made-up Watson story')] : []));
    const { container } = render(<SearchBox onSearch={onSearch} debounceMs={0} examples={['Watson', 'radiology']} />);
    type('zzzz');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No matches — try Watson'));
    fireEvent.click(screen.getByRole('button', { name: 'Watson' }));
    await waitFor(() => expect(container.querySelectorAll('[data-testid="search-results"] a[href]')).toHaveLength(1));
    expect(onSearch).toHaveBeenCalledWith('Watson');
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('Watson');
  });

  it('does not offer the word that just found nothing', async () => {
    render(<SearchBox onSearch={async () => []} debounceMs={0} examples={['Watson', 'radiology']} />);
    type('watson');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No matches — try radiology'));
  });

  it('searches at once on Enter', async () => {
    const onSearch = vi.fn(async () => [] as Suggestion[]);
    render(<SearchBox onSearch={onSearch} debounceMs={10_000} />);
    type('triage');
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(onSearch).toHaveBeenCalledWith('triage'));
  });
});
