// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { Panel } from '../../../components/panel';
import type { Article } from '../../../lib/model/article';
import { PanelModel, toPanelArticle, type PanelArticle, type SyncSummary } from '../../../lib/model/panel';
import type { Suggestion } from '../../../lib/model/suggestion';

afterEach(cleanup);

/** Keeps happy-dom from following target=_blank links (it would try the network) once our handlers ran. */
function stopNavigation(): () => void {
  const block = (event: Event) => event.preventDefault();
  document.addEventListener('click', block);
  return () => document.removeEventListener('click', block);
}

const NOW = Date.parse('2024-05-01T12:00:00Z');

function sync(overrides: Partial<SyncSummary> = {}): SyncSummary {
  return { state: 'idle', articleCount: 314, lastSuccessAt: NOW - 2 * 3_600_000, errors: [], offline: false, ...overrides };
}

function article(overrides: Partial<PanelArticle> = {}): PanelArticle {
  return {
    id: 'a1',
    title: 'Hospital network pilots triage model for emergency rooms',
    excerpt: 'A made-up excerpt about a triage pilot in three emergency departments.',
    publishedAt: '2021-12-03T15:00:00Z',
    url: 'https://www.example-health-news.com/2021/12/03/triage-model-pilot/',
    provider: { name: 'Example Health News', domain: 'example-health-news.com' },
    topics: ['AI', 'AI in Healthcare'],
    quality: 81,
    heat: 97,
    ...overrides,
  };
}

function suggestion(n: number, overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    url: `https://news.example.org/articles/ai-radiology-study-${n}`,
    title: `Made-up related story number ${n}`,
    provider: { name: 'Example Org News', domain: 'example.org' },
    publishedAt: '2021-12-01T09:00:00Z',
    quality: 60 + n,
    score: 10 - n,
    reasons: [{ kind: 'shared-topic', topic: 'AI in Healthcare' }],
    fromDataset: n % 2 === 0,
    ...overrides,
  };
}

const noop = () => {};
const noSearch = async () => [] as Suggestion[];

function renderPanel(model: PanelModel | undefined, extra: Partial<Parameters<typeof Panel>[0]> = {}) {
  return render(<Panel model={model} onRetry={noop} onSearch={noSearch} now={NOW} {...extra} />);
}

