import { Fingerprinter, sameShingles, sameTemplate } from './ad.fingerprint.js';
import { CampaignComponents, isBefore } from './campaign.components.js';
import type { AdOrder } from './campaign.components.js';
import { campaignSettings } from './campaign.settings.js';
import type { CampaignSettings } from './campaign.settings.js';
import { LshTable } from './lsh.table.js';
import type { ShingleSet } from './shingle.hasher.js';
import { ConfigError } from '../../core/index.js';

/** An ad as the campaign index reads it. */
export interface CampaignAd {
  id: string;
  text: string;
  title?: string;
  /** Where it was posted (kept for the caller; campaigns span sources). */
  source?: string;
  /** When it was posted: a Date, milliseconds since 1970, or a string `Date.parse` reads. */
  postedAt?: Date | number | string;
}

/** What {@link CampaignIndex.add} says about an ad. */
export interface CampaignLink {
  /** The ad's campaign as it stands after the ad was added, or null while it is alone. */
  campaign: string | null;
  /** Normalised contact keys: `tel:+374...`, `email:...`, `telegram:...`. */
  contacts: string[];
}

export interface CampaignIndexOptions extends Partial<CampaignSettings> {
  /** Most ads kept; the oldest leaves when a new one comes. Default 100,000. */
  maxAds?: number;
  /** Called as an ad leaves the index, with the campaign it had. */
  onEvict?: (id: string, campaign: string | null) => void;
}

/** Figures of an index, for benchmarks and health pages. */
export interface CampaignIndexStats {
  ads: number;
  campaigns: number;
  /** Bytes of the index's typed arrays (shingle sets, LSH buckets, links). */
  arrayBytes: number;
}

export const DEFAULT_MAX_ADS = 100_000;

/**
 * Links ads that are variants of one template into campaigns, incrementally, in bounded memory
 * and deterministically (see `classifiers/campaigns/README.md`):
 *
 * ```ts
 * const index = new CampaignIndex();
 * index.add({ id: 'a1', text: '...' }); // { campaign: null, contacts: ['tel:+37494551290'] }
 * index.add({ id: 'a2', text: '...' }); // { campaign: 'c-3f9a0b12cd45', contacts: [...] }
 * index.members('c-3f9a0b12cd45');      // ['a1', 'a2']
 * ```
 *
 * Whether two ads are linked depends only on the two ads ({@link sameTemplate}), candidates come
 * from LSH buckets, which do not depend on arrival order either, and a campaign is a connected
 * component of links named after its earliest ad: so the same ads give the same campaigns in any
 * order, and the same as a batch run ({@link clusterAds}), as long as no ad was evicted and no
 * LSH bucket outgrew `maxBucketScan`.
 */
export class CampaignIndex {
  readonly settings: CampaignSettings;
  readonly maxAds: number;
  private readonly fingerprinter: Fingerprinter;
  private readonly lsh: LshTable;
  private readonly components = new CampaignComponents();
  private readonly slotOf = new Map<string, number>();
  private readonly onEvict: ((id: string, campaign: string | null) => void) | undefined;
  private readonly keys: Uint32Array;
  private slots = 0;
  private arrivals = 0;
  private stamp = 0;
  private ids: (string | undefined)[] = [];
  private sets: (ShingleSet | undefined)[] = [];
  private storedShingles = 0;
  private times = new Float64Array(0);
  /** Exact copies (after slot-filling) of an indexed ad are linked to it and not indexed again:
   *  each ad's next copy, and the last copy of the chain it heads; −1 for none. */
  private copyNext = new Int32Array(0);
  private copyLast = new Int32Array(0);
  private seen = new Int32Array(0);

  constructor(options: CampaignIndexOptions = {}) {
    const { maxAds = DEFAULT_MAX_ADS, onEvict, ...overrides } = options;
    this.settings = campaignSettings(overrides);
    if (!Number.isInteger(maxAds) || maxAds < 1)
      throw new ConfigError(
        `maxAds: ${maxAds} is not a whole number of ads above 0 (e.g. 100000).`,
      );
    this.maxAds = maxAds;
    this.onEvict = onEvict;
    this.fingerprinter = new Fingerprinter(this.settings);
    this.lsh = new LshTable(
      this.settings.bands,
      this.settings.numHashes,
      maxAds,
      this.settings.seed,
    );
    this.keys = new Uint32Array(this.settings.bands);
  }

  /** Number of ads in the index. */
  get size(): number {
    return this.slotOf.size;
  }

