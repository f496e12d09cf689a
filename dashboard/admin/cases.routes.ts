import type { FastifyInstance } from 'fastify';
import type { CaseRecord, Store } from '../../store/index.js';
import { toAdSummary } from '../ads/ad-view.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { notFound } from '../http/http-errors.js';

const caseParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

/** Cases: supervisors group ads under a name. The case itself is returned unwrapped. */
export function registerCaseRoutes(app: FastifyInstance, context: DashboardContext): void {
  const { store } = context;

  app.get(
    '/api/cases',
    { config: { role: 'supervisor' }, schema: { tags: ['cases'] } },
    async () => ({
      cases: (await store.cases.list()).map(toCaseInfo),
    }),
  );

  app.get(
    '/api/cases/:id',
    { config: { role: 'supervisor' }, schema: { tags: ['cases'], params: caseParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      const record = await store.cases.findById(id);
      if (!record) throw notFound(`case ${id}`);
      return withAds(store, record);
    },
  );

  app.post(
    '/api/cases',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['cases'],
        body: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            description: { type: 'string', maxLength: 5_000 },
          },
        },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const body = request.body as { name: string; description?: string };
      const record = await store.cases.create({
        name: body.name.trim(),
        ...(body.description ? { description: body.description } : {}),
        createdBy: session.user.username,
      });
      await audit(
        context,
        request,
        session,
        'case_create',
        { caseId: record._id },
        { name: record.name },
      );
      return reply.code(201).send(toCaseInfo(record));
    },
  );

  app.post(
    '/api/cases/:id/ads',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['cases'],
        params: caseParams,
        body: {
          type: 'object',
          required: ['adIds'],
          properties: {
            adIds: {
              type: 'array',
              minItems: 1,
              maxItems: 500,
              items: { type: 'string', maxLength: 64 },
            },
          },
        },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params as { id: string };
      const { adIds } = request.body as { adIds: string[] };
      for (const adId of adIds) {
        if (!(await store.ads.findById(adId))) throw notFound(`ad ${adId}`);
      }
      const record = await store.cases.addAds(id, adIds);
      if (!record) throw notFound(`case ${id}`);
      for (const adId of adIds) {
        await store.reviews.add({
          adId,
          at: new Date(),
          user: session.user.username,
          action: 'case',
          to: id,
        });
        await audit(context, request, session, 'case_add', { caseId: id, adId });
      }
      return withAds(store, record);
    },
  );

  app.delete(
    '/api/cases/:id/ads/:adId',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['cases'],
        params: {
          type: 'object',
          required: ['id', 'adId'],
          properties: {
            id: { type: 'string', maxLength: 64 },
            adId: { type: 'string', maxLength: 64 },
          },
        },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id, adId } = request.params as { id: string; adId: string };
      const record = await store.cases.removeAd(id, adId);
      if (!record) throw notFound(`case ${id}`);
      await store.reviews.add({
        adId,
        at: new Date(),
        user: session.user.username,
        action: 'case',
        from: id,
      });
      await audit(context, request, session, 'case_remove', { caseId: id, adId });
      return withAds(store, record);
    },
  );
}

function toCaseInfo(record: CaseRecord) {
  return {
    id: record._id,
    name: record.name,
    ...(record.description ? { description: record.description } : {}),
    adIds: record.adIds,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
  };
}

async function withAds(store: Store, record: CaseRecord) {
  const ads = await Promise.all(record.adIds.map((id) => store.ads.findById(id)));
  return { ...toCaseInfo(record), ads: ads.flatMap((ad) => (ad ? [toAdSummary(ad)] : [])) };
}
