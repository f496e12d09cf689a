import { hashBlocks } from './shingle.hasher.js';

/** Marks an entry that is in no chain. */
const NONE = -1;

/**
 * Locality-sensitive hashing by banding (Indyk and Motwani 1998; Leskovec, Rajaraman and Ullman,
 * "Mining of Massive Datasets", ch. 3): a signature of `bands × rows` MinHash values is cut into
 * bands, each band hashed to a bucket key, and two ads become candidates when they share a key.
 * With similarity J they share one with probability 1 − (1 − J^rows)^bands.
 *
 * Compact and bounded: each (slot, band) is one entry at `slot × bands + band` in typed arrays
 * (key, next, previous: 12 bytes), chained from a power-of-two table of heads by doubly linked
 * lists, so removing an ad is O(bands) however full its buckets are. Slots are the campaign
 * index's; the arrays grow by doubling up to `maxSlots`.
 */
export class LshTable {
  readonly rows: number;
  private slots = 0;
  private keys = new Uint32Array(0);
  private next = new Int32Array(0);
  private prev = new Int32Array(0);
  private inserted = new Uint8Array(0);
  private heads = new Int32Array(1).fill(NONE);
  private mask = 0;

  constructor(
    readonly bands: number,
    numHashes: number,
    private readonly maxSlots: number,
    private readonly seed: number,
  ) {
    this.rows = numHashes / bands;
  }

  /** Writes the bucket key of each band of a signature into `out` (`bands` values). */
  bandKeys(signature: Uint32Array, out: Uint32Array): void {
    for (let b = 0; b < this.bands; b++)
      out[b] = hashBlocks(signature, b * this.rows, (b + 1) * this.rows, this.seed + b);
  }

  /** Files `slot` under its band keys. */
  insert(slot: number, keys: Uint32Array): void {
    if (slot >= this.slots) this.grow(slot + 1);
    const base = slot * this.bands;
    for (let b = 0; b < this.bands; b++) {
      this.keys[base + b] = keys[b];
      this.link(base + b);
    }
    this.inserted[slot] = 1;
  }

  /** Takes `slot` out of every bucket (nothing happens when it is in none). */
  remove(slot: number): void {
    if (slot >= this.slots || this.inserted[slot] === 0) return;
    const base = slot * this.bands;
    for (let b = 0; b < this.bands; b++) {
      const e = base + b;
      const before = this.prev[e];
      const after = this.next[e];
      if (before === NONE) this.heads[this.keys[e] & this.mask] = after;
      else this.next[before] = after;
      if (after !== NONE) this.prev[after] = before;
    }
    this.inserted[slot] = 0;
  }

  /** Files `to` under the keys of `from` in place of `from` (an exact copy taking over). */
  move(from: number, to: number): void {
    const keys = this.keys.slice(from * this.bands, (from + 1) * this.bands);
    this.remove(from);
    this.insert(to, keys);
  }

  /**
   * Calls `visit` with the slots filed under any of `keys` (a slot may come more than once): in
   * each band the `maxPerBand` filed last, so that a key thousands of ads share (a huge campaign,
   * a footer every ad of a site carries) costs a bounded time.
   */
  forEachCandidate(keys: Uint32Array, maxPerBand: number, visit: (slot: number) => void): void {
    const { bands, mask } = this;
    for (let b = 0; b < bands; b++) {
      const key = keys[b];
      let left = maxPerBand;
      for (let e = this.heads[key & mask]; e !== NONE && left > 0; e = this.next[e])
        if (this.keys[e] === key && e % bands === b) {
          left--;
          visit((e - b) / bands);
        }
    }
  }

  /** The first slot filed under band 0's key `key` whose stored key matches, or -1. */
  firstInBand0(key: number, accept: (slot: number) => boolean): number {
    for (let e = this.heads[key & this.mask]; e !== NONE; e = this.next[e])
      if (this.keys[e] === key && e % this.bands === 0 && accept(e / this.bands))
        return e / this.bands;
    return NONE;
  }

  /** Bytes held by the table's arrays. */
  bytes(): number {
    return (
      this.keys.byteLength +
      this.next.byteLength +
      this.prev.byteLength +
      this.inserted.byteLength +
      this.heads.byteLength
    );
  }

  private link(e: number): void {
    const cell = this.keys[e] & this.mask;
    const head = this.heads[cell];
    this.prev[e] = NONE;
    this.next[e] = head;
    if (head !== NONE) this.prev[head] = e;
    this.heads[cell] = e;
  }

  /** Doubles the arrays (to at most `maxSlots`) and rebuilds the chains in a head table to match. */
  private grow(needed: number): void {
    const slots = Math.min(this.maxSlots, Math.max(needed, this.slots * 2, 64));
    const entries = slots * this.bands;
    const keys = new Uint32Array(entries);
    keys.set(this.keys);
    this.keys = keys;
    this.next = new Int32Array(entries);
    this.prev = new Int32Array(entries);
    const inserted = new Uint8Array(slots);
    inserted.set(this.inserted);
    this.inserted = inserted;
    let cells = 1;
    while (cells < entries) cells *= 2;
    this.heads = new Int32Array(cells).fill(NONE);
    this.mask = cells - 1;
    for (let slot = 0; slot < this.slots; slot++)
      if (inserted[slot] === 1)
        for (let b = 0; b < this.bands; b++) this.link(slot * this.bands + b);
    this.slots = slots;
  }
}
