import type { Collection, Db } from 'mongodb';
import type { SourceState } from './ad.types.js';
import { Collections } from './collections.js';

export interface ScanOutcome {
  finishedAt: Date;
  adsFound: number;
  newAds: number;
}

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
          consecutiveFailures: 0,
        },
      },
      { upsert: true },
    );
  }

  async recordError(sourceId: string, message: string, at: Date): Promise<void> {
    await this.collection.updateOne(
      { _id: sourceId },
      { $set: { lastError: message, lastErrorAt: at }, $inc: { consecutiveFailures: 1 } },
      { upsert: true },
    );
  }

  list(): Promise<SourceState[]> {
    return this.collection.find({}).sort({ _id: 1 }).toArray();
  }
}
