/**
 * The in-memory URL table: every URL-index key (match key or `#id`) as a 64-bit hash in sorted typed
 * arrays, pointing to an article ordinal that carries the badge facts (id, title, quality) and the
 * chunks holding the article. A miss answers from memory without touching IndexedDB; a badge hit
 * answers from memory too; a full-article hit reads only the article's chunk(s).
 *
 * Built by the store's index compaction and persisted with it as one IndexedDB record of typed arrays
 * (strings packed as UTF-8), so a restarted worker loads it with one read that is mostly memcpy.
 * ~14 bytes per key plus ~100 bytes per article: a few MB at 100k articles.
 *
 * Hash collisions: two different keys with equal 64-bit hashes would alias. At 10^6 keys the chance
 * that a given lookup key aliases any stored key is ~10^-13; full-article reads additionally check
 * that the article really has the key and fall back to the exact bucketed index otherwise.
 *
 * Pure: no IndexedDB, no browser APIs.
 */
import { runToEnd, type Steps } from '../model/slices';

/** Rows between two checkpoints of {@link UrlTable.buildSteps}, where compaction may pause. */
const CHECKPOINT = 8192;

/** Badge facts of an article, merged across feeds like the article itself (lib/model/merge.ts precedence). */
export interface BadgeFacts {
  id: string;
  title: string;
  quality?: number;
}

/** Per-article facts as a chunk's key record stores them: `[id, title, quality | null, publishedAt]` (older rows: no date). */
export type FactRow = [id: string, title: string, quality: number | null, publishedAt?: string];

/** One chunk's contribution, as compaction reads it (chunk key order decides which article wins a key). */
export interface UrlTableSource {
  chunk: string;
  /** Chunk write time: facts of fresher chunks win. */
  updatedAt: number;
  /** `[matchKey | '#'+id, articleId]` */
  entries: readonly (readonly [string, string])[];
  facts?: readonly FactRow[];
}

/** The persisted form: structured-clonable, typed arrays and a few strings only. */
export interface UrlTableData {
  format: 1;
  /** Key hashes, sorted by (hi, lo); one row per distinct key. */
  hi: Uint32Array;
  lo: Uint32Array;
  /** Article ordinal of each key row. */
  article: Uint32Array;
  /** Article ids, UTF-8, article `i` is `ids[idEnd[i-1] .. idEnd[i]]`. */
  ids: Uint8Array;
  idEnd: Uint32Array;
  titles: Uint8Array;
  titleEnd: Uint32Array;
  /** NaN: no quality score. */
  quality: Float64Array;
  /** 1 when the article's facts are known (older key records carry none). */
  hasFacts: Uint8Array;
  /** Chunk ordinals of article `i`: `chunkList[chunkStart[i] .. chunkStart[i+1]]`. */
  chunkStart: Uint32Array;
  chunkList: Uint32Array;
  chunks: string[];
}

/** Low half of the last `hashHi` call (avoids allocating a pair per key in hot loops). */
let lastLo = 0;

/** 64-bit string hash (two 32-bit halves, cyrb53 mixing over UTF-16 code units). */
export function keyHash(key: string): [hi: number, lo: number] {
  const hi = hashHi(key);
  return [hi, lastLo];
}

