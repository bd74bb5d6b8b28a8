/**
 * Text analysis for ranking: tokenize, light stemming, stop words (English plus this corpus's own filler).
 * Pure: no browser APIs. Imported by lib/search-index.ts, lib/related.ts and lib/story-groups.ts.
 */

/** English function words: they say nothing about what an article is about. */
const ENGLISH_STOP_WORDS = `a about above after again against all almost also although always am among an and any are
around as at be because been before being below between both but by can could did do does doing done down during each
either else even ever every few for from further get gets got had has have having he her here hers herself him himself
his how however i if in into is it its itself just least less let like made make makes many may me might more most much
must my myself near need new news no nor not now of off often on once one only or other our ours ourselves out over own
per perhaps put rather really said same say says see seen she should since so some still such than that the their theirs
them themselves then there these they this those though through thus to too toward towards under until up upon us use
used uses using very via was we well were what when where whether which while who whom whose why will with within without
would yet you your yours yourself yourselves s t don isn aren wasn weren won wouldn shouldn couldn doesn didn hasn haven
ll re ve d m o y`;

/**
 * Words every article in this corpus shares (it is a feed about AI), so they cannot tell articles apart,
 * and they would make any page that mentions "AI" look relevant (issue 8: a cooking page gets nothing).
 */
const DOMAIN_STOP_WORDS = `ai artificial intelligence read full article story report reports today week year years
first latest announced announces announce`;

/** Every stop word, lower-cased and unstemmed. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${ENGLISH_STOP_WORDS} ${DOMAIN_STOP_WORDS}`.split(/\s+/).filter(Boolean),
);

/** Shortest stem a suffix may be cut down to: shorter stems collide ("caring" must not become "car"). */
const MIN_STEM = 4;

/**
 * Light, readable stemmer: folds plurals and -ing/-ed/-ly forms and a trailing "e", so "images",
 * "imaging" and "image" meet. Deliberately weaker than Porter: it never merges unrelated words
 * such as "organ"/"organization".
 * @param word a lower-case word
 * @returns its stem (the word itself when no rule applies)
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  for (const suffix of ['ingly', 'edly', 'ing', 'ed', 'ly']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM && /[aeiouy]/.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      // "scanning" → "scann" → "scan"; but keep "ll"/"ss"/"zz" ("called", "assessed").
      if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && w.length > MIN_STEM) w = w.slice(0, -1);
  return w;
}

/** One token as analysed: `term` is the stem used for matching, `surface` the word as written (for reasons shown to users). */
export interface Token {
  term: string;
  surface: string;
}

/** Letters or digits runs; apostrophes inside words are kept so "patient's" stems as one word. */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Splits text into analysed tokens: lower-cased, diacritics folded, HTML entities dropped,
 * stop words and pure numbers removed, light-stemmed. Keeps order and repeats (term frequency counts).
 * @param text any text: a title, an excerpt, a page description
 * @returns tokens with both the stem and the surface form
 */
export function analyze(text: string): Token[] {
  const cleaned = text
    .replace(/&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;/g, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const out: Token[] = [];
  for (const match of cleaned.matchAll(WORD)) {
    const surface = match[0].replace(/['’]s$/, '');
    // Pure numbers (years, counts) and single letters match across unrelated stories.
    if (surface.length < 2 || /^\p{N}+$/u.test(surface) || STOP_WORDS.has(surface)) continue;
    const term = stem(surface);
    if (STOP_WORDS.has(term)) continue;
    out.push({ term, surface });
  }
  return out;
}

/**
 * Text → stemmed terms (see {@link analyze}).
 * @param text any text
 * @returns the terms in order, with repeats
 */
export function tokenize(text: string): string[] {
  return analyze(text).map((token) => token.term);
}
