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
> & { link?: Pick<AdLinkState, 'contentHash' | 'linkedTo' | 'pending'> };

/** A stored ad that shares an LSH bucket with the ad being linked. */
export interface LinkCandidate {
  id: string;
  shingles: Uint8Array;
  at: number;
  campaignId?: string;
}

/** A link state to store on an ad, and the campaign to put it in (undefined: leave it). */
export interface LinkWrite {
  adId: string;
  state: AdLinkState;
  campaignId?: string | null;
}

/** Ads to put in a campaign, or every ad of a campaign to move to another (a rename). */
export type CampaignMove =
  { adIds: string[]; campaignId: string | null } | { from: string; campaignId: string };

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

/** The fields an ad's classified text is made of (store classifiedText). */
const adTextFields = {
  title: 1,
  body: 1,
  employer: 1,
  location: 1,
  salaryText: 1,
  contactText: 1,
} as const;

const linkSubjectFields = {
  ...adTextFields,
  contentHash: 1,
  postedAt: 1,
  firstSeenAt: 1,
  campaignId: 1,
  'link.contentHash': 1,
  'link.linkedTo': 1,
  'link.pending': 1,
} as const;

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
    return this.ads.findOne({ _id: adId, contentHash }, { projection: linkSubjectFields });
  }

  /** The ads to link, by id, in one query (an ad gone is missing; its text is not checked). */
  async linkSubjects(adIds: string[]): Promise<Map<string, LinkSubject>> {
    if (adIds.length === 0) return new Map();
    const rows = await this.ads
      .find({ _id: { $in: adIds } }, { projection: linkSubjectFields })
      .toArray();
    return new Map(rows.map((row) => [row._id, row as LinkSubject]));
  }

  /** These campaigns' records, by id (one query). */
  async findByIds(ids: string[]): Promise<Map<string, CampaignRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.campaigns.find({ _id: { $in: ids } }).toArray();
    return new Map(rows.map((row) => [row._id, row]));
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

  /**
   * Stores the link states of many ads in one write, each only if its text is still
   * `state.contentHash`; returns how many were stored.
   */
  async saveLinks(writes: LinkWrite[]): Promise<number> {
    if (writes.length === 0) return 0;
    const result = await this.ads.bulkWrite(
      writes.map(({ adId, state, campaignId }) => ({
        updateOne: {
          filter: { _id: adId, contentHash: state.contentHash },
          update:
            campaignId === undefined
              ? { $set: { link: state } }
              : campaignId === null
                ? { $set: { link: state }, $unset: { campaignId: '' } }
                : { $set: { link: state, campaignId } },
        },
      })),
      { ordered: false },
    );
    return result.matchedCount;
  }

  /** Puts ads in campaigns and renames campaigns, in one write. */
  async move(moves: CampaignMove[]): Promise<void> {
    const operations = moves.flatMap((m): AnyBulkWriteOperation<AdRecord>[] => {
      if ('from' in m) {
        if (m.from === m.campaignId) return [];
        return [
          {
            updateMany: {
              filter: { campaignId: m.from },
              update: { $set: { campaignId: m.campaignId } },
            },
          },
        ];
      }
      if (m.adIds.length === 0) return [];
      return [
        {
          updateMany: {
            filter: { _id: { $in: m.adIds } },
            update: m.campaignId
              ? { $set: { campaignId: m.campaignId } }
              : { $unset: { campaignId: '' } },
          },
        },
      ];
    });
    if (operations.length > 0) await this.ads.bulkWrite(operations, { ordered: true });
  }

  /** Records on these linked ads the campaigns their unfinished linking concerns. */
  async setPending(adIds: string[], campaignIds: string[]): Promise<void> {
    if (adIds.length === 0) return;
    await this.ads.updateMany(
      { _id: { $in: adIds }, link: { $exists: true } },
      { $set: { 'link.pending': campaignIds } },
    );
  }

  /** Marks these ads' linking as finished (their campaigns are rebuilt). */
  async clearPending(adIds: string[]): Promise<void> {
    if (adIds.length === 0) return;
    await this.ads.updateMany({ _id: { $in: adIds } }, { $unset: { 'link.pending': '' } });
  }

  /**
   * Every linked ad connected to these ads or to a member of these campaigns, through stored links
   * in either direction or a shared campaign: whole connected components, whatever state an
   * interrupted linking left the campaign ids in. Reads as many rounds as the links are deep.
   */
  async linkedClosure(adIds: string[], campaignIds: string[]): Promise<LinkNode[]> {
    const nodes = new Map<string, LinkNode>();
    const askedCampaigns = new Set<string>();
    let ids = [...new Set(adIds)];
    let campaigns = [...new Set(campaignIds)];
    const asked = new Set<string>();
    while (ids.length > 0 || campaigns.length > 0) {
      ids.forEach((id) => asked.add(id));
      campaigns.forEach((id) => askedCampaigns.add(id));
      const rows = await this.ads
        .find(
          {
            $or: [
              { _id: { $in: ids } },
              { 'link.linkedTo': { $in: ids } },
              { campaignId: { $in: campaigns } },
            ],
          },
          { projection: { 'link.at': 1, 'link.linkedTo': 1, campaignId: 1 } },
        )
        .toArray();
      const next = new Set<string>();
      const nextCampaigns = new Set<string>();
      for (const row of rows) {
        if (!row.link || nodes.has(row._id)) continue;
        const node: LinkNode = {
          id: row._id,
          at: row.link.at,
          linkedTo: row.link.linkedTo ?? [],
          ...(row.campaignId ? { campaignId: row.campaignId } : {}),
        };
        nodes.set(node.id, node);
        for (const id of [node.id, ...node.linkedTo]) if (!asked.has(id)) next.add(id);
        if (node.campaignId && !askedCampaigns.has(node.campaignId))
          nextCampaigns.add(node.campaignId);
      }
      ids = [...next];
      campaigns = [...nextCampaigns];
    }
    return [...nodes.values()];
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
            ...adTextFields,
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
          // Not linked, or its linking was cut short (see AdLinkState.pending).
          $or: [
            { $expr: { $ne: ['$link.contentHash', '$contentHash'] } },
            { 'link.pending': { $exists: true } },
          ],
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
