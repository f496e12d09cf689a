import { describe, expect, it } from 'vitest';
import { LshTable } from '../../../classifiers/campaigns/lsh.table.js';

/** The distinct slots filed under any of `keys`. */
function candidates(table: LshTable, keys: Uint32Array, max = Infinity): number[] {
  const found = new Set<number>();
  table.forEachCandidate(keys, max, (slot) => found.add(slot));
  return [...found].sort((a, b) => a - b);
}

describe('LshTable', () => {
  it('finds the slots that share a band key, in that band only', () => {
    const table = new LshTable(2, 4, 100, 1);
    table.insert(0, Uint32Array.of(10, 20));
    table.insert(1, Uint32Array.of(10, 30));
    table.insert(2, Uint32Array.of(20, 10)); // the same keys in other bands
    expect(candidates(table, Uint32Array.of(10, 99))).toEqual([0, 1]);
    expect(candidates(table, Uint32Array.of(99, 30))).toEqual([1]);
    expect(candidates(table, Uint32Array.of(99, 99))).toEqual([]);
  });

  it('removes and moves slots in O(bands), keeping the other chains whole', () => {
    const table = new LshTable(2, 4, 100, 1);
    for (let slot = 0; slot < 5; slot++) table.insert(slot, Uint32Array.of(7, slot));
    table.remove(2);
    table.remove(2); // a second removal does nothing
    expect(candidates(table, Uint32Array.of(7, 99))).toEqual([0, 1, 3, 4]);
    table.move(0, 9);
    expect(candidates(table, Uint32Array.of(7, 0))).toEqual([1, 3, 4, 9]);
    expect(table.firstInBand0(7, (slot) => slot === 4)).toBe(4);
    expect(table.firstInBand0(8, () => true)).toBe(-1);
  });

  it('keeps every entry when it grows', () => {
    const table = new LshTable(3, 6, 10_000, 5);
    for (let slot = 0; slot < 5_000; slot++) table.insert(slot, Uint32Array.of(slot % 97, slot, 1));
    expect(candidates(table, Uint32Array.of(3, -1, -1))).toHaveLength(52);
    expect(candidates(table, Uint32Array.of(-1, -1, 1))).toHaveLength(5_000);
    expect(table.bytes()).toBeGreaterThan(5_000 * 3 * 12);
    // At most the 10 filed last under a key.
    expect(candidates(table, Uint32Array.of(-1, -1, 1), 10)).toEqual([
      4_990, 4_991, 4_992, 4_993, 4_994, 4_995, 4_996, 4_997, 4_998, 4_999,
    ]);
  });

  it('computes band keys that depend on the band and its values only', () => {
    const table = new LshTable(2, 4, 10, 1);
    const a = new Uint32Array(2);
    const b = new Uint32Array(2);
    table.bandKeys(Uint32Array.of(1, 2, 3, 4), a);
    table.bandKeys(Uint32Array.of(1, 2, 9, 9), b);
    expect(a[0]).toBe(b[0]);
    expect(a[1]).not.toBe(b[1]);
    table.bandKeys(Uint32Array.of(3, 4, 1, 2), b);
    expect(b[0]).not.toBe(a[1]); // the same values in another band get another key
  });
});
