// @vitest-environment happy-dom
/** QualityGauge (the verdict) and HeatIndicator: band and position first, the raw number second, "Not rated" without a score. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HeatIndicator } from '../../../components/heat-indicator';
import { QualityGauge } from '../../../components/quality-gauge';
import { BAND_COLORS } from '../../../lib/rank/quality';

afterEach(cleanup);

const scale = { cuts: [40, 70, 90] as [number, number, number], min: 0, max: 170, count: 120 };
const percentile = { value: 72, topic: 'AI in Healthcare' };

describe('QualityGauge', () => {
  it('leads with the band and the same-topic percentile, then the digits-only score', () => {
    const { container } = render(<QualityGauge quality={81} percentile={percentile} scale={scale} />);
    const verdict = container.querySelector('.hal-verdict')!;
    const line = verdict.querySelector('.hal-verdict-line')!;
    expect(line.textContent).toBe('Good Rated higher than 72% of AI in Healthcare articles');
    const score = container.querySelector('[data-testid="quality-score"]')!;
    expect(score.textContent).toBe('81');
    // The verdict comes before the number in reading order.
    expect(line.compareDocumentPosition(score) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(verdict.getAttribute('style')).toContain(BAND_COLORS.good);
  });

  it('names the band by the scale it is given, not by fixed numbers', () => {
    const { container, rerender } = render(<QualityGauge quality={60} scale={scale} />);
    expect(container.querySelector('.hal-verdict')?.getAttribute('data-band')).toBe('fair');
    rerender(<QualityGauge quality={60} scale={{ ...scale, cuts: [20, 30, 55] }} />);
    expect(container.querySelector('.hal-verdict')?.getAttribute('data-band')).toBe('high');
  });

  it('draws the scale: four band segments, the cut values, the mark inside its band, and a text alternative', () => {
    const { container } = render(<QualityGauge quality={55} percentile={percentile} scale={scale} />);
    const segments = [...container.querySelectorAll('.hal-scale-seg')];
    expect(segments.map((s) => s.textContent)).toEqual(['Low', 'Fair', 'Good', 'High']);
    expect(container.querySelector('.hal-scale-seg-on')?.textContent).toBe('Fair');
    expect([...container.querySelectorAll('.hal-scale-tick')].map((s) => s.textContent)).toEqual(['40', '70', '90']);
    const mark = container.querySelector<HTMLElement>('.hal-scale-mark')!;
    expect(mark.getAttribute('style')).toMatch(/inset-inline-start:\s*37\.5%/);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      "Score 55 on the dataset's scale: low below 40, fair from 40, good from 70, high from 90",
    );
    expect(container.textContent).toContain('Bands are quarters of the 120 scored AI in Healthcare articles on this device.');
  });

  it('without a percentile says where the band sits, on the sample scale', () => {
    const { container } = render(<QualityGauge quality={171} />);
    expect(container.querySelector('.hal-verdict-line')?.textContent).toBe('High In the top quarter of scored articles');
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('171');
    expect([...container.querySelectorAll('.hal-scale-tick')].map((s) => s.textContent)).toEqual(['56', '71', '81']);
    expect(container.textContent).toContain('quarters of the scored articles in the A.I. Every Day sample');
  });

  it('says "every other" at the 100th percentile and treats 0 as a real score', () => {
    render(<QualityGauge quality={171} percentile={{ value: 100, topic: 'NLP' }} scale={scale} />);
    expect(screen.getByText('Rated higher than every other scored NLP article')).toBeTruthy();
    cleanup();
    const { container } = render(<QualityGauge quality={0} percentile={{ value: 0, topic: 'NLP' }} scale={scale} />);
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('0');
    expect(container.querySelector('.hal-verdict')?.getAttribute('data-band')).toBe('low');
  });

  it('rounds a fractional score for the digits-only hook', () => {
    const { container } = render(<QualityGauge quality={70.6} />);
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('71');
  });

  it('without a score: the neutral "?" and "Not rated by A.I. Every Day", no scale, no percentile, no explanation', () => {
    const { container } = render(<QualityGauge percentile={percentile} scale={scale} />);
    expect(container.querySelector('[data-testid="quality-score"]')?.textContent).toBe('?');
    expect(screen.getByText('Not rated by A.I. Every Day')).toBeTruthy();
    expect(container.textContent).toContain('scores only some of the articles it collects');
    expect(container.querySelector('.hal-scale')).toBeNull();
    expect(screen.queryByText(/Rated higher/)).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(container.querySelector('.hal-verdict')?.getAttribute('data-band')).toBe('none');
  });

  it('toggles a three-point explanation with aria-expanded: what it is, who scores it, what it is not', () => {
    render(<QualityGauge quality={81} />);
    const toggle = screen.getByRole('button', { name: 'What does this score mean?' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('quality-explanation')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const points = [...screen.getByTestId('quality-explanation').querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(points).toHaveLength(3);
    expect(points[0]).toMatch(/^What it is /);
    expect(points[1]).toMatch(/^Who scores it A\.I\. Every Day publishes the score/);
    expect(points[1]).toContain('does not publish how the score is worked out');
    expect(points[2]).toMatch(/^What it is not Not a fact-check, not medical advice/);
    const words = points.join(' ').split(/\s+/).length;
    expect(words).toBeLessThan(90);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('quality-explanation')).toBeNull();
  });
});

describe('HeatIndicator', () => {
  it('shows the number and a level word', () => {
    const { container } = render(<HeatIndicator heat={251} />);
    expect(container.textContent).toBe('Heat 251 · hot');
    expect(container.querySelectorAll('.hal-heat-bar-on')).toHaveLength(3);
  });

  it('treats the source placeholder −1 like no heat', () => {
    const { container } = render(<HeatIndicator heat={-1} />);
    expect(container.textContent).toContain('No heat data');
    expect(container.textContent).not.toContain('-1');
    expect(container.querySelectorAll('.hal-heat-bar-on')).toHaveLength(0);
  });
});
