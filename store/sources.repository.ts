import type { Collection, Db } from 'mongodb';
import type { SourceState } from './ad.types.js';
import { Collections } from './collections.js';

export interface ScanOutcome {
  finishedAt: Date;
  adsFound: number;
  newAds: number;
  warnings?: string[];
  complete?: boolean;
}

/** A source this many failures in a row is shown as unhealthy. */
export const unhealthyAfterFailures = 3;
const keptErrors = 5;

/** Per-source scan history: when it was last scanned, what it found, its last error. */
export class SourcesRepository {
  private readonly collection: Collection<SourceState>;

  constructor(db: Db) {
    this.collection = db.collection<SourceState>(Collections.Sources);
  }

  async recordScanStarted(sourceId: string, at: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: sourceId },
      { $set: { lastScanAt: at }, $setOnInsert: { consecutiveFailures: 0 } },
      { upsert: true },
    );
  }

  async recordScanSucceeded(sourceId: string, outcome: ScanOutcome): Promise<void> {
    await this.collection.updateOne(
      { _id: sourceId },
      {
        $set: {
          lastScanFinishedAt: outcome.finishedAt,
          lastScanAdsFound: outcome.adsFound,
          lastScanNewAds: outcome.newAds,
          lastScanWarnings: outcome.warnings ?? [],
          ...(outcome.complete === undefined ? {} : { lastScanComplete: outcome.complete }),
          consecutiveFailures: 0,
        },
      },
      { upsert: true },
    );
  }

  async recordError(sourceId: string, message: string, at: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: sourceId },
      {
        $set: { lastError: message, lastErrorAt: at },
        $inc: { consecutiveFailures: 1 },
        $push: { lastErrors: { $each: [{ message, at }], $slice: -keptErrors } },
      },
      { upsert: true },
    );
  }

  /** Sources that failed unhealthyAfterFailures times in a row, with their last errors. */
  unhealthy(): Promise<SourceState[]> {
    return this.collection
      .find({ consecutiveFailures: { $gte: unhealthyAfterFailures } })
      .sort({ _id: 1 })
      .toArray();
  }

  list(): Promise<SourceState[]> {
    return this.collection.find({}).sort({ _id: 1 }).toArray();
  }
}
