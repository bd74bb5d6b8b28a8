// @vitest-environment happy-dom
import axe from 'axe-core';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Panel } from '../../../components/panel';
import type { PanelModel, SyncSummary } from '../../../lib/model/panel';
import type { Suggestion } from '../../../lib/model/suggestion';

afterEach(cleanup);

const sync: SyncSummary = { state: 'idle', articleCount: 52, lastSuccessAt: 0, errors: [], offline: false };
const related: Suggestion[] = Array.from({ length: 7 }, (_, i) => ({
  url: `https://www.example.net/2021/12/made-up-${i}/`,
  title: `Made-up related headline ${i}`,
  provider: { name: 'Example Net', domain: 'example.net' },
  publishedAt: '2021-12-02T08:00:00Z',
  quality: i * 20,
  image: i === 0 ? 'https://img.example.net/t.jpg' : undefined,
  score: 1,
  reasons: [{ kind: 'shared-topic', topic: 'AI in Healthcare' }],
  fromDataset: true,
  alsoCoveredBy: i === 1 ? [{ title: 'Copy', url: 'https://wire.example/c', provider: { name: 'Wire', domain: 'wire.example' } }] : undefined,
}));

const MODELS: Record<string, PanelModel | undefined> = {
  loading: undefined,
  matched: {
    kind: 'matched',
    article: {
      id: 'a',
      title: 'Made-up matched headline',
      excerpt: 'Made-up excerpt.',
      publishedAt: '2021-12-03T10:00:00Z',
      url: 'https://www.example.com/a',
      provider: { name: 'Example', domain: 'example.com' },
      topics: ['AI in Healthcare'],
      quality: 71,
      heat: 89,
      image: 'https://img.example.com/a.jpg',
    },
    related,
    percentile: { value: 48, topic: 'AI in Healthcare' },
    sync,
  },
  unscored: {
    kind: 'matched',
    article: {
      id: 'b',
      title: 'Made-up unscored headline',
      excerpt: '',
      publishedAt: '2021-12-03T10:00:00Z',
      url: 'https://www.example.com/b',
      provider: { name: '', domain: '' },
      topics: [],
    },
    related: [],
    sync: { ...sync, state: 'error', offline: true, errors: [{ feed: 'https://feed.example/', message: 'HTTP 500' }] },
  },
  suggestions: { kind: 'suggestions', query: { title: 'Made-up page title' }, related, sync },
  noMatch: { kind: 'no-match', topPicks: related, sync },
  emptyDb: { kind: 'no-match', topPicks: [], sync: { ...sync, state: 'never', articleCount: 0, lastSuccessAt: undefined } },
  firstSync: {
    kind: 'no-match',
    topPicks: [],
    sync: { ...sync, state: 'syncing', articleCount: 0, progress: { done: 1, total: 13 } },
  },
};

describe('Panel accessibility (axe-core; contrast is checked in real Chromium, happy-dom has no layout)', () => {
  for (const [name, model] of Object.entries(MODELS)) {
    it(`has no serious or critical violations: ${name}`, async () => {
      const { container } = render(
        <main>
          <h1>Health AI Lens</h1>
          <Panel model={model} onRetry={() => {}} onSearch={async () => []} now={86_400_000} />
        </main>,
      );
      const results = await axe.run(container, {
        rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
      });
      const serious = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
      expect(serious).toEqual([]);
    });
  }

  it('lets the keyboard reach every control in document order', () => {
    const { container } = render(
      <Panel model={MODELS.matched} onRetry={() => {}} onSearch={async () => []} />,
    );
    const focusable = [...container.querySelectorAll<HTMLElement>('a[href], button, input')].filter(
      (element) => !element.closest('[hidden]'),
    );
    expect(focusable.map((element) => element.tagName)).toContain('BUTTON');
    for (const element of focusable) expect(element.getAttribute('tabindex')).not.toBe('-1');
    // Explanation toggle comes before the related links, which come before "Show more".
    const labels = focusable.map((element) => element.textContent);
    expect(labels.indexOf('What does this score mean?')).toBeLessThan(labels.indexOf('Made-up related headline 0'));
    expect(labels.indexOf('Made-up related headline 0')).toBeLessThan(labels.indexOf('Show 2 more'));
  });
});