  /**
   * Adds an ad and links it to the ads of its template. An id already in the index is not added
   * again (a worker may process an ad twice): its campaign is returned as it stands. An ad without
   * words is not indexed.
   */
  add(ad: CampaignAd): CampaignLink {
    const fp = this.fingerprinter.fingerprint(ad);
    const known = this.slotOf.get(ad.id);
    if (known !== undefined)
      return { campaign: this.components.campaignOf(known), contacts: fp.contacts };
    if (fp.hashes.length === 0) return { campaign: null, contacts: fp.contacts };
    const slot = this.arrivals % this.maxAds;
    if (this.arrivals >= this.maxAds) this.evict(slot);
    this.arrivals++;
    if (slot >= this.slots) this.grow(slot + 1);
    this.sets[slot] = { hashes: fp.hashes, sentences: fp.sentences };
    this.storedShingles += fp.hashes.length;
    this.times[slot] = timeOf(ad.postedAt);
    this.ids[slot] = ad.id;
    this.slotOf.set(ad.id, slot);
    this.copyNext[slot] = -1;
    this.copyLast[slot] = slot;
    this.lsh.bandKeys(fp.signature, this.keys);
    if (!this.linkToCopy(slot)) {
      this.linkCandidates(slot);
      this.lsh.insert(slot, this.keys);
    }
    return { campaign: this.components.campaignOf(slot), contacts: fp.contacts };
  }

  /** Whether an ad is in the index (it was added with words and has not been evicted). */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** The campaign of an ad in the index, or null (alone, or not in the index). */
  campaignOf(id: string): string | null {
    const slot = this.slotOf.get(id);
    return slot === undefined ? null : this.components.campaignOf(slot);
  }

  /** Ids of a campaign's ads in the index, earliest first. */
  members(campaign: string): string[] {
    return this.components
      .membersOf(campaign)
      .map((slot) => this.orderOf(slot))
      .sort((a, b) => (isBefore(a, b) ? -1 : isBefore(b, a) ? 1 : 0))
      .map((o) => o.id);
  }

  /** Ids of the campaigns with ads in the index. */
  campaigns(): string[] {
    return [...this.components.ids()];
  }

  stats(): CampaignIndexStats {
    return {
      ads: this.size,
      campaigns: this.components.size,
      arrayBytes:
        this.storedShingles * 5 + // a 32-bit hash and a sentence byte each
        this.times.byteLength +
        this.copyNext.byteLength +
        this.copyLast.byteLength +
        this.seen.byteLength +
        this.slots * 4 + // the components' slot → campaign table
        this.lsh.bytes(),
    };
  }

  /**
   * An exact copy of an indexed ad (the same shingles in the same sentences) is linked to it and
   * not indexed: any ad it would link to is linked to the original already, since the link test
   * reads only shingle sets. This keeps a thousand reposts from filling one bucket.
   */
  private linkToCopy(slot: number): boolean {
    const original = this.lsh.firstInBand0(this.keys[0], (other) =>
      sameShingles(this.setOf(other), this.setOf(slot)),
    );
    if (original === -1) return false;
    this.components.union(original, this.orderOf(original), slot, this.orderOf(slot));
    this.copyNext[this.copyLast[original]] = slot;
    this.copyLast[original] = slot;
    return true;
  }

  private linkCandidates(slot: number): void {
    const s = this.settings;
    const set = this.setOf(slot);
    this.stamp = (this.stamp + 1) | 0;
    const stamp = this.stamp;
    this.lsh.forEachCandidate(this.keys, s.maxBucketScan, (other) => {
      if (this.seen[other] === stamp) return;
      this.seen[other] = stamp;
      if (this.components.together(other, slot)) return;
      if (sameTemplate(s, this.setOf(other), set))
        this.components.union(other, this.orderOf(other), slot, this.orderOf(slot));
    });
  }

  private setOf(slot: number): ShingleSet {
    return this.sets[slot] as ShingleSet;
  }

  private orderOf(slot: number): AdOrder {
    return { time: this.times[slot], id: this.ids[slot] as string };
  }

  /** The oldest ad leaves; the next of its exact copies, if any, is indexed in its place. */
  private evict(slot: number): void {
    const id = this.ids[slot] as string;
    this.onEvict?.(id, this.components.campaignOf(slot));
    const copy = this.copyNext[slot];
    if (copy === -1) this.lsh.remove(slot);
    else {
      this.copyLast[copy] = this.copyLast[slot];
      this.lsh.move(slot, copy);
    }
    this.storedShingles -= this.setOf(slot).hashes.length;
    this.sets[slot] = undefined;
    this.components.leave(slot);
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
  }

  /** Doubles the per-ad arrays, to at most `maxAds`. */
  private grow(needed: number): void {
    const slots = Math.min(this.maxAds, Math.max(needed, this.slots * 2, 64));
    this.times = resized(this.times, slots);
    this.copyNext = resized(this.copyNext, slots);
    this.copyLast = resized(this.copyLast, slots);
    this.seen = resized(this.seen, slots);
    this.components.grow(slots);
    this.slots = slots;
  }
}

/** `postedAt` in milliseconds; +∞ when absent or unreadable (such ads sort after dated ones). */
export function timeOf(postedAt: Date | number | string | undefined): number {
  if (postedAt === undefined) return Infinity;
  const ms =
    postedAt instanceof Date
      ? postedAt.getTime()
      : typeof postedAt === 'number'
        ? postedAt
        : Date.parse(postedAt);
  return Number.isFinite(ms) ? ms : Infinity;
}

type TypedArray = Int32Array | Float64Array;

function resized<T extends TypedArray>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
