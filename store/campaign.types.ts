/**
 * A campaign: ads that are variants of one template (classifiers/campaigns), linked as ads are
 * classified (workers/link.processor.ts). Every figure is recomputed from the member ads, which
 * carry the campaign's id in `campaignId`.
 */
export interface CampaignRecord {
  /** `c-` + 12 hex digits of the SHA-256 of the earliest ad's id (classifiers/campaigns). */
  _id: string;
  /** The earliest ad (by postedAt, else firstSeenAt, then id): the campaign is named after it. */
  firstAdId: string;
  /** That ad's age: its postedAt, else firstSeenAt (milliseconds), as `link.at` on ads. */
  firstAt: number;
  adCount: number;
  flaggedCount: number;
  minScore: number;
  maxScore: number;
  /** Earliest and latest firstSeenAt of the member ads. */
  firstSeen: Date;
  lastSeen: Date;
  sources: string[];
  /** Contact keys of the member ads (at most 200), as on ads' `contacts`. */
  contacts: string[];
  /** When the campaign got its current id (a merge with an older campaign renames it). */
  createdAt: Date;
  updatedAt: Date;
}

/** The fingerprint of an ad's text kept for linking (see store/campaigns.repository.ts). */
export interface AdLinkState {
  /** LSH band keys of the ad's MinHash signature (indexed, multikey). */
  bands: string[];
  /** The ad's shingle set, as classifiers/campaigns serialises it. */
  shingles: Uint8Array;
  /** Content hash of the text the fingerprint was taken from. */
  contentHash: string;
  /** Sort key of the ad's age: postedAt, else firstSeenAt (milliseconds). */
  at: number;
  /**
   * Ads this one was found to be a variant of (at least one per campaign it joined, at most
   * {@link maxStoredLinks}): the campaign is the connected component of these links.
   */
  linkedTo: string[];
  /**
   * Present while the campaigns this ad's linking touches are being rewritten: the campaign ids
   * concerned (old and new). A linking cut short leaves it, and the next linking of the ad
   * rebuilds those campaigns from the stored links before the ad counts as linked.
   */
  pending?: string[];
}

/** Links kept per ad beyond one per campaign joined (enough to rebuild a campaign's component). */
export const maxStoredLinks = 16;
