import type { Command } from 'commander';
import { openStore, sourceHealth, type SourceHealth } from '../../store/index.js';
import {
  createRedisConnection,
  PipelineQueues,
  redactRedisUrl,
  redisAnswers,
  storedInstallation,
  type QueueCounts,
} from '../../workers/index.js';
import { findServices } from '../runtime/services.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { ErrorCode, ExternalError } from '../../core/index.js';

/** What `adwatch status --json` prints. */
export interface StatusReport {
  instance: { pid: number; startedAt: string; dashboardUrl?: string; roles: string[] } | null;
  queues: Record<string, QueueCounts>;
  store: { ads: number; flagged: number; captures: number };
  sources: SourceHealth[];
  recentFailures: Array<{ queue: string; id: string; reason: string; at: string | null }>;
}

export function registerStatusCommand(program: Command, io: CommandIO): void {
  program
    .command('status')
    .description(
      "Show the running instance (found through the runtime file in ADWATCH_DATA_DIR, or REDIS_URL and MONGODB_URI): queue depths, failed jobs, each source's last scan and error, and store counts.",
    )
    .option('--json', 'print one JSON object instead of a table')
    .action(async (options: { json?: boolean }) => {
      const report = await collectStatus(io);
      io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
    });
}

async function collectStatus(io: CommandIO): Promise<StatusReport> {
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const services = findServices(config);
  // The queue client would wait for Redis as long as it takes (a worker must); status must not.
  if (!(await redisAnswers(services.redisUrl))) {
    throw new ExternalError(
      ErrorCode.RedisUnavailable,
      `Redis at ${redactRedisUrl(services.redisUrl)} does not answer, so the queues cannot be read; start it (or fix REDIS_URL) and run adwatch status again`,
    );
  }
  const store = await openStore({
    uri: services.mongoUri,
    database: services.instance?.database ?? config.mongo.database,
    ensureSchema: false,
    serverSelectionTimeoutMillis: 5_000,
  });
  const installation = await storedInstallation(
    store,
    services.instance?.queuePrefix ?? config.queues.prefix,
  ).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const connection = createRedisConnection(services.redisUrl, { maxRetriesPerRequest: 1 });
  const queues = new PipelineQueues(connection, config, installation);
  try {
    const [queueCounts, storeCounts, states, failures] = await Promise.all([
      queues.counts(),
      store.counts(),
      store.sources.list(),
      queues.recentFailures(5),
    ]);
    const instance = services.instance;
    return {
      instance: instance
        ? {
            pid: instance.pid,
            startedAt: instance.startedAt,
            roles: instance.roles,
            ...(instance.dashboardUrl ? { dashboardUrl: instance.dashboardUrl } : {}),
          }
        : null,
      queues: queueCounts,
      store: storeCounts,
      sources: sourceHealth(
        states,
        services.instance?.sourceIds ?? config.sources.map((s) => s.id),
      ),
      recentFailures: failures.map((f) => ({ ...f, at: f.at?.toISOString() ?? null })),
    };
  } finally {
    await queues.close();
    connection.disconnect();
    await store.close();
  }
}

function formatStatus(report: StatusReport): string {
  const lines: string[] = [];
  const instance = report.instance;
  lines.push(
    instance
      ? `adwatch instance pid ${instance.pid}, up since ${instance.startedAt}${instance.dashboardUrl ? `, dashboard ${instance.dashboardUrl}` : ''}`
      : 'adwatch (services from REDIS_URL / MONGODB_URI)',
  );
  lines.push('', 'Queues      waiting  active  completed  failed  delayed');
  for (const [name, c] of Object.entries(report.queues)) {
    lines.push(
      `  ${name.padEnd(9)} ${pad(c.waiting, 7)} ${pad(c.active, 7)} ${pad(c.completed, 10)} ${pad(c.failed, 7)} ${pad(c.delayed, 8)}`,
    );
  }
  lines.push(
    '',
    `Store       ${report.store.ads} ads, ${report.store.flagged} flagged, ${report.store.captures} captures`,
    '',
    'Sources',
  );
  if (report.sources.length === 0) lines.push('  (none configured)');
  for (const s of report.sources) {
    const health = s.healthy ? 'ok' : `UNHEALTHY (${s.consecutiveFailures} failures in a row)`;
    lines.push(`  ${s.id.padEnd(24)} last scan ${s.lastScanAt ?? 'never'}  ${health}`);
    if (!s.healthy && s.lastErrors.length > 0) {
      for (const e of s.lastErrors) lines.push(`  ${''.padEnd(24)} error ${e.at}: ${e.message}`);
    } else if (s.lastError) {
      lines.push(`  ${''.padEnd(24)} last error ${s.lastErrorAt ?? ''}: ${s.lastError}`);
    }
    for (const w of s.warnings) lines.push(`  ${''.padEnd(24)} warning: ${w}`);
  }
  if (report.recentFailures.length > 0) {
    lines.push('', 'Recent failed jobs');
    for (const f of report.recentFailures)
      lines.push(`  ${f.queue}/${f.id} ${f.at ?? ''}: ${f.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width);
}
