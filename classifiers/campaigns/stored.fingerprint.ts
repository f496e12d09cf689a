import { Fingerprinter, sameTemplate } from './ad.fingerprint.js';
import { campaignIdOf, isBefore } from './campaign.components.js';
import type { AdOrder } from './campaign.components.js';
import { campaignSettings } from './campaign.settings.js';
import type { CampaignSettings } from './campaign.settings.js';
import { LshTable } from './lsh.table.js';
import type { ShingleSet } from './shingle.hasher.js';

/**
 * Campaign linking with the index kept in a database instead of memory: an ad's LSH band keys
 * (to find candidates with an indexed query) and its shingle set (to decide a candidate pair
 * exactly, with {@link sameTemplate}) are stored with the ad. Same settings, same hashes and the
 * same pair decision as {@link CampaignIndex}, so the worker and `adwatch cluster` link the same
 * ads; the worker keeps no state of its own and survives restarts.
 */
export interface StoredFingerprint {
  /** One key per LSH band, `<band>.<key in base 36>`: two ads sharing any key are candidates. */
  bands: string[];
  /** The shingle set: n sorted hashes (little-endian uint32), then n sentence numbers. */
  shingles: Uint8Array;
  /** Normalised contact keys found in the text (`tel:+374...`, `telegram:...`). */
  contacts: string[];
}

export class StoredFingerprinter {
  readonly settings: CampaignSettings;
  private readonly fingerprinter: Fingerprinter;
  private readonly lsh: LshTable;
  private readonly keys: Uint32Array;

  constructor(overrides: Partial<CampaignSettings> = {}) {
    this.settings = campaignSettings(overrides);
    this.fingerprinter = new Fingerprinter(this.settings);
    this.lsh = new LshTable(this.settings.bands, this.settings.numHashes, 0, this.settings.seed);
    this.keys = new Uint32Array(this.settings.bands);
  }

  fingerprint(ad: { title?: string; text: string }): StoredFingerprint {
    const print = this.fingerprinter.fingerprint(ad);
    // An ad without shingles (a bare phone number) links to nothing: no buckets for it.
    const bands: string[] = [];
    if (print.hashes.length > 0) {
      this.lsh.bandKeys(print.signature, this.keys);
      for (let b = 0; b < this.keys.length; b++) bands.push(`${b}.${this.keys[b].toString(36)}`);
    }
    return { bands, shingles: encodeShingles(print), contacts: print.contacts };
  }

  /**
   * Whether stored shingle sets are variants of the same template as `a` (see
   * {@link sameTemplate}); `a` is decoded once for all the sets it is tried on.
   */
  variantsOf(a: Uint8Array): (b: Uint8Array) => boolean {
    const set = decodeShingles(a);
    return (b) => sameTemplate(this.settings, set, decodeShingles(b));
  }
}

export function encodeShingles(set: ShingleSet): Uint8Array {
  const n = set.hashes.length;
  const bytes = new Uint8Array(n * 5);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) view.setUint32(i * 4, set.hashes[i], true);
  bytes.set(set.sentences.subarray(0, n), n * 4);
  return bytes;
}

/** The shingle set {@link encodeShingles} wrote; throws on bytes it cannot have written. */
export function decodeShingles(bytes: Uint8Array): ShingleSet {
  if (bytes.length % 5 !== 0)
    throw new RangeError(`a stored shingle set has 5 bytes per shingle, not ${bytes.length} bytes`);
  const n = bytes.length / 5;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = view.getUint32(i * 4, true);
  return { hashes, sentences: bytes.slice(n * 4) };
}

/** The campaign of ads whose earliest is `earliest` (by time, then id): see CampaignIndex. */
export function campaignIdFor(earliest: AdOrder): string {
  return campaignIdOf(earliest.id);
}

export { isBefore, type AdOrder };
