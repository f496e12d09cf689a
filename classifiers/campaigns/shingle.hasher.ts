import type { AdToken } from './ad.tokenizer.js';

/**
 * Seeded 32-bit hashing (MurmurHash3 x86_32) of tokens and word shingles. Everything here is a
 * pure function of its input and seed, so signatures are the same on every machine and run.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's finaliser: spreads every input bit over the whole word. */
export function fmix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One MurmurHash3 block step: mixes the 32-bit `block` into the running hash `h`. */
function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let next = h ^ k;
  next = (next << 13) | (next >>> 19);
  return (Math.imul(next, 5) + 0xe6546b64) | 0;
}

/**
 * MurmurHash3 x86_32 of a string's UTF-16 code units, two units to a block (the same for a
 * string on every platform; not byte-compatible with hashing its UTF-8 bytes, which is not needed).
 */
export function hashString(text: string, seed: number): number {
  let h = seed | 0;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) h = mixBlock(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  if (i < n) {
    let k = Math.imul(text.charCodeAt(i), C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ n);
}

/**
 * MurmurHash3 over the 32-bit values `values[from..to)`, in order: the hash of a shingle from its
 * tokens' hashes, and of an LSH band from its MinHash values.
 */
export function hashBlocks(
  values: ArrayLike<number>,
  from: number,
  to: number,
  seed: number,
): number {
  let h = seed | 0;
  for (let i = from; i < to; i++) h = mixBlock(h, values[i]);
  return fmix32(h ^ (to - from));
}

/**
 * Calls `found` with the hash and token range of each `size`-word shingle of an ad. Shingles never
 * cross a sentence boundary, so an ad with its sentences in another order has the same ones; a
 * sentence shorter than `size` words is one shingle of its own. Tokens that are only slots make
 * no shingle on their own (a line with just a phone number is no part of a template).
 */
export function forEachShingle(
  tokens: readonly AdToken[],
  size: number,
  seed: number,
  found: (hash: number, from: number, to: number) => void,
): void {
  const hashes: number[] = tokens.map((t) => hashString(t.text, seed));
  let start = 0;
  while (start < tokens.length) {
    let end = start + 1;
    while (end < tokens.length && tokens[end].sentence === tokens[start].sentence) end++;
    if (end - start < size) {
      if (hasWord(tokens, start, end)) found(hashBlocks(hashes, start, end, seed), start, end);
    } else
      for (let i = start; i + size <= end; i++)
        found(hashBlocks(hashes, i, i + size, seed), i, i + size);
    start = end;
  }
}

/** Sentence number kept for the shingles of an ad's title (see {@link shingleSet}). */
export const TITLE_SENTENCE = 255;
/** Sentence number shared by the 255th and later sentences of the body. */
export const LAST_SENTENCE = 254;

/** An ad's shingles: sorted, distinct hashes, and the sentence each first occurs in. */
export interface ShingleSet {
  hashes: Uint32Array;
  /** Body sentences are numbered from 0 (at most {@link LAST_SENTENCE}); {@link TITLE_SENTENCE}. */
  sentences: Uint8Array;
}

/**
 * The set of an ad's shingles (see {@link forEachShingle}). Tokens that start before `bodyStart`
 * belong to the title. A shingle found in several sentences keeps the first body sentence.
 */
export function shingleSet(
  tokens: readonly AdToken[],
  size: number,
  seed: number,
  bodyStart = 0,
): ShingleSet {
  // hash × 256 + sentence is exact in a double (< 2^40): one numeric sort orders both. An ad
  // has at most as many shingles as tokens.
  const keys = new Float64Array(tokens.length);
  let count = 0;
  const firstBodyToken = tokens.findIndex((t) => t.start >= bodyStart);
  const firstBody = firstBodyToken === -1 ? Infinity : (tokens[firstBodyToken]?.sentence ?? 0);
  forEachShingle(tokens, size, seed, (hash, from) => {
    const sentence = tokens[from].sentence;
    const id =
      sentence < firstBody ? TITLE_SENTENCE : Math.min(LAST_SENTENCE, sentence - firstBody);
    keys[count++] = hash * 256 + id;
  });
  const sorted = keys.subarray(0, count).sort();
  let distinct = 0;
  for (let i = 0; i < count; i++)
    if (i === 0 || Math.floor(sorted[i] / 256) !== Math.floor(sorted[i - 1] / 256)) distinct++;
  const hashes = new Uint32Array(distinct);
  const sentences = new Uint8Array(distinct);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const hash = Math.floor(sorted[i] / 256);
    if (n > 0 && hashes[n - 1] === hash) continue;
    hashes[n] = hash;
    sentences[n] = sorted[i] - hash * 256;
    n++;
  }
  return { hashes, sentences };
}

/** Whether a sorted set holds a value (binary search). */
export function setHas(set: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (set[mid] === value) return true;
    if (set[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Whether a run of tokens has a word that is not a slot. */
function hasWord(tokens: readonly AdToken[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!tokens[i].text.startsWith('#')) return true;
  return false;
}
