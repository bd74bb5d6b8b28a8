/**
 * Text analysis for ranking: tokenize, light stemming, stop words (English plus this corpus's own filler).
 * Pure: no browser APIs. Imported by lib/rank/search-index.ts, scoring.ts, related.ts and search.ts.
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
 * and they would make any page that mentions "AI" look relevant (a cooking page gets nothing).
 */
const DOMAIN_STOP_WORDS = `ai artificial intelligence read full article story report reports today week year years
first latest announced announces announce`;

/**
 * Words that may help matching but never tell a reader why two articles belong together ("next", "big", "global",
 * "market"): they are never shown as key terms. Generic news and promotional vocabulary; rarer words are judged by how
 * many stored articles use them (lib/rank/scoring.ts, `keyTerms`).
 */
const FILLER_WORDS = `next new news says said big top best better good great way ways thing things lot lots key major
million billion trillion usd world global worldwide today tomorrow future latest upcoming year years month day time times
company companies business industry industries market markets sector technology technologies tech solution solutions
service services platform platforms system systems provide provides including across based driven leading growing grow
improve improving improved expected projected reach value valued share size growth trend trends people life information
development opportunity opportunities player players inc com llc ltd corp release press launch launches help helps
make makes making take takes know look looks work works working start starts set high low part able real
develop develops developed developing power powered`;

/**
 * True for a word (as written, or a stem) that is a stop word or filler: never a key term shown to a reader. An acronym
 * written in capitals that spells an English stop word ("WHO", "US") is a name, not filler.
 */
export function isFillerWord(word: string): boolean {
  const bare = word.startsWith(NAME_MARK) ? word.slice(NAME_MARK.length) : word;
  const lower = bare.toLowerCase();
  const acronym = bare.length >= 2 && /^\p{Lu}+$/u.test(bare);
  if (DOMAIN_STOPS.has(lower) || (!acronym && ENGLISH_STOPS.has(lower))) return true;
  return FILLER.has(lower) || FILLER_STEMS.has(lower) || FILLER_STEMS.has(stem(lower));
}

/** Stop-word lists as sets (lower-case, unstemmed). */
const words = (list: string) => list.split(/\s+/).filter(Boolean);
const ENGLISH_STOPS: ReadonlySet<string> = new Set(words(ENGLISH_STOP_WORDS));
const DOMAIN_STOPS: ReadonlySet<string> = new Set(words(DOMAIN_STOP_WORDS));
export const STOP_WORDS: ReadonlySet<string> = new Set([...ENGLISH_STOPS, ...DOMAIN_STOPS]);
const FILLER: ReadonlySet<string> = new Set(words(FILLER_WORDS));

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
 * Bumped whenever {@link analyze} changes what it emits: an index persisted by an older analyzer
 * is rebuilt rather than queried with terms it never saw.
 */
export const ANALYZER_VERSION = 2;

/** Lower-case words a name may contain without breaking it ("Food and Drug Administration"). */
const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'and', 'for']);
/** Longest name whose initials make an acronym; longer runs are lists of names, not one name. */
const MAX_NAME_WORDS = 5;
/** Prefix of a name term: `^natural` is "Natural" written as a name, `natural` the word. */
export const NAME_MARK = '^';

/**
 * How a text uses capitals, which decides what capitals may mean: in `sentence` case a capitalised
 * run is a name and an all-caps word an acronym; in `title` case every word is capitalised, so only
 * all-caps words mean something; in `upper` case (a shouted headline) capitals mean nothing.
 */
type CaseShape = 'sentence' | 'title' | 'upper';

function caseShape(words: readonly string[]): CaseShape {
  let upper = 0;
  let lettered = 0;
  let lowerLong = 0;
  let long = 0;
  for (const word of words) {
    if (!/\p{L}/u.test(word)) continue;
    lettered++;
    if (word.length >= 2 && !/\p{Ll}/u.test(word)) upper++;
    // Title case leaves short words ("to", "with", "from") lower-case, never long ones.
    if (word.length >= 5) {
      long++;
      if (/^\p{Ll}/u.test(word)) lowerLong++;
    }
  }
  if (lettered >= 3 && upper / lettered > 0.5) return 'upper';
  return long >= 2 && lowerLong / long <= 0.15 ? 'title' : 'sentence';
}

/**
 * Splits text into analysed tokens: lower-cased, diacritics folded, HTML entities dropped,
 * stop words and pure numbers removed, light-stemmed. Keeps order and repeats (term frequency counts).
 * Capitals carry meaning where the text's case allows it (see {@link CaseShape}): an acronym that
 * spells a stop word ("WHO", "US", "IT") is kept as a term, and a capitalised name of 2–5 words
 * in running text also yields its initials ("the World Health Organization" → `who`), so a report
 * that names an organisation in full meets one that uses its acronym.
 * @param text any text: a title, an excerpt, a page description
 * @returns tokens with both the stem and the surface form
 */
export function analyze(text: string): Token[] {
  const folded = text
    .replace(/&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;/g, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  const matches = [...folded.matchAll(WORD)];
  const shape = caseShape(matches.map((m) => m[0]));
  const out: Token[] = [];
  let initials = '';
  const endName = () => {
    if (initials.length >= 3 && initials.length <= MAX_NAME_WORDS && !DOMAIN_STOPS.has(initials)) {
      out.push({ term: initials, surface: initials.toUpperCase() });
    }
    initials = '';
  };
  let previousEnd = 0;
  for (const match of matches) {
    const raw = match[0];
    const start = match.index ?? 0;
    // A name is words separated by plain spaces; punctuation or a line break ends it.
    const gap = folded.slice(previousEnd, start);
    if (!/^[ \t]+$/.test(gap)) endName();
    const sentenceStart = previousEnd === 0 || /[.!?:;"“”\n]/.test(gap);
    previousEnd = start + raw.length;
    const lower = raw.toLowerCase();
    const surface = lower.replace(/['’]s$/, '');
    const acronym = shape !== 'upper' && raw.length >= 2 && /^\p{Lu}+$/u.test(raw);

    if (shape === 'sentence') {
      if (/^\p{Lu}\p{Ll}/u.test(raw) && !(initials === '' && STOP_WORDS.has(lower))) initials += lower[0];
      else if (!(initials !== '' && NAME_CONNECTORS.has(lower))) endName();
    }

    if (acronym && ENGLISH_STOPS.has(lower) && !DOMAIN_STOPS.has(lower)) {
      out.push({ term: lower, surface: raw });
      continue;
    }
    // Pure numbers (years, counts) and single letters match across unrelated stories.
    if (surface.length < 2 || /^\p{N}+$/u.test(surface) || STOP_WORDS.has(surface)) continue;
    const term = stem(surface);
    if (STOP_WORDS.has(term)) continue;
    out.push({ term, surface });
    // Mid-sentence capitals in running text name something ("the launch of Natural, a natural
    // language app"): the name is its own, rarer term, so two reports naming it meet.
    if (shape === 'sentence' && !sentenceStart && /^\p{Lu}\p{Ll}/u.test(raw)) out.push({ term: `${NAME_MARK}${term}`, surface: raw.replace(/['’]s$/, '') });
  }
  endName();
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

/** Stems of the filler words, so "launching" or "markets" is filler as "launch" and "market" are. */
const FILLER_STEMS: ReadonlySet<string> = new Set([...FILLER].map(stem));
