// @vitest-environment happy-dom
/** components/sidebar-shell.tsx: toggle name and state, panel only while expanded, controls, Escape. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SidebarControls, SidebarShell, sidebarLabel } from '../../../components/sidebar-shell';
import type { PanelModel, SyncSummary } from '../../../lib/model/panel';

afterEach(cleanup);

const sync: SyncSummary = { state: 'idle', articleCount: 10, errors: [], offline: false };

function matched(quality?: number): PanelModel {
  return {
    kind: 'matched',
    article: {
      id: 'a1',
      title: 'Made-up clinic pilots a triage model',
      excerpt: 'A made-up excerpt.',
      publishedAt: '2024-05-01T00:00:00Z',
      url: 'https://www.example-news.com/2024/05/01/triage/',
      provider: { name: 'Example News', domain: 'example-news.com' },
      topics: ['AI in Healthcare'],
      ...(quality !== undefined ? { quality } : {}),
    },
    related: [],
    sync,
  };
}

const suggestions = (n: number): PanelModel => ({ kind: 'suggestions', query: { title: 'Q' }, related: Array.from({ length: n }, (_, i) => ({
  id: `s${i}`, title: `Made-up suggestion ${i}`, url: `https://www.example-news.com/s${i}/`, provider: { name: 'Example News', domain: 'example-news.com' },
  publishedAt: '2024-04-01T00:00:00Z', topics: [], reasons: [], score: 1,
})) as never, sync });

describe('sidebarLabel', () => {
  it('always starts with "Health AI Lens" and says what the page has', () => {
    expect(sidebarLabel(matched(59))).toBe('Health AI Lens: quality 59');
    expect(sidebarLabel(matched(71.6))).toBe('Health AI Lens: quality 72');
    expect(sidebarLabel(matched())).toBe('Health AI Lens: no quality score');
    expect(sidebarLabel(suggestions(1))).toBe('Health AI Lens: 1 suggested article');
    expect(sidebarLabel(suggestions(3))).toBe('Health AI Lens: 3 suggested articles');
    expect(sidebarLabel({ kind: 'no-match', topPicks: [], sync } as never)).toBe('Health AI Lens');
  });
});

describe('SidebarShell', () => {
  it('collapsed: a named toggle with aria-expanded=false and no panel content', () => {
    const onToggle = vi.fn();
    render(
      <SidebarShell model={matched(59)} expanded={false} onToggle={onToggle}>
        <p>panel body</p>
      </SidebarShell>,
    );
    const toggle = screen.getByRole('button', { name: 'Health AI Lens: quality 59' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('panel body')).toBeNull();
    expect(toggle.textContent).toContain('59');
    fireEvent.click(toggle);
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  it('expanded: the panel is labelled, controlled by the toggle, and Escape collapses', () => {
    const onToggle = vi.fn();
    render(
      <SidebarShell model={matched(59)} expanded onToggle={onToggle}>
        <button type="button">inside</button>
      </SidebarShell>,
    );
    const toggle = screen.getByRole('button', { name: /^Health AI Lens/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Health AI Lens' });
    expect(toggle.getAttribute('aria-controls')).toBe(panel.id);
    fireEvent.keyDown(screen.getByRole('button', { name: 'inside' }), { key: 'Escape' });
    expect(onToggle).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(panel, { key: 'a' });
    expect(onToggle).toHaveBeenCalledTimes(1);
  });

  it('a shortcut expansion moves focus into the panel', () => {
    const { rerender } = render(<SidebarShell model={matched(59)} expanded={false} onToggle={() => {}} focusOnExpand />);
    rerender(
      <SidebarShell model={matched(59)} expanded onToggle={() => {}} focusOnExpand>
        <p>body</p>
      </SidebarShell>,
    );
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Health AI Lens' }));
  });

  it('with onEscape, Escape on the tab or in the panel goes to the owner (collapse, focus back to the page), not to the tab', () => {
    const onToggle = vi.fn();
    const onEscape = vi.fn();
    render(
      <SidebarShell model={matched(59)} expanded onToggle={onToggle} onEscape={onEscape}>
        <button type="button">inside</button>
      </SidebarShell>,
    );
    fireEvent.keyDown(screen.getByRole('button', { name: 'inside' }), { key: 'Escape' });
    fireEvent.keyDown(screen.getByRole('button', { name: /^Health AI Lens/ }), { key: 'Escape' });
    expect(onEscape).toHaveBeenCalledTimes(2);
    expect(onToggle).not.toHaveBeenCalled();
  });

  it('mounted already expanded by the shortcut (the frame made for it), focus goes into the panel', () => {
    render(
      <SidebarShell model={matched(59)} expanded onToggle={() => {}} focusOnExpand>
        <p>body</p>
      </SidebarShell>,
    );
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Health AI Lens' }));
  });

  it('shows "?" on the tab for an unscored article and the count for suggestions', () => {
    const { rerender } = render(<SidebarShell model={matched()} expanded={false} onToggle={() => {}} />);
    expect(screen.getByRole('button').textContent).toContain('?');
    rerender(<SidebarShell model={suggestions(4)} expanded={false} onToggle={() => {}} />);
    expect(screen.getByRole('button').textContent).toContain('+4');
  });
});

describe('SidebarControls', () => {
  const calls = () => ({ onCollapse: vi.fn(), onClose: vi.fn(), onBlockSite: vi.fn(), onSnooze: vi.fn() });
  const menuButton = () => screen.getByRole('button', { name: 'Sidebar options' });

  it('collapse and close are one click; the per-site and snooze choices wait in a menu, not above the content', () => {
    const fns = calls();
    render(<SidebarControls {...fns} site="example-news.com" />);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close for this page' }));
    expect(fns.onCollapse).toHaveBeenCalledTimes(1);
    expect(fns.onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("Don't show on this site")).toBeNull();
    expect(screen.queryByText('Snooze for a day')).toBeNull();
    expect(menuButton().getAttribute('aria-haspopup')).toBe('menu');
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
  });

  it('the menu opens on click with its items, each calling its own callback and closing the menu', () => {
    const fns = calls();
    render(<SidebarControls {...fns} site="example-news.com" />);
    fireEvent.click(menuButton());
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('menu');
    expect(menu.getAttribute('aria-labelledby')).toBe(menuButton().id);
    expect(screen.getByRole('menuitem', { name: "Don't show on this site" }).getAttribute('title')).toContain('example-news.com');
    fireEvent.click(screen.getByRole('menuitem', { name: "Don't show on this site" }));
    expect(fns.onBlockSite).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(menuButton());
    fireEvent.click(screen.getByRole('menuitem', { name: 'Snooze for a day' }));
    expect(fns.onSnooze).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(menuButton());
  });

  it('keyboard: ArrowDown opens on the first item, arrows wrap, Home/End jump, ArrowUp opens on the last', () => {
    render(<SidebarControls {...calls()} />);
    fireEvent.keyDown(menuButton(), { key: 'ArrowDown' });
    const [hide, snooze] = screen.getAllByRole('menuitem');
    expect(document.activeElement).toBe(hide);
    fireEvent.keyDown(hide!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(snooze);
    fireEvent.keyDown(snooze!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(hide);
    fireEvent.keyDown(hide!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(snooze);
    fireEvent.keyDown(snooze!, { key: 'Home' });
    expect(document.activeElement).toBe(hide);
    fireEvent.keyDown(hide!, { key: 'End' });
    expect(document.activeElement).toBe(snooze);
    fireEvent.keyDown(snooze!, { key: 'Tab' });
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.keyDown(menuButton(), { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getAllByRole('menuitem')[1]);
  });

  it('Escape in the menu closes only the menu (focus back on its button), not the sidebar', () => {
    const onEscape = vi.fn();
    render(
      <SidebarShell model={matched(59)} expanded onToggle={() => {}} onEscape={onEscape}>
        <SidebarControls {...calls()} />
      </SidebarShell>,
    );
    fireEvent.click(menuButton());
    fireEvent.keyDown(screen.getAllByRole('menuitem')[0]!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
    expect(onEscape).not.toHaveBeenCalled();
    fireEvent.keyDown(menuButton(), { key: 'Escape' });
    expect(onEscape).toHaveBeenCalledTimes(1);
  });

  it('a press outside the menu closes it', () => {
    render(
      <div>
        <SidebarControls {...calls()} />
        <p>elsewhere</p>
      </div>,
    );
    fireEvent.click(menuButton());
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('SidebarShell tab', () => {
  it('reads "Health AI Lens" and marks an unrated article with a neutral "?", not the accent', () => {
    render(<SidebarShell model={matched()} expanded={false} onToggle={() => {}} />);
    const tab = screen.getByRole('button', { name: 'Health AI Lens: no quality score' });
    expect(tab.querySelector('.hal-sidebar-tab-name')!.textContent).toBe('Health AI Lens');
    const value = tab.querySelector('.hal-sidebar-tab-value')!;
    expect(value.textContent).toBe('?');
    expect(value.getAttribute('data-kind')).toBe('unrated');
    expect(value.getAttribute('data-scored')).toBe('false');
  });
});