/** High half of `keyHash(key)`; the low half is left in `lastLo`. */
function hashHi(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  lastLo = h1 >>> 0;
  return h2 >>> 0;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 length of `s` as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Packs strings as one UTF-8 buffer plus end offsets (one encode: per-string encodes are slow). */
function pack(strings: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  const ends = new Uint32Array(strings.length);
  let total = 0;
  strings.forEach((s, i) => (ends[i] = total += utf8Length(s)));
  const bytes = encoder.encode(strings.join(''));
  if (bytes.length !== total) throw new Error('url table: UTF-8 length mismatch');
  return { bytes, ends };
}

/** Below this many rows a comparison sort beats four passes over a 64k-entry count table (one chunk's keys). */
const RADIX_MIN_ROWS = 4096;

/** Stable LSD radix sort of row numbers by the 64-bit (hi, lo) key, 16 bits per pass (a checkpoint after each). */
function* sortedOrder(hi: Uint32Array, lo: Uint32Array): Steps<Uint32Array> {
  const n = hi.length;
  if (n < RADIX_MIN_ROWS) {
    const rows = Array.from({ length: n }, (_, i) => i);
    rows.sort((a, b) => hi[a]! - hi[b]! || lo[a]! - lo[b]! || a - b);
    return Uint32Array.from(rows);
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (const [words, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((words[order[i]!]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      next[count[(words[row]! >>> shift) & 0xffff]!++] = row;
    }
    [order, next] = [next, order];
    yield;
  }
  return order;
}

/**
 * What the store's lookups ask of a URL table: the table itself when it is current, or, after writes,
 * the last table with the chunks written since laid over it (`UrlTableOverlay`).
 */
export interface UrlLookup {
  /** Article ordinal of `key`, or -1. */
  find(key: string): number;
  /** The first of `keys` (most specific first) that is stored, with its article ordinal. */
  findFirst(keys: readonly string[]): { key: string; article: number } | undefined;
  id(article: number): string;
  /** Badge facts, or undefined when they are not known (callers read the article instead). */
  facts(article: number): BadgeFacts | undefined;
  /** Keys of the chunks holding the article. */
  chunksOf(article: number): string[];
}

export class UrlTable implements UrlLookup {
  constructor(readonly data: UrlTableData) {}

  /** Whether `value` is a persisted table this code can read (anything else is rebuilt). */
  static isData(value: unknown): value is UrlTableData {
    const data = value as UrlTableData | undefined;
    return !!data && data.format === 1 && data.hi instanceof Uint32Array && data.lo instanceof Uint32Array && Array.isArray(data.chunks);
  }

  /**
   * Builds the table. `sources` in chunk key order: when two articles claim the same key, the first
   * source's wins (as in the bucketed index).
   */
  static build(sources: readonly UrlTableSource[]): UrlTable {
    return runToEnd(UrlTable.buildSteps(sources));
  }

  /** {@link build} as steps with checkpoints (lib/model/slices.ts): compaction runs them in slices. */
  static *buildSteps(sources: readonly UrlTableSource[]): Steps<UrlTable> {
    let since = 0;
    const ordinalOf = new Map<string, number>();
    const chunkOrdinal = new Map<string, number>();
    const articleChunks: number[][] = [];
    const rowArticle: number[] = [];
    const rowHi: number[] = [];
    const rowLo: number[] = [];
    const ordinal = (id: string) => {
      let n = ordinalOf.get(id);
      if (n === undefined) {
        ordinalOf.set(id, (n = ordinalOf.size));
        articleChunks.push([]);
      }
      return n;
    };
    for (const source of sources) {
      const chunk = chunkOrdinal.get(source.chunk) ?? chunkOrdinal.set(source.chunk, chunkOrdinal.size).get(source.chunk)!;
      for (const [key, id] of source.entries) {
        const n = ordinal(id);
        const list = articleChunks[n]!;
        if (list[list.length - 1] !== chunk) list.push(chunk);
        rowHi.push(hashHi(key));
        rowLo.push(lastLo);
        rowArticle.push(n);
      }
      if (rowHi.length - since >= CHECKPOINT) {
        since = rowHi.length;
        yield;
      }
    }
    // Facts: fresher chunks win field by field; a missing field never erases a present one.
    const count = ordinalOf.size;
    const titles: string[] = new Array<string>(count).fill('');
    const quality = new Float64Array(count).fill(Number.NaN);
    const hasFacts = new Uint8Array(count);
    const byFreshness = sources.map((s, i) => [s, i] as const).sort((a, b) => a[0].updatedAt - b[0].updatedAt || a[1] - b[1]);
    // Same precedence as mergeArticle across feeds: the title of the newest record by its date (then the greater
    // title), the greater score; so the badge agrees with the merged article whatever order chunks were written in.
    const dates: string[] = new Array<string>(count).fill('');
    since = 0;
    for (const [source] of byFreshness) {
      since += source.facts?.length ?? 0;
      if (since >= CHECKPOINT) {
        since = 0;
        yield;
      }
      for (const [id, title, score, date = ''] of source.facts ?? []) {
        const n = ordinalOf.get(id);
        if (n === undefined) continue;
        hasFacts[n] = 1;
        // Rows written before facts carried a date: the fresher chunk wins, as it did then.
        if (title && (date > dates[n]! || (date === dates[n]! && (date === '' || title > titles[n]!)))) {
          titles[n] = title;
          dates[n] = date;
        }
        if (typeof score === 'number' && !(quality[n]! >= score)) quality[n] = score;
      }
    }
    // An article is complete only if every chunk holding it had facts.
    for (const source of sources) {
      if (source.facts) continue;
      for (const [, id] of source.entries) hasFacts[ordinalOf.get(id)!] = 0;
    }
    // Sorted distinct keys; the first row of equal keys wins.
    const hiAll = Uint32Array.from(rowHi);
    const loAll = Uint32Array.from(rowLo);
    const order = yield* sortedOrder(hiAll, loAll);
    const keep: number[] = [];
    for (let i = 0; i < order.length; i++) {
      if (i % CHECKPOINT === CHECKPOINT - 1) yield;
      const row = order[i]!;
      const prev = keep.length ? keep[keep.length - 1]! : -1;
      if (prev >= 0 && hiAll[prev] === hiAll[row] && loAll[prev] === loAll[row]) continue;
      keep.push(row);
    }
    const hi = new Uint32Array(keep.length);
    const lo = new Uint32Array(keep.length);
    const article = new Uint32Array(keep.length);
    keep.forEach((row, i) => {
      hi[i] = hiAll[row]!;
      lo[i] = loAll[row]!;
      article[i] = rowArticle[row]!;
    });
    const chunkStart = new Uint32Array(count + 1);
    articleChunks.forEach((list, n) => (chunkStart[n + 1] = chunkStart[n]! + list.length));
    const chunkList = Uint32Array.from(articleChunks.flat());
    yield;
    const ids = pack([...ordinalOf.keys()]);
    yield;
    const packedTitles = pack(titles);
    return new UrlTable({
      format: 1,
      hi,
      lo,
      article,
      ids: ids.bytes,
      idEnd: ids.ends,
      titles: packedTitles.bytes,
      titleEnd: packedTitles.ends,
      quality,
      hasFacts,
      chunkStart,
      chunkList,
      chunks: [...chunkOrdinal.keys()],
    });
  }

  /** Number of distinct keys. */
  get keyCount(): number {
    return this.data.hi.length;
  }

  /** Number of articles. */
  get articleCount(): number {
    return this.data.idEnd.length;
  }

  /** Article ordinal of `key`, or -1. Binary search over the sorted hashes: no allocation but the hash. */
  find(key: string): number {
    return this.findHash(hashHi(key), lastLo);
  }

  /** Article ordinal of the key whose `keyHash` is (h, l), or -1. */
  findHash(h: number, l: number): number {
    const { hi, lo } = this.data;
    let low = 0;
    let high = hi.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const mh = hi[mid]!;
      if (mh < h || (mh === h && lo[mid]! < l)) low = mid + 1;
      else high = mid;
    }
    return low < hi.length && hi[low] === h && lo[low] === l ? this.data.article[low]! : -1;
  }

  /** The first of `keys` (most specific first) that is stored, with its article ordinal. */
  findFirst(keys: readonly string[]): { key: string; article: number } | undefined {
    return firstStored(this, keys);
  }

  id(article: number): string {
    const { ids, idEnd } = this.data;
    return decoder.decode(ids.subarray(article ? idEnd[article - 1]! : 0, idEnd[article]!));
  }

  /** Badge facts, or undefined when the table was built from key records without facts. */
  facts(article: number): BadgeFacts | undefined {
    const { titles, titleEnd, quality, hasFacts } = this.data;
    if (!hasFacts[article]) return undefined;
    const title = decoder.decode(titles.subarray(article ? titleEnd[article - 1]! : 0, titleEnd[article]!));
    const score = quality[article]!;
    return { id: this.id(article), title, ...(Number.isNaN(score) ? {} : { quality: score }) };
  }

  /** Keys of the chunks holding the article (one per feed that has it, usually one). */
  chunksOf(article: number): string[] {
    const { chunkStart, chunkList, chunks } = this.data;
    const out: string[] = [];
    for (let i = chunkStart[article]!; i < chunkStart[article + 1]!; i++) out.push(chunks[chunkList[i]!]!);
    return out;
  }
}

/** A chunk a write put (with its keys and facts) or removed (`entries` absent), as the overlay takes it. */
export interface ChunkChange {
  chunk: string;
  updatedAt: number;
  entries?: readonly (readonly [string, string])[];
  facts?: readonly FactRow[];
}

interface OverlayChunk {
  /** The chunk's own keys, as a one-chunk table (sorted hashes: a lookup is a binary search per chunk). */
  table: UrlTable;
  source: UrlTableSource;
}

/** The `#id` key every article has in the table (the schema's id-key prefix; url-table.ts imports nothing). */
const ID_KEY = (id: string) => `#${id}`;

/**
 * The last URL table with the chunks written since laid over it: what lookups answer from between
 * writes and the next compaction (during a sync), instead of rebuilding the whole table per lookup.
 * A key found in a chunk written since wins over the base; a base hit counts only while some chunk
 * that held the article is untouched (a rewritten chunk that lost the key no longer answers for it).
 *
 * Until the next compaction two answers are approximate, both only for articles whose chunks changed:
 * a key two different articles claim goes to the one written since, and an article that is also in
 * an untouched chunk takes its title from the rewritten chunk and the greater of the two scores.
 * Article ordinals are the overlay's own (ids it has answered for), valid for this overlay only.
 */
export class UrlTableOverlay implements UrlLookup {
  private readonly changed = new Map<string, OverlayChunk | null>();
  private readonly ids: string[] = [];
  private readonly ordinals = new Map<string, number>();

  constructor(readonly base: UrlTable) {}

  /** Chunks written or removed since the base table. */
  get changedChunks(): number {
    return this.changed.size;
  }

  /** Lays one committed chunk write (or removal) over the table; later calls win. */
  apply(change: ChunkChange): void {
    if (!change.entries) {
      this.changed.set(change.chunk, null);
      return;
    }
    const source: UrlTableSource = { chunk: change.chunk, updatedAt: change.updatedAt, entries: change.entries, ...(change.facts ? { facts: change.facts } : {}) };
    this.changed.set(change.chunk, { table: UrlTable.build([source]), source });
  }

  find(key: string): number {
    const h = hashHi(key);
    const l = lastLo;
    // Written since the base: the first chunk in key order wins, as in a built table.
    let winner: string | undefined;
    let article = -1;
    for (const [chunk, written] of this.changed) {
      if (!written || (winner !== undefined && chunk >= winner)) continue;
      const n = written.table.findHash(h, l);
      if (n >= 0) {
        winner = chunk;
        article = n;
      }
    }
    if (winner !== undefined) return this.ordinal(this.changed.get(winner)!.table.id(article));
    const n = this.base.findHash(h, l);
    if (n < 0 || !this.base.chunksOf(n).some((chunk) => !this.changed.has(chunk))) return -1;
    return this.ordinal(this.base.id(n));
  }

  findFirst(keys: readonly string[]): { key: string; article: number } | undefined {
    return firstStored(this, keys);
  }

  id(article: number): string {
    return this.ids[article]!;
  }

  facts(article: number): BadgeFacts | undefined {
    const id = this.ids[article]!;
    const { baseArticle, untouched, written } = this.holders(id);
    // The written chunks' rows merged by the table's own rule (date, then title; the greater score).
    const fresh = written.length ? UrlTable.build(written.map((w) => ({ ...w.source, entries: [[ID_KEY(id), id]] }))) : undefined;
    const freshFacts = fresh?.facts(0);
    if (written.length && !freshFacts) return undefined;
    const baseFacts = untouched.length ? this.base.facts(baseArticle) : undefined;
    if (untouched.length && !baseFacts) return undefined;
    if (!freshFacts) return baseFacts;
    if (!baseFacts) return freshFacts;
    const quality = Math.max(baseFacts.quality ?? -Infinity, freshFacts.quality ?? -Infinity);
    return { id, title: freshFacts.title, ...(Number.isFinite(quality) ? { quality } : {}) };
  }

  chunksOf(article: number): string[] {
    const { untouched, written } = this.holders(this.ids[article]!);
    return [...untouched, ...written.map((w) => w.source.chunk)];
  }

  /** Where article `id` is now: its base chunks nobody rewrote, and the chunks written since that hold it. */
  private holders(id: string): { baseArticle: number; untouched: string[]; written: OverlayChunk[] } {
    const key = ID_KEY(id);
    const baseArticle = this.base.find(key);
    const untouched = baseArticle < 0 ? [] : this.base.chunksOf(baseArticle).filter((chunk) => !this.changed.has(chunk));
    const written: OverlayChunk[] = [];
    for (const chunk of this.changed.values()) if (chunk && chunk.table.find(key) >= 0) written.push(chunk);
    return { baseArticle, untouched, written };
  }

  private ordinal(id: string): number {
    let n = this.ordinals.get(id);
    if (n === undefined) {
      this.ordinals.set(id, (n = this.ids.length));
      this.ids.push(id);
    }
    return n;
  }
}

/** The first of `keys` (most specific first) that `lookup` finds, with its article ordinal. */
function firstStored(lookup: { find(key: string): number }, keys: readonly string[]): { key: string; article: number } | undefined {
  for (const key of keys) {
    const article = lookup.find(key);
    if (article >= 0) return { key, article };
  }
  return undefined;
}
