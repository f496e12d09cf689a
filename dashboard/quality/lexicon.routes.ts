import type { FastifyInstance } from 'fastify';
import type { Classifier } from '../../classifiers/index.js';
import { ErrorCode } from '../../core/index.js';
import type { StoredAdjustment } from '../../store/index.js';
import { toIndicatorAdjustments, toLexiconOverride } from '../../workers/index.js';
import { sessionOf } from '../auth/access.hook.js';
import { responses } from '../contract/common.contract.js';
import {
  adjustmentChange,
  decisionQuery,
  lexiconState,
  overrideVersion,
  previewFigures,
  revertBody,
  saveChangeBody,
  versionIdParams,
  type AdjustmentChange,
} from '../contract/quality.contract.js';
import type { DashboardContext } from '../dashboard.context.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { previewOverride } from './lexicon.preview.js';
import { decisionFilter } from './quality.context.js';
import { thresholdInForce, versionView } from './quality.routes.js';

/** Decided ads a preview re-scores at most (the most recently decided). */
export const maxPreviewAds = 5_000;

/**
 * Proposed lexicon changes (supervisors only): preview a change on the decided ads, save it as a
 * new override version, revert a version. Every saved version is audited; the newest is in force.
 */
export function registerLexiconRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/quality/lexicon',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description:
          'The shipped indicators and weights, the override version in force and the saved versions, newest first.',
        response: responses({ 200: lexiconState }),
      },
    },
    async () => {
      const classifier = context.classifier();
      const [active, history] = await Promise.all([
        store.lexiconOverrides.active(),
        store.lexiconOverrides.list(),
      ]);
      return {
        lexiconVersion: classifier.versions.lexicon,
        indicators: [...classifier.indicators],
        active: active ? versionView(active) : null,
        threshold: thresholdInForce(context, active?.flagThreshold, active?._id ?? null),
        history: history.map(versionView),
      };
    },
  );

  app.post(
    '/api/quality/lexicon/preview',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description: `Re-scores the decided ads (decided in [from, to], the ${maxPreviewAds} most recent at most) under the override in force and with the change: flags that appear and disappear, precision and recall on the decisions.`,
        querystring: decisionQuery,
        body: adjustmentChange,
        response: responses({ 200: previewFigures }),
      },
    },
    async (request) => {
      const change = request.body;
      const classifier = context.classifier();
      checkChange(classifier, change);
      const active = await store.lexiconOverrides.active();
      const current = toLexiconOverride(active);
      const proposedAdjustments = withChange(active?.adjustments ?? [], change);
      const ads = await store.decisionStats.decidedTexts(
        decisionFilter(request.query),
        maxPreviewAds + 1,
      );
      const figures = await previewOverride(classifier, ads.slice(0, maxPreviewAds), current, {
        id: 'proposal',
        adjustments: toIndicatorAdjustments(proposedAdjustments),
        ...(active?.flagThreshold !== undefined ? { flagThreshold: active.flagThreshold } : {}),
      });
      return {
        ...figures,
        limited: ads.length > maxPreviewAds,
        adjustments: proposedAdjustments,
      };
    },
  );

  app.post(
    '/api/quality/lexicon',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description:
          'Saves the change as a new override version on top of the one in force (audited). Workers use it within seconds; `adwatch rescore` re-scores stored ads with it.',
        body: saveChangeBody,
        response: responses({ 200: overrideVersion }),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const body = request.body;
      checkChange(context.classifier(), body.change);
      const active = await store.lexiconOverrides.active();
      const saved = await store.lexiconOverrides.save({
        adjustments: withChange(active?.adjustments ?? [], body.change),
        ...(active?.flagThreshold !== undefined ? { flagThreshold: active.flagThreshold } : {}),
        change: 'adjust',
        ...(body.note ? { note: body.note } : {}),
        createdBy: session.user.username,
      });
      await audit(context, request, session, 'lexicon_change', null, {
        version: saved._id,
        previous: active?._id ?? null,
        change: body.change,
        ...(body.note ? { note: body.note } : {}),
      });
      return versionView(saved);
    },
  );

  app.post(
    '/api/quality/lexicon/versions/:id/revert',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['quality'],
        description:
          'Undoes a saved version: saves a new version holding the state before it (the shipped lexicon and configured threshold when it was the first). Audited.',
        params: versionIdParams,
        // Optional: a revert needs no more than its address.
        body: revertBody.optional(),
        response: responses({ 200: overrideVersion }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const note = request.body?.note;
      const target = await store.lexiconOverrides.findById(id);
      if (!target) throw notFound(`lexicon override version ${id}`);
      const [active, before] = await Promise.all([
        store.lexiconOverrides.active(),
        store.lexiconOverrides.before(target.seq),
      ]);
      const saved = await store.lexiconOverrides.save({
        adjustments: before?.adjustments ?? [],
        ...(before?.flagThreshold !== undefined ? { flagThreshold: before.flagThreshold } : {}),
        change: 'revert',
        reverts: target._id,
        ...(note ? { note } : {}),
        createdBy: session.user.username,
      });
      await audit(context, request, session, 'lexicon_revert', null, {
        version: saved._id,
        reverts: target._id,
        previous: active?._id ?? null,
        restores: before?._id ?? 'shipped',
        ...(note ? { note } : {}),
      });
      return versionView(saved);
    },
  );
}

/** Refuses an unknown indicator, or a weight that would turn a risk indicator into a legitimacy signal. */
function checkChange(classifier: Classifier, change: AdjustmentChange): void {
  const indicator = classifier.indicators.find((i) => i.id === change.indicatorId);
  if (!indicator) {
    throw new ApiError(
      ErrorCode.InputInvalid,
      `no indicator "${change.indicatorId}" in the lexicon`,
    );
  }
  const kinds = [change.weight !== undefined, change.disabled === true, change.reset === true];
  if (kinds.filter(Boolean).length !== 1) {
    throw new ApiError(
      ErrorCode.InputInvalid,
      'a change sets exactly one of: weight, disabled: true, reset: true',
    );
  }
  if (
    change.weight !== undefined &&
    change.weight !== 0 &&
    Math.sign(change.weight) !== Math.sign(indicator.weight)
  ) {
    throw new ApiError(
      ErrorCode.InputInvalid,
      `"${indicator.id}" ships with weight ${indicator.weight}; a new weight keeps its sign (${indicator.weight < 0 ? 'legitimacy signals lower the score' : 'risk indicators raise it'}), or disable it`,
    );
  }
}

/** The adjustments with the change applied: one entry per indicator and language. */
export function withChange(
  adjustments: readonly StoredAdjustment[],
  change: AdjustmentChange,
): StoredAdjustment[] {
  const kept = adjustments.filter(
    (a) => !(a.indicatorId === change.indicatorId && a.lang === change.lang),
  );
  if (!change.reset) {
    kept.push({
      indicatorId: change.indicatorId,
      lang: change.lang,
      ...(change.disabled ? { disabled: true } : { weight: change.weight }),
    });
  }
  return kept.sort(
    (a, b) => a.indicatorId.localeCompare(b.indicatorId) || a.lang.localeCompare(b.lang),
  );
}
