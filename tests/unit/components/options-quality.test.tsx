// @vitest-environment happy-dom
/** Minimum quality as choices by band (stored as the band's lower bound), and "Hide unrated" on its own. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsQuality, qualityChoices } from '../../../components/options-quality';
import { defaultSettings } from '../../../lib/app/settings';
import { QUALITY_BAND_THRESHOLDS } from '../../../lib/rank/quality';

afterEach(cleanup);

const base = () => defaultSettings(['https://f.example/feed/']);

describe('OptionsQuality', () => {
  it('offers any quality and one choice per scored band, each saved as the band threshold (a number)', () => {
    const onChange = vi.fn();
    render(<OptionsQuality settings={base()} onChange={onChange} />);
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.closest('label')!.textContent)).toEqual([
      'Any quality',
      `Fair or better · scores ${QUALITY_BAND_THRESHOLDS.fair} and up`,
      `Good or better · scores ${QUALITY_BAND_THRESHOLDS.good} and up`,
      `High only · scores ${QUALITY_BAND_THRESHOLDS.high} and up`,
    ]);
    expect(screen.getByRole('radio', { name: 'Any quality' })).toHaveProperty('checked', true);
    expect(screen.getByRole('group', { name: 'Minimum quality' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /^Good or better/ }));
    expect(onChange.mock.calls[0]![0]).toMatchObject({ minQuality: QUALITY_BAND_THRESHOLDS.good, hideUnrated: false });
    // No slider without a scale any more.
    expect(screen.queryByRole('slider')).toBeNull();
  });

  it('keeps a stored minimum that is no band threshold as its own, checked choice, in order', () => {
    const choices = qualityChoices(60);
    expect(choices.map((c) => c.value)).toEqual([0, QUALITY_BAND_THRESHOLDS.fair, 60, QUALITY_BAND_THRESHOLDS.good, QUALITY_BAND_THRESHOLDS.high]);
    render(<OptionsQuality settings={{ ...base(), minQuality: 60 }} onChange={() => {}} />);
    expect(screen.getByRole('radio', { name: 'Your own minimum · scores 60 and up' })).toHaveProperty('checked', true);
    expect(qualityChoices(QUALITY_BAND_THRESHOLDS.good)).toHaveLength(4);
  });

  it('"Hide unrated" is its own switch, off by default, described in plain words', () => {
    const onChange = vi.fn();
    render(<OptionsQuality settings={base()} onChange={onChange} />);
    const box = screen.getByRole('checkbox', { name: 'Hide unrated articles' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toContain('no quality score');
    fireEvent.click(box);
    expect(onChange.mock.calls[0]![0]).toMatchObject({ minQuality: 0, hideUnrated: true });
  });
});
