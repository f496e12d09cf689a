import type { FastifyInstance } from 'fastify';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { audit } from '../http/request-audit.js';
import { precisionRecallCurves } from './decision-figures.js';
import { decisionFilter, decisionQuery, type DecisionQuery } from './quality.context.js';
import {
  dismissedAdsSchema,
  indicatorStatsSchema,
  qualityResponses,
  thresholdSavedSchema,
  thresholdSchema,
  versionView,
} from './quality.schemas.js';

const maxDismissedAds = 200;

/**
 * What analysts' decisions say about the indicators and the flag threshold (supervisors only):
 * per-indicator precision, the dismissed ads of one indicator, precision–recall curves, and the
 * threshold in force, which a supervisor may change (audited; workers pick it up within seconds).
 */
export function registerQualityRoutes(app: FastifyInstance, context: DashboardContext): void {
  const { store } = context;

  app.get(
    '/api/quality/indicators',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description:
          'Per indicator: reviewed ads that carried it, confirmed and dismissed, overall, per language and per source, lowest precision first; dismissal reasons; evidence texts most often dismissed. Decisions made in [from, to].',
        querystring: decisionQuery,
        response: qualityResponses(indicatorStatsSchema),
      },
    },
    async (request) =>
      store.decisionStats.indicatorStats(decisionFilter(request.query as DecisionQuery)),
  );

  app.get(
    '/api/quality/indicators/:id/dismissed',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description: `The dismissed ads that carried the indicator, most recently decided first (at most ${maxDismissedAds}).`,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        querystring: decisionQuery,
        response: qualityResponses(dismissedAdsSchema),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const filter = decisionFilter(request.query as DecisionQuery);
      return { ads: await store.decisionStats.dismissedAds(id, filter, maxDismissedAds) };
    },
  );

  app.get(
    '/api/quality/threshold',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description:
          'The flag threshold in force (configured, or saved over it) and precision–recall curves per language from the decided ads, by their current scores.',
        querystring: decisionQuery,
        response: qualityResponses(thresholdSchema),
      },
    },
    async (request) => {
      const filter = decisionFilter(request.query as DecisionQuery);
      const [active, counts] = await Promise.all([
        store.lexiconOverrides.active(),
        store.decisionStats.scoreCounts(filter),
      ]);
      return {
        ...thresholdInForce(context, active?.flagThreshold, active?._id ?? null),
        curves: precisionRecallCurves(counts),
      };
    },
  );

  app.post(
    '/api/quality/threshold',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description:
          'Saves a new override version with this flag threshold (null: back to the configured one). Audited; workers use it within seconds; `adwatch rescore` applies it to stored ads.',
        body: {
          type: 'object',
          required: ['threshold'],
          additionalProperties: false,
          properties: {
            threshold: { type: ['integer', 'null'], minimum: 0, maximum: 100 },
            note: { type: 'string', maxLength: 500 },
          },
        },
        response: qualityResponses(thresholdSavedSchema),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const body = request.body as { threshold: number | null; note?: string };
      const active = await store.lexiconOverrides.active();
      const saved = await store.lexiconOverrides.save({
        adjustments: active?.adjustments ?? [],
        ...(body.threshold !== null ? { flagThreshold: body.threshold } : {}),
        change: 'threshold',
        ...(body.note ? { note: body.note } : {}),
        createdBy: session.user.username,
      });
      const before = thresholdInForce(context, active?.flagThreshold, active?._id ?? null);
      const after = thresholdInForce(context, saved.flagThreshold, saved._id);
      await audit(context, request, session, 'threshold_change', null, {
        version: saved._id,
        from: before.threshold,
        to: after.threshold,
        source: after.source,
        ...(body.note ? { note: body.note } : {}),
      });
      return { ...after, version: versionView(saved) };
    },
  );
}

/** The threshold workers flag at, and where it comes from. */
export function thresholdInForce(
  context: Pick<DashboardContext, 'flagThreshold'>,
  saved: number | undefined,
  versionId: string | null,
): {
  threshold: number;
  configured: number;
  source: 'config' | 'override';
  versionId: string | null;
} {
  return {
    threshold: saved ?? context.flagThreshold,
    configured: context.flagThreshold,
    source: saved === undefined ? 'config' : 'override',
    versionId,
  };
}
