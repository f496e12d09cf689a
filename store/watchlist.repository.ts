import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';
import type { EntityKind } from './entity-keys.js';

/** A contact or employer analysts want to hear of: a flagged ad carrying it raises an alert. */
export interface WatchlistEntry {
  /** The key as on ads' `contacts`: `tel:+374...`, `telegram:name`, `employer:<normalised>`. */
  _id: string;
  kind: EntityKind;
  note: string;
  addedBy: string;
  addedAt: Date;
}

/** The watch-list, kept by supervisors in the dashboard. */
export class WatchlistRepository {
  private readonly collection: Collection<WatchlistEntry>;

  constructor(db: Db) {
    this.collection = db.collection<WatchlistEntry>(Collections.Watchlist);
  }

  /**
   * Adds the key, or replaces the note of a key already watched (who added it and when stay);
   * `created` says which.
   */
  async put(entry: WatchlistEntry): Promise<{ entry: WatchlistEntry; created: boolean }> {
    const { _id, note, ...added } = entry;
    const result = await this.collection.findOneAndUpdate(
      { _id },
      { $set: { note }, $setOnInsert: added },
      { upsert: true, returnDocument: 'after' },
    );
    return {
      entry: result.value ?? entry,
      created: result.lastErrorObject?.updatedExisting !== true,
    };
  }

  /** Removes the entry; false when the key was not watched. */
  async remove(key: string): Promise<boolean> {
    const result = await this.collection.deleteOne({ _id: key });
    return result.deletedCount === 1;
  }

  list(limit = 1_000): Promise<WatchlistEntry[]> {
    return this.collection.find({}).sort({ addedAt: -1, _id: 1 }).limit(limit).toArray();
  }

  /** The entries among these keys. */
  matching(keys: string[]): Promise<WatchlistEntry[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.collection
      .find({ _id: { $in: keys } })
      .sort({ _id: 1 })
      .toArray();
  }
}
