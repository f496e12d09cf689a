import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { DEFAULT_FLAG_THRESHOLD, type Classifier } from '../classifiers/index.js';
import type { Store } from '../store/index.js';
import type { PipelineQueues, RolloutRules } from '../workers/index.js';
import { registerAuditRoutes } from './admin/audit.routes.js';
import { registerCaseRoutes } from './admin/cases.routes.js';
import { registerUserRoutes } from './admin/users.routes.js';
import { registerAdRoutes } from './ads/ads.routes.js';
import { registerAlertRoutes } from './alerts/alerts.routes.js';
import { registerWatchlistRoutes } from './alerts/watchlist.routes.js';
import { registerExportRoutes, type DashboardEvidence } from './ads/export.routes.js';
import { registerLegalHoldRoutes } from './ads/legal-hold.routes.js';
import { registerRawRoutes } from './ads/raw.routes.js';
import { registerReviewRoutes } from './ads/review.routes.js';
import { registerAccessHook } from './auth/access.hook.js';
import { registerCampaignRoutes } from './campaigns/campaigns.routes.js';
import { registerEntityRoutes } from './entities/entities.routes.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import type { DashboardContext, DashboardSettings } from './dashboard.context.js';
import { sendError } from './http/http-errors.js';
import { openApiTransform, useContractSchemas } from './http/contract-schemas.js';
import { securityHeaders } from './http/security-headers.js';
import { defaultUiDir, registerUi } from './http/ui.static.js';
import { registerBullBoard } from './operations/bull-board.js';
import { registerEventRoutes } from './operations/events.routes.js';
import { registerHealthRoutes } from './operations/health.routes.js';
import { registerModelRoutes } from './models/models.routes.js';
import { registerLexiconRoutes } from './quality/lexicon.routes.js';
import { lazyClassifier } from './quality/quality.context.js';
import { registerQualityRoutes } from './quality/quality.routes.js';
import { registerMetrics } from './operations/metrics.js';
import { ErrorCode, ExternalError, type Logger } from '../core/index.js';

export interface DashboardOptions {
  store: Store;
  logger: Logger;
  /** Config `dashboard`. */
  settings: DashboardSettings;
  /** The pipeline's queues (health page, Bull Board, metrics); optional for API-only use. */
  queues?: PipelineQueues;
  /** Configured source ids, shown on the health page even before their first scan. */
  sourceIds?: string[];
  /** The built UI; default dashboard/ui/dist. */
  uiDir?: string;
  /** Login attempts per minute from one address. Default 20. */
  loginRateLimit?: number;
  /** The instance's signing key and identity; without it POST /api/exports answers 500. */
  evidence?: DashboardEvidence;
  /** Config `classifier.flagThreshold`; default the classifier's default (60). */
  flagThreshold?: number;
  /** A loaded classifier for the indicator-quality previews; else one is loaded on first use. */
  classifier?: () => Classifier;
  /** Config `classifier.shadowMinAds/Hours`; default 200 ads over 24 h. */
  modelRollout?: RolloutRules;
  /** Called once per registered route (tests enumerate routes with it). */
  onRoute?: (route: { method: string | string[]; url: string; role: string | undefined }) => void;
}

/** Builds the dashboard's HTTP server (not yet listening). */
export async function buildDashboard(options: DashboardOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // The cast keeps the instance typed with Fastify's base logger, which every route module expects.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: options.logger.child({ role: 'dashboard' }) as FastifyBaseLogger,
    // Caps what one request can make the server parse.
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: false } },
    // Only the configured reverse proxies may name the client (X-Forwarded-For), so that login
    // throttling and the audit trail see the client's address and not the proxy's; never `true`.
    trustProxy: options.settings.trustProxy === false ? false : [...options.settings.trustProxy],
  });
  const flagThreshold = options.flagThreshold ?? DEFAULT_FLAG_THRESHOLD;
  const context: DashboardContext = {
    store: options.store,
    logger: options.logger,
    settings: options.settings,
    ...(options.queues ? { queues: options.queues } : {}),
    sourceIds: options.sourceIds ?? [],
    flagThreshold,
    classifier: options.classifier ?? lazyClassifier(flagThreshold),
    ...(options.modelRollout ? { modelRollout: options.modelRollout } : {}),
  };
  if (options.onRoute) {
    const onRoute = options.onRoute;
    app.addHook('onRoute', (route) => {
      // Read the role lazily: plugins' own onRoute hooks (Bull Board, static files) set it after this one.
      onRoute({
        method: route.method,
        url: route.url,
        get role() {
          return route.config?.role;
        },
      });
    });
  }
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(securityHeaders);
    if (request.url.startsWith('/api/') || request.url === '/metrics')
      reply.header('cache-control', 'no-store');
  });
  app.setErrorHandler(sendError);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'adwatch dashboard API',
        description:
          'Triage, review, cases, audit and operations. Session cookie plus x-csrf-token on state-changing requests.',
        version: '1',
      },
    },
    // The document is generated from the routes' zod schemas (dashboard/contract).
    transform: openApiTransform,
  });
  registerAccessHook(app, context);

  // The routes of the API contract (dashboard/contract), validated and serialised by its schemas.
  await app.register(async (api) => {
    useContractSchemas(api);
    registerHealthRoutes(api, context);
    registerAuthRoutes(api, context, options.loginRateLimit ?? 20);
    registerAdRoutes(api, context);
    registerReviewRoutes(api, context);
    registerRawRoutes(api, context);
    registerEntityRoutes(api, context);
    registerCampaignRoutes(api, context);
    registerAlertRoutes(api, context);
    registerWatchlistRoutes(api, context);
    registerExportRoutes(api, context, options.evidence);
    registerCaseRoutes(api, context);
    registerUserRoutes(api, context);
    registerAuditRoutes(api, context);
    registerEventRoutes(api, context);
    registerQualityRoutes(api, context);
    registerLexiconRoutes(api, context);
    registerModelRoutes(api, context);
    registerLegalHoldRoutes(api, context);
    return Promise.resolve();
  });
  registerMetrics(app, context);
  app.get('/api/openapi.json', { config: { role: 'analyst' }, schema: { hide: true } }, () =>
    Promise.resolve(app.swagger()),
  );
  await registerBullBoard(app, context);
  await registerUi(app, options.uiDir ?? defaultUiDir);
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
