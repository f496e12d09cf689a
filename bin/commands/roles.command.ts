import { InvalidArgumentError, type Command } from 'commander';
import { allQueueNames, parseQueueNames, type QueueName } from '../../workers/index.js';
import { startInstance, type Roles } from '../runtime/instance.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';

/** `up`, `worker`, `scheduler` and `dashboard`: the long-running processes. */
export function registerRoleCommands(program: Command, io: CommandIO): void {
  program
    .command('up')
    .description(
      'Run everything in one process: embedded MongoDB and Redis when none are configured, the workers, the scheduler and the dashboard. With no sources configured it serves and watches the demo job boards.',
    )
    .action(() => runRoles({ workers: allQueueNames, scheduler: true, dashboard: true }, true, io));

  program
    .command('worker')
    .description(
      'Run pipeline workers against the services of a running instance (or REDIS_URL and MONGODB_URI).',
    )
    .option(
      '--queues <names>',
      `comma-separated queues to work on (${allQueueNames.join(', ')})`,
      parseQueues,
      allQueueNames,
    )
    .action((options: { queues: QueueName[] }) =>
      runRoles({ workers: options.queues, scheduler: false, dashboard: false }, false, io),
    );

  program
    .command('scheduler')
    .description(
      'Register the scan schedule of every configured source (one BullMQ job scheduler each) and keep them in step.',
    )
    .action(() => runRoles({ workers: [], scheduler: true, dashboard: false }, false, io));

  program
    .command('dashboard')
    .description("Serve the analysts' dashboard on ADWATCH_PORT (default 8080).")
    .action(() => runRoles({ workers: [], scheduler: false, dashboard: true }, false, io));
}

function parseQueues(value: string): QueueName[] {
  const parsed = parseQueueNames(value);
  if (typeof parsed === 'string') throw new InvalidArgumentError(parsed);
  return parsed;
}

/**
 * Starts the roles and runs until SIGINT/SIGTERM. The first signal stops taking jobs and gives
 * the active ones `queues.stopGraceMillis` to finish; a second one stops at once. Jobs left
 * unfinished go back to the queue when their lock expires (another worker takes them over).
 */
async function runRoles(roles: Roles, ownServices: boolean, io: CommandIO): Promise<void> {
  const { config, logger, file } = commandSetup(io);
  const started = Date.now();
  logger.info(
    { config: file ?? '(defaults and environment)', dataDir: config.dataDir },
    'starting adwatch',
  );
  const instance = await startInstance({ config, logger, roles, ownServices });
  if (instance.dashboardUrl) {
    logger.info(
      `dashboard: ${instance.dashboardUrl}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  logger.info({ sources: [...instance.sources.keys()] }, 'running; press Ctrl-C to stop');
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      signals += 1;
      if (signals === 1) {
        const graceSecs = Math.ceil(config.queues.stopGraceMillis / 1000);
        logger.info(
          `${signal}: stopping (active jobs get up to ${graceSecs} s to finish; press Ctrl-C again to stop at once)`,
        );
        void instance.stop().then(resolve, (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve();
        });
      } else if (signals === 2) {
        logger.warn('stopping now; unfinished jobs go back to the queue when their lock expires');
        void instance.stop(true).finally(() => process.exit(130));
        // Closing connections is quick; a service that does not answer must not hold the exit.
        setTimeout(() => process.exit(130), 5_000).unref();
      } else {
        process.exit(130);
      }
    };
    io.onSignal(['SIGINT', 'SIGTERM'], onSignal);
  });
  logger.info('stopped');
  // A job left to its lock may still hold a socket (a page that never answers): end here.
  process.exit(process.exitCode ?? 0);
}
