import { describe, expect, it } from 'vitest';
import { analyze, NAME_MARK, stem, STOP_WORDS, tokenize } from '../../../lib/rank/text';

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

describe('capitals where the text’s case gives them meaning', () => {
  const terms = (text: string) => tokenize(text);

  it('keeps an acronym that spells a stop word, and drops the word itself', () => {
    expect(terms('AI holds promise for care worldwide: WHO')).toContain('who');
    expect(terms('Doctors who use scribes')).not.toContain('who');
    expect(terms('Built in the US by IT teams')).toEqual(expect.arrayContaining(['us', 'it']));
    expect(terms('Tell us about it')).toEqual(['tell']);
  });

  it('derives an acronym from a name of 2–5 capitalised words in running text', () => {
    expect(terms('The World Health Organization has published new guidance')).toContain('who');
    expect(terms('The Food and Drug Administration cleared the device')).toContain('fda');
    // A short name makes no acronym; neither does a whole list of names.
    expect(terms('Brain Technologies raises money for its app')).not.toContain('bt');
  });

  it('reads a title-case headline as words only: no names, no acronyms from its capitals', () => {
    const headline = tokenize('Using Artificial Intelligence to Personalize Therapy and Individual Level of Outcome Prediction');
    expect(headline).toEqual(['personaliz', 'therapy', 'individual', 'level', 'outcom', 'prediction']);
  });

  it('reads a shouted headline as words only', () => {
    expect(tokenize('WHO GUIDANCE DETAILS THE RISKS')).toEqual(['guidanc', 'detail', 'risk']);
  });

  it('marks a mid-sentence capitalised word as a name term beside the word, but not a sentence’s first word', () => {
    const launch = analyze('Funding for the launch of Natural, a natural language app');
    expect(launch).toContainEqual({ term: `${NAME_MARK}natural`, surface: 'Natural' });
    expect(launch.filter((t) => t.term === 'natural')).toHaveLength(2);
    expect(tokenize('Natural language apps grow. Natural remedies too')).not.toContain(`${NAME_MARK}natural`);
  });
});
