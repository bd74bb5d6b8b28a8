/**
 * The search index's persisted form (`SerializedIndex`) and its codec: postings as per-term slot gaps, dates in epoch
 * minutes, unknowns as -1, number lists as typed arrays (structured-clonable, stored by IndexedDB as a memcpy).
 * Pure; imported by lib/rank/search-index.ts, which turns a {@link PackedIndex} into a live index and back.
 */
import { z } from 'zod';
import { FLAGS_MASK, postingSlot, SLOT_SCALE } from './posting';
import { runToEnd, type Steps } from '../model/slices';

/** Postings between two checkpoints of {@link encodeSteps}. */
const CHECKPOINT = 8192;

/**
 * The packed tier of a swept index (no tombstones, no recent adds): what a snapshot holds, before coding.
 * Postings are `slot * SLOT_SCALE + flags` (see lib/rank/posting.ts), those of term t in `packed[offsets[t] .. offsets[t+1])`.
 */
export interface PackedIndex {
  terms: readonly string[];
  offsets: Int32Array;
  packed: Int32Array;
  slots: number;
  ids: readonly string[];
  /** Epoch ms; NaN unknown. */
  published: ArrayLike<number>;
  /** NaN unknown. */
  quality: ArrayLike<number>;
  lengths: ArrayLike<number>;
  providers: readonly string[];
  provider: ArrayLike<number>;
  topics: readonly string[];
  combos: readonly (readonly number[])[];
  combo: ArrayLike<number>;
}

/** A list of numbers as written (typed arrays) or as older snapshots stored it (number[]). */
const numbers = z.custom<ArrayLike<number>>((value) => Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView)));

/** Version 2 of the persisted index: postings are per-term slot gaps × 256 + title flag × 128 + tf. */
export const SerializedIndex = z.object({
  v: z.literal(2),
  terms: z.array(z.string()),
  /** Postings count per term, in `terms` order. */
  counts: numbers,
  postings: numbers,
  ids: z.array(z.string()),
  /** Epoch minutes; -1 unknown. */
  published: numbers,
  /** -1 unknown. */
  quality: numbers,
  lengths: numbers,
  providers: z.array(z.string()),
  provider: numbers,
  topics: z.array(z.string()),
  combos: z.array(z.array(z.number())),
  combo: numbers,
});
export type SerializedIndex = z.infer<typeof SerializedIndex>;

/** Fills a typed array slot by slot. */
function perSlot<T extends Float64Array | Int32Array>(array: T, value: (slot: number) => number): T {
  for (let slot = 0; slot < array.length; slot++) array[slot] = value(slot);
  return array;
}

/**
 * Codes a packed index for storage. Typed arrays, not number[]: building them is one pass with no allocation per
 * posting, and IndexedDB stores them as a memcpy; on a worker that also answers navigations, both matter.
 */
export function encodeIndex(state: PackedIndex): SerializedIndex {
  return runToEnd(encodeSteps(state));
}

/** {@link encodeIndex} as steps with checkpoints (lib/model/slices.ts), for a caller that runs it in slices. */
export function* encodeSteps(state: PackedIndex): Steps<SerializedIndex> {
  const termCount = state.terms.length;
  const counts = new Uint32Array(termCount);
  const postings = new Uint32Array(state.offsets[termCount] ?? 0);
  let cursor = 0;
  let since = 0;
  for (let t = 0; t < termCount; t++) {
    if (cursor - since >= CHECKPOINT) {
      since = cursor;
      yield;
    }
    const start = state.offsets[t] ?? 0;
    const end = state.offsets[t + 1] ?? 0;
    counts[t] = end - start;
    let previous = 0;
    for (let i = start; i < end; i++) {
      const posting = state.packed[i] ?? 0;
      const slot = postingSlot(posting);
      postings[cursor++] = (slot - previous) * SLOT_SCALE + (posting & FLAGS_MASK);
      previous = slot;
    }
  }
  const slots = state.slots;
  yield;
  return {
    v: 2,
    terms: [...state.terms],
    counts,
    postings,
    ids: state.ids.slice(0, slots),
    published: perSlot(new Float64Array(slots), (s) => {
      const ms = state.published[s] ?? Number.NaN;
      return Number.isNaN(ms) ? -1 : Math.round(ms / 60_000);
    }),
    quality: perSlot(new Float64Array(slots), (s) => {
      const q = state.quality[s] ?? Number.NaN;
      return Number.isNaN(q) ? -1 : q;
    }),
    lengths: perSlot(new Float64Array(slots), (s) => state.lengths[s] ?? 0),
    providers: [...state.providers],
    provider: perSlot(new Int32Array(slots), (s) => state.provider[s] ?? 0),
    topics: [...state.topics],
    combos: state.combos.map((c) => [...c]),
    combo: perSlot(new Int32Array(slots), (s) => state.combo[s] ?? 0),
  };
}

/**
 * Decodes a stored snapshot, typed arrays and older number[] lists alike.
 * @throws Error when `json` is not a version-2 serialized index
 */
export function decodeIndex(json: unknown): PackedIndex {
  const parsed = SerializedIndex.safeParse(json);
  if (!parsed.success) throw new Error(`Not a serialized search index: ${parsed.error.message}`);
  const data = parsed.data;
  const slots = data.ids.length;
  const termCount = data.terms.length;
  const offsets = new Int32Array(termCount + 1);
  const packed = new Int32Array(data.postings.length);
  let cursor = 0;
  for (let t = 0; t < termCount; t++) {
    const count = data.counts[t] ?? 0;
    offsets[t] = cursor;
    let slot = 0;
    for (let i = 0; i < count; i++, cursor++) {
      const coded = data.postings[cursor] ?? 0;
      slot += Math.floor(coded / SLOT_SCALE);
      packed[cursor] = slot * SLOT_SCALE + (coded % SLOT_SCALE);
    }
  }
  offsets[termCount] = cursor;
  return {
    terms: data.terms,
    offsets,
    packed,
    slots,
    ids: data.ids,
    published: perSlot(new Float64Array(slots), (s) => {
      const minutes = data.published[s] ?? -1;
      return minutes < 0 ? Number.NaN : minutes * 60_000;
    }),
    quality: perSlot(new Float64Array(slots), (s) => {
      const quality = data.quality[s] ?? -1;
      return quality < 0 ? Number.NaN : quality;
    }),
    lengths: perSlot(new Float64Array(slots), (s) => data.lengths[s] ?? 0),
    providers: data.providers,
    provider: perSlot(new Int32Array(slots), (s) => data.provider[s] ?? 0),
    topics: data.topics,
    combos: data.combos,
    combo: perSlot(new Int32Array(slots), (s) => data.combo[s] ?? 0),
  };
}
