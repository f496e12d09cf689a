import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';

/** A login session. `_id` is the SHA-256 of the cookie value, never the value itself. */
export interface SessionRecord {
  _id: string;
  username: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** When the session ends at the latest; a TTL index removes it after that. */
  expiresAt: Date;
}

/** The sessions collection. */
export class SessionsRepository {
  private readonly collection: Collection<SessionRecord>;

  constructor(db: Db) {
    this.collection = db.collection<SessionRecord>(Collections.Sessions);
  }

  async insert(session: SessionRecord): Promise<void> {
    await this.collection.insertOne(session);
  }

  findById(idHash: string): Promise<SessionRecord | null> {
    return this.collection.findOne({ _id: idHash });
  }

  /** Moves the idle deadline forward. */
  async touch(idHash: string, at: Date, expiresAt: Date): Promise<void> {
    await this.collection.updateOne({ _id: idHash }, { $set: { lastSeenAt: at, expiresAt } });
  }

  async delete(idHash: string): Promise<void> {
    await this.collection.deleteOne({ _id: idHash });
  }

  /** Ends every session of a user (disabled account, new password). */
  async deleteForUser(username: string): Promise<void> {
    await this.collection.deleteMany({ username });
  }
}
