import type { AdwatchConfig, Logger, SourceConfig } from '../config/index.js';
import type { Fetchers } from '../crawlers/index.js';
import type { Store } from '../store/index.js';
import type { PipelineQueues } from './pipeline.queues.js';

/** What every processor needs, built once per process and passed down explicitly. */
export interface PipelineContext {
  config: AdwatchConfig;
  /** The sources being watched, by id (configured ones, or the demo's). */
  sources: ReadonlyMap<string, SourceConfig>;
  store: Store;
  queues: PipelineQueues;
  fetchers: Fetchers;
  logger: Logger;
}
