/**
 * `hash`: a fast, synchronous, non-cryptographic 64-bit string hash (FNV-1a over UTF-16 code units, as hex).
 * Pure and dependency-free so ids are identical in Node (CLI) and the browser; never use it for integrity (use SHA-256).
 */

/** FNV-1a 64-bit offset basis and prime, split into 16-bit limbs because JS bitwise ops are 32-bit. */
const OFFSET_BASIS = [0xcbf2, 0x9ce4, 0x8422, 0x2325] as const;
const PRIME_LOW = 0x01b3; // 64-bit prime 0x00000100000001b3 = 2^40 + 0x1b3

/**
 * Hashes a string to 16 lower-case hex digits (FNV-1a, 64 bits).
 * Stable across runtimes and releases: article ids are derived from it, so changing it re-keys every stored article.
 * @param input any string (hashed as UTF-16 code units, so no encoder is needed)
 * @returns 16 hex digits
 */
export function hash(input: string): string {
  // Limbs from most to least significant: h3 h2 h1 h0, each 16 bits.
  let h3: number = OFFSET_BASIS[0];
  let h2: number = OFFSET_BASIS[1];
  let h1: number = OFFSET_BASIS[2];
  let h0: number = OFFSET_BASIS[3];
  for (let i = 0; i < input.length; i++) {
    h0 ^= input.charCodeAt(i); // a UTF-16 code unit is 16 bits: exactly the low limb
    // Multiply by 2^40 + 0x1b3: the low part multiplies every limb, the 2^40 part shifts h0/h1 into h2/h3 (by 8 bits past limb 2).
    const t0 = h0 * PRIME_LOW;
    const t1 = h1 * PRIME_LOW;
    const t2 = h2 * PRIME_LOW + (h0 << 8);
    const t3 = h3 * PRIME_LOW + (h1 << 8);
    h0 = t0 & 0xffff;
    const c1 = t1 + (t0 >>> 16);
    h1 = c1 & 0xffff;
    const c2 = t2 + (c1 >>> 16);
    h2 = c2 & 0xffff;
    h3 = (t3 + (c2 >>> 16)) & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}
