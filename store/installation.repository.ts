import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';

/** The one document of the `installation` collection: which installation this database belongs to. */
interface InstallationRecord {
  _id: 'installation';
  installationId: string;
  createdAt: Date;
}

const duplicateKey = 11000;

/**
 * The identity of the installation that owns this database. Every process of an installation,
 * on any host, reads the same id here; it names the installation's queues and is stamped on its
 * jobs (workers/installation.ts).
 */
export class InstallationRepository {
  private readonly collection: Collection<InstallationRecord>;

  constructor(db: Db) {
    this.collection = db.collection<InstallationRecord>(Collections.Installation);
  }

  /** The id stored in this database, if any installation has claimed it yet. */
  async get(): Promise<string | undefined> {
    return (await this.collection.findOne({ _id: 'installation' }))?.installationId;
  }

  /**
   * The id of this database's installation: the stored one, or `proposed` when none is stored
   * yet (a first start), stored then. Two processes claiming at once get the same answer.
   */
  async claim(proposed: string, now = new Date()): Promise<string> {
    try {
      const result = await this.collection.findOneAndUpdate(
        { _id: 'installation' },
        { $setOnInsert: { installationId: proposed, createdAt: now } },
        { upsert: true, returnDocument: 'after' },
      );
      if (result.value) return result.value.installationId;
    } catch (error) {
      // The other process's insert won the race: its id is now the stored one.
      if ((error as { code?: number }).code !== duplicateKey) throw error;
    }
    const stored = await this.get();
    if (!stored) throw new Error('the installation id was neither stored nor found');
    return stored;
  }
}
