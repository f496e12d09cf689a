export * from './ad.types.js';
export { maxStoredLinks, type CampaignRecord, type AdLinkState } from './campaign.types.js';
export { openStore, redactMongoUri, type Store, type OpenStoreOptions } from './store.js';
export {
  adContentHash,
  type SaveExtractedAdInput,
  type SaveExtractedAdResult,
  type RescoreFilter,
  type RescoreCandidate,
} from './ads.repository.js';
export { type NewCapture } from './captures.repository.js';
export { startEmbeddedMongod, comfyMongodPath, type EmbeddedMongod } from './embedded-mongod.js';
export { adIdFor, sha256Hex } from './ids.js';
export { buildWarcRecords, type WarcExchange, type WarcRecords } from './warc.js';
export { Collections } from './collections.js';
export {
  backupDatabase,
  backupFormat,
  readManifest,
  restoreDatabase,
  type BackedUpCollection,
  type BackupManifest,
} from './backup.js';
export {
  alertIdFor,
  AlertStatus,
  DeliveryStatus,
  type AlertDelivery,
  type AlertFilter,
  type AlertPage,
  type AlertRecord,
  type AlertTarget,
  type DeliveryAttempt,
  type NewAlert,
} from './alerts.repository.js';
export { type DimensionCounts } from './alert-signals.repository.js';
export { type WatchlistEntry } from './watchlist.repository.js';
export { type InstallationRepository } from './installation.repository.js';
export { type AdRevisitState } from './ads.repository.js';
export {
  auditGenesisHash,
  auditHash,
  canonicalJson,
  type AuditRecord,
  type NewAuditEntry,
  type AuditFilter,
  type AuditVerification,
  type AuditRepository,
} from './audit.repository.js';
export {
  UserRoles,
  UserLocales,
  type UserRole,
  type UserLocale,
  type UserRecord,
  type NewUser,
} from './users.repository.js';
export { type SessionRecord } from './sessions.repository.js';
export { type ReviewEvent } from './reviews.repository.js';
export { type CaseRecord } from './cases.repository.js';
export {
  countCap,
  decodeCursor,
  type PlanSummary,
  type StatusCounts,
  type TriageFilter,
  type TriagePage,
  type ReviewChange,
  type TriageAd,
} from './triage.repository.js';
export { sourceHealth, unhealthyAfterFailures, type SourceHealth } from './source-health.js';
export {
  coEntitySampleAds,
  decodeAdCursor,
  type EntityRecord,
  type EntityAd,
  type EntityAdsPage,
  type CoEntity,
  type EntityGraph,
  type EntityGraphNode,
} from './entities.repository.js';
export {
  adEntityKeys,
  EntityKind,
  entityDisplay,
  maxEntityKeyChars,
  messengerPlatforms,
  normaliseEmployer,
  normaliseLink,
  parseEntityKey,
  type ParsedEntityKey,
} from './entity-keys.js';
export { adSearchTerms } from './search-terms.js';
export {
  type CampaignAd,
  type CampaignMove,
  type LinkCandidate,
  type LinkNode,
  type LinkSubject,
  type LinkWrite,
} from './campaigns.repository.js';
export {
  HoldReason,
  RetentionRule,
  retentionRules,
  removedCounts,
  type HeldAd,
  type RemovedCounts,
  type RetentionAd,
  type RetentionCutoffs,
  type RetentionRepository,
  type RetentionVerdict,
} from './retention.repository.js';
export { mask, maskChar, reducePersonalData, type ReducedAdFields } from './personal-data.js';
export {
  type Decision,
  type DecisionCounts,
  type DecisionFilter,
  type DecisionStats,
  type DecidedAd,
  type LabelledDecision,
  type DismissedAd,
  type DismissedEvidence,
  type IndicatorQuality,
  type ReasonCount,
  type ScoreDecisionCount,
  type DecisionStatsRepository,
} from './decision-stats.repository.js';
export {
  type LexiconOverrideRecord,
  type NewLexiconOverride,
  type OverrideChange,
  type StoredAdjustment,
  type LexiconOverridesRepository,
} from './lexicon-overrides.repository.js';
export {
  ModelStatus,
  type ModelRecord,
  type ModelStamp,
  type ModelSummary,
  type ModelsRepository,
  type NewModel,
  type ShadowCounts,
  type ShadowRun,
  type ShadowScoreRecord,
} from './models.repository.js';
