export { loadConfig, envVariables, type LoadConfigOptions, type LoadedConfig } from './load.js';
export { parseSchedule, type Schedule } from './schedule.js';
export {
  configSchema,
  sourceSchema,
  type AdwatchConfig,
  type SourceConfig,
  type HttpSourceConfig,
  type BrowserSourceConfig,
  type TelegramSourceConfig,
  type FeedSourceConfig,
  type CrawlerConfig,
  type HostLimits,
  type RawConfig,
} from './schema.js';
export {
  AlertKind,
  alertKinds,
  alertsSchema,
  surgeDimensions,
  type AlertsConfig,
  type AlertRulesConfig,
  type EmailConfig,
  type SurgeDimension,
  type WebhookConfig,
} from './alerts.schema.js';
export { retentionSchema, type RetentionConfig } from './retention.schema.js';
