// @vitest-environment happy-dom
/**
 * components/link-chip.ts: the chip's score text, announcement and tooltip per band, and the element it makes (closed
 * shadow root, not focusable, dataset text as text).
 */
import { describe, expect, it } from 'vitest';
import { CHIP_TAG, chipLabel, chipScoreText, chipTooltipLines, createChip, isOwnChip, updateChip } from '../../../components/link-chip';

const facts = { score: 59, title: 'A made-up <b>title</b>', site: 'news.example' };

describe('chip text', () => {
  it('says the score and its band, or that there is none', () => {
    expect(chipScoreText(facts)).toBe('59');
    expect(chipScoreText({ score: 71.6 })).toBe('72');
    expect(chipScoreText({ score: null })).toBe('?');
    expect(chipLabel(facts)).toBe('Quality 59, fair — Health AI Lens');
    expect(chipLabel({ score: 75 })).toBe('Quality 75, good — Health AI Lens');
    expect(chipLabel({ score: 0 })).toBe('Quality 0, low — Health AI Lens');
    expect(chipLabel({ score: null })).toBe('Quality not scored — Health AI Lens');
    expect(chipTooltipLines(facts)).toEqual(['A made-up <b>title</b>', 'Quality 59 · Fair · news.example · Health AI Lens']);
    expect(chipTooltipLines({ score: null, title: '', site: 'x.example' })).toEqual(['Untitled article', 'No quality score · x.example · Health AI Lens']);
  });
});

describe('createChip', () => {
  it('makes a labelled, unfocusable element with a closed shadow root, and updates it', () => {
    const chip = createChip(document, facts)!;
    expect(chip.localName).toBe(CHIP_TAG);
    expect(chip.shadowRoot).toBeNull();
    expect(chip.getAttribute('data-score')).toBe('59');
    expect(chip.getAttribute('role')).toBe('img');
    expect(chip.getAttribute('aria-label')).toBe('Quality 59, fair — Health AI Lens');
    expect(chip.hasAttribute('tabindex')).toBe(false);
    expect(chip.innerHTML).toBe(''); // nothing in the light DOM the page could restyle
    expect(isOwnChip(chip)).toBe(true);
    expect(isOwnChip(document.createElement(CHIP_TAG))).toBe(false);
    updateChip(chip, { score: null, title: 'Other', site: 'o.example' });
    expect(chip.getAttribute('data-score')).toBe('?');
    expect(chip.getAttribute('aria-label')).toBe('Quality not scored — Health AI Lens');
  });

  it('makes no chip when the page already owns the tag with a shadow root of its own', () => {
    const taken = document.createElement('div');
    const doc = { createElement: () => (taken.attachShadow({ mode: 'open' }), taken) } as unknown as Document;
    expect(createChip(doc, facts)).toBeUndefined();
  });
});