describe('Panel', () => {
  it('shows a loading state before the background answers', () => {
    const { container } = renderPanel(undefined);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(container.querySelector('[data-testid="match-title"]')).toBeNull();
    expect(container.querySelector('[data-testid="no-match"]')).toBeNull();
  });

  it('renders a matched article with score, band, percentile and every related link', () => {
    const related = Array.from({ length: 8 }, (_, i) => suggestion(i));
    const { container } = renderPanel({
      kind: 'matched',
      article: article(),
      related,
      percentile: { value: 72, topic: 'AI in Healthcare' },
      scale: { cuts: [56, 71, 81], min: 0, max: 171, count: 119 },
      sync: sync(),
    });
    expect(container.querySelector('[data-testid="match-title"]')?.textContent).toBe(
      'Hospital network pilots triage model for emergency rooms',
    );
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('81');
    expect(container.querySelector('.hal-verdict-line')?.textContent).toBe('High Rated higher than 72% of AI in Healthcare articles');
    expect(screen.getByText(/Heat 97/)).toBeTruthy();
    const list = container.querySelector('[data-testid="related-list"]')!;
    const hrefs = [...list.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
    for (const entry of related) expect(hrefs).toContain(entry.url);
    expect(container.querySelector('[data-testid="no-match"]')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(article().title);
    expect(screen.getByRole('heading', { name: 'Related reading' })).toBeTruthy();
  });

  it('orders every matched panel verdict, article card, related reading, then the sync line as a footer', () => {
    const { container } = renderPanel({
      kind: 'matched',
      article: article(),
      related: [suggestion(1)],
      percentile: { value: 72, topic: 'AI in Healthcare' },
      sync: sync(),
    });
    const order = ['.hal-verdict', '[data-testid="match-title"]', '[data-testid="related-list"]', '[data-testid="sync-status"]'].map(
      (selector) => container.querySelector(selector)!,
    );
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING, String(i)).toBeTruthy();
    }
    expect(container.querySelector('.hal-panel-footer [data-testid="sync-status"]')).not.toBeNull();
    // Heat is a detail of the card, not part of the verdict.
    expect(container.querySelector('.hal-verdict .hal-heat')).toBeNull();
    expect(container.querySelector('.hal-card .hal-heat')?.textContent).toBe('Heat 97 · warm');
  });

  it('keeps the sync line last in the unmatched and empty states too', () => {
    for (const model of [
      { kind: 'no-match', topPicks: [suggestion(1)], sync: sync() },
      { kind: 'no-match', topPicks: [], sync: sync({ state: 'syncing', articleCount: 0, lastSuccessAt: undefined }) },
      { kind: 'suggestions', query: { title: 'Made-up page' }, related: [suggestion(2)], sync: sync() },
    ] as PanelModel[]) {
      const { container } = renderPanel(model);
      const marker = container.querySelector('[data-testid="no-match"]')!;
      const status = container.querySelector('.hal-panel-footer [data-testid="sync-status"]')!;
      expect(marker.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING, model.kind).toBeTruthy();
      cleanup();
    }
  });

  it('puts the first-run welcome card after the lead of every state, never above it', () => {
    const firstRun = sync({ state: 'syncing', articleCount: 0, lastSuccessAt: undefined });
    const cases: [string, PanelModel | undefined, string][] = [
      ['loading', undefined, '[data-testid="panel-loading"]'],
      ['first sync', { kind: 'no-match', topPicks: [], sync: firstRun }, '[data-testid="no-match"]'],
      ['first sync failed', { kind: 'no-match', topPicks: [], sync: sync({ state: 'error', articleCount: 0, lastSuccessAt: undefined }) }, '[data-testid="no-match"]'],
      ['no match', { kind: 'no-match', topPicks: [suggestion(1)], sync: sync() }, '[data-testid="no-match"]'],
      ['suggestions', { kind: 'suggestions', query: { title: 'Made-up page' }, related: [suggestion(2)], sync: sync() }, '[data-testid="no-match"]'],
      ['matched', { kind: 'matched', article: article(), related: [suggestion(1)], sync: sync() }, '.hal-verdict'],
      ['unrated', { kind: 'matched', article: article({ quality: undefined }), related: [], sync: sync() }, '.hal-verdict'],
    ];
    for (const [name, model, leadSelector] of cases) {
      const { container } = renderPanel(model, { welcome: { onDismiss: noop } });
      const lead = container.querySelector(leadSelector)!;
      const card = container.querySelector('[data-testid="welcome"]')!;
      expect(lead, name).not.toBeNull();
      expect(card, name).not.toBeNull();
      expect(lead.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING, name).toBeTruthy();
      expect(card.compareDocumentPosition(container.querySelector('.hal-panel-footer')!) & Node.DOCUMENT_POSITION_FOLLOWING, name).toBeTruthy();
      cleanup();
    }
  });

  it('renders the unrated verdict with the outlet record under it and no gauge or explanation link', () => {
    const { container } = renderPanel({
      kind: 'matched',
      article: article({ quality: undefined }),
      related: [],
      outletRecord: { domain: 'example-health-news.com', scored: 9, median: 64, bands: { low: 2, fair: 3, good: 3, high: 1 } },
      sync: sync(),
    });
    const verdict = container.querySelector('.hal-verdict')!;
    expect(verdict.textContent).toContain('Not rated by A.I. Every Day');
    const record = container.querySelector('[data-testid="outlet-record"]')!;
    expect(verdict.compareDocumentPosition(record) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(record.compareDocumentPosition(container.querySelector('[data-testid="match-title"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'What does this score mean?' })).toBeNull();
    expect(container.querySelector('.hal-scale')).toBeNull();
  });

  it('renders "?" and "Not rated" for a matched article without a score', () => {
    const { container } = renderPanel({
      kind: 'matched',
      article: article({ quality: undefined, heat: undefined }),
      related: [],
      sync: sync(),
    });
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('?');
    expect(screen.getByText('Not rated by A.I. Every Day')).toBeTruthy();
    expect(screen.queryByText(/Rated higher than/)).toBeNull();
    expect(screen.getByText(/No heat data/)).toBeTruthy();
    // The list hook is there even when empty, with a note instead of entries.
    const list = container.querySelector('[data-testid="related-list"]')!;
    expect(list.querySelectorAll('a[href]')).toHaveLength(0);
    expect(list.textContent).toContain('No related articles');
  });

  it('renders suggestions for a page that is not in the dataset, marked no-match (the tab matches nothing)', () => {
    const { container } = renderPanel({
      kind: 'suggestions',
      query: { title: 'Some outlet: chatbot triage study' },
      related: [suggestion(1), suggestion(2)],
      sync: sync(),
    });
    expect(container.querySelector('[data-testid="no-match"]')?.textContent).toContain('Not in the dataset');
    expect(container.querySelector('[data-testid="match-title"]')).toBeNull();
    const links = container.querySelectorAll('[data-testid="related-list"] a[href]');
    expect([...links].map((a) => a.getAttribute('href'))).toEqual([suggestion(1).url, suggestion(2).url]);
    expect(screen.getByText('Some outlet: chatbot triage study')).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search articles' })).toBeTruthy();
  });

  it('renders no-match with top picks and a search box', () => {
    const { container } = renderPanel({ kind: 'no-match', topPicks: [suggestion(3)], sync: sync() });
    const marker = container.querySelector('[data-testid="no-match"]');
    expect(marker).not.toBeNull();
    expect(marker?.textContent).toContain('314 articles');
    const picks = container.querySelector('[data-testid="top-picks"]')!;
    expect(within(picks as HTMLElement).getByRole('link', { name: /related story number 3/ }).getAttribute('href')).toBe(
      suggestion(3).url,
    );
    expect(screen.getByRole('heading', { name: 'Top picks' })).toBeTruthy();
    expect(screen.getByRole('searchbox')).toBeTruthy();
  });

  it('renders the empty database with a Sync now action that calls onRetry', () => {
    const onRetry = vi.fn();
    const { container } = renderPanel(
      { kind: 'no-match', topPicks: [], sync: sync({ state: 'never', articleCount: 0, lastSuccessAt: undefined }) },
      { onRetry },
    );
    expect(container.querySelector('[data-testid="no-match"]')?.textContent).toContain('No articles yet');
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('renders first-run syncing with a progress bar and counts', () => {
    const { container } = renderPanel({
      kind: 'no-match',
      topPicks: [],
      sync: sync({ state: 'syncing', articleCount: 0, lastSuccessAt: undefined, progress: { unit: 'articles', done: 3, total: 13 } }),
    });
    expect(container.querySelector('[data-testid="no-match"]')?.textContent).toContain('Downloading articles');
    const bar = screen.getByRole('progressbar', { name: 'Sync progress' }) as HTMLProgressElement;
    expect(bar.getAttribute('value')).toBe('3');
    expect(bar.getAttribute('max')).toBe('13');
    expect(container.querySelector('[data-testid="sync-status"]')?.textContent).toContain('Importing… 3 of 13 articles');
  });

  it('renders the offline data age, without feed hosts, raw errors or a Retry that cannot work offline', () => {
    const onRetry = vi.fn();
    const { container } = renderPanel(
      {
        kind: 'matched',
        article: article(),
        related: [],
        sync: sync({
          state: 'error',
          offline: true,
          lastSuccessAt: NOW - 3 * 86_400_000,
          errors: [{ feed: 'https://feeds.example.net/api/news/ai-in-healthcare/', message: 'HTTP 503' }],
        }),
      },
      { onRetry },
    );
    const status = container.querySelector('[data-testid="sync-status"]')!;
    expect(status.textContent).toContain('Offline · data from 3 days ago');
    expect(status.textContent).not.toContain('feeds.example.net');
    expect(status.textContent).not.toContain('HTTP 503');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('renders hostile dataset text as text, never as markup', () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { container } = renderPanel({
      kind: 'matched',
      article: article({ title: hostile, excerpt: hostile, provider: { name: hostile, domain: 'x.example' } }),
      related: [suggestion(1, { title: hostile, excerpt: hostile, reasons: [{ kind: 'key-terms', terms: [hostile] }] })],
      sync: sync(),
    });
    expect(container.querySelector('[data-testid="match-title"]')?.textContent).toBe(hostile);
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('puts the header slot first', () => {
    const { container } = renderPanel(undefined, { headerSlot: <button type="button">Health AI Lens</button> });
    expect(container.querySelector('.hal-header button')?.textContent).toBe('Health AI Lens');
  });

  it('reports opened links through onOpen and marks visited ones', () => {
    const onOpen = vi.fn();
    const visited = suggestion(1);
    renderPanel(
      { kind: 'matched', article: article(), related: [visited, suggestion(2)], sync: sync() },
      { onOpen, visitedUrls: new Set([visited.url]) },
    );
    const link = screen.getByRole('link', { name: /story number 1 \(visited\)/ });
    expect(link.closest('li')?.className).toContain('hal-visited');
    const other = screen.getByRole('link', { name: 'Made-up related story number 2' });
    const restore = stopNavigation();
    fireEvent.click(other);
    restore();
    expect(onOpen).toHaveBeenCalledWith(suggestion(2).url);
    expect(other.closest('li')?.className).toContain('hal-visited');
  });
});

describe('PanelModel', () => {
  const stored: Article = {
    id: 'k1',
    title: 'Made-up title',
    excerpt: 'Made-up excerpt',
    publishedAt: '2023-03-27T10:00:00Z',
    urls: { web: 'https://www.example.com/a/', amp: 'https://www.example.com/a/amp/' },
    provider: { name: 'Example', domain: 'example.com' },
    topics: ['AI in Healthcare'],
    quality: 0,
    images: [{ url: 'https://img.example.com/a.jpg', width: 640 }],
    related: [{ title: 'R', url: 'https://other.example/r' }],
    sources: ['https://feed.example/'],
    updatedAt: 1,
  };

  it('projects an Article onto the panel shape, keeping a 0 score and omitting absent heat', () => {
    const panel = toPanelArticle(stored);
    expect(panel).toEqual({
      id: 'k1',
      title: 'Made-up title',
      excerpt: 'Made-up excerpt',
      publishedAt: '2023-03-27T10:00:00Z',
      url: 'https://www.example.com/a/',
      provider: { name: 'Example', domain: 'example.com' },
      topics: ['AI in Healthcare'],
      quality: 0,
      image: 'https://img.example.com/a.jpg',
    });
    expect('heat' in panel).toBe(false);
    expectTypeOf(panel).toEqualTypeOf<PanelArticle>();
  });

  it('accepts every kind and rejects unsafe URLs at the edge', () => {
    const base = { sync: sync() };
    expect(PanelModel.safeParse({ kind: 'matched', article: toPanelArticle(stored), related: [], ...base }).success).toBe(
      true,
    );
    expect(PanelModel.safeParse({ kind: 'suggestions', query: { title: 't' }, related: [suggestion(1)], ...base }).success).toBe(
      true,
    );
    expect(PanelModel.safeParse({ kind: 'no-match', topPicks: [], ...base }).success).toBe(true);
    const hostile = { kind: 'no-match', topPicks: [suggestion(1, { url: 'javascript:alert(1)' })], ...base };
    expect(PanelModel.safeParse(hostile).success).toBe(false);
    expect(PanelModel.safeParse({ kind: 'other', ...base }).success).toBe(false);
  });
});
