// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsTopics, topicNames } from '../../../components/options-topics';
import { TOPICS } from '../../../lib/model/topics';

afterEach(cleanup);

describe('topicNames', () => {
  it('lists the taxonomy, then topics seen in data, then unknown enabled filters, each once', () => {
    const names = topicNames(['Old Topic', 'AI in Healthcare'], [{ topic: 'Zeta' }, { topic: 'AI' }, { topic: 'Alpha' }, { topic: ' ' }]);
    expect(names.slice(0, TOPICS.length)).toEqual(TOPICS.map((t) => t.name));
    expect(names.slice(TOPICS.length)).toEqual(['Alpha', 'Zeta', 'Old Topic']);
  });
});

describe('OptionsTopics', () => {
  it('names each checkbox exactly by its topic; counts describe it from outside the label', () => {
    render(<OptionsTopics selected={['AI in Healthcare']} counts={[{ topic: 'AI in Healthcare', count: 1204 }]} onToggle={() => {}} />);
    const box = screen.getByRole('checkbox', { name: 'AI in Healthcare' });
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe('1,204 stored');
    expect((screen.getByRole('checkbox', { name: 'Machine Learning' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getAllByRole('checkbox')).toHaveLength(TOPICS.length);
  });

  it('reports toggles with the topic name and the new state', () => {
    const onToggle = vi.fn();
    render(<OptionsTopics selected={['AI in Healthcare']} onToggle={onToggle} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'AI in Healthcare' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'AI Ethics' }));
    expect(onToggle.mock.calls).toEqual([
      ['AI in Healthcare', false],
      ['AI Ethics', true],
    ]);
  });

  it('renders hostile topic names from data as text', () => {
    render(<OptionsTopics selected={[]} counts={[{ topic: '<img src=x onerror=alert(1)>', count: 1 }]} onToggle={() => {}} />);
    expect(screen.getByRole('checkbox', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});
