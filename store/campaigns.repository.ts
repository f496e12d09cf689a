import { Binary, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import type { AdRecord } from './ad.types.js';
import type { AdLinkState, CampaignRecord } from './campaign.types.js';
import { Collections } from './collections.js';

/** Most contact keys kept on a campaign record. */
const maxCampaignContacts = 200;

/** What linking reads of the ad being linked. */
export type LinkSubject = Pick<
  AdRecord,
  | '_id'
  | 'title'
  | 'body'
  | 'employer'
  | 'location'
  | 'salaryText'
  | 'contactText'
  | 'contentHash'
  | 'postedAt'
  | 'firstSeenAt'
  | 'campaignId'
> & { link?: Pick<AdLinkState, 'contentHash' | 'linkedTo'> };

/** A stored ad that shares an LSH bucket with the ad being linked. */
export interface LinkCandidate {
  id: string;
  shingles: Uint8Array;
  at: number;
  campaignId?: string;
}

/** An ad of a campaign as linking sees it: its age and its stored links. */
export interface LinkNode {
  id: string;
  at: number;
  linkedTo: string[];
  campaignId?: string;
}

/** An ad as the campaign page lists it. */
export type CampaignAd = Pick<
  AdRecord,
  | '_id'
  | 'title'
  | 'score'
  | 'flagged'
  | 'sourceId'
  | 'url'
  | 'firstSeenAt'
  | 'lastSeenAt'
  | 'postedAt'
  | 'contacts'
  | 'body'
  | 'employer'
  | 'location'
  | 'salaryText'
  | 'contactText'
> & { review: Pick<AdRecord['review'], 'status' | 'version'>; classification?: { band: string } };

type StoredLink = Omit<AdLinkState, 'shingles'> & { shingles: Binary | Uint8Array };

/**
 * Campaigns (store/campaign.types.ts) and the link state kept on ads. Linking itself — which ads
 * are one template, how components are named — is workers/link.processor.ts's; this file only
 * reads and writes.
 */
export class CampaignsRepository {
  private readonly campaigns: Collection<CampaignRecord>;
  private readonly ads: Collection<AdRecord>;

  constructor(db: Db) {
    this.campaigns = db.collection<CampaignRecord>(Collections.Campaigns);
    this.ads = db.collection<AdRecord>(Collections.Ads);
  }

  findById(id: string): Promise<CampaignRecord | null> {
    return this.campaigns.findOne({ _id: id });
  }

  /** The campaigns with the most recent activity first. */
  list(limit = 50): Promise<CampaignRecord[]> {
    return this.campaigns.find({}).sort({ lastSeen: -1, _id: 1 }).limit(limit).toArray();
  }

  count(): Promise<number> {
    return this.campaigns.countDocuments();
  }

  /** The ad to link, or null when it is gone or its text is no longer `contentHash`. */
  linkSubject(adId: string, contentHash: string): Promise<LinkSubject | null> {
    return this.ads.findOne(
      { _id: adId, contentHash },
      {
        projection: {
          title: 1,
          body: 1,
          employer: 1,
          location: 1,
          salaryText: 1,
          contactText: 1,
          contentHash: 1,
          postedAt: 1,
          firstSeenAt: 1,
          campaignId: 1,
          'link.contentHash': 1,
          'link.linkedTo': 1,
        },
      },
    );
  }

  /** Other linked ads filed under any of these LSH band keys (at most `limit`). */
  async candidates(adId: string, bands: string[], limit: number): Promise<LinkCandidate[]> {
    if (bands.length === 0) return [];
    const rows = await this.ads
      .find(
        { 'link.bands': { $in: bands }, _id: { $ne: adId } },
        { projection: { 'link.shingles': 1, 'link.at': 1, campaignId: 1 } },
      )
      .limit(limit)
      .toArray();
    return rows.flatMap((row) => {
      const link = row.link as StoredLink | undefined;
      if (!link) return [];
      return [
        {
          id: row._id,
          shingles: bytesOf(link.shingles),
          at: link.at,
          ...(row.campaignId ? { campaignId: row.campaignId } : {}),
        },
      ];
    });
  }

  /** Stores an ad's link state if its text is still `state.contentHash`. */
  async saveLink(adId: string, state: AdLinkState): Promise<boolean> {
    const result = await this.ads.updateOne(
      { _id: adId, contentHash: state.contentHash },
      // BSON stores the Uint8Array as binary data; it reads back as a Binary (see bytesOf).
      { $set: { link: state } },
    );
    return result.matchedCount === 1;
  }

  /** Drops the links other ads have to this one (its text changed: they are decided again). */
  async dropLinksTo(adId: string): Promise<void> {
    await this.ads.updateMany({ 'link.linkedTo': adId }, { $pull: { 'link.linkedTo': adId } });
  }

  /** The ads with these ids or in these campaigns, with their links. */
  async nodes(ids: string[], campaignIds: string[]): Promise<LinkNode[]> {
    const rows = await this.ads
      .find(
        { $or: [{ _id: { $in: ids } }, { campaignId: { $in: campaignIds } }] },
        { projection: { 'link.at': 1, 'link.linkedTo': 1, campaignId: 1 } },
      )
      .toArray();
    return rows.flatMap((row) =>
      row.link
        ? [
            {
              id: row._id,
              at: row.link.at,
              linkedTo: row.link.linkedTo ?? [],
              ...(row.campaignId ? { campaignId: row.campaignId } : {}),
            },
          ]
        : [],
    );
  }

  /** Puts these ads in a campaign (null: in none). */
  async assign(adIds: string[], campaignId: string | null): Promise<void> {
    if (adIds.length === 0) return;
    await this.ads.updateMany(
      { _id: { $in: adIds } },
      campaignId ? { $set: { campaignId } } : { $unset: { campaignId: '' } },
    );
  }

  /**
   * Recomputes these campaigns' records from their member ads; a campaign left with fewer than
   * two ads loses its record. Idempotent: the result depends only on the ads.
   */
  async refresh(campaignIds: Iterable<string>, now = new Date()): Promise<void> {
    const ids = [...new Set(campaignIds)];
    if (ids.length === 0) return;
    const rows = await this.ads
      .aggregate<Omit<CampaignRecord, 'createdAt' | 'updatedAt'>>(
        [
          { $match: { campaignId: { $in: ids } } },
          { $sort: { 'link.at': 1, _id: 1 } },
          {
            $group: {
              _id: '$campaignId',
              firstAdId: { $first: '$_id' },
              firstAt: { $first: '$link.at' },
              adCount: { $sum: 1 },
              flaggedCount: { $sum: { $cond: ['$flagged', 1, 0] } },
              minScore: { $min: { $ifNull: ['$score', 0] } },
              maxScore: { $max: { $ifNull: ['$score', 0] } },
              firstSeen: { $min: '$firstSeenAt' },
              lastSeen: { $max: '$firstSeenAt' },
              sources: { $addToSet: '$sourceId' },
              contacts: { $addToSet: '$contacts' },
            },
          },
        ],
        { allowDiskUse: true },
      )
      .toArray();
    const found = new Map(rows.map((row) => [row._id, row]));
    const operations: AnyBulkWriteOperation<CampaignRecord>[] = ids.map((id) => {
      const row = found.get(id);
      if (!row || row.adCount < 2) return { deleteOne: { filter: { _id: id } } };
      const contacts = [...new Set((row.contacts as unknown as string[][]).flat())]
        .sort()
        .slice(0, maxCampaignContacts);
      const { _id, ...figures } = row;
      return {
        updateOne: {
          filter: { _id },
          update: {
            $set: { ...figures, sources: [...figures.sources].sort(), contacts, updatedAt: now },
            $setOnInsert: { createdAt: now },
          },
          upsert: true,
        },
      };
    });
    await this.campaigns.bulkWrite(operations, { ordered: false });
  }

  /** A campaign's ads in the order they appeared (at most `limit`). */
  adsOf(campaignId: string, limit = 500): Promise<CampaignAd[]> {
    return this.ads
      .find(
        { campaignId },
        {
          projection: {
            title: 1,
            body: 1,
            employer: 1,
            location: 1,
            salaryText: 1,
            contactText: 1,
            score: 1,
            flagged: 1,
            sourceId: 1,
            url: 1,
            firstSeenAt: 1,
            lastSeenAt: 1,
            postedAt: 1,
            contacts: 1,
            'review.status': 1,
            'review.version': 1,
            'classification.band': 1,
          },
        },
      )
      .sort({ firstSeenAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  /** Ads whose text has not been linked yet (or changed since), in `_id` order after `after`. */
  async unlinked(
    after: string | undefined,
    limit: number,
  ): Promise<Array<{ id: string; contentHash: string }>> {
    const rows = await this.ads
      .find(
        {
          ...(after ? { _id: { $gt: after } } : {}),
          classification: { $exists: true },
          $expr: { $ne: ['$link.contentHash', '$contentHash'] },
        },
        { projection: { contentHash: 1 } },
      )
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    return rows.map((row) => ({ id: row._id, contentHash: row.contentHash }));
  }
}

function bytesOf(value: Binary | Uint8Array): Uint8Array {
  return value instanceof Binary ? value.buffer : value;
}
