import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';

/** An indicator adjustment as stored (the classifier's `IndicatorAdjustment`). */
export interface StoredAdjustment {
  indicatorId: string;
  /** A language code the classifier detects, or `all`. */
  lang: string;
  weight?: number;
  disabled?: boolean;
}

/** What a saved version changed, for the history. */
export type OverrideChange = 'adjust' | 'threshold' | 'revert';

/**
 * One saved version of the settings kept on top of the shipped lexicon and configuration. Each
 * holds the whole state (every adjustment in force and the threshold), so the active version is
 * simply the newest, and undoing one is saving the state that preceded it.
 */
export interface LexiconOverrideRecord {
  /** `o<seq>`: recorded on every assessment made with this version. */
  _id: string;
  seq: number;
  adjustments: StoredAdjustment[];
  flagThreshold?: number;
  change: OverrideChange;
  /** The version a revert undid. */
  reverts?: string;
  note?: string;
  createdBy: string;
  createdAt: Date;
}

export type NewLexiconOverride = Omit<LexiconOverrideRecord, '_id' | 'seq' | 'createdAt'>;

const duplicateKey = 11000;
const maxSaveAttempts = 20;

/** The lexicon override versions, never edited; the newest is the one in force. */
export class LexiconOverridesRepository {
  private readonly collection: Collection<LexiconOverrideRecord>;

  constructor(db: Db) {
    this.collection = db.collection<LexiconOverrideRecord>(Collections.LexiconOverrides);
  }

  /** The version in force, or null while the shipped lexicon and configuration apply. */
  active(): Promise<LexiconOverrideRecord | null> {
    return this.collection.findOne({}, { sort: { seq: -1 } });
  }

  findById(id: string): Promise<LexiconOverrideRecord | null> {
    return this.collection.findOne({ _id: id });
  }

  /** The version saved just before `seq` (null: none, the shipped state). */
  before(seq: number): Promise<LexiconOverrideRecord | null> {
    return this.collection.findOne({ seq: { $lt: seq } }, { sort: { seq: -1 } });
  }

  /** Saved versions, newest first. */
  list(limit = 100): Promise<LexiconOverrideRecord[]> {
    return this.collection.find({}).sort({ seq: -1 }).limit(limit).toArray();
  }

  /** Saves a new version on top of the newest; two savers at once get consecutive numbers. */
  async save(input: NewLexiconOverride, now = new Date()): Promise<LexiconOverrideRecord> {
    for (let attempt = 0; attempt < maxSaveAttempts; attempt++) {
      const seq = ((await this.active())?.seq ?? 0) + 1;
      const record: LexiconOverrideRecord = {
        _id: `o${seq}`,
        seq,
        adjustments: input.adjustments,
        ...(input.flagThreshold !== undefined ? { flagThreshold: input.flagThreshold } : {}),
        change: input.change,
        ...(input.reverts ? { reverts: input.reverts } : {}),
        ...(input.note ? { note: input.note } : {}),
        createdBy: input.createdBy,
        createdAt: now,
      };
      try {
        await this.collection.insertOne(record);
        return record;
      } catch (error) {
        if ((error as { code?: number }).code !== duplicateKey) throw error;
      }
    }
    throw new Error(`could not save a lexicon override after ${maxSaveAttempts} attempts`);
  }
}
