import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';

/** A named group of ads under investigation. */
export interface CaseRecord {
  _id: string;
  name: string;
  description?: string;
  adIds: string[];
  createdBy: string;
  createdAt: Date;
}

/** The cases collection. */
export class CasesRepository {
  private readonly collection: Collection<CaseRecord>;

  constructor(db: Db) {
    this.collection = db.collection<CaseRecord>(Collections.Cases);
  }

  async create(input: {
    name: string;
    description?: string;
    createdBy: string;
  }): Promise<CaseRecord> {
    const record: CaseRecord = {
      _id: randomUUID(),
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      adIds: [],
      createdBy: input.createdBy,
      createdAt: new Date(),
    };
    await this.collection.insertOne(record);
    return record;
  }

  findById(id: string): Promise<CaseRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  list(): Promise<CaseRecord[]> {
    return this.collection.find({}).sort({ createdAt: -1 }).toArray();
  }

  /** Adds ads (each once); returns the updated case or null when there is no such case. */
  async addAds(id: string, adIds: string[]): Promise<CaseRecord | null> {
    const result = await this.collection.findOneAndUpdate(
      { _id: id },
      { $addToSet: { adIds: { $each: adIds } } },
      { returnDocument: 'after' },
    );
    return result.value;
  }

  async removeAd(id: string, adId: string): Promise<CaseRecord | null> {
    const result = await this.collection.findOneAndUpdate(
      { _id: id },
      { $pull: { adIds: adId } },
      { returnDocument: 'after' },
    );
    return result.value;
  }
}
