import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { ErrorCode, ExternalError, type Logger } from '../config/index.js';
import type { Store } from '../store/index.js';
import { renderFlaggedPage } from './flagged.page.js';

export interface DashboardOptions {
  store: Store;
  logger: Logger;
}

/** Headers on every response: nothing scraped may run as script, and no page may be framed. */
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** Builds the dashboard's HTTP server (not yet listening). */
export function buildDashboard(options: DashboardOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger.child({ role: 'dashboard' }) as FastifyBaseLogger,
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(securityHeaders);
  });

  app.get('/healthz', async () => ({ ok: true }));

  app.get('/api/ads', async (request) => {
    const query = request.query as { flagged?: string; limit?: string };
    const limit = Math.min(Math.max(Number(query.limit ?? 50) || 50, 1), 500);
    const flagged = query.flagged === undefined ? undefined : query.flagged === 'true';
    const ads = await options.store.ads.list({
      ...(flagged === undefined ? {} : { flagged }),
      limit,
    });
    return {
      ads: ads.map((ad) => ({
        id: ad._id,
        sourceId: ad.sourceId,
        url: ad.url,
        title: ad.title,
        score: ad.score ?? null,
        band: ad.classification?.band ?? null,
        flagged: ad.flagged,
        firstSeenAt: ad.firstSeenAt,
        indicators: ad.classification?.indicators.map((i) => i.id) ?? [],
      })),
    };
  });

  app.get('/', async (_request, reply) => {
    const [ads, counts] = await Promise.all([
      options.store.ads.list({ flagged: true, limit: 200 }),
      options.store.counts(),
    ]);
    reply.type('text/html; charset=utf-8');
    return renderFlaggedPage(ads, counts);
  });

  app.get('/assets/dashboard.css', async (_request, reply) => {
    reply.type('text/css; charset=utf-8');
    return dashboardCss;
  });
  return app;
}

/** Starts listening; a port already in use is a clear error, not a stack trace. */
export async function listenDashboard(
  app: FastifyInstance,
  host: string,
  port: number,
): Promise<string> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ExternalError(
        ErrorCode.PortInUse,
        `port ${port} on ${host} is already in use, so the dashboard cannot listen there; stop what uses it or set ADWATCH_PORT to another port`,
        { retryable: false },
      );
    }
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
}

const dashboardCss = `
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2a44;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:baseline}
header h1{font-size:20px;margin:0}
main{padding:16px 24px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e3e6ec;vertical-align:top}
th{background:#eef1f6;font-weight:600}
.score{font-weight:700;text-align:right;width:4em}
.band-high{color:#b3261e}.band-medium{color:#a15c00}.band-low{color:#2e6b2e}
.tags span{display:inline-block;background:#eef1f6;border-radius:4px;padding:1px 6px;margin:1px;font-size:12px}
.muted{color:#667}
`;
