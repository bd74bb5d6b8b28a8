/**
 * `SearchIndex`: an incremental, compact BM25F inverted index over article titles and excerpts, plus the few per-article fields ranking needs.
 * Pure (no browser APIs, no idb): lib/app/corpus.ts builds or loads it and persists `serialize()`; related, search and top picks query it.
 */
import type { Article } from '../model/article';
import { bm25Idf, FLAGS_MASK, postingSlot, SLOT_SCALE, TF_MASK, TITLE_FLAG } from './posting';
import { decodeIndex, encodeSteps, type PackedIndex, type SerializedIndex } from './search-index-snapshot';
import { tokenize } from './text';
import { runSliced, runToEnd, type Slicer, type Steps } from '../model/slices';
import { heapPush, heapReplaceTop } from './top-k-heap';

/** A title word counts this many times an excerpt word: titles say what a story is about, excerpts ramble. */
const TITLE_WEIGHT = 3;
/** BM25 term-frequency saturation and length normalisation (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/** At most this many query terms are scored (the most specific ones): bounds query time and the match bitmask. */
const MAX_QUERY_TERMS = 32;
/**
 * Posting budget per query: terms are visited rarest first and a term whose postings would push the total past this is skipped.
 * Common terms carry little idf, so at 100k articles this caps query cost without changing the top results much (WAND-lite).
 */
const MAX_POSTINGS_PER_QUERY = 120_000;
/** Delta postings are folded into the packed arrays when they exceed this many (or a quarter of the packed size). */
const MIN_DELTA_POSTINGS = 50_000;
/** Removed articles leave tombstones; they are swept once they exceed this share of slots. */
const MAX_DEAD_SHARE = 0.25;
/** Postings (or slots) between two checkpoints of the long passes, where a sliced run may pause. */
const CHECKPOINT = 8192;

/** One weighted query term (already stemmed, see lib/rank/text.ts). */
export interface QueryTerm {
  term: string;
  weight: number;
}

/** What the index keeps per article: only what ranking needs, never the article itself. */
export interface DocInfo {
  id: string;
  /** Epoch ms; NaN when unknown. */
  publishedAt: number;
  quality: number | undefined;
  providerDomain: string;
  topics: readonly string[];
}

/** A scored match: the article's info, its BM25F score and which query terms it contains. */
export interface SearchHit extends DocInfo {
  score: number;
  matched: string[];
  /** The article's slot: valid for {@link SearchIndex.storySimilarity} until the index changes. */
  slot: number;
}

/**
 * The term sets of a text outside the index (a source article or page) for same-story checks: known terms as term ids
 * (title terms first, then the rest, each once), unknown terms as their total idf.
 */
export interface StoryTerms {
  ids: Int32Array;
  titleCount: number;
  unknownTitle: number;
  unknownFull: number;
}

/** Either an indexed article (its slot) or a text's {@link StoryTerms}. */
export type StoryRef = number | StoryTerms;

/** Filters applied while selecting the top hits, so a strict filter never starves the result list. */
export interface SearchOptions {
  /** Default 10. */
  limit?: number;
  excludeIds?: ReadonlySet<string>;
  /** Keep only articles carrying at least one of these topics (undefined: no topic filter). */
  topics?: readonly string[];
  /** Keep only articles whose quality is known and at least this (undefined: no filter). */
  minQuality?: number;
  /** With `minQuality`: keep articles without a score too. */
  keepUnrated?: boolean;
}


function grow<T extends Float64Array | Float32Array | Int32Array | Uint8Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(need, array.length * 2, 64));
  next.set(array);
  return next;
}

/** Interns strings to small ints. */
class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
  get(name: string): number | undefined {
    return this.ids.get(name);
  }
}

/**
 * Inverted index in two tiers: packed `Int32Array` postings (CSR) for the bulk, small per-term arrays for recent adds,
 * folded together now and then. Removal tombstones a slot; sweeping renumbers slots and drops dead postings.
 */
