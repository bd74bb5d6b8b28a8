// @vitest-environment happy-dom
/** OutletRecord and Panel: the outlet's record shows only when the model carries one, worded as the outlet's, not the article's. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(cleanup);
import { OutletRecord } from '../../../components/outlet-record';
import { Panel } from '../../../components/panel';
import type { PanelModel, SyncSummary } from '../../../lib/model/panel';

const record = { domain: 'medwire.example', scored: 12, median: 64, bands: { low: 2, fair: 4, good: 5, high: 1 } };
const sync: SyncSummary = { state: 'idle', articleCount: 40, lastSuccessAt: 0, errors: [], offline: false };

describe('OutletRecord', () => {
  it('says whose record it is, the count and the median, and never shows a gauge or quality-score hook', () => {
    const { container } = render(<OutletRecord record={record} />);
    const box = screen.getByTestId('outlet-record');
    expect(box.textContent).toMatch(/outlet's record, not this article's score/);
    expect(box.textContent).toMatch(/medwire\.example has 12 scored articles in the dataset, with a median score of 64/);
    expect(box.textContent).toMatch(/Spread by band: Low: 2 · Fair: 4 · Good: 5 · High: 1\./);
    expect(box.getAttribute('aria-label')).toBe("This outlet's record, not this article's score");
    expect(container.querySelector('[data-testid="quality-score"]')).toBeNull();
  });
});

describe('Panel with an outlet record', () => {
  const matched = (withRecord: boolean): PanelModel => ({
    kind: 'matched',
    article: { id: 'a', title: 'Unscored story', excerpt: '', publishedAt: '2026-10-01T00:00:00.000Z', url: 'https://medwire.example/a', provider: { name: 'MedWire', domain: 'medwire.example' }, topics: [] },
    related: [],
    ...(withRecord ? { outletRecord: record } : {}),
    sync,
  });

  it('shows it for a matched article that carries one, and the article keeps its own "?"', () => {
    render(<Panel model={matched(true)} onRetry={() => {}} onSearch={async () => []} now={0} />);
    expect(screen.getByTestId('outlet-record')).toBeTruthy();
    expect(screen.getByTestId('quality-score').textContent).toBe('?');
  });

  it('shows none when the model has none', () => {
    render(<Panel model={matched(false)} onRetry={() => {}} onSearch={async () => []} now={0} />);
    expect(screen.queryByTestId('outlet-record')).toBeNull();
  });

  it('shows it on a page that is not in the dataset', () => {
    render(<Panel model={{ kind: 'no-match', topPicks: [], outletRecord: record, sync }} onRetry={() => {}} onSearch={async () => []} now={0} />);
    expect(screen.getByTestId('no-match')).toBeTruthy();
    expect(screen.getByTestId('outlet-record')).toBeTruthy();
  });
});
