/**
 * Example words for the search box ("e.g. Watson, radiology"): taken from stored titles and kept only when they are
 * meaningful (no stop word or filler) and found by a search, the most widely used first. Pure (no browser APIs);
 * lib/app/corpus.ts feeds it the titles of a few stored articles and the index's document frequencies.
 */
import { analyze, isFillerWord, NAME_MARK } from './text';
import { MARKET_REPORT_WORDS } from './promo-copy';

/** Examples shown in the placeholder; the first is the one offered when a search finds nothing. */
export const SEARCH_EXAMPLE_COUNT = 3;

/** Weight of a name or acronym over a plain word of the same spread. */
const NAME_BONUS = 1.5;

/** A word in more than this share of stored articles is too common to be a useful example (it would match half the list). */
const EXAMPLE_MAX_SHARE = 0.1;

/**
 * Picks example search words.
 * @param titles stored titles to take words from (as published)
 * @param docFreq how many stored articles contain a stemmed term
 * @param docCount how many articles are stored
 * @param max how many to return
 * @param exclude texts whose words are never examples (the topic names)
 * @returns distinct words as written (acronyms and names keep their capitals), the most widely used first
 */
export function pickSearchExamples(
  titles: Iterable<string>,
  docFreq: (term: string) => number,
  docCount: number,
  max = SEARCH_EXAMPLE_COUNT,
  exclude: Iterable<string> = [],
): string[] {
  // Words of the topic names ("vision", "learning") only echo the topic filters; market-report words find paid copy.
  const excluded = new Set([...exclude, ...MARKET_REPORT_WORDS].flatMap((text) => analyze(text).map((token) => token.term)));
  const candidates = new Map<string, { surface: string; df: number }>();
  const ceiling = Math.max(2, EXAMPLE_MAX_SHARE * docCount);
  for (const title of titles) {
    const tokens = analyze(title);
    // How the title writes a word: an acronym in capitals, a name capitalised mid-sentence.
    const written = new Map<string, string>();
    for (const { term, surface } of tokens) if (term.startsWith(NAME_MARK)) written.set(term.slice(NAME_MARK.length), surface);
    for (const raw of title.match(/\p{L}+/gu) ?? []) if (/^\p{Lu}{2,6}$/u.test(raw)) written.set(raw.toLowerCase(), raw);
    for (const { term, surface } of tokens) {
      if (term.startsWith(NAME_MARK) || candidates.has(term) || excluded.has(term)) continue;
      const shown = written.get(surface) ?? surface;
      const acronym = /^\p{Lu}{2,6}$/u.test(shown);
      // Letters only, a real word's length: no numbers, no two-letter fragments.
      if (!/^\p{L}+$/u.test(surface) || (!acronym && surface.length < 4) || isFillerWord(shown) || isFillerWord(term)) continue;
      const df = docFreq(term);
      // Found by searching it (at least two articles), but not in most of them.
      if (df < 2 || df > ceiling) continue;
      // Names and acronyms ("IBM", "Watson") are what readers search for: they count extra.
      candidates.set(term, { surface: shown, df: shown === surface ? df : df * NAME_BONUS });
    }
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { surface } of [...candidates.values()].sort((a, b) => b.df - a.df || a.surface.localeCompare(b.surface))) {
    const key = surface.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(surface);
    if (out.length === max) break;
  }
  return out;
}
