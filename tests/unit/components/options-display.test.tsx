// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsDisplay } from '../../../components/options-display';
import { defaultSettings, type Settings } from '../../../lib/app/settings';

afterEach(cleanup);

const NOW = Date.parse('2024-05-01T12:00:00Z');
const base = (): Settings => ({ ...defaultSettings(['https://f.example/feed/']), sidebar: { enabled: true, startExpanded: false, blockedSites: ['example.com', 'b.org'] } });

describe('OptionsDisplay', () => {
  it('switches the sidebar and its expanded default', () => {
    const onChange = vi.fn();
    const view = render(<OptionsDisplay settings={base()} onChange={onChange} now={NOW} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show the sidebar on article pages' }));
    expect(onChange.mock.calls[0]![0].sidebar.enabled).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Start expanded' }));
    expect(onChange.mock.calls[1]![0].sidebar.startExpanded).toBe(true);
    view.rerender(<OptionsDisplay settings={{ ...base(), sidebar: { ...base().sidebar, enabled: false } }} onChange={onChange} now={NOW} />);
    expect((screen.getByRole('checkbox', { name: 'Start expanded' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('switches score chips on search results and on other sites, each on its own', () => {
    const onChange = vi.fn();
    render(<OptionsDisplay settings={base()} onChange={onChange} now={NOW} />);
    const results = screen.getByRole('checkbox', { name: 'Show scores beside links on search results' }) as HTMLInputElement;
    const others = screen.getByRole('checkbox', { name: 'Show scores beside links on other sites' }) as HTMLInputElement;
    expect([results.checked, others.checked]).toEqual([true, false]);
    fireEvent.click(results);
    expect(onChange.mock.calls[0]![0].linkChips).toEqual({ searchResults: false, otherSites: false, sites: [] });
    fireEvent.click(others);
    expect(onChange.mock.calls[1]![0].linkChips).toEqual({ searchResults: true, otherSites: true, sites: [] });
  });

  it('lists the sites with their own chip choice and removes one by its named button', () => {
    const onChange = vi.fn();
    const settings = base();
    settings.linkChips = { ...settings.linkChips, sites: [{ host: 'www.google.com', on: false }, { host: 'news.example.org', on: true }] };
    render(<OptionsDisplay settings={settings} onChange={onChange} now={NOW} />);
    const list = screen.getByRole('list', { name: 'Sites with their own choice' });
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['www.google.comchips offRemove', 'news.example.orgchips onRemove']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove the score-chip choice for www.google.com' }));
    expect(onChange.mock.calls[0]![0].linkChips.sites).toEqual([{ host: 'news.example.org', on: true }]);
  });

  it('says how to make a site choice while there is none', () => {
    render(<OptionsDisplay settings={base()} onChange={vi.fn()} now={NOW} />);
    expect(screen.getByTestId('chip-sites-empty').textContent).toContain('Score chips on this site');
  });

  it('lists blocked sites and removes one by its named button', () => {
    const onChange = vi.fn();
    render(<OptionsDisplay settings={base()} onChange={onChange} now={NOW} />);
    expect(screen.getAllByRole('listitem').map((li) => li.firstChild!.textContent)).toEqual(['example.com', 'b.org']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove example.com' }));
    expect(onChange.mock.calls[0]![0].sidebar.blockedSites).toEqual(['b.org']);
  });

  it('says when nothing is blocked', () => {
    render(<OptionsDisplay settings={defaultSettings([])} onChange={() => {}} now={NOW} />);
    expect(screen.getByTestId('blocked-sites-empty')).toBeTruthy();
  });

  it('shows the pause state with Resume now, and pauses when not paused', () => {
    const onChange = vi.fn();
    const snoozed = { ...base(), sidebar: { ...base().sidebar, snoozedUntil: NOW + 3_600_000 } };
    const view = render(<OptionsDisplay settings={snoozed} onChange={onChange} now={NOW} />);
    expect(screen.getByTestId('snooze-state').textContent).toMatch(/^Paused until May 1, 2024/);
    fireEvent.click(screen.getByRole('button', { name: 'Resume now' }));
    expect('snoozedUntil' in onChange.mock.calls[0]![0].sidebar).toBe(false);

    // A pause in the past reads as not paused.
    view.rerender(<OptionsDisplay settings={{ ...base(), sidebar: { ...base().sidebar, snoozedUntil: NOW - 1 } }} onChange={onChange} now={NOW} />);
    expect(screen.getByTestId('snooze-state').textContent).toBe('Showing as usual.');
    fireEvent.click(screen.getByRole('button', { name: 'Pause for 1 hour' }));
    expect(onChange.mock.calls[1]![0].sidebar.snoozedUntil).toBe(NOW + 3_600_000);
  });
});
