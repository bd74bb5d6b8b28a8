import { describe, expect, it } from 'vitest';
import { analyze, stem, STOP_WORDS, tokenize } from '../../lib/text';

describe('tokenize', () => {
  it('lower-cases, drops stop words, pure numbers and entities', () => {
    expect(tokenize('The Hospital &amp; the 2021 Sepsis Alerts')).toEqual(['hospital', 'sepsis', 'alert']);
  });

  it('treats the corpus-wide words "AI" and "artificial intelligence" as stop words', () => {
    expect(tokenize('Artificial Intelligence (AI) spots X-rays')).toEqual(['spot', 'ray']);
    expect(STOP_WORDS.has('ai')).toBe(true);
  });

  it('folds diacritics and possessives', () => {
    expect(tokenize('Lézard’s café')).toEqual(['lezard', 'cafe']);
  });

  it('keeps the surface word beside the stem for reasons', () => {
    expect(analyze('Triaging patients')).toEqual([
      { term: 'triag', surface: 'triaging' },
      { term: 'patient', surface: 'patients' },
    ]);
  });
});

describe('stem', () => {
  it('brings plural, -ing and -ed forms together', () => {
    const forms = ['image', 'images', 'imaging', 'imaged'].map(stem);
    expect(new Set(forms).size).toBe(1);
    expect(stem('studies')).toBe(stem('study'));
    expect(stem('scanning')).toBe(stem('scan'));
  });

  it('does not cut short words into other words', () => {
    expect(stem('caring')).not.toBe('car');
    expect(stem('diagnosis')).toBe('diagnosis');
    expect(stem('care')).toBe('care');
  });
});
