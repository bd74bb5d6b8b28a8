/**
 * `SearchIndex`: an incremental, compact BM25F inverted index over article titles and excerpts, plus the few per-article fields ranking needs.
 * Pure (no browser APIs, no idb): the background worker builds it during sync and persists `toJSON()`; lib/related.ts queries it.
 */
import { z } from 'zod';
import type { Article } from './schema/article';
import { tokenize } from './text';

/** A title word counts this many times an excerpt word: titles say what a story is about, excerpts ramble. */
export const TITLE_WEIGHT = 3;
/** BM25 term-frequency saturation and length normalisation (the usual defaults). */
const K1 = 1.2;
const B = 0.75;
/** At most this many query terms are scored (the most specific ones): bounds query time and the match bitmask. */
export const MAX_QUERY_TERMS = 32;
/**
 * Posting budget per query: terms are visited rarest first and a term whose postings would push the total past this is skipped.
 * Common terms carry little idf, so at 100k articles this caps query cost without changing the top results much (WAND-lite).
 */
export const MAX_POSTINGS_PER_QUERY = 120_000;
/** Delta postings are folded into the packed arrays when they exceed this many (or a quarter of the packed size). */
const MIN_DELTA_POSTINGS = 50_000;
/** Removed articles leave tombstones; they are swept once they exceed this share of slots. */
const MAX_DEAD_SHARE = 0.25;
/** A posting packs slot and term frequency into one int32 (`slot * 256 + tf`), so slots stay below 2^23. */
const TF_BITS = 256;

/** One weighted query term (already stemmed, see lib/text.ts). */
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
}

/** Filters applied while selecting the top hits, so a strict filter never starves the result list. */
export interface SearchOptions {
  /** Default 10. */
  limit?: number;
  excludeIds?: ReadonlySet<string>;
  /** Keep only articles carrying at least one of these topics (undefined: no topic filter). */
  topics?: readonly string[];
  /** Keep only articles whose quality is known and at least this (undefined: no filter). */
  minQuality?: number;
}

