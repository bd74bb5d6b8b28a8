/**
 * How the search index packs one posting (article slot, title flag, term frequency) into one int32, and the BM25 idf
 * both the index and its readers use. Pure; imported by lib/rank/search-index.ts and its snapshot codec.
 */

/**
 * A posting is `slot * SLOT_SCALE + inTitle * TITLE_FLAG + tf`: slots stay below 2^23 and tf below 128. The title flag
 * lets same-story checks read a document's title terms from the index.
 */
export const SLOT_SCALE = 256;
export const TITLE_FLAG = 128;
export const TF_MASK = 127;
/** The low byte of a posting: title flag and tf, everything but the slot. */
export const FLAGS_MASK = 0xff;

/** The slot a posting belongs to. */
export function postingSlot(posting: number): number {
  return posting >>> 8;
}

/**
 * BM25's inverse document frequency, never negative: rare terms weigh most, a term no article carries most of all.
 * The one place the formula is written: scoring, query mass and same-story weights all read it.
 * @param df how many articles carry the term
 * @param n how many articles there are (at least 1 is used)
 */
export function bm25Idf(df: number, n: number): number {
  const total = Math.max(n, 1);
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}
