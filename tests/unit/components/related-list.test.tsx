// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { safeHref } from '../../../components/external-link';
import { avatarLetter } from '../../../components/provider-line';
import { RelatedList } from '../../../components/related-list';
import type { Suggestion } from '../../../lib/model/suggestion';

afterEach(cleanup);

function suggestion(n: number, overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    url: `https://www.example-outlet.com/health/2021/07/made-up-story-${n}/`,
    title: `Made-up story ${n}`,
    provider: { name: 'Example Outlet', domain: 'example-outlet.com' },
    publishedAt: '2021-07-01T10:00:00Z',
    quality: 45,
    score: 1,
    reasons: [],
    fromDataset: true,
    ...overrides,
  };
}

describe('safeHref', () => {
  it('keeps http(s) URLs unchanged and rejects everything else', () => {
    expect(safeHref('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeHref('http://a.example/')).toBe('http://a.example/');
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,hi', '/relative', '', 42, undefined]) {
      expect(safeHref(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('RelatedList', () => {
  it('links every entry in a new tab without opener or referrer', () => {
    const items = [suggestion(1), suggestion(2)];
    const { container } = render(<RelatedList items={items} heading="Related reading" />);
    const links = [...container.querySelectorAll('[data-testid="related-list"] a[href]')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(items.map((item) => item.url));
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('does not render a javascript: URL that slipped past the schema as a link', () => {
    const hostile = { ...suggestion(1), url: 'javascript:alert(document.domain)' } as Suggestion;
    const { container } = render(<RelatedList items={[hostile, suggestion(2)]} />);
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([suggestion(2).url]);
    const title = screen.getByText('Made-up story 1');
    expect(title.closest('a')).toBeNull(); // plain text in its bidi isolate, inside a <span>
    expect(title.parentElement?.tagName).toBe('SPAN');
  });

  it('keeps entries beyond the first few in the DOM, hidden until "Show more"', () => {
    const items = Array.from({ length: 8 }, (_, i) => suggestion(i));
    const { container } = render(<RelatedList items={items} initialCount={5} />);
    expect(container.querySelectorAll('[data-testid="related-list"] a[href]')).toHaveLength(8);
    const rows = container.querySelectorAll('li.hal-related-item');
    expect([...rows].filter((row) => row.hasAttribute('hidden'))).toHaveLength(3);
    const more = screen.getByRole('button', { name: 'Show 3 more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect([...container.querySelectorAll('li.hal-related-item')].some((row) => row.hasAttribute('hidden'))).toBe(false);
    expect(screen.getByRole('button', { name: 'Show fewer' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('shows "Also covered by" with links to the other outlets, dropping unsafe ones', () => {
    const item = suggestion(1, {
      alsoCoveredBy: [
        { title: 'Same story elsewhere', url: 'https://apnews.example/article/abc', provider: { name: 'AP Example', domain: 'apnews.example' } },
        { title: 'No provider copy', url: 'https://wire.example/story/1' },
        { title: 'Bad', url: 'javascript:void(0)', provider: { name: 'Evil', domain: 'evil.example' } },
      ],
    });
    const { container } = render(<RelatedList items={[item]} />);
    const also = container.querySelector('.hal-also')!;
    expect(also.textContent).toBe('Also covered by AP Example, No provider copy');
    expect([...also.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://apnews.example/article/abc',
      'https://wire.example/story/1',
    ]);
  });

  it('shows score, provider, date and reasons; the neutral "?" when unscored', () => {
    const { container } = render(
      <RelatedList
        items={[
          suggestion(1, { quality: 91, reasons: [{ kind: 'same-story' }, { kind: 'shared-topic', topic: 'AI in Healthcare' }] }),
          suggestion(2, { quality: undefined }),
        ]}
      />,
    );
    const [first, second] = [...container.querySelectorAll('li')];
    expect(first!.textContent).toContain('91');
    expect(first!.textContent).toContain('High');
    expect(first!.textContent).toContain('Example Outlet');
    expect(first!.querySelector('time')?.getAttribute('datetime')).toBe('2021-07-01T10:00:00Z');
    expect(first!.textContent).toContain('Jul 1, 2021');
    expect(first!.textContent).toContain('Same story · Shared topic: AI in Healthcare');
    expect(second!.querySelector('.hal-chip-unrated')?.textContent).toBe('?Not rated');
  });

  it('renders structured reasons through messages: key terms, listed, quality', () => {
    const { container } = render(
      <RelatedList
        items={[
          suggestion(1, { reasons: [{ kind: 'key-terms', terms: ['sepsis', 'triage'] }, { kind: 'listed' }] }),
          suggestion(2, { reasons: [{ kind: 'quality', value: 88 }] }),
        ]}
      />,
    );
    const [first, second] = [...container.querySelectorAll('.hal-reasons')];
    expect(first!.textContent).toBe('Key terms: sepsis, triage · Listed as related by the source');
    expect(second!.textContent).toBe('Quality 88');
  });

  it('does not repeat on each item a reason every item gives', () => {
    const topic = { kind: 'shared-topic', topic: 'AI in Healthcare' } as const;
    const { container } = render(
      <RelatedList
        items={[
          suggestion(1, { reasons: [topic, { kind: 'same-story' }] }),
          suggestion(2, { reasons: [topic, { kind: 'key-terms', terms: ['triage'] }] }),
          suggestion(3, { reasons: [topic] }),
        ]}
      />,
    );
    expect(container.textContent).not.toContain('Shared topic');
    expect([...container.querySelectorAll('.hal-reasons')].map((p) => p.textContent)).toEqual(['Same story', 'Key terms: triage']);
    // One item alone keeps its reasons.
    cleanup();
    const single = render(<RelatedList items={[suggestion(1, { reasons: [topic] })]} />);
    expect(single.container.textContent).toContain('Shared topic: AI in Healthcare');
  });

  it('uses a letter avatar, never a favicon request', () => {
    const { container } = render(<RelatedList items={[suggestion(1, { provider: { name: 'Le Lézard', domain: 'lelezard.com' } })]} />);
    expect(container.querySelector('.hal-avatar')?.textContent).toBe('L');
    expect(container.querySelectorAll('img')).toHaveLength(0);
    expect(avatarLetter({ name: 'Новости Украины', domain: '' })).toBe('Н');
    expect(avatarLetter({ name: '', domain: '' })).toBe('?');
  });

  it('loads images lazily, without referrer, in a fixed-size box', () => {
    const { container } = render(<RelatedList items={[suggestion(1, { image: 'https://img.example-outlet.com/a.jpg' })]} />);
    const img = container.querySelector('img')!;
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(img.getAttribute('width')).toBe('64');
    expect(img.getAttribute('height')).toBe('48');
    expect(img.getAttribute('alt')).toBe('');
  });

  it('says so when there is nothing to list', () => {
    const { container } = render(<RelatedList items={[]} emptyText="Nothing yet." />);
    expect(container.querySelector('[data-testid="related-list"]')?.textContent).toContain('Nothing yet.');
  });
});
