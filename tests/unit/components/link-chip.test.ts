// @vitest-environment happy-dom
/**
 * components/link-chip.ts: the chip's score text, announcement and tooltip per band, and the element it makes (closed
 * shadow root, not focusable, dataset text as text).
 */
import { describe, expect, it } from 'vitest';
import { setMessageSource } from '../../../lib/i18n/messages';
import { catalogSource, flatCatalog } from '../../support/locale-catalog';
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
    expect(chipLabel({ score: null })).toBe('Not rated by A.I. Every Day — Health AI Lens');
    expect(chipTooltipLines(facts)).toEqual(['A made-up <b>title</b>', 'Quality 59 · Fair · news.example · Health AI Lens']);
    expect(chipTooltipLines({ score: null, title: '', site: 'x.example' })).toEqual(['Untitled article', 'Not rated · x.example · Health AI Lens']);
  });

  it('speaks the UI language, and keeps the dataset title and the score digits as they are', async () => {
    setMessageSource(catalogSource(await flatCatalog('de')));
    expect(chipLabel(facts)).toBe('Qualität 59, mittel — Health AI Lens');
    expect(chipLabel({ score: null })).toBe('Nicht von A.I. Every Day bewertet — Health AI Lens');
    expect(chipTooltipLines(facts)).toEqual(['A made-up <b>title</b>', 'Qualität 59 · Mittel · news.example · Health AI Lens']);
    expect(chipTooltipLines({ score: null, title: '', site: 'x.example' })).toEqual(['Artikel ohne Titel', 'Nicht bewertet · x.example · Health AI Lens']);
    const chip = createChip(document, facts)!;
    expect(chip.getAttribute('aria-label')).toBe('Qualität 59, mittel — Health AI Lens');
    expect(chip.getAttribute('data-score')).toBe('59');
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
    expect(chip.getAttribute('aria-label')).toBe('Not rated by A.I. Every Day — Health AI Lens');
  });

  it('makes no chip when the page already owns the tag with a shadow root of its own', () => {
    const taken = document.createElement('div');
    const doc = { createElement: () => (taken.attachShadow({ mode: 'open' }), taken) } as unknown as Document;
    expect(createChip(doc, facts)).toBeUndefined();
  });
});
