// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsTopics, topicGroups, topicNames } from '../../../components/options-topics';
import { isHealthTopic, TOPICS } from '../../../lib/model/topics';

afterEach(cleanup);

describe('topicNames', () => {
  it('lists the taxonomy, then topics seen in data, then unknown enabled filters, each once', () => {
    const names = topicNames(['Old Topic', 'AI in Healthcare'], [{ topic: 'Zeta' }, { topic: 'AI' }, { topic: 'Alpha' }, { topic: ' ' }]);
    expect(names.slice(0, TOPICS.length)).toEqual(TOPICS.map((t) => t.name));
    expect(names.slice(TOPICS.length)).toEqual(['Alpha', 'Zeta', 'Old Topic']);
  });
});

describe('health topics', () => {
  it('are found by id or name, not by a list: the taxonomy has one, a catalog or the data may add more', () => {
    expect(TOPICS.filter(isHealthTopic).map((t) => t.name)).toEqual(['AI in Healthcare']);
    expect(isHealthTopic({ name: 'Digital Medicine' })).toBe(true);
    expect(isHealthTopic({ name: 'Kliniken', id: 'ai-in-clinical-trials' })).toBe(true);
    expect(isHealthTopic({ name: 'AI in Autos', id: 'ai-in-autos' })).toBe(false);
    const { health, more } = topicGroups(topicNames([], [{ topic: 'Mental Health' }]));
    expect(health).toEqual(['AI in Healthcare', 'Mental Health']);
    expect(more[0]).toBe('AI');
    expect(more).toContain('TensorFlow');
  });
});

describe('OptionsTopics', () => {
  it('puts health topics first and every other topic under a visible "More topics" group', () => {
    render(<OptionsTopics selected={['AI in Healthcare']} onToggle={() => {}} />);
    const health = screen.getByRole('group', { name: 'Health topics' });
    const more = screen.getByRole('group', { name: 'More topics' });
    expect(within(health).getAllByRole('checkbox').map((b) => b.closest('label')!.textContent)).toEqual(['AI in Healthcare']);
    expect(within(more).getAllByRole('checkbox')).toHaveLength(TOPICS.length - 1);
    expect(health.compareDocumentPosition(more) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Nothing is collapsed: no disclosure hides a topic.
    expect(document.querySelector('details')).toBeNull();
    for (const topic of TOPICS) expect(screen.getByRole('checkbox', { name: topic.name })).toBeTruthy();
  });

  it('names each checkbox exactly by its topic; counts describe it from outside the label', () => {
    render(<OptionsTopics selected={['AI in Healthcare']} counts={[{ topic: 'AI in Healthcare', count: 1204 }, { topic: 'AI', count: 1 }]} onToggle={() => {}} />);
    const box = screen.getByRole('checkbox', { name: 'AI in Healthcare' });
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe('1,204 articles saved');
    const ai = screen.getByRole('checkbox', { name: 'AI' });
    expect(document.getElementById(ai.getAttribute('aria-describedby')!)!.textContent).toBe('1 article saved');
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

  it('says in the reader\'s words where topic articles come from', () => {
    render(<OptionsTopics selected={[]} onToggle={() => {}} catalogGeneratedAt="2026-12-01T08:00:00Z" />);
    expect(screen.getByTestId('topic-catalog').textContent).toBe('Topic articles come from the A.I. Every Day dataset, updated Dec 1, 2026.');
  });

  it('renders hostile topic names from data as text', () => {
    render(<OptionsTopics selected={[]} counts={[{ topic: '<img src=x onerror=alert(1)>', count: 1 }]} onToggle={() => {}} />);
    expect(screen.getByRole('checkbox', { name: '<img src=x onerror=alert(1)>' })).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});
