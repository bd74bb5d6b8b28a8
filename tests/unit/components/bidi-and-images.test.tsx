// @vitest-environment happy-dom
/**
 * Dataset strings each render in their own bidirectional context, and images never carry cookies or
 * a referrer: checked on the rendered ArticleCard, RelatedList and Thumbnail.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ArticleCard } from '../../../components/article-card';
import { RelatedList } from '../../../components/related-list';
import { Thumbnail } from '../../../components/thumbnail';
import type { PanelArticle } from '../../../lib/model/panel';
import type { Suggestion } from '../../../lib/model/suggestion';

afterEach(cleanup);

/** U+202E RIGHT-TO-LEFT OVERRIDE: without isolation it reverses everything after it in the line. */
const RLO = '\u202E';

function suggestion(n: number, overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    url: `https://www.example-outlet.com/health/made-up-${n}/`,
    title: `Made-up story ${n}`,
    provider: { name: `Outlet ${n}`, domain: `outlet-${n}.example` },
    publishedAt: '2021-07-01T10:00:00Z',
    quality: 45,
    score: 1,
    reasons: [],
    fromDataset: true,
    image: `https://images.example/${n}.jpg`,
    ...overrides,
  };
}

const article: PanelArticle = {
  id: 'a1',
  title: `${RLO}Hospital AI triage`,
  excerpt: `${RLO}An excerpt that overrides direction`,
  publishedAt: '2021-07-01T10:00:00Z',
  url: 'https://news.example/a1',
  provider: { name: `${RLO}Evil Outlet`, domain: 'evil.example' },
  topics: [`${RLO}radiology`, 'oncology'],
  quality: 60,
  image: 'https://images.example/a1.jpg',
};

/** Whether `text` appears in `root` exactly as the whole content of a bidi-isolating element. */
function isolated(root: Element, text: string): boolean {
  return [...root.querySelectorAll('bdi')].some((el) => el.textContent === text);
}

describe('bidirectional isolation', () => {
  it('every title, provider name and reason in a related list sits in its own <bdi>', () => {
    const items = [
      suggestion(1, { title: `${RLO}Override title`, reasons: [{ kind: 'shared-topic', topic: `${RLO}same topic` }, { kind: 'key-terms', terms: ['same outlet'] }] }),
      suggestion(2, {
        title: 'Neighbour title',
        alsoCoveredBy: [{ url: 'https://other.example/x', title: 'Other', provider: { name: `${RLO}Other Outlet`, domain: 'other.example' } }],
      }),
    ];
    const { container } = render(<RelatedList items={items} heading="Related reading" />);
    for (const text of [`${RLO}Override title`, 'Neighbour title', `${RLO}same topic`, 'same outlet', 'Outlet 1', 'Outlet 2', `${RLO}Other Outlet`]) {
      expect(isolated(container, text), text).toBe(true);
    }
    // The override stays inside its own element: the neighbour's title is a separate isolate.
    const bdis = [...container.querySelectorAll('bdi')];
    expect(bdis.filter((el) => el.textContent?.includes(RLO)).every((el) => el.textContent!.startsWith(RLO))).toBe(true);
  });

  it('the matched article card isolates title, excerpt, provider and each topic', () => {
    const { container } = render(<ArticleCard article={article} />);
    for (const text of [article.title, article.excerpt, article.provider.name, ...article.topics]) {
      expect(isolated(container, text), text).toBe(true);
    }
    expect(container.querySelector('[data-testid="match-title"]')?.textContent).toBe(article.title);
  });
});

describe('images', () => {
  it('a thumbnail requests its image without cookies or referrer', () => {
    const { container } = render(<Thumbnail src="https://images.example/x.jpg" width={64} height={48} />);
    const img = container.querySelector('img')!;
    expect(img.getAttribute('crossorigin')).toBe('anonymous');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
  });

  it('every <img> in a rendered related list and card is anonymous and referrer-free, and no favicon is requested', () => {
    const { container } = render(
      <div>
        <ArticleCard article={article} />
        <RelatedList items={[suggestion(1), suggestion(2)]} heading="Related reading" />
      </div>,
    );
    const images = [...container.querySelectorAll('img')];
    expect(images).toHaveLength(3);
    for (const img of images) {
      expect(img.getAttribute('crossorigin')).toBe('anonymous');
      expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
      expect(img.getAttribute('src')).not.toMatch(/favicon|s2\/favicons|icons\.duckduckgo/);
    }
  });
});
