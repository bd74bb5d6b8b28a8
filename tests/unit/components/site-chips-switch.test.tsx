// @vitest-environment happy-dom
/**
 * "Score chips on this site": the switch in the popup's and side panel's footer (through PanelApp and Panel), and the
 * checkable item in the sidebar's menu.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelApp } from '../../../components/panel-app';
import { Panel } from '../../../components/panel';
import { SidebarMenu } from '../../../components/sidebar-shell';
import { siteChipsHint } from '../../../components/site-chips-switch';
import type { SiteChipsState } from '../../../lib/app/site-chips';
import type { PanelModel } from '../../../lib/model/panel';

afterEach(cleanup);

const model: PanelModel = {
  kind: 'no-match',
  topPicks: [],
  sync: { state: 'idle', articleCount: 12, lastSuccessAt: Date.now(), errors: [], offline: false },
};
const onSerp: SiteChipsState = { available: true, host: 'www.google.com', kind: 'searchResults', on: true, ownChoice: false };
const noop = () => {};
const noSearch = async () => [];

describe('the panel footer switch', () => {
  it('shows the state and whose choice it is, and turns chips off for the site', async () => {
    const set = vi.fn(async (on: boolean): Promise<SiteChipsState> => ({ ...onSerp, on, ownChoice: true }));
    render(<PanelApp load={async () => model} search={noSearch} syncNow={async () => {}} siteChips={{ load: async () => onSerp, set }} />);
    const toggle = (await screen.findByRole('switch', { name: 'Score chips on this site' })) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    expect(screen.getByText('www.google.com follows your setting for search result pages.')).toBeTruthy();
    fireEvent.click(toggle);
    expect(set).toHaveBeenCalledWith(false);
    await waitFor(() => expect(screen.getByText('Off for www.google.com by your choice.')).toBeTruthy());
    expect((screen.getByRole('switch', { name: 'Score chips on this site' }) as HTMLInputElement).checked).toBe(false);
  });

  it('says so when the change fails, and shows the stored state again', async () => {
    const load = vi.fn(async () => onSerp);
    render(<PanelApp load={async () => model} search={noSearch} syncNow={async () => {}} siteChips={{ load, set: async () => Promise.reject(new Error('x')) }} />);
    fireEvent.click(await screen.findByRole('switch', { name: 'Score chips on this site' }));
    expect((await screen.findByRole('alert')).textContent).toBe("Couldn't change score chips for this site.");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('is disabled with the reason on a page that is no web page, and absent without a page', () => {
    const view = render(<Panel model={model} onRetry={noop} onSearch={noSearch} siteChips={{ state: { available: false, reason: 'notWeb' }, onChange: noop }} />);
    const toggle = screen.getByRole('switch', { name: 'Score chips on this site' }) as HTMLInputElement;
    expect(toggle.disabled).toBe(true);
    expect(toggle.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(toggle.getAttribute('aria-describedby')!)!.textContent).toBe('Score chips show on web pages only.');
    view.rerender(<Panel model={model} onRetry={noop} onSearch={noSearch} siteChips={{ state: { available: false, reason: 'noPage' }, onChange: noop }} />);
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('is absent from a panel not given one (the sidebar has it in its menu)', async () => {
    render(<PanelApp load={async () => model} search={noSearch} syncNow={async () => {}} />);
    await screen.findByTestId('no-match');
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('the sidebar menu item', () => {
  it('is a checkable item with its state; choosing it toggles and closes the menu', () => {
    const onToggle = vi.fn();
    render(<SidebarMenu onBlockSite={noop} onSnooze={noop} site="example.org" siteChips={{ on: false, hint: siteChipsHint({ ...onSerp, host: 'example.org', kind: 'otherSites', on: false }), onToggle }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sidebar options' }));
    const item = screen.getByRole('menuitemcheckbox', { name: 'Score chips on this site' });
    expect(item.getAttribute('aria-checked')).toBe('false');
    expect(item.getAttribute('title')).toBe('example.org follows your setting for other sites.');
    fireEvent.click(item);
    expect(onToggle).toHaveBeenCalledOnce();
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('is reached by the arrow keys like the other items', async () => {
    render(<SidebarMenu onBlockSite={noop} onSnooze={noop} siteChips={{ on: true, hint: '', onToggle: noop }} />);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Sidebar options' }), { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('menuitemcheckbox'));
    expect(document.activeElement?.getAttribute('aria-checked')).toBe('true');
  });
});
