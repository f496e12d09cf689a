export { QueueName, allQueueNames, parseQueueNames, jobIds } from './jobs.js';
export type { CrawlJobData, ExtractJobData, ClassifyJobData, LinkJobData } from './jobs.js';
export { PipelineQueues, legacyQueuePrefix, type QueueCounts } from './pipeline.queues.js';
export {
  claimQueuePrefix,
  installationFor,
  installationIdFile,
  jobInstallation,
  resolveInstallation,
  storedInstallation,
  type Installation,
  type QueuePrefixClaim,
} from './installation.js';
export type { PipelineContext } from './pipeline.context.js';
export { startWorkers, type WorkerPool, type WorkerPoolOptions } from './worker-pool.js';
export { registerSchedules } from './scheduler.js';
export {
  resolveRedis,
  startRedisServer,
  createRedisConnection,
  redactRedisUrl,
  answers as redisAnswers,
  type ResolvedRedis,
} from './redis.connection.js';
export { toStoredClassification } from './classify.processor.js';
export {
  createLinkProcessor,
  queueUnlinkedAds,
  unlinkedScanEveryMillis,
} from './link.processor.js';
export { linkAd, linkAds, maxLinkBatch, type LinkOutcome, type LinkRequest } from './link.batch.js';
export {
  AlertEngine,
  findSurges,
  registerAlertSchedule,
  webhookSignature,
  type AlertCampaign,
  type AlertEngineOptions,
  type AlertPayload,
} from './alerts/index.js';
export { rescoreAds, type RescoreOptions, type RescoreSummary } from './rescore.runner.js';
export {
  retentionCutoffs,
  runRetention,
  type RetentionOptions,
  type RetentionRuleSummary,
  type RetentionSummary,
} from './retention.runner.js';
export { registerRetentionSchedule } from './retention.schedule.js';
export {
  activeOverrideReader,
  toIndicatorAdjustments,
  toLexiconOverride,
  OVERRIDE_REFRESH_MILLIS,
} from './active-override.js';
export {
  activateModel,
  activationRefusal,
  activeVersion,
  committedModel,
  figuresOf,
  listModels,
  readModelFile,
  registerModel,
  rollbackModel,
  startShadowRun,
  MAX_MODEL_BYTES,
  type ListedModel,
  type ModelFile,
  type RolloutRules,
} from './model-registry.js';
export {
  modelsInForceReader,
  MAX_SHADOW_SCORES,
  type ModelRef,
  type ModelsInForce,
} from './active-model.js';
