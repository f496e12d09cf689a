import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';

/** One step in an ad's review history. */
export interface ReviewEvent {
  adId: string;
  at: Date;
  user: string;
  action: 'status' | 'note' | 'assign' | 'case';
  from?: string;
  to?: string;
  reason?: string;
  note?: string;
  assignee?: string | null;
  /** Seeded by the demo (bin/runtime/demo-decisions.ts), not made by a person. */
  demo?: boolean;
}

/** The reviews collection: every decision, note and assignment on an ad, never edited. */
export class ReviewsRepository {
  private readonly collection: Collection<ReviewEvent>;

  constructor(db: Db) {
    this.collection = db.collection<ReviewEvent>(Collections.Reviews);
  }

  async add(event: ReviewEvent): Promise<void> {
    const clean = Object.fromEntries(
      Object.entries(event).filter(([, v]) => v !== undefined),
    ) as unknown as ReviewEvent;
    await this.collection.insertOne({ ...clean });
  }

  /** The history of one ad, oldest first. */
  history(adId: string): Promise<ReviewEvent[]> {
    return this.collection
      .find({ adId }, { projection: { _id: 0 } })
      .sort({ at: 1, _id: 1 })
      .toArray();
  }
}
