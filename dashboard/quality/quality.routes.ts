import type { FastifyInstance } from 'fastify';
import type { LexiconOverrideRecord } from '../../store/index.js';
import { sessionOf } from '../auth/access.hook.js';
import { responses } from '../contract/common.contract.js';
import {
  decisionQuery,
  dismissedAds,
  indicatorIdParams,
  indicatorStats,
  thresholdBody,
  thresholdReport,
  thresholdSaved,
  type OverrideVersion,
  type ThresholdInForce,
} from '../contract/quality.contract.js';
import type { DashboardContext } from '../dashboard.context.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { audit } from '../http/request-audit.js';
import { precisionRecallCurves } from './decision-figures.js';
import { decisionFilter } from './quality.context.js';

const maxDismissedAds = 200;

/**
 * What analysts' decisions say about the indicators and the flag threshold (supervisors only):
 * per-indicator precision, the dismissed ads of one indicator, precision–recall curves, and the
 * threshold in force, which a supervisor may change (audited; workers pick it up within seconds).
 */
export function registerQualityRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
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
        response: responses({ 200: indicatorStats }),
      },
    },
    async (request) => store.decisionStats.indicatorStats(decisionFilter(request.query)),
  );

  app.get(
    '/api/quality/indicators/:id/dismissed',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description: `The dismissed ads that carried the indicator, most recently decided first (at most ${maxDismissedAds}).`,
        params: indicatorIdParams,
        querystring: decisionQuery,
        response: responses({ 200: dismissedAds }),
      },
    },
    async (request) => {
      const ads = await store.decisionStats.dismissedAds(
        request.params.id,
        decisionFilter(request.query),
        maxDismissedAds,
      );
      return { ads: ads.map((ad) => ({ ...ad, decidedAt: ad.decidedAt.toISOString() })) };
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
        response: responses({ 200: thresholdReport }),
      },
    },
    async (request) => {
      const [active, counts] = await Promise.all([
        store.lexiconOverrides.active(),
        store.decisionStats.scoreCounts(decisionFilter(request.query)),
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
        body: thresholdBody,
        response: responses({ 200: thresholdSaved }),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const body = request.body;
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
): ThresholdInForce {
  return {
    threshold: saved ?? context.flagThreshold,
    configured: context.flagThreshold,
    source: saved === undefined ? 'config' : 'override',
    versionId,
  };
}

/** A saved override version as the API shows it. */
export function versionView(record: LexiconOverrideRecord): OverrideVersion {
  return {
    id: record._id,
    seq: record.seq,
    adjustments: record.adjustments,
    flagThreshold: record.flagThreshold ?? null,
    change: record.change,
    reverts: record.reverts ?? null,
    note: record.note ?? null,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
  };
}
