import type { FastifyInstance } from 'fastify';
import { sourceHealth } from '../../store/index.js';
import { allQueueNames } from '../../workers/index.js';
import { responses } from '../contract/common.contract.js';
import {
  alive,
  healthReport as healthReportSchema,
  type HealthReport,
} from '../contract/operations.contract.js';
import type { DashboardContext } from '../dashboard.context.js';
import { contractRoutes } from '../http/contract-schemas.js';

/** What the health page shows: queues, sources (as `adwatch status` computes them), workers, store. */
export async function healthReport(context: DashboardContext): Promise<HealthReport> {
  const { store, queues } = context;
  const [queueCounts, states, counts, workers] = await Promise.all([
    queues ? queues.counts() : Promise.resolve({} as Record<string, never>),
    store.sources.list(),
    store.counts(),
    queues ? workersSeen(context) : Promise.resolve([]),
  ]);
  return {
    queues: queueCounts,
    sources: sourceHealth(states, context.sourceIds).map((s) => ({
      id: s.id,
      lastScanAt: s.lastScanAt,
      lastError: s.lastError,
      lastErrorAt: s.lastErrorAt,
      consecutiveFailures: s.consecutiveFailures,
      healthy: s.healthy,
    })),
    workers,
    store: counts,
  };
}

/** Worker connections BullMQ sees on each queue (Redis CLIENT LIST). */
async function workersSeen(context: DashboardContext) {
  const queues = context.queues;
  if (!queues) return [];
  const lists = await Promise.all(
    allQueueNames.map(async (name) =>
      (await queues.byName(name).getWorkers()).map((w) => ({
        name: String(w.name ?? name),
        addr: String(w.addr ?? ''),
        age: Number(w.age ?? 0),
        queue: name,
      })),
    ),
  );
  return lists.flat();
}

export function registerHealthRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  app.get(
    '/healthz',
    { config: { role: 'public' }, schema: { tags: ['operations'], response: { 200: alive } } },
    () => Promise.resolve({ ok: true } as const),
  );
  app.get(
    '/api/health',
    {
      config: { role: 'supervisor' },
      schema: { tags: ['operations'], response: responses({ 200: healthReportSchema }) },
    },
    async () => healthReport(context),
  );
}
