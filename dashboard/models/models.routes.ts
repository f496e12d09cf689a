import type { FastifyInstance } from 'fastify';
import type { ModelStamp } from '../../store/index.js';
import {
  activateModel,
  activationRefusal,
  listModels,
  rollbackModel,
  startShadowRun,
  type ListedModel,
  type RolloutRules,
} from '../../workers/index.js';
import { sessionOf } from '../auth/access.hook.js';
import { responses } from '../contract/common.contract.js';
import {
  modelList,
  modelVersionParams,
  modelView,
  shadowReport,
  type ModelView,
} from '../contract/models.contract.js';
import type { DashboardContext } from '../dashboard.context.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { audit } from '../http/request-audit.js';

/** Ads a shadow report lists at most. */
export const maxShadowDifferences = 200;

/** Default rollout rules when the dashboard is built without them (config defaults). */
export const defaultRolloutRules: RolloutRules = { shadowMinAds: 200, shadowMinHours: 24 };

/**
 * The model registry for supervisors: the models side by side with their figures, a candidate's
 * shadow run and its differences from the active model, activation and rollback (audited).
 */
export function registerModelRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;
  const rules = context.modelRollout ?? defaultRolloutRules;
  const stampOf = (username: string): ModelStamp => ({ by: username, at: new Date() });

  app.get(
    '/api/models',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['models'],
        description:
          'Every registered model (and the committed one while it is in force) with status, who and when, figures and whether it may be activated now.',
        response: responses({ 200: modelList }),
      },
    },
    async () => {
      const now = new Date();
      const models = await listModels(store);
      return { models: models.map((m) => modelViewOf(m, rules, now)), rules };
    },
  );

  app.get(
    '/api/models/:version/shadow',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['models'],
        description: `A shadow run's counts and the ads (${maxShadowDifferences} at most) that one model flags and the other does not, with both scores.`,
        params: modelVersionParams,
        response: responses({ 200: shadowReport }),
      },
    },
    async (request) => {
      const { version } = request.params;
      const [counts, differences] = await Promise.all([
        store.models.shadowCounts(version),
        store.models.shadowDifferences(version, maxShadowDifferences),
      ]);
      return {
        version,
        counts,
        differences: differences.map((d) => ({
          adId: d.adId,
          title: d.title,
          lang: d.lang,
          score: d.score,
          flagged: d.flagged,
          activeVersion: d.activeVersion,
          activeScore: d.activeScore,
          activeFlagged: d.activeFlagged,
          at: d.at.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/models/:version/shadow',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['models'],
        description:
          'Starts the shadow run of a candidate (or retired model): it scores every new ad next to the active model, flags unchanged. Audited.',
        params: modelVersionParams,
        response: responses({ 200: modelView }, 404, 409),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { version } = request.params;
      await startShadowRun(store, version, stampOf(session.user.username));
      await audit(context, request, session, 'model_shadow', null, { version });
      return viewOf(version);
    },
  );

  app.post(
    '/api/models/:version/activate',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['models'],
        description:
          'Makes the model the active one, once its shadow run is long enough (else 409 with the reason). Workers use it within seconds. Audited.',
        params: modelVersionParams,
        response: responses({ 200: modelView }, 404, 409),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { version } = request.params;
      const { previous } = await activateModel(
        store,
        version,
        rules,
        stampOf(session.user.username),
      );
      await audit(context, request, session, 'model_activate', null, { version, previous });
      return viewOf(version);
    },
  );

  app.post(
    '/api/models/rollback',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['models'],
        description: 'Makes the model the active one replaced active again. Audited.',
        response: responses({ 200: modelView }, 409),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { model, from } = await rollbackModel(store, stampOf(session.user.username));
      await audit(context, request, session, 'model_rollback', null, {
        version: model._id,
        from,
      });
      return viewOf(model._id);
    },
  );

  async function viewOf(version: string): Promise<ModelView> {
    const listed = (await listModels(store)).find((m) => m._id === version);
    if (!listed) throw new Error(`model ${version} is not in the registry`);
    return modelViewOf(listed, rules, new Date());
  }
}

function modelViewOf(model: ListedModel, rules: RolloutRules, now: Date): ModelView {
  const stamp = (s: ModelStamp | undefined) => (s ? { by: s.by, at: s.at.toISOString() } : null);
  return {
    version: model._id,
    format: model.format,
    sha256: model.sha256,
    bytes: model.bytes,
    status: model.status,
    inForce: model.inForce,
    committed: model.committed,
    origin: model.origin,
    registered: { by: model.registered.by, at: model.registered.at.toISOString() },
    activated: stamp(model.activated),
    retired: stamp(model.retired),
    previousActive: model.previousActive ?? null,
    shadow: model.shadow
      ? {
          startedBy: model.shadow.startedBy,
          startedAt: model.shadow.startedAt.toISOString(),
          endedAt: model.shadow.endedAt?.toISOString() ?? null,
          scored: model.shadow.scored,
        }
      : null,
    figures: model.figures,
    activationRefusal: model.inForce ? 'it is in force' : activationRefusal(model, rules, now),
  };
}
