import { type AdwatchConfig, type SourceConfig } from '../config/index.js';
import type { Fetchers } from '../crawlers/index.js';
import type { Store } from '../store/index.js';
import type { AlertEngine } from './alerts/index.js';
import type { PipelineQueues } from './pipeline.queues.js';
import type { PipelineThreads } from './threads/index.js';
import { InputError, type Clock, type Logger } from '../core/index.js';

/** What every processor needs, built once per process and passed down explicitly. */
export interface PipelineContext {
  config: AdwatchConfig;
  /** The sources being watched, by id (configured ones, or the demo's). */
  sources: ReadonlyMap<string, SourceConfig>;
  store: Store;
  queues: PipelineQueues;
  fetchers: Fetchers;
  logger: Logger;
  /** Alert rules and deliveries: call `alerts.afterLink(ad, campaign)` once an ad is linked. */
  alerts: AlertEngine;
  /** What is due (scan periods, revisits) is decided by this clock; see core/clock.ts. */
  clock: Clock;
}

/**
 * The context of the processors that extract or classify: those steps run in worker threads
 * (started by startWorkers for the queues that need them), off the process's event loop.
 */
export interface ThreadedContext extends PipelineContext {
  threads: PipelineThreads;
}

/** The configured source a job names; a job for a source no longer configured cannot succeed. */
export function sourceOf(context: PipelineContext, sourceId: string): SourceConfig {
  const source = context.sources.get(sourceId);
  if (!source) {
    throw new InputError(`source "${sourceId}" is not configured any more; the job is dropped`);
  }
  return source;
}
