import { findContacts } from './ad.contacts.js';
import { adSource, tokenizeAd } from './ad.tokenizer.js';
import type { CampaignSettings } from './campaign.settings.js';
import { MinHasher } from './minhash.signature.js';
import { LAST_SENTENCE, shingleSet } from './shingle.hasher.js';
import type { ShingleSet } from './shingle.hasher.js';

/** An ad read for linking: its shingles, their MinHash signature and its contacts. */
export interface AdFingerprint extends ShingleSet {
  /** `numHashes` MinHash values of the shingle set, for the LSH buckets. */
  signature: Uint32Array;
  /** The ad's normalised contact keys (see `AdContacts.keys`). */
  contacts: string[];
}

/** Turns ads into fingerprints under one set of settings. */
export class Fingerprinter {
  private readonly hasher: MinHasher;

  constructor(private readonly settings: CampaignSettings) {
    this.hasher = new MinHasher(settings.numHashes, settings.seed);
  }

  fingerprint(ad: { title?: string; text: string }): AdFingerprint {
    const source = adSource(ad);
    const contacts = findContacts(source);
    const set = shingleSet(
      tokenizeAd(source, contacts.ranges),
      this.settings.shingleWords,
      this.settings.seed,
      source.length - ad.text.length,
    );
    const signature = new Uint32Array(this.settings.numHashes);
    this.hasher.sign(set.hashes, signature);
    return { ...set, signature, contacts: contacts.keys };
  }
}

/** How two ads' shingle sets compare (see {@link sameTemplate}). */
export interface AdComparison {
  /** Jaccard similarity of the two shingle sets. */
  similarity: number;
  /** Shingles of each ad that the other lacks. */
  onlyA: number;
  onlyB: number;
  /** Body sentences of each ad (with `ownSentenceShingles` shingles or more) sharing none. */
  ownSentencesA: number;
  ownSentencesB: number;
}

// Scratch per sentence number: shingles, and shingles shared with the other ad.
const totalA = new Uint16Array(256);
const sharedA = new Uint16Array(256);
const totalB = new Uint16Array(256);
const sharedB = new Uint16Array(256);

/** Compares two ads' shingle sets by one merge of the sorted hashes. */
export function compareAds(s: CampaignSettings, a: ShingleSet, b: ShingleSet): AdComparison {
  totalA.fill(0);
  sharedA.fill(0);
  totalB.fill(0);
  sharedB.fill(0);
  const ha = a.hashes;
  const hb = b.hashes;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < ha.length && j < hb.length) {
    if (ha[i] < hb[j]) totalA[a.sentences[i++]]++;
    else if (ha[i] > hb[j]) totalB[b.sentences[j++]]++;
    else {
      shared++;
      sharedA[a.sentences[i]]++;
      sharedB[b.sentences[j]]++;
      totalA[a.sentences[i++]]++;
      totalB[b.sentences[j++]]++;
    }
  }
  for (; i < ha.length; i++) totalA[a.sentences[i]]++;
  for (; j < hb.length; j++) totalB[b.sentences[j]]++;
  const union = ha.length + hb.length - shared;
  return {
    similarity: union === 0 ? 0 : shared / union,
    onlyA: ha.length - shared,
    onlyB: hb.length - shared,
    ownSentencesA: ownSentences(totalA, sharedA, s.ownSentenceShingles),
    ownSentencesB: ownSentences(totalB, sharedB, s.ownSentenceShingles),
  };
}

/** Body sentences (not the title, not the lumped last ones) with `min` shingles, none shared. */
function ownSentences(total: Uint16Array, shared: Uint16Array, min: number): number {
  let n = 0;
  for (let sentence = 0; sentence < LAST_SENTENCE; sentence++)
    if (total[sentence] >= min && shared[sentence] === 0) n++;
  return n;
}

/**
 * Whether two ads are variants of one template, from their shingle sets alone, so the answer
 * never depends on other ads or on the order they came in:
 * - an ad with fewer than `minShingles` shingles links only to an exact copy (after
 *   slot-filling): a two-line post says too little to call a near copy one template;
 * - their Jaccard similarity is at least `minSimilarity`;
 * - the boilerplate guard: not both ads have more than `maxOwnSentences` body sentences of their
 *   own (sentences sharing no shingle with the other ad). Two jobs of one employer that share a
 *   long company description each bring duties and requirements of their own; a campaign's
 *   variants differ in a title, a dropped or added line, a few words.
 */
export function sameTemplate(s: CampaignSettings, a: ShingleSet, b: ShingleSet): boolean {
  const small = Math.min(a.hashes.length, b.hashes.length);
  const large = Math.max(a.hashes.length, b.hashes.length);
  if (small === 0) return false;
  // The similarity is at most small / large: pairs of very different sizes stop here.
  if (small / large < s.minSimilarity) return false;
  // Then the similarity alone, by a merge that tallies nothing else: a pair below the threshold
  // needs no sentence tallies.
  if (small >= s.minShingles) {
    const shared = sharedHashes(a.hashes, b.hashes);
    if (shared / (small + large - shared) < s.minSimilarity) return false;
  }
  const c = compareAds(s, a, b);
  if (small < s.minShingles) return c.onlyA === 0 && c.onlyB === 0;
  return (
    c.similarity >= s.minSimilarity &&
    Math.min(c.ownSentencesA, c.ownSentencesB) <= s.maxOwnSentences
  );
}

/** How many hashes two sorted hash lists share. */
function sharedHashes(ha: Uint32Array, hb: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < ha.length && j < hb.length) {
    if (ha[i] < hb[j]) i++;
    else if (ha[i] > hb[j]) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return shared;
}

/** Whether two ads have the same shingles in the same sentences: then they link to the same ads. */
export function sameShingles(a: ShingleSet, b: ShingleSet): boolean {
  if (a.hashes.length !== b.hashes.length) return false;
  for (let i = 0; i < a.hashes.length; i++) if (a.hashes[i] !== b.hashes[i]) return false;
  for (let i = 0; i < a.sentences.length; i++) if (a.sentences[i] !== b.sentences[i]) return false;
  return true;
}