export class SearchIndex {
  private terms = new Interner();
  /** Per term id: postings in the packed tier are `packed[offsets[t] .. offsets[t+1])` for t < packedTerms. */
  private offsets: Int32Array = new Int32Array(1);
  private packed: Int32Array = new Int32Array(0);
  private packedTerms = 0;
  private delta: (number[] | undefined)[] = [];
  private deltaPostings = 0;
  /** Per term id: postings count including tombstoned slots (idf is approximate until the next sweep). */
  private df = new Int32Array(0);

  private ids: (string | undefined)[] = [];
  private slotById = new Map<string, number>();
  private published = new Float64Array(0);
  private quality = new Float32Array(0);
  private lengths = new Float32Array(0);
  private provider = new Int32Array(0);
  private combo = new Int32Array(0);
  private alive = new Uint8Array(0);
  private slots = 0;
  private live = 0;
  private totalLength = 0;

  private providers = new Interner();
  private topicNames = new Interner();
  /** Topic combinations (sorted topic ids), interned: articles share few distinct topic sets. */
  private combos = new Interner();
  private comboTopics: number[][] = [];
  private topicDf: number[] = [];

  // Scratch buffers reused across queries (sized to `slots`).
  private scores = new Float32Array(0);
  private masks = new Uint32Array(0);
  private touched = new Int32Array(0);

  /**
   * Forward lists (slot → its distinct term ids, title terms first), derived from the postings on first use and
   * dropped on any change: what same-story checks compare, without keeping any article text in memory.
   */
  private forward: { offsets: Int32Array; terms: Uint16Array | Int32Array; titleCounts: Uint16Array; idf: Float64Array } | undefined;
  /** Scratch marks per term id for {@link storySimilarity}. */
  private marks = new Uint8Array(0);

  /** Number of articles in the index. */
  get size(): number {
    return this.live;
  }

  /** Whether an article id is indexed. */
  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /**
   * Adds an article, replacing any earlier version with the same id. Cost: its own terms only (no rebuild).
   * @param article the normalized article; only its id, title, excerpt, date, quality, provider domain and topics are kept
   */
  add(article: Article, autoSweep = true): void {
    if (this.slotById.has(article.id)) this.remove(article.id, autoSweep);
    if (this.slots + 1 >= 1 << 23) this.sweep();
    const slot = this.slots++;
    this.ensureDocCapacity(this.slots);
    this.forward = undefined;
    const tf = new Map<string, number>();
    const title = tokenize(article.title);
    const excerpt = tokenize(article.excerpt);
    for (const term of title) tf.set(term, (tf.get(term) ?? 0) + TITLE_WEIGHT);
    const inTitle = new Set(tf.keys());
    for (const term of excerpt) tf.set(term, (tf.get(term) ?? 0) + 1);
    const length = TITLE_WEIGHT * title.length + excerpt.length;
    for (const [term, count] of tf) {
      const t = this.terms.id(term);
      if (t >= this.df.length) this.df = grow(this.df, t + 1);
      this.df[t] = (this.df[t] ?? 0) + 1;
      (this.delta[t] ??= []).push(slot * SLOT_SCALE + (inTitle.has(term) ? TITLE_FLAG : 0) + Math.min(count, TF_MASK));
      this.deltaPostings++;
    }
    const ms = Date.parse(article.publishedAt);
    this.ids[slot] = article.id;
    this.slotById.set(article.id, slot);
    this.published[slot] = Number.isNaN(ms) ? Number.NaN : ms;
    this.quality[slot] = article.quality ?? Number.NaN;
    this.lengths[slot] = length;
    this.provider[slot] = this.providers.id(article.provider.domain.toLowerCase());
    this.combo[slot] = this.comboId(article.topics);
    this.alive[slot] = 1;
    this.live++;
    this.totalLength += length;
    if (autoSweep && this.needsSweep()) this.sweep();
  }

  /**
   * Whether recent adds or tombstones are due to be folded (what `add` and `remove` do by themselves unless told not
   * to: a sliced build calls {@link sweepSliced} instead, so no single task sweeps the whole index).
   */
  needsSweep(): boolean {
    return this.deltaPostings > Math.max(MIN_DELTA_POSTINGS, this.packed.length / 4) || this.slots - this.live > Math.max(1000, this.slots * MAX_DEAD_SHARE);
  }

