import type { Job } from 'bullmq';
import type { AlertRulesConfig } from '../../config/index.js';
import type { PipelineContext } from '../pipeline.context.js';
import { runScheduledRetention } from '../retention.schedule.js';
import type { PipelineQueues } from '../pipeline.queues.js';
import { jobIds, type AlertJobData } from '../jobs.js';
import type { Logger } from '../../core/index.js';

/**
 * Delivers one alert to one channel, or runs the surge check or the retention policy; retries
 * come from the queue.
 */
export function createAlertProcessor(context: PipelineContext) {
  return async (job: Job<AlertJobData>): Promise<Record<string, unknown>> => {
    if (job.data.kind === 'retention') return runScheduledRetention(context);
    if (job.data.kind === 'surge') {
      const raised = await context.alerts.checkSurges();
      return { raised: raised.length };
    }
    const outcome = await context.alerts.deliverer.deliver(
      job.data.alertId,
      job.data.channel,
      job.attemptsMade + 1,
      job.opts.attempts ?? 1,
    );
    return { outcome };
  };
}

/**
 * Registers the surge check on the alerts queue (every `surge.checkEveryMinutes`), or removes it
 * when the rule is off. Idempotent, like the scan schedules: every scheduler process may run it.
 */
export async function registerAlertSchedule(
  queues: PipelineQueues,
  rules: AlertRulesConfig,
  logger: Logger,
): Promise<void> {
  const id = jobIds.surgeScheduler();
  if (!rules.surge.enabled) {
    await queues.alerts.removeJobScheduler(id);
    return;
  }
  await queues.alerts.upsertJobScheduler(
    id,
    { every: rules.surge.checkEveryMinutes * 60_000 },
    { name: 'surge', data: { kind: 'surge' }, opts: { attempts: 1 } },
  );
  logger.info({ everyMinutes: rules.surge.checkEveryMinutes }, 'surge check scheduled');
}
