import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';

/** Where a registered model stands in its rollout. */
export const ModelStatus = {
  /** Registered, not scoring anything. */
  Candidate: 'candidate',
  /** Scores every new ad next to the active model; its scores are kept apart, flags never change. */
  Shadow: 'shadow',
  /** The model the classify workers flag ads with. */
  Active: 'active',
  /** Was active once; a rollback may bring it back. */
  Retired: 'retired',
} as const;
export type ModelStatus = (typeof ModelStatus)[keyof typeof ModelStatus];

/** Who did something to a model, and when. */
export interface ModelStamp {
  by: string;
  at: Date;
}

/** A candidate's shadow run: since when it scores new ads, and how many it has scored. */
export interface ShadowRun {
  startedBy: string;
  startedAt: Date;
  /** Set when the run ended (activation, or another candidate's run replaced it). */
  endedAt?: Date;
  /** Ads scored (counted as they are stored; the scores stop at the bound, the count too). */
  scored: number;
}

/** A model file in the registry. */
export interface ModelRecord {
  /** The model's `version`, which every assessment made with it records. */
  _id: string;
  format: string;
  /** SHA-256 of `json`, so that workers cache the file by content. */
  sha256: string;
  bytes: number;
  /** The model file's text exactly as registered (0.5–3 MB; read only when a worker loads it). */
  json: string;
  /** The file's figures (its top-level fields but the weights), shown as they are. */
  figures: Record<string, unknown>;
  status: ModelStatus;
  /** Where the file came from (a path, "upload", "committed"). */
  origin: string;
  registered: ModelStamp;
  activated?: ModelStamp;
  retired?: ModelStamp;
  /** The model that was active when this one was activated: a rollback goes back to it. */
  previousActive?: string | null;
  shadow?: ShadowRun;
}

/** A model without its file: what lists and workers read every few seconds. */
export type ModelSummary = Omit<ModelRecord, 'json'>;

export type NewModel = Pick<
  ModelRecord,
  '_id' | 'format' | 'sha256' | 'bytes' | 'json' | 'figures' | 'origin' | 'registered'
> & { status?: ModelStatus };

/** One ad as a shadow model scored it, next to the active model's verdict on the same text. */
export interface ShadowScoreRecord {
  /** `<model version> <ad id>`. */
  _id: string;
  version: string;
  adId: string;
  contentHash: string;
  title: string;
  lang: string;
  score: number;
  flagged: boolean;
  activeVersion: string;
  activeScore: number;
  activeFlagged: boolean;
  at: Date;
}

/** What a shadow run found so far. */
export interface ShadowCounts {
  scored: number;
  bothFlagged: number;
  /** Flagged by the shadow model only. */
  onlyShadow: number;
  /** Flagged by the active model only. */
  onlyActive: number;
}

const duplicateKey = 11000;
const withoutFile = { projection: { json: 0 } } as const;

/** The model registry (collection `models`) and the shadow runs' scores (`shadowScores`). */
export class ModelsRepository {
  private readonly models: Collection<ModelRecord>;
  private readonly shadowScores: Collection<ShadowScoreRecord>;

  constructor(db: Db) {
    this.models = db.collection<ModelRecord>(Collections.Models);
    this.shadowScores = db.collection<ShadowScoreRecord>(Collections.ShadowScores);
  }

