import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import type { AdRecord } from './ad.types.js';
import { Collections } from './collections.js';
import {
  adEntityKeys,
  entityDisplay,
  parseEntityKey,
  type EntityKind,
  type ParsedEntityKey,
} from './entity-keys.js';

/**
 * One contact (phone, e-mail, handle, link, employer) and figures over the ads that carry it.
 * The ads themselves are found through the ads' indexed `contacts` field; every figure here is
 * recomputed from them, so that writing the same classification twice changes nothing.
 */
export interface EntityRecord {
  /** The key, as on ads' `contacts`: `tel:+374...`, `telegram:name`, `employer:ромашка`. */
  _id: string;
  kind: EntityKind;
  platform?: string;
  /** The key again (the collection's unique `kind_value` index). */
  value: string;
  display: string;
  firstSeen: Date;
  lastSeen: Date;
  sources: string[];
  adCount: number;
  maxScore: number;
  flaggedCount: number;
  updatedAt: Date;
}

/** An ad as the entity page lists it. */
export type EntityAd = Pick<
  AdRecord,
  '_id' | 'title' | 'score' | 'flagged' | 'sourceId' | 'url' | 'firstSeenAt' | 'lastSeenAt'
> & { review: Pick<AdRecord['review'], 'status'>; classification?: { band: string } };

export interface EntityAdsPage {
  items: EntityAd[];
  nextCursor: string | null;
}

/** Another entity found in the same ads, and in how many of them. */
export interface CoEntity {
  key: string;
  kind: EntityKind;
  display: string;
  count: number;
}

export interface EntityGraphNode {
  id: string;
  type: 'ad' | 'entity';
  label: string;
  kind?: EntityKind;
  score?: number;
  band?: string;
  flagged?: boolean;
}

export interface EntityGraph {
  nodes: EntityGraphNode[];
  edges: { source: string; target: string }[];
  truncated: boolean;
}

/** Of the ads an entity carries, at most this many (newest) are read for its co-occurrences. */
export const coEntitySampleAds = 1_000;

const adListProjection = {
  title: 1,
  score: 1,
  flagged: 1,
  sourceId: 1,
  url: 1,
  firstSeenAt: 1,
  lastSeenAt: 1,
  'review.status': 1,
  'classification.band': 1,
} as const;

interface EntityFigures {
  _id: string;
  adCount: number;
  maxScore: number | null;
  flaggedCount: number;
  firstSeen: Date;
  lastSeen: Date;
  sources: string[];
  employer: string | null;
}

/** Contacts across ads: kept in step with the ads' classifications, read by the entity pages. */
export class EntitiesRepository {
  private readonly entities: Collection<EntityRecord>;
  private readonly ads: Collection<AdRecord>;

  constructor(db: Db) {
    this.entities = db.collection<EntityRecord>(Collections.Entities);
    this.ads = db.collection<AdRecord>(Collections.Ads);
  }

  findByKey(key: string): Promise<EntityRecord | null> {
    return this.entities.findOne({ _id: key });
  }

