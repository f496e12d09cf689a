import { fmix32 } from './shingle.hasher.js';

/** The value of an empty set's signature: no shingle ever hashes lower. */
export const EMPTY_MIN = 0xffffffff;

/** Seeds of the hash functions, drawn from a seeded generator (splitmix32), never at random. */
function permutationSeeds(count: number, seed: number): Uint32Array {
  const seeds = new Uint32Array(count);
  let state = seed | 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) | 0;
    seeds[i] = fmix32(state);
  }
  return seeds;
}

/**
 * MinHash signatures (Broder 1997): for each of `numHashes` seeded hash functions, the least
 * hash of the set's elements. Two sets' signatures agree at a position with probability equal to
 * their Jaccard similarity. The hash functions are `fmix32(x XOR seed)`: the shingle hashes are
 * already uniform, and MurmurHash3's finaliser is a bijection, so each is a random permutation
 * of the 32-bit values as far as MinHash can tell.
 */
export class MinHasher {
  private readonly seeds: Uint32Array;

  constructor(
    readonly numHashes: number,
    seed: number,
  ) {
    this.seeds = permutationSeeds(numHashes, seed);
  }

  /** Writes the signature of `set` into `out` at `offset` (`numHashes` values). */
  sign(set: Uint32Array, out: Uint32Array, offset = 0): void {
    const { seeds, numHashes } = this;
    out.fill(EMPTY_MIN, offset, offset + numHashes);
    for (let s = 0; s < set.length; s++) {
      const x = set[s];
      for (let i = 0; i < numHashes; i++) {
        let h = x ^ seeds[i];
        h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
        h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
        h = (h ^ (h >>> 16)) >>> 0;
        if (h < out[offset + i]) out[offset + i] = h;
      }
    }
  }
}