  /** {@link sweep} in slices: the same result, pausing whenever `slicer` says so. */
  async sweepSliced(slicer: Slicer): Promise<void> {
    await runSliced(this.sweepSteps(), slicer);
  }

  /**
   * Removes an article by id (no-op when absent). Its postings become tombstones, swept later.
   * @param id the article id
   */
  remove(id: string, autoSweep = true): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.forward = undefined;
    this.slotById.delete(id);
    this.alive[slot] = 0;
    this.ids[slot] = undefined;
    this.live--;
    this.totalLength -= this.lengths[slot] ?? 0;
    for (const t of this.comboTopics[this.combo[slot] ?? 0] ?? []) this.topicDf[t] = (this.topicDf[t] ?? 1) - 1;
    if (autoSweep && this.slots - this.live > Math.max(1000, this.slots * MAX_DEAD_SHARE)) this.sweep();
  }

  /** Stored info of one article, or undefined when it is not indexed. */
  info(id: string): DocInfo | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.docInfo(slot);
  }

  /** Every indexed article's info (for scans such as top picks). */
  *docs(): IterableIterator<DocInfo> {
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot]) yield this.docInfo(slot);
  }

  /** Quality scores of the scored articles carrying `topic` (no per-article objects: a scan of typed arrays). */
  qualityScores(topic: string): number[] {
    const t = this.topicNames.get(topic);
    if (t === undefined) return [];
    const ok = this.comboTopics.map((combo) => combo.includes(t));
    const out: number[] = [];
    for (let slot = 0; slot < this.slots; slot++) {
      const quality = this.quality[slot]!;
      if (this.alive[slot] && ok[this.combo[slot]!] && !Number.isNaN(quality)) out.push(quality);
    }
    return out;
  }

  /** Epoch ms of the newest dated article; 0 when none is dated. */
  newestPublished(): number {
    let newest = 0;
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot] && this.published[slot]! > newest) newest = this.published[slot]!;
    return newest;
  }

  /** Indexed articles published within [from, to] (epoch ms), without building info for the others. */
  *docsPublishedBetween(from: number, to: number): IterableIterator<DocInfo> {
    for (let slot = 0; slot < this.slots; slot++) {
      const at = this.published[slot] ?? Number.NaN;
      if (this.alive[slot] && at >= from && at <= to) yield this.docInfo(slot);
    }
  }

  /** Inverse document frequency of a stemmed term (BM25's, never negative); high for unseen terms. */
  idf(term: string): number {
    const t = this.terms.get(term);
    return bm25Idf(t === undefined ? 0 : (this.df[t] ?? 0), this.slots);
  }

  /** How many indexed articles contain a stemmed term (tombstoned ones count until the next sweep). */
  docFreq(term: string): number {
    const t = this.terms.get(term);
    return t === undefined ? 0 : (this.df[t] ?? 0);
  }

  /**
   * Per slot, how many of `terms` (distinct stems) the article's title holds and how many its title or excerpt holds:
   * one pass over those terms' postings, no per-article objects. Slots as in {@link slotOf}; valid until the index changes.
   */
  termCounts(terms: readonly string[]): { title: Uint8Array; full: Uint8Array } {
    const title = new Uint8Array(this.slots);
    const full = new Uint8Array(this.slots);
    const visit = (posting: number) => {
      const slot = postingSlot(posting);
      if (!this.alive[slot]) return;
      full[slot] = Math.min(255, (full[slot] ?? 0) + 1);
      if (posting & TITLE_FLAG) title[slot] = Math.min(255, (title[slot] ?? 0) + 1);
    };
    for (const term of new Set(terms)) {
      const t = this.terms.get(term);
      if (t === undefined) continue;
      if (t < this.packedTerms) {
        const end = this.offsets[t + 1] ?? 0;
        for (let i = this.offsets[t] ?? 0; i < end; i++) visit(this.packed[i] ?? 0);
      }
      for (const posting of this.delta[t] ?? []) visit(posting);
    }
    return { title, full };
  }

  /**
   * Indexed terms starting with a prefix (for search-as-you-type), most frequent first. Scans the dictionary: O(terms).
   * @param prefix lower-case word start (unstemmed is fine: stems are prefixes of their words)
   */
  termsWithPrefix(prefix: string, max = 8): string[] {
    const p = prefix.toLowerCase();
    if (p.length < 2) return [];
    const found: number[] = [];
    this.terms.names.forEach((name, t) => {
      if ((this.df[t] ?? 0) > 0 && (name.startsWith(p) || (p.startsWith(name) && name.length >= p.length - 2))) found.push(t);
    });
    return found
      .sort((a, b) => (this.df[b] ?? 0) - (this.df[a] ?? 0))
      .slice(0, max)
      .map((t) => this.terms.names[t] ?? '');
  }

  /** How many indexed articles carry a topic. */
  topicCount(topic: string): number {
    const t = this.topicNames.get(topic);
    return t === undefined ? 0 : (this.topicDf[t] ?? 0);
  }

  /**
   * Top articles for a weighted query by BM25F (title-boosted), with filters applied during selection.
   * @param query stemmed terms with weights (repeats are summed)
   * @param options limit, excluded ids, topic filter, minimum quality
   * @returns hits, best first
   */
  search(query: readonly QueryTerm[], options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    if (this.live === 0 || limit <= 0) return [];
    const weights = new Map<number, number>();
    for (const { term, weight } of query) {
      const t = this.terms.get(term);
      if (t !== undefined && weight > 0 && (this.df[t] ?? 0) > 0) weights.set(t, (weights.get(t) ?? 0) + weight);
    }
    const n = this.slots;
    const terms = [...weights]
      .map(([t, weight]) => {
        const df = this.df[t] ?? 0;
        return { t, weight, df, idf: bm25Idf(df, n) };
      })
      .sort((a, b) => b.weight * b.idf - a.weight * a.idf)
      .slice(0, MAX_QUERY_TERMS)
      .sort((a, b) => a.df - b.df);

    if (this.scores.length < n) {
      this.scores = new Float32Array(Math.max(n, this.scores.length * 2));
      this.masks = new Uint32Array(this.scores.length);
      this.touched = new Int32Array(this.scores.length);
    }
    const { scores, masks, touched, alive, lengths, packed, offsets } = this;
    const avgLength = this.totalLength / Math.max(this.live, 1) || 1;
    // BM25 length normalisation per slot is K1 * (1 - B + B * length / avgLength) = normBase + normScale * length.
    const normBase = K1 * (1 - B);
    const normScale = (K1 * B) / avgLength;
    let touchedCount = 0;
    let budget = MAX_POSTINGS_PER_QUERY;
    const used: string[] = [];
    for (const { t, weight, df, idf } of terms) {
      // Always score the rarest term; skip a common one that would blow the budget.
      if (df > budget && used.length > 0) continue;
      budget -= df;
      const bit = 1 << used.length;
      used.push(this.terms.names[t] ?? '');
      const scale = weight * idf * (K1 + 1);
      // Packed tier, then recent adds; the alive test only while tombstones exist.
      const tombstones = this.live !== this.slots;
      const runs: ArrayLike<number>[] = [];
      if (t < this.packedTerms) runs.push(packed.subarray(offsets[t]!, offsets[t + 1]!));
      const delta = this.delta[t];
      if (delta) runs.push(delta);
      for (const run of runs) {
        for (let i = 0; i < run.length; i++) {
          const posting = run[i]!;
          const slot = postingSlot(posting);
          if (tombstones && !alive[slot]) continue;
          const tf = posting & TF_MASK;
          if (masks[slot] === 0) touched[touchedCount++] = slot;
          scores[slot] = scores[slot]! + (scale * tf) / (tf + normBase + normScale * lengths[slot]!);
          masks[slot] = masks[slot]! | bit;
        }
      }
    }

    // Excluded articles drop out by score (every scored slot is > 0; the reset below clears the mark).
    for (const id of options.excludeIds ?? []) {
      const slot = this.slotById.get(id);
      if (slot !== undefined && masks[slot] !== 0) scores[slot] = -1;
    }
    const comboOk = this.comboFilter(options.topics);
    const minQuality = options.minQuality;
    const keepUnrated = options.keepUnrated === true;
    const { combo, quality } = this;
    // Min-heap of the best `limit` slots by score; the score test comes first, so filters run on few slots.
    const heap: number[] = [];
    const less = (a: number, b: number) => scores[a]! < scores[b]!;
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      const score = scores[slot]!;
      if (score < 0) continue;
      if (heap.length >= limit && !(score > scores[heap[0]!]!)) continue;
      if (comboOk && !comboOk[combo[slot]!]) continue;
      if (minQuality !== undefined && !(quality[slot]! >= minQuality) && !(keepUnrated && Number.isNaN(quality[slot]!))) continue;
      if (heap.length < limit) heapPush(heap, slot, less);
      else heapReplaceTop(heap, slot, less);
    }
    const hits = heap
      .map((slot) => ({
        ...this.docInfo(slot),
        score: scores[slot] ?? 0,
        matched: used.filter((_, bit) => ((masks[slot] ?? 0) & (1 << bit)) !== 0),
        slot,
      }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i] ?? 0;
      scores[slot] = 0;
      masks[slot] = 0;
    }
    return hits;
  }

  /** Slot of an indexed article id (for {@link storySimilarity}); undefined when absent. Valid until the index changes. */
  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /**
   * A text's term sets for same-story checks against indexed articles ({@link storySimilarity}).
   * @param title tokenized as the index tokenizes titles
   * @param excerpt the rest of the text
   */
  storyTerms(title: string, excerpt = ''): StoryTerms {
    const titleTerms = new Set(tokenize(title));
    const rest = new Set(tokenize(excerpt).filter((term) => !titleTerms.has(term)));
    const ids: number[] = [];
    const { idf } = this.ensureForward();
    const unseen = this.idf('');
    let unknownTitle = 0;
    let unknownFull = 0;
    let titleCount = 0;
    for (const term of titleTerms) {
      const t = this.terms.get(term);
      if (t === undefined || !(t < idf.length)) {
        unknownTitle += unseen;
        unknownFull += unseen;
      } else {
        ids.push(t);
        titleCount++;
      }
    }
    for (const term of rest) {
      const t = this.terms.get(term);
      if (t === undefined || !(t < idf.length)) unknownFull += unseen;
      else ids.push(t);
    }
    return { ids: Int32Array.from(ids), titleCount, unknownTitle, unknownFull };
  }

  /**
   * How alike two reports read, 0..1, with idf as term weight: the larger of the weighted Jaccard over title terms and
   * over all terms (title + excerpt), read from the index's term lists (no article text is kept). A syndicated copy
   * may swap the excerpt, a rewrite may keep the lede but retitle: either measure alone would miss one of them.
   * @param a an indexed article's slot (from a hit or {@link slotOf}) or a text's {@link StoryTerms}
   * @param b likewise
   */
  storySimilarity(a: StoryRef, b: StoryRef): number {
    const { offsets, terms, titleCounts, idf } = this.ensureForward();
    if (this.marks.length < idf.length) this.marks = new Uint8Array(idf.length);
    const marks = this.marks;
    const view = (ref: StoryRef) =>
      typeof ref === 'number'
        ? { ids: terms, start: offsets[ref] ?? 0, titleEnd: (offsets[ref] ?? 0) + (titleCounts[ref] ?? 0), end: offsets[ref + 1] ?? 0, unknownTitle: 0, unknownFull: 0 }
        : { ids: ref.ids, start: 0, titleEnd: ref.titleCount, end: ref.ids.length, unknownTitle: ref.unknownTitle, unknownFull: ref.unknownFull };
    const va = view(a);
    const vb = view(b);
    let aTitle = va.unknownTitle;
    let aFull = va.unknownFull;
    for (let i = va.start; i < va.end; i++) {
      const t = va.ids[i] ?? 0;
      const w = idf[t] ?? 0;
      aFull += w;
      if (i < va.titleEnd) {
        aTitle += w;
        marks[t] = 3;
      } else marks[t] = 1;
    }
    let bTitle = vb.unknownTitle;
    let bFull = vb.unknownFull;
    let sharedTitle = 0;
    let sharedFull = 0;
    for (let i = vb.start; i < vb.end; i++) {
      const t = vb.ids[i] ?? 0;
      const w = idf[t] ?? 0;
      const mark = marks[t] ?? 0;
      bFull += w;
      if (mark) sharedFull += w;
      if (i < vb.titleEnd) {
        bTitle += w;
        if (mark & 2) sharedTitle += w;
      }
    }
    for (let i = va.start; i < va.end; i++) marks[va.ids[i] ?? 0] = 0;
    const jaccard = (shared: number, x: number, y: number) => {
      const union = x + y - shared;
      return union > 0 ? shared / union : 0;
    };
    return Math.max(jaccard(sharedTitle, aTitle, bTitle), jaccard(sharedFull, aFull, bFull));
  }

  /**
   * Readies the index for queries: folds recent adds into the packed tier and builds what {@link storySimilarity}
   * reads (forward lists, per-term idf) now rather than on the first query. A corpus calls it once it is built or
   * loaded, so no ranking pays for it. O(postings).
   */
  prepareStories(): void {
    runToEnd(this.prepareSteps());
  }

  /** {@link prepareStories} in slices (a corpus built on the worker): the same result, pausing whenever `slicer` says so. */
  async prepareStoriesSliced(slicer: Slicer): Promise<void> {
    await runSliced(this.prepareSteps(), slicer);
  }

  private *prepareSteps(): Steps<void> {
    // Recent adds are folded into the packed tier first: queries then walk one array per term.
    if (this.deltaPostings > 0 || this.live !== this.slots) yield* this.sweepSteps();
    yield* this.forwardSteps();
  }

  /** Builds the forward lists and per-term idf from the postings (both tiers), once per index state. */
  private ensureForward(): NonNullable<SearchIndex['forward']> {
    return runToEnd(this.forwardSteps());
  }

  private *forwardSteps(): Steps<NonNullable<SearchIndex['forward']>> {
    if (this.forward) return this.forward;
    const slots = this.slots;
    const termCount = this.terms.names.length;
    const counts = new Int32Array(slots + 1);
    const titleCounts = new Uint16Array(slots);
    const packed = this.packed;
    const offsets0 = this.offsets;
    const self = this;
    function* each(visit: (posting: number, t: number) => void): Steps<void> {
      let since = 0;
      for (let t = 0; t < termCount; t++) {
        if (t < self.packedTerms) {
          const start = offsets0[t] ?? 0;
          const end = offsets0[t + 1] ?? 0;
          for (let i = start; i < end; i++) visit(packed[i] ?? 0, t);
          since += end - start;
        }
        const delta = self.delta[t];
        if (delta) {
          for (const posting of delta) visit(posting, t);
          since += delta.length;
        }
        if (since >= CHECKPOINT) {
          since = 0;
          yield;
        }
      }
    }
    yield* each((posting) => {
      const slot = postingSlot(posting);
      if (!this.alive[slot]) return;
      counts[slot + 1] = (counts[slot + 1] ?? 0) + 1;
      if (posting & TITLE_FLAG) titleCounts[slot] = (titleCounts[slot] ?? 0) + 1;
    });
    for (let slot = 0; slot < slots; slot++) counts[slot + 1] = (counts[slot + 1] ?? 0) + (counts[slot] ?? 0);
    const offsets = counts;
    const total = offsets[slots] ?? 0;
    const terms = termCount <= 0xffff ? new Uint16Array(total) : new Int32Array(total);
    // Cursors: title terms fill from the start of a slot's range, the others from its title count on.
    const titleCursor = new Int32Array(slots);
    const restCursor = new Int32Array(slots);
    for (let slot = 0; slot < slots; slot++) {
      titleCursor[slot] = offsets[slot] ?? 0;
      restCursor[slot] = (offsets[slot] ?? 0) + (titleCounts[slot] ?? 0);
    }
    yield* each((posting, t) => {
      const slot = postingSlot(posting);
      if (!this.alive[slot]) return;
      const cursor = posting & TITLE_FLAG ? titleCursor : restCursor;
      terms[cursor[slot] ?? 0] = t;
      cursor[slot] = (cursor[slot] ?? 0) + 1;
    });
    const idf = new Float64Array(termCount);
    for (let t = 0; t < termCount; t++) idf[t] = bm25Idf(this.df[t] ?? 0, slots);
    this.forward = { offsets, terms, titleCounts, idf };
    return this.forward;
  }

  /**
   * The persisted form (sweeps tombstones first): structured-clonable for IndexedDB, with its number
   * lists as typed arrays; see lib/rank/search-index-snapshot.ts.
   */
  serialize(): SerializedIndex {
    return runToEnd(this.serializeSteps());
  }

  /** {@link serialize} in slices: the same result, pausing whenever `slicer` says so. */
  serializeSliced(slicer: Slicer): Promise<SerializedIndex> {
    return runSliced(this.serializeSteps(), slicer);
  }

  private *serializeSteps(): Steps<SerializedIndex> {
    yield* this.sweepSteps();
    return yield* encodeSteps({
      terms: this.terms.names.slice(0, this.packedTerms),
      offsets: this.offsets,
      packed: this.packed,
      slots: this.slots,
      ids: this.ids.slice(0, this.slots) as string[],
      published: this.published,
      quality: this.quality,
      lengths: this.lengths,
      providers: this.providers.names,
      provider: this.provider,
      topics: this.topicNames.names,
      combos: this.comboTopics,
      combo: this.combo,
    });
  }

  /** An index over a decoded snapshot, without re-tokenizing anything; counts (df, topic df, total length) are rebuilt. */
  static fromPacked(data: PackedIndex): SearchIndex {
    const index = new SearchIndex();
    for (const name of data.providers) index.providers.id(name);
    for (const name of data.topics) index.topicNames.id(name);
    for (const combo of data.combos) {
      index.combos.id(combo.join(','));
      index.comboTopics.push([...combo]);
    }
    index.topicDf = data.topics.map(() => 0);
    const n = data.slots;
    index.ensureDocCapacity(n);
    for (let slot = 0; slot < n; slot++) {
      const id = data.ids[slot] ?? '';
      index.ids[slot] = id;
      index.slotById.set(id, slot);
      index.published[slot] = data.published[slot] ?? Number.NaN;
      index.quality[slot] = data.quality[slot] ?? Number.NaN;
      index.lengths[slot] = data.lengths[slot] ?? 0;
      index.provider[slot] = data.provider[slot] ?? 0;
      index.combo[slot] = data.combo[slot] ?? 0;
      index.alive[slot] = 1;
      index.totalLength += data.lengths[slot] ?? 0;
      for (const t of index.comboTopics[data.combo[slot] ?? 0] ?? []) index.topicDf[t] = (index.topicDf[t] ?? 0) + 1;
    }
    index.slots = n;
    index.live = n;
    const termCount = data.terms.length;
    for (const term of data.terms) index.terms.id(term);
    index.offsets = data.offsets;
    index.packed = data.packed;
    index.df = new Int32Array(termCount);
    for (let t = 0; t < termCount; t++) index.df[t] = (data.offsets[t + 1] ?? 0) - (data.offsets[t] ?? 0);
    index.packedTerms = termCount;
    index.delta = [];
    return index;
  }

  private docInfo(slot: number): DocInfo {
    const quality = this.quality[slot] ?? Number.NaN;
    return {
      id: this.ids[slot] ?? '',
      publishedAt: this.published[slot] ?? Number.NaN,
      quality: Number.isNaN(quality) ? undefined : quality,
      providerDomain: this.providers.names[this.provider[slot] ?? 0] ?? '',
      topics: (this.comboTopics[this.combo[slot] ?? 0] ?? []).map((t) => this.topicNames.names[t] ?? ''),
    };
  }

  private comboId(topics: readonly string[]): number {
    const topicIds = [...new Set(topics.map((name) => this.topicNames.id(name)))].sort((a, b) => a - b);
    for (const t of topicIds) this.topicDf[t] = (this.topicDf[t] ?? 0) + 1;
    const key = topicIds.join(',');
    const id = this.combos.id(key);
    if (id === this.comboTopics.length) this.comboTopics.push(topicIds);
    return id;
  }

  /** Which topic combinations pass a topic filter (undefined: no filter). */
  private comboFilter(topics: readonly string[] | undefined): Uint8Array | undefined {
    if (topics === undefined) return undefined;
    const wanted = new Set(topics.map((name) => this.topicNames.get(name)).filter((t) => t !== undefined));
    const ok = new Uint8Array(this.comboTopics.length);
    this.comboTopics.forEach((combo, id) => {
      ok[id] = combo.some((t) => wanted.has(t)) ? 1 : 0;
    });
    return ok;
  }

  private ensureDocCapacity(n: number): void {
    this.published = grow(this.published, n);
    this.quality = grow(this.quality, n);
    this.lengths = grow(this.lengths, n);
    this.provider = grow(this.provider, n);
    this.combo = grow(this.combo, n);
    this.alive = grow(this.alive, n);
  }

  /**
   * Folds delta postings into the packed tier and drops tombstones, renumbering slots densely and forgetting terms
   * no live article uses. O(total postings); triggered geometrically, so amortised O(1) per add.
   */
  private sweep(): void {
    runToEnd(this.sweepSteps());
  }

  /**
   * The sweep's steps. Nothing of the index changes until the last step, which swaps in what the others built; a
   * sliced run must not add or remove meanwhile (the corpus builds one index at a time and queries none until built).
   */
  private *sweepSteps(): Steps<void> {
    const remap = new Int32Array(this.slots).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot]) remap[slot] = next++;
    const termCount = this.terms.names.length;
    const newTerms = new Interner();
    const counts: number[] = [];
    const out: number[] = [];
    let since = 0;
    for (let t = 0; t < termCount; t++) {
      if (out.length - since >= CHECKPOINT) {
        since = out.length;
        yield;
      }
      const start = out.length;
      const take = (posting: number) => {
        const slot = remap[postingSlot(posting)] ?? -1;
        if (slot >= 0) out.push(slot * SLOT_SCALE + (posting & FLAGS_MASK));
      };
      if (t < this.packedTerms) {
        const end = this.offsets[t + 1] ?? 0;
        for (let i = this.offsets[t] ?? 0; i < end; i++) take(this.packed[i] ?? 0);
      }
      for (const posting of this.delta[t] ?? []) take(posting);
      if (out.length > start) {
        newTerms.id(this.terms.names[t] ?? '');
        counts.push(out.length - start);
      }
    }
    yield;
    const packed = Int32Array.from(out);
    yield;
    // The new id → slot map is built before the swap, with checkpoints of its own (100k map entries is a long step).
    const ids: (string | undefined)[] = [];
    const slotById = new Map<string, number>();
    for (let slot = 0; slot < this.slots; slot++) {
      const to = remap[slot] ?? -1;
      const id = this.ids[slot];
      if (to >= 0 && id !== undefined) {
        ids[to] = id;
        slotById.set(id, to);
      }
      if (slot % CHECKPOINT === CHECKPOINT - 1) yield;
    }
    this.forward = undefined;
    this.terms = newTerms;
    this.packed = packed;
    this.offsets = new Int32Array(counts.length + 1);
    this.df = new Int32Array(counts.length);
    let cursor = 0;
    counts.forEach((count, t) => {
      this.offsets[t] = cursor;
      this.df[t] = count;
      cursor += count;
    });
    this.offsets[counts.length] = cursor;
    this.packedTerms = counts.length;
    this.delta = [];
    this.deltaPostings = 0;

    const keep = <T extends Float64Array | Float32Array | Int32Array | Uint8Array>(array: T): T => {
      const result = new (array.constructor as new (n: number) => T)(Math.max(next, 64));
      for (let slot = 0; slot < this.slots; slot++) {
        const to = remap[slot] ?? -1;
        if (to >= 0) result[to] = array[slot] ?? 0;
      }
      return result;
    };
    this.published = keep(this.published);
    this.quality = keep(this.quality);
    this.lengths = keep(this.lengths);
    this.provider = keep(this.provider);
    this.combo = keep(this.combo);
    this.alive = keep(this.alive);
    this.slotById = slotById;
    this.ids = ids;
    this.slots = next;
  }
}

/** A new, empty index. */
export function createSearchIndex(): SearchIndex {
  return new SearchIndex();
}

/**
 * An index restored from its persisted form (see {@link SearchIndex.serialize}).
 * @throws Error when `json` is not a serialized index
 */
export function loadSearchIndex(json: unknown): SearchIndex {
  return SearchIndex.fromPacked(decodeIndex(json));
}
