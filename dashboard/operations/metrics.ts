import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DashboardContext } from '../dashboard.context.js';
import { healthReport } from './health.routes.js';

/**
 * Prometheus metrics at /metrics, for a scraper holding `dashboard.metricsToken` as a bearer token.
 * Without a configured token the route answers 404, so it cannot be probed.
 */
export function registerMetrics(app: FastifyInstance, context: DashboardContext): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'adwatch_' });
  const requests = new Counter({
    name: 'adwatch_http_requests_total',
    help: 'Dashboard HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'adwatch_http_request_seconds',
    help: 'Dashboard HTTP request durations',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const queueJobs = new Gauge({
    name: 'adwatch_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
  });
  const storeDocs = new Gauge({
    name: 'adwatch_store_documents',
    help: 'Ads, flagged ads and captures stored',
    labelNames: ['kind'],
    registers: [registry],
  });
  const sourceFailures = new Gauge({
    name: 'adwatch_source_consecutive_failures',
    help: 'Failed scans in a row per source',
    labelNames: ['source'],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ route }, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    { config: { role: 'token' }, schema: { hide: true } },
    async (request, reply) => {
      const token = context.settings.metricsToken;
      if (!token) {
        return reply.code(404).send({
          error: {
            code: 'ADW_NOT_FOUND',
            message: 'metrics are off: set dashboard.metricsToken (ADWATCH_METRICS_TOKEN)',
          },
        });
      }
      const sent = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const a = Buffer.from(sent);
      const b = Buffer.from(token);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({
            error: {
              code: 'ADW_UNAUTHENTICATED',
              message: 'send Authorization: Bearer <dashboard.metricsToken>',
            },
          });
      }
      const report = await healthReport(context);
      for (const [queue, counts] of Object.entries(
        report.queues as unknown as Record<string, Record<string, number>>,
      )) {
        for (const [state, value] of Object.entries(counts)) queueJobs.set({ queue, state }, value);
      }
      for (const [kind, value] of Object.entries(report.store)) storeDocs.set({ kind }, value);
      for (const source of report.sources)
        sourceFailures.set({ source: source.id }, source.consecutiveFailures);
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
