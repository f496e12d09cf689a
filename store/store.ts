import { MongoClient, type Db } from 'mongodb';
import { AdsRepository } from './ads.repository.js';
import { AlertSignalsRepository } from './alert-signals.repository.js';
import { AlertsRepository } from './alerts.repository.js';
import { CapturesRepository } from './captures.repository.js';
import { ensureCollections } from './collections.js';
import { EntitiesRepository } from './entities.repository.js';
import { InstallationRepository } from './installation.repository.js';
import { SourcesRepository } from './sources.repository.js';
import { AuditRepository } from './audit.repository.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CasesRepository } from './cases.repository.js';
import { DecisionStatsRepository } from './decision-stats.repository.js';
import { LexiconOverridesRepository } from './lexicon-overrides.repository.js';
import { ModelsRepository } from './models.repository.js';
import { RetentionRepository } from './retention.repository.js';
import { ReviewsRepository } from './reviews.repository.js';
import { SessionsRepository } from './sessions.repository.js';
import { TriageRepository } from './triage.repository.js';
import { UsersRepository } from './users.repository.js';
import { WatchlistRepository } from './watchlist.repository.js';
import { ErrorCode, ExternalError } from '../core/index.js';

export interface OpenStoreOptions {
  uri: string;
  database: string;
  /** Create collections and indexes (once per process that owns the schema). Default true. */
  ensureSchema?: boolean;
  serverSelectionTimeoutMillis?: number;
}

/** The one door to MongoDB. Everything else in adwatch talks to these repositories. */
export interface Store {
  readonly ads: AdsRepository;
  readonly captures: CapturesRepository;
  readonly sources: SourcesRepository;
  readonly audit: AuditRepository;
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly reviews: ReviewsRepository;
  readonly cases: CasesRepository;
  readonly triage: TriageRepository;
  readonly entities: EntitiesRepository;
  readonly campaigns: CampaignsRepository;
  readonly alerts: AlertsRepository;
  /** What alert rules read from the ads (campaign growth, flagged ads per dimension). */
  readonly alertSignals: AlertSignalsRepository;
  readonly watchlist: WatchlistRepository;
  /** What analysts' decisions say about each indicator and score (the indicator-quality screen). */
  readonly decisionStats: DecisionStatsRepository;
  /** Indicator adjustments and flag threshold saved on top of the shipped lexicon and config. */
  readonly lexiconOverrides: LexiconOverridesRepository;
  /** The model registry and the shadow runs' scores. */
  readonly models: ModelsRepository;
  /** What the retention policy may delete or reduce, and legal holds. */
  readonly retention: RetentionRepository;
  /** Which installation this database belongs to (workers/installation.ts). */
  readonly installation: InstallationRepository;
  /** Counts shown by `adwatch status`. */
  counts(): Promise<{ ads: number; flagged: number; captures: number }>;
  /** Drops the whole database (tests only). */
  dropDatabase(): Promise<void>;
  close(): Promise<void>;
}

/** Connects to MongoDB and returns the repositories; creates collections and indexes if asked. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const client = await connectMongo(options.uri, options.serverSelectionTimeoutMillis);
  const db: Db = client.db(options.database);
  if (options.ensureSchema !== false) await ensureCollections(db);
  const entities = new EntitiesRepository(db);
  const campaigns = new CampaignsRepository(db);
  const ads = new AdsRepository(db, entities, campaigns);
  const captures = new CapturesRepository(db);
  return {
    ads,
    captures,
    sources: new SourcesRepository(db),
    audit: new AuditRepository(db),
    users: new UsersRepository(db),
    sessions: new SessionsRepository(db),
    reviews: new ReviewsRepository(db),
    cases: new CasesRepository(db),
    triage: new TriageRepository(db),
    entities,
    campaigns,
    alerts: new AlertsRepository(db),
    alertSignals: new AlertSignalsRepository(db),
    watchlist: new WatchlistRepository(db),
    decisionStats: new DecisionStatsRepository(db),
    lexiconOverrides: new LexiconOverridesRepository(db),
    models: new ModelsRepository(db),
    retention: new RetentionRepository(db, captures, entities, campaigns),
    installation: new InstallationRepository(db),
    counts: async () => {
      const [all, flagged, captureCount] = await Promise.all([
        ads.count(),
        ads.count({ flagged: true }),
        captures.count(),
      ]);
      return { ads: all, flagged, captures: captureCount };
    },
    dropDatabase: async () => {
      await db.dropDatabase();
    },
    close: () => client.close(),
  };
}

/**
 * A connected client, or an ExternalError naming what to check. Every write counts once it is in
 * the journal: MongoDB 4.0 acknowledges w:1 writes before, and a mongod killed then loses the last
 * ~100 ms of them (a stored classification, after its job completed). Any `w` of the URI is kept.
 */
export async function connectMongo(
  uri: string,
  serverSelectionTimeoutMillis = 15_000,
): Promise<MongoClient> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: serverSelectionTimeoutMillis,
    appName: 'adwatch',
    writeConcern: { journal: true },
  });
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw new ExternalError(
      ErrorCode.MongoUnavailable,
      `cannot connect to MongoDB (${redactMongoUri(uri)}): ${(error as Error).message}. ` +
        'Check that this MongoDB runs and that this host reaches it at MONGODB_URI (for a replica set, ' +
        "every member's host name as the set names it must resolve here); " +
        '"adwatch up" with MONGODB_URI unset uses the embedded MongoDB instead',
      { cause: error },
    );
  }
  return client;
}

/** A MongoDB URI with any password replaced, safe to print. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