/** The persisted form: plain JSON, integer-coded (postings are per-term slot gaps × 256 + tf). */
export const SerializedIndex = z.object({
  v: z.literal(1),
  terms: z.array(z.string()),
  /** Postings count per term, in `terms` order. */
  counts: z.custom<number[]>(Array.isArray),
  postings: z.custom<number[]>(Array.isArray),
  ids: z.array(z.string()),
  /** Epoch minutes; -1 unknown. */
  published: z.custom<number[]>(Array.isArray),
  /** -1 unknown. */
  quality: z.custom<number[]>(Array.isArray),
  lengths: z.custom<number[]>(Array.isArray),
  providers: z.array(z.string()),
  provider: z.custom<number[]>(Array.isArray),
  topics: z.array(z.string()),
  combos: z.array(z.array(z.number())),
  combo: z.custom<number[]>(Array.isArray),
});
export type SerializedIndex = z.infer<typeof SerializedIndex>;

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
  private offsets = new Int32Array(1);
  private packed = new Int32Array(0);
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
  add(article: Article): void {
    if (this.slotById.has(article.id)) this.remove(article.id);
    if (this.slots + 1 >= 1 << 23) this.sweep();
    const slot = this.slots++;
    this.ensureDocCapacity(this.slots);
    const tf = new Map<string, number>();
    const title = tokenize(article.title);
    const excerpt = tokenize(article.excerpt);
    for (const term of title) tf.set(term, (tf.get(term) ?? 0) + TITLE_WEIGHT);
    for (const term of excerpt) tf.set(term, (tf.get(term) ?? 0) + 1);
    const length = TITLE_WEIGHT * title.length + excerpt.length;
    for (const [term, count] of tf) {
      const t = this.terms.id(term);
      if (t >= this.df.length) this.df = grow(this.df, t + 1);
      this.df[t] = (this.df[t] ?? 0) + 1;
      (this.delta[t] ??= []).push(slot * TF_BITS + Math.min(count, TF_BITS - 1));
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
    if (this.deltaPostings > Math.max(MIN_DELTA_POSTINGS, this.packed.length / 4)) this.sweep();
  }

  /**
   * Removes an article by id (no-op when absent). Its postings become tombstones, swept later.
   * @param id the article id
   */
  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.slotById.delete(id);
    this.alive[slot] = 0;
    this.ids[slot] = undefined;
    this.live--;
    this.totalLength -= this.lengths[slot] ?? 0;
    for (const t of this.comboTopics[this.combo[slot] ?? 0] ?? []) this.topicDf[t] = (this.topicDf[t] ?? 1) - 1;
    if (this.slots - this.live > Math.max(1000, this.slots * MAX_DEAD_SHARE)) this.sweep();
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

  /** Inverse document frequency of a stemmed term (BM25's, never negative); high for unseen terms. */
  idf(term: string): number {
    const t = this.terms.get(term);
    const df = t === undefined ? 0 : (this.df[t] ?? 0);
    const n = Math.max(this.slots, 1);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
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
        return { t, weight, df, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) };
      })
      .sort((a, b) => b.weight * b.idf - a.weight * a.idf)
      .slice(0, MAX_QUERY_TERMS)
      .sort((a, b) => a.df - b.df);

    if (this.scores.length < n) {
      this.scores = new Float32Array(Math.max(n, this.scores.length * 2));
      this.masks = new Uint32Array(this.scores.length);
      this.touched = new Int32Array(this.scores.length);
    }
    const { scores, masks, touched, alive, lengths } = this;
    const avgLength = this.totalLength / Math.max(this.live, 1) || 1;
    let touchedCount = 0;
    let budget = MAX_POSTINGS_PER_QUERY;
    const used: string[] = [];
    const visit = (posting: number, bit: number, scale: number) => {
      const slot = posting >>> 8;
      if (!alive[slot]) return;
      const tf = posting & 0xff;
      const norm = K1 * (1 - B + (B * (lengths[slot] ?? avgLength)) / avgLength);
      if (masks[slot] === 0) touched[touchedCount++] = slot;
      scores[slot] = (scores[slot] ?? 0) + (scale * tf) / (tf + norm);
      masks[slot] = (masks[slot] ?? 0) | bit;
    };
    for (const { t, weight, df, idf } of terms) {
      // Always score the rarest term; skip a common one that would blow the budget.
      if (df > budget && used.length > 0) continue;
      budget -= df;
      const bit = 1 << used.length;
      used.push(this.terms.names[t] ?? '');
      const scale = weight * idf * (K1 + 1);
      if (t < this.packedTerms) {
        const end = this.offsets[t + 1] ?? 0;
        for (let i = this.offsets[t] ?? 0; i < end; i++) visit(this.packed[i] ?? 0, bit, scale);
      }
      for (const posting of this.delta[t] ?? []) visit(posting, bit, scale);
    }

    const excluded = new Set<number>();
    for (const id of options.excludeIds ?? []) {
      const slot = this.slotById.get(id);
      if (slot !== undefined) excluded.add(slot);
    }
    const comboOk = this.comboFilter(options.topics);
    const minQuality = options.minQuality;
    // Min-heap of the best `limit` slots by score.
    const heap: number[] = [];
    const less = (a: number, b: number) => (scores[a] ?? 0) < (scores[b] ?? 0);
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i] ?? 0;
      if (excluded.has(slot)) continue;
      if (comboOk && !comboOk[this.combo[slot] ?? 0]) continue;
      if (minQuality !== undefined && !((this.quality[slot] ?? Number.NaN) >= minQuality)) continue;
      if (heap.length < limit) heapPush(heap, slot, less);
      else if (less(heap[0] ?? 0, slot)) heapReplaceTop(heap, slot, less);
    }
    const hits = heap
      .map((slot) => ({
        ...this.docInfo(slot),
        score: scores[slot] ?? 0,
        matched: used.filter((_, bit) => ((masks[slot] ?? 0) & (1 << bit)) !== 0),
      }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i] ?? 0;
      scores[slot] = 0;
      masks[slot] = 0;
    }
    return hits;
  }

  /** The persisted form (sweeps tombstones first). Plain JSON; see {@link SerializedIndex}. */
  toJSON(): SerializedIndex {
    this.sweep();
    const counts: number[] = [];
    const postings: number[] = [];
    for (let t = 0; t < this.packedTerms; t++) {
      const start = this.offsets[t] ?? 0;
      const end = this.offsets[t + 1] ?? 0;
      counts.push(end - start);
      let previous = 0;
      for (let i = start; i < end; i++) {
        const posting = this.packed[i] ?? 0;
        const slot = posting >>> 8;
        postings.push((slot - previous) * TF_BITS + (posting & 0xff));
        previous = slot;
      }
    }
    const range = (n: number, f: (slot: number) => number) => Array.from({ length: n }, (_, slot) => f(slot));
    return {
      v: 1,
      terms: this.terms.names.slice(0, this.packedTerms),
      counts,
      postings,
      ids: this.ids.slice(0, this.slots) as string[],
      published: range(this.slots, (s) => {
        const ms = this.published[s] ?? Number.NaN;
        return Number.isNaN(ms) ? -1 : Math.round(ms / 60_000);
      }),
      quality: range(this.slots, (s) => {
        const q = this.quality[s] ?? Number.NaN;
        return Number.isNaN(q) ? -1 : q;
      }),
      lengths: range(this.slots, (s) => this.lengths[s] ?? 0),
      providers: [...this.providers.names],
      provider: range(this.slots, (s) => this.provider[s] ?? 0),
      topics: [...this.topicNames.names],
      combos: this.comboTopics.map((c) => [...c]),
      combo: range(this.slots, (s) => this.combo[s] ?? 0),
    };
  }

  /**
   * Rebuilds an index from {@link SearchIndex.toJSON} output, without re-tokenizing anything.
   * @throws Error when the JSON is not a version-1 serialized index
   */
  static fromJSON(json: unknown): SearchIndex {
    const parsed = SerializedIndex.safeParse(json);
    if (!parsed.success) throw new Error(`Not a serialized search index: ${parsed.error.message}`);
    const data = parsed.data;
    const index = new SearchIndex();
    for (const name of data.providers) index.providers.id(name);
    for (const name of data.topics) index.topicNames.id(name);
    for (const combo of data.combos) {
      index.combos.id(combo.join(','));
      index.comboTopics.push(combo);
    }
    index.topicDf = data.topics.map(() => 0);
    const n = data.ids.length;
    index.ensureDocCapacity(n);
    for (let slot = 0; slot < n; slot++) {
      const id = data.ids[slot] ?? '';
      index.ids[slot] = id;
      index.slotById.set(id, slot);
      const minutes = data.published[slot] ?? -1;
      index.published[slot] = minutes < 0 ? Number.NaN : minutes * 60_000;
      const quality = data.quality[slot] ?? -1;
      index.quality[slot] = quality < 0 ? Number.NaN : quality;
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
    index.offsets = new Int32Array(termCount + 1);
    index.packed = new Int32Array(data.postings.length);
    index.df = new Int32Array(termCount);
    let cursor = 0;
    for (let t = 0; t < termCount; t++) {
      const count = data.counts[t] ?? 0;
      index.offsets[t] = cursor;
      index.df[t] = count;
      let slot = 0;
      for (let i = 0; i < count; i++, cursor++) {
        const coded = data.postings[cursor] ?? 0;
        slot += Math.floor(coded / TF_BITS);
        index.packed[cursor] = slot * TF_BITS + (coded % TF_BITS);
      }
    }
    index.offsets[termCount] = cursor;
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
    const remap = new Int32Array(this.slots).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot]) remap[slot] = next++;
    const termCount = this.terms.names.length;
    const newTerms = new Interner();
    const counts: number[] = [];
    const out: number[] = [];
    for (let t = 0; t < termCount; t++) {
      const start = out.length;
      const take = (posting: number) => {
        const slot = remap[posting >>> 8] ?? -1;
        if (slot >= 0) out.push(slot * TF_BITS + (posting & 0xff));
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
    this.terms = newTerms;
    this.packed = Int32Array.from(out);
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
    const ids: (string | undefined)[] = [];
    this.slotById.clear();
    for (let slot = 0; slot < this.slots; slot++) {
      const to = remap[slot] ?? -1;
      const id = this.ids[slot];
      if (to >= 0 && id !== undefined) {
        ids[to] = id;
        this.slotById.set(id, to);
      }
    }
    this.ids = ids;
    this.slots = next;
  }
}

function heapPush(heap: number[], value: number, less: (a: number, b: number) => boolean): void {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i] ?? 0, heap[parent] ?? 0)) break;
    [heap[i], heap[parent]] = [heap[parent] ?? 0, heap[i] ?? 0];
    i = parent;
  }
}

function heapReplaceTop(heap: number[], value: number, less: (a: number, b: number) => boolean): void {
  heap[0] = value;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && less(heap[left] ?? 0, heap[smallest] ?? 0)) smallest = left;
    if (right < heap.length && less(heap[right] ?? 0, heap[smallest] ?? 0)) smallest = right;
    if (smallest === i) return;
    [heap[i], heap[smallest]] = [heap[smallest] ?? 0, heap[i] ?? 0];
    i = smallest;
  }
}

/** A new, empty index. */
export function createSearchIndex(): SearchIndex {
  return new SearchIndex();
}

/**
 * An index restored from its persisted JSON (see {@link SearchIndex.toJSON}).
 * @throws Error when `json` is not a serialized index
 */
export function loadSearchIndex(json: unknown): SearchIndex {
  return SearchIndex.fromJSON(json);
}
