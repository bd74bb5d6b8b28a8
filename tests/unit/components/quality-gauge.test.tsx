// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HeatIndicator } from '../../../components/heat-indicator';
import { QualityGauge } from '../../../components/quality-gauge';
import { BAND_COLORS } from '../../../lib/rank/quality';

afterEach(cleanup);

describe('QualityGauge', () => {
  it('shows digits only in the score hook and the band label outside it', () => {
    const { container } = render(<QualityGauge quality={171} />);
    const score = container.querySelector('[data-testid="quality-score"]')!;
    expect(score.textContent).toBe('171');
    expect(score.textContent).toMatch(/^\d+$/);
    expect(screen.getByText('High')).toBeTruthy();
    expect(container.querySelector('.hal-gauge')?.getAttribute('style')).toContain(BAND_COLORS.high);
    // Over the gauge maximum the arc is simply full; the number stays true.
    expect(container.querySelector('.hal-gauge-fill')?.getAttribute('stroke-dasharray')).toBe('100 100');
  });

  it('rounds a fractional score for the digits-only hook', () => {
    const { container } = render(<QualityGauge quality={70.6} />);
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('71');
  });

  it('draws a 0 score as a real score with an empty arc', () => {
    const { container } = render(<QualityGauge quality={0} />);
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('0');
    expect(screen.getByText('Low')).toBeTruthy();
    expect(container.querySelector('.hal-gauge-fill')).toBeNull();
  });

  it('says "?" and "No score" without a score, and drops the percentile', () => {
    const { container } = render(<QualityGauge percentile={{ value: 50, topic: 'AI in Healthcare' }} />);
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('?');
    expect(screen.getByText('No score')).toBeTruthy();
    expect(screen.queryByText(/Higher than/)).toBeNull();
  });

  it('shows the same-topic percentile sentence', () => {
    render(<QualityGauge quality={81} percentile={{ value: 72, topic: 'AI in Healthcare' }} />);
    expect(screen.getByText('Higher than 72% of AI in Healthcare articles')).toBeTruthy();
  });

  it('toggles the explanation with aria-expanded', () => {
    render(<QualityGauge quality={81} />);
    const toggle = screen.getByRole('button', { name: 'What does this score mean?' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText(/not medical advice/)).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText(/not medical advice/)).toBeTruthy();
    expect(screen.getByText(/formula is not published/)).toBeTruthy();
    expect(screen.getByText(/quality score is 81 \(Good\)/)).toBeTruthy();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText(/not medical advice/)).toBeNull();
  });

  it('explains a missing score as missing', () => {
    render(<QualityGauge defaultExpanded />);
    expect(screen.getByText(/has no quality score in the dataset/)).toBeTruthy();
  });
});

describe('HeatIndicator', () => {
  it('shows the number and a level word', () => {
    const { container } = render(<HeatIndicator heat={251} />);
    expect(container.textContent).toContain('Heat 251');
    expect(container.textContent).toContain('Hot');
    expect(container.querySelectorAll('.hal-heat-bar-on')).toHaveLength(3);
  });

  it('treats the source placeholder −1 like no heat', () => {
    const { container } = render(<HeatIndicator heat={-1} />);
    expect(container.textContent).toContain('No heat data');
    expect(container.textContent).not.toContain('-1');
    expect(container.querySelectorAll('.hal-heat-bar-on')).toHaveLength(0);
  });
});