  /** Those of these keys that are entities, most ads first. */
  findByKeys(keys: string[], limit = 20): Promise<EntityRecord[]> {
    return this.entities
      .find({ _id: { $in: keys } })
      .sort({ adCount: -1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Recomputes the figures of these entities from the ads that carry them now; an entity no ad
   * carries any more is deleted. Idempotent: the result depends only on the ads.
   */
  async refresh(keys: Iterable<string>, now = new Date()): Promise<void> {
    const parsed = [...new Set(keys)].flatMap((k) => parseEntityKey(k) ?? []);
    if (parsed.length === 0) return;
    const figures = await this.figuresOf(parsed.map((p) => p.key));
    const operations: AnyBulkWriteOperation<EntityRecord>[] = parsed.map((p) => {
      const f = figures.get(p.key);
      if (!f) return { deleteOne: { filter: { _id: p.key } } };
      return {
        updateOne: {
          filter: { _id: p.key },
          update: { $set: entityFields(p, f, now) },
          upsert: true,
        },
      };
    });
    try {
      await this.entities.bulkWrite(operations, { ordered: false });
    } catch (error) {
      // Two workers inserting the same new entity at once: the second upsert is now an update.
      if ((error as { code?: number }).code !== 11000) throw error;
      await this.entities.bulkWrite(operations, { ordered: false });
    }
  }

  private async figuresOf(keys: string[]): Promise<Map<string, EntityFigures>> {
    const rows = await this.ads
      .aggregate<EntityFigures>(
        [
          { $match: { contacts: { $in: keys } } },
          {
            $project: {
              contacts: 1,
              score: 1,
              flagged: 1,
              firstSeenAt: 1,
              lastSeenAt: 1,
              sourceId: 1,
              employer: 1,
            },
          },
          { $unwind: '$contacts' },
          { $match: { contacts: { $in: keys } } },
          {
            $group: {
              _id: '$contacts',
              adCount: { $sum: 1 },
              maxScore: { $max: '$score' },
              flaggedCount: { $sum: { $cond: ['$flagged', 1, 0] } },
              firstSeen: { $min: '$firstSeenAt' },
              lastSeen: { $max: '$lastSeenAt' },
              sources: { $addToSet: '$sourceId' },
              employer: { $min: '$employer' },
            },
          },
        ],
        { allowDiskUse: true },
      )
      .toArray();
    return new Map(rows.map((row) => [row._id, row]));
  }

  /**
   * Brings `contacts` of up to `limit` classified ads after `after` (in `_id` order) in line with
   * their texts and refreshes every entity they carried or carry. Returns the ads walked.
   */
  async backfillBatch(
    after: string | undefined,
    limit: number,
  ): Promise<{ scanned: number; adsUpdated: number; entities: number; lastId: string | null }> {
    const batch = await this.ads
      .find(backfillQuery(after), {
        projection: { url: 1, employer: 1, contacts: 1, 'classification.facts': 1 },
      })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
    const touched = new Set<string>();
    let adsUpdated = 0;
    for (const ad of batch) {
      const keys = adEntityKeys(ad);
      const before = ad.contacts ?? [];
      for (const key of [...before, ...keys]) touched.add(key);
      if (before.join('\n') === keys.join('\n')) continue;
      await this.ads.updateOne({ _id: ad._id }, { $set: { contacts: keys } });
      adsUpdated++;
    }
    await this.refresh(touched);
    return {
      scanned: batch.length,
      adsUpdated,
      entities: touched.size,
      lastId: batch.at(-1)?._id ?? null,
    };
  }

  /** Classified ads after this id: what a backfill from there walks. */
  countBackfill(after: string | undefined): Promise<number> {
    return this.ads.countDocuments(backfillQuery(after));
  }

  /** The entity's ads, newest first; the cursor is the last ad's first-seen time and id. */
  async adsOf(key: string, cursor: string | null, limit: number): Promise<EntityAdsPage> {
    const query: Filter<AdRecord> = { contacts: key };
    const after = cursor ? decodeAdCursor(cursor) : undefined;
    if (after) {
      const [at, id] = after;
      query.$or = [{ firstSeenAt: { $lt: at } }, { firstSeenAt: at, _id: { $lt: id } }];
    }
    const items = await this.ads
      .find(query, { projection: adListProjection })
      .sort({ firstSeenAt: -1, _id: -1 })
      .limit(limit + 1)
      .toArray();
    const more = items.length > limit;
    if (more) items.pop();
    const last = items.at(-1);
    return {
      items,
      nextCursor: more && last ? encodeAdCursor(last.firstSeenAt, last._id) : null,
    };
  }

  /** Other entities in the entity's (newest `coEntitySampleAds`) ads, most shared first. */
  async coOccurring(key: string, limit = 50): Promise<CoEntity[]> {
    const rows = await this.ads
      .aggregate<{ _id: string; count: number }>([
        { $match: { contacts: key } },
        { $sort: { firstSeenAt: -1 } },
        { $limit: coEntitySampleAds },
        { $project: { contacts: 1 } },
        { $unwind: '$contacts' },
        { $match: { contacts: { $ne: key } } },
        { $group: { _id: '$contacts', count: { $sum: 1 } } },
        { $sort: { count: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
    const displays = await this.displays(rows.map((r) => r._id));
    return rows.flatMap((row) => {
      const parsed = parseEntityKey(row._id);
      if (!parsed) return [];
      return [
        {
          key: row._id,
          kind: parsed.kind,
          display: displays.get(row._id) ?? entityDisplay(parsed),
          count: row.count,
        },
      ];
    });
  }

  /**
   * The neighbourhood of an entity: its ads (hop 1), their other entities (hop 2), those
   * entities' ads (hop 3)... breadth first, newest ads first, at most `maxNodes` nodes.
   */
  async neighbourhood(key: string, hops: number, maxNodes: number): Promise<EntityGraph> {
    const root = parseEntityKey(key);
    const nodes = new Map<string, EntityGraphNode>();
    const adContacts = new Map<string, string[]>();
    let truncated = false;
    if (!root) return { nodes: [], edges: [], truncated };
    nodes.set(key, { id: key, type: 'entity', label: '', kind: root.kind });
    let frontier = [key];
    for (let hop = 1; hop <= hops && frontier.length > 0; hop++) {
      const room = maxNodes - nodes.size;
      if (room <= 0) {
        truncated = true;
        break;
      }
      const next: string[] = [];
      if (hop % 2 === 1) {
        const ads = await this.ads
          .find(
            { contacts: { $in: frontier }, _id: { $nin: [...adContacts.keys()] } },
            { projection: { ...adListProjection, contacts: 1 } },
          )
          .sort({ firstSeenAt: -1, _id: -1 })
          .limit(room + 1)
          .toArray();
        if (ads.length > room) truncated = true;
        for (const ad of ads.slice(0, room)) {
          const id = `ad:${ad._id}`;
          nodes.set(id, adNode(ad));
          adContacts.set(ad._id, ad.contacts ?? []);
          next.push(ad._id);
        }
      } else {
        for (const adId of frontier)
          for (const contact of adContacts.get(adId) ?? []) {
            if (nodes.has(contact) || !parseEntityKey(contact)) continue;
            if (nodes.size >= maxNodes) {
              truncated = true;
              break;
            }
            const parsed = parseEntityKey(contact);
            nodes.set(contact, { id: contact, type: 'entity', label: '', kind: parsed?.kind });
            next.push(contact);
          }
      }
      frontier = next;
    }
    const entityIds = [...nodes.values()].filter((n) => n.type === 'entity').map((n) => n.id);
    const displays = await this.displays(entityIds);
    for (const id of entityIds) {
      const node = nodes.get(id);
      const parsed = parseEntityKey(id);
      if (node && parsed) node.label = displays.get(id) ?? entityDisplay(parsed);
    }
    const edges: EntityGraph['edges'] = [];
    for (const [adId, contacts] of adContacts)
      for (const contact of contacts)
        if (nodes.has(contact)) edges.push({ source: `ad:${adId}`, target: contact });
    return { nodes: [...nodes.values()], edges, truncated };
  }

  private async displays(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const docs = await this.entities
      .find({ _id: { $in: keys } }, { projection: { display: 1 } })
      .toArray();
    return new Map(docs.map((d) => [d._id, d.display]));
  }
}

function backfillQuery(after: string | undefined): Filter<AdRecord> {
  const query: Filter<AdRecord> = { classification: { $exists: true } };
  if (after !== undefined) query._id = { $gt: after };
  return query;
}

function entityFields(p: ParsedEntityKey, f: EntityFigures, now: Date): Omit<EntityRecord, '_id'> {
  return {
    kind: p.kind,
    ...(p.platform ? { platform: p.platform } : {}),
    value: p.key,
    display: p.kind === 'employer' && f.employer ? f.employer.trim() : entityDisplay(p),
    firstSeen: f.firstSeen,
    lastSeen: f.lastSeen,
    sources: [...f.sources].sort(),
    adCount: f.adCount,
    maxScore: f.maxScore ?? 0,
    flaggedCount: f.flaggedCount,
    updatedAt: now,
  };
}

function adNode(ad: EntityAd): EntityGraphNode {
  return {
    id: `ad:${ad._id}`,
    type: 'ad',
    label: ad.title,
    score: ad.score ?? 0,
    band: ad.classification?.band ?? 'low',
    flagged: ad.flagged,
  };
}

/** A position in a list sorted by a time and an id, newest first (entity ads, alerts). */
export function encodeAdCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** The position in an entity's ad list a cursor holds, or undefined when it is not one of ours. */
export function decodeAdCursor(cursor: string): [Date, string] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    )
      return [new Date(value[0]), value[1]];
  } catch {
    // not JSON: fall through
  }
  return undefined;
}
