import type { Collection, Db, Document } from 'mongodb';
import type { SurgeDimension } from '../config/index.js';
import type { AdRecord } from './ad.types.js';
import { Collections } from './collections.js';

/** Flagged ads per value of each dimension (a destination country, a category, a source). */
export type DimensionCounts = Record<SurgeDimension, Map<string, number>>;

/**
 * Per dimension, how one flagged ad turns into values: each distinct country where work is offered
 * (classification facts `destinations` with `offered`), its job category, its source.
 */
const dimensionPipelines: Record<SurgeDimension, Document[]> = {
  destination: [
    {
      $project: {
        value: {
          $setUnion: [
            {
              $map: {
                input: {
                  $filter: {
                    input: { $ifNull: ['$classification.facts.destinations', []] },
                    as: 'd',
                    cond: { $eq: ['$$d.offered', true] },
                  },
                },
                as: 'd',
                in: '$$d.country',
              },
            },
          ],
        },
      },
    },
    { $unwind: '$value' },
  ],
  category: [
    { $project: { value: '$classification.facts.category' } },
    { $match: { value: { $type: 'string' } } },
  ],
  source: [{ $project: { value: '$sourceId' } }],
};

/** The figures alert rules read from the ads: campaign growth and flagged ads over time. */
export class AlertSignalsRepository {
  private readonly ads: Collection<AdRecord>;

  constructor(db: Db) {
    this.ads = db.collection<AdRecord>(Collections.Ads);
  }

  /** Ads of a campaign first seen in [from, to]. */
  campaignAdsSeenBetween(campaignId: string, from: Date, to: Date): Promise<number> {
    return this.ads.countDocuments({ campaignId, firstSeenAt: { $gte: from, $lte: to } });
  }

  /** Flagged ads first seen in [from, to), counted per value of each dimension asked for. */
  async flaggedCounts(
    from: Date,
    to: Date,
    dimensions: readonly SurgeDimension[],
  ): Promise<DimensionCounts> {
    const counts: DimensionCounts = {
      destination: new Map(),
      category: new Map(),
      source: new Map(),
    };
    if (dimensions.length === 0) return counts;
    const facets = Object.fromEntries(
      dimensions.map((d) => [
        d,
        [...dimensionPipelines[d], { $group: { _id: '$value', count: { $sum: 1 } } }],
      ]),
    );
    const [row] = await this.ads
      .aggregate<Record<string, Array<{ _id: unknown; count: number }>>>([
        { $match: { flagged: true, firstSeenAt: { $gte: from, $lt: to } } },
        { $facet: facets },
      ])
      .toArray();
    for (const dimension of dimensions)
      for (const { _id, count } of row?.[dimension] ?? [])
        if (typeof _id === 'string' && _id) counts[dimension].set(_id, count);
    return counts;
  }
}
