// @vitest-environment happy-dom
/**
 * components/welcome-card.tsx: the first-run card (badge meaning, where scores come from, import
 * progress in articles, dismissed for good); components/thumbnail.tsx: a failed image becomes the
 * provider's letter tile, never an empty box.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WelcomeCard } from '../../../components/welcome-card';
import { Thumbnail } from '../../../components/thumbnail';
import { PanelApp } from '../../../components/panel-app';
import type { PanelModel, SyncSummary } from '../../../lib/model/panel';

afterEach(cleanup);

const importing: SyncSummary = { state: 'syncing', articleCount: 0, errors: [], offline: false, progress: { unit: 'articles', done: 1200, total: 10000 } };

describe('WelcomeCard', () => {
  it('says what the badge means and where scores come from, with the import in articles', () => {
    const onDismiss = vi.fn();
    render(<WelcomeCard sync={importing} onDismiss={onDismiss} />);
    const card = screen.getByRole('region', { name: 'Welcome to Health AI Lens' });
    expect(card.textContent).toContain('toolbar icon');
    expect(card.textContent).toContain('A.I. Every Day');
    expect(screen.getByTestId('welcome-progress').textContent).toBe('Importing… 1,200 of 10,000 articles');
    fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('shows no progress once the import is over', () => {
    render(<WelcomeCard sync={{ ...importing, state: 'idle', lastSuccessAt: 1 }} onDismiss={() => {}} />);
    expect(screen.queryByTestId('welcome-progress')).toBeNull();
  });

  it('PanelApp shows it while due and hides it for good on dismiss', async () => {
    const model: PanelModel = { kind: 'no-match', topPicks: [], sync: importing } as never;
    const dismiss = vi.fn();
    const welcome = { load: async () => true, dismiss };
    render(<PanelApp load={async () => model} search={async () => []} syncNow={async () => undefined} welcome={welcome} />);
    await waitFor(() => expect(screen.getByTestId('welcome')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Got it' }));
    expect(dismiss).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('welcome')).toBeNull();
  });

  it('PanelApp shows nothing of it when it is not due', async () => {
    const model: PanelModel = { kind: 'no-match', topPicks: [], sync: { ...importing, state: 'idle' } } as never;
    render(<PanelApp load={async () => model} search={async () => []} syncNow={async () => undefined} welcome={{ load: async () => false, dismiss: () => {} }} />);
    await waitFor(() => expect(screen.getByTestId('sync-status')).toBeTruthy());
    expect(screen.queryByTestId('welcome')).toBeNull();
  });
});

describe('Thumbnail', () => {
  const provider = { name: 'Example News', domain: 'example-news.com' };

  it('a failed image becomes the provider letter tile of the same size', () => {
    const { container } = render(<Thumbnail src="https://img.example-news.com/a.jpg" width={64} height={48} provider={provider} />);
    fireEvent.error(container.querySelector('img')!);
    expect(container.querySelector('img')).toBeNull();
    const tile = screen.getByTestId('thumbnail-letter');
    expect(tile.textContent).toBe('E');
    expect(tile.getAttribute('style')).toContain('width: 64px');
    expect(tile.getAttribute('aria-hidden')).toBe('true');
  });

  it('without a provider a failed image leaves nothing, not an empty box', () => {
    const { container } = render(<Thumbnail src="https://img.example-news.com/a.jpg" width={64} height={48} />);
    fireEvent.error(container.querySelector('img')!);
    expect(container.innerHTML).toBe('');
  });
});