  /** Adds a model; false when a model of this version is already registered. */
  async insert(model: NewModel): Promise<boolean> {
    try {
      await this.models.insertOne({ ...model, status: model.status ?? ModelStatus.Candidate });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === duplicateKey) return false;
      throw error;
    }
  }

  /** Every registered model without its file, newest registration first. */
  list(): Promise<ModelSummary[]> {
    return this.models.find({}, withoutFile).sort({ 'registered.at': -1, _id: 1 }).toArray();
  }

  summary(version: string): Promise<ModelSummary | null> {
    return this.models.findOne({ _id: version }, withoutFile);
  }

  /** The model with its file. */
  findById(version: string): Promise<ModelRecord | null> {
    return this.models.findOne({ _id: version });
  }

  /** The model in force (the last activated), or null while the committed model applies. */
  active(): Promise<ModelSummary | null> {
    return this.models.findOne(
      { status: ModelStatus.Active },
      { ...withoutFile, sort: { 'activated.at': -1 } },
    );
  }

  /** The model in a shadow run, if any. */
  shadow(): Promise<ModelSummary | null> {
    return this.models.findOne(
      { status: ModelStatus.Shadow },
      { ...withoutFile, sort: { 'shadow.startedAt': -1 } },
    );
  }

  /**
   * Starts a shadow run of `version` (a candidate or retired model): any other run ends and its
   * model goes back to candidate; the scores of an earlier run of this model are dropped.
   */
  async startShadow(version: string, stamp: ModelStamp): Promise<ModelSummary | null> {
    await this.endShadow(stamp.at, version);
    await this.shadowScores.deleteMany({ version });
    const updated = await this.models.findOneAndUpdate(
      { _id: version, status: { $in: [ModelStatus.Candidate, ModelStatus.Retired] } },
      {
        $set: {
          status: ModelStatus.Shadow,
          shadow: { startedBy: stamp.by, startedAt: stamp.at, scored: 0 },
        },
      },
      { ...withoutFile, returnDocument: 'after' },
    );
    return updated.value;
  }

  /**
   * Makes `version` the active model, recording the one it replaces (`previousActive`, unless
   * `keepPrevious`: a rollback keeps the chain), and retires every other active model. The new
   * one is set active before the old is retired, so workers never find none (they take the last
   * activated).
   */
  async activate(
    version: string,
    previousActive: string | null,
    stamp: ModelStamp,
    keepPrevious = false,
  ): Promise<ModelSummary | null> {
    const updated = await this.models.findOneAndUpdate(
      { _id: version, status: { $ne: ModelStatus.Active } },
      {
        $set: {
          status: ModelStatus.Active,
          activated: stamp,
          ...(keepPrevious ? {} : { previousActive }),
        },
        $unset: { retired: '' },
      },
      { ...withoutFile, returnDocument: 'after' },
    );
    if (!updated.value) return null;
    // Its shadow run, if it had one, ends here.
    if (updated.value.shadow && !updated.value.shadow.endedAt) {
      await this.models.updateOne({ _id: version }, { $set: { 'shadow.endedAt': stamp.at } });
      updated.value.shadow.endedAt = stamp.at;
    }
    await this.models.updateMany(
      { _id: { $ne: version }, status: ModelStatus.Active },
      { $set: { status: ModelStatus.Retired, retired: stamp } },
    );
    return updated.value;
  }

  /** Ends the shadow run in progress (but `except`'s): its model is a candidate again. */
  async endShadow(at: Date, except?: string): Promise<void> {
    await this.models.updateMany(
      { status: ModelStatus.Shadow, ...(except ? { _id: { $ne: except } } : {}) },
      { $set: { status: ModelStatus.Candidate, 'shadow.endedAt': at } },
    );
  }

  /**
   * Keeps a shadow score (a second score of the same text replaces the first) and counts it on
   * the run; nothing once the run has `maxScores` (the collection stays bounded).
   */
  async recordShadowScore(record: ShadowScoreRecord, maxScores: number): Promise<boolean> {
    const counted = await this.models.updateOne(
      { _id: record.version, status: ModelStatus.Shadow, 'shadow.scored': { $lt: maxScores } },
      { $inc: { 'shadow.scored': 1 } },
    );
    if (counted.modifiedCount === 0) return false;
    const saved = await this.shadowScores.replaceOne({ _id: record._id }, record, {
      upsert: true,
    });
    // A text scored again (a retried job) is counted once.
    if (saved.upsertedCount === 0)
      await this.models.updateOne({ _id: record.version }, { $inc: { 'shadow.scored': -1 } });
    return true;
  }

  /** How the shadow model's flags compare with the active model's on the ads it scored. */
  async shadowCounts(version: string): Promise<ShadowCounts> {
    const count = (filter: Partial<Record<'flagged' | 'activeFlagged', boolean>>) =>
      this.shadowScores.countDocuments({ version, ...filter });
    const [scored, bothFlagged, onlyShadow, onlyActive] = await Promise.all([
      count({}),
      count({ flagged: true, activeFlagged: true }),
      count({ flagged: true, activeFlagged: false }),
      count({ flagged: false, activeFlagged: true }),
    ]);
    return { scored, bothFlagged, onlyShadow, onlyActive };
  }

  /** The ads the two models disagree on (flagged by one only), largest score difference first. */
  async shadowDifferences(version: string, limit: number): Promise<ShadowScoreRecord[]> {
    const rows = await this.shadowScores
      .find({ version, $expr: { $ne: ['$flagged', '$activeFlagged'] } })
      .sort({ at: -1 })
      .limit(limit)
      .toArray();
    return rows.sort(
      (a, b) => Math.abs(b.score - b.activeScore) - Math.abs(a.score - a.activeScore),
    );
  }
}
