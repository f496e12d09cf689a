import { systemClock } from '../../core/index.js';
import type { Fetchers } from '../../crawlers/index.js';
import type { PipelineContext } from '../../workers/index.js';
import { silentLogger } from './services.js';

/**
 * The context a test's worker pool needs when no crawl worker runs: no sources, no fetchers, a
 * silent logger and the system clock unless the test gives its own.
 */
export function workerContext(
  parts: Pick<PipelineContext, 'config' | 'store' | 'queues' | 'alerts'> &
    Partial<Pick<PipelineContext, 'clock'>>,
): PipelineContext {
  return {
    sources: new Map(),
    fetchers: {} as Fetchers,
    logger: silentLogger,
    clock: systemClock,
    ...parts,
  };
}
