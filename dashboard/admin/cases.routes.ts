import type { FastifyInstance } from 'fastify';
import type { CaseRecord, Store } from '../../store/index.js';
import { toAdSummary } from '../ads/ad-view.js';
import {
  caseAdParams,
  caseAdsBody,
  caseBody,
  caseInfo,
  caseList,
  caseParams,
  caseWithAds,
  type CaseInfo,
} from '../contract/admin.contract.js';
import { responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { notFound } from '../http/http-errors.js';

/** Cases: supervisors group ads under a name. The case itself is returned unwrapped. */
export function registerCaseRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/cases',
    {
      config: { role: 'supervisor' },
      schema: { tags: ['cases'], response: responses({ 200: caseList }) },
    },
    async () => ({
      cases: (await store.cases.list()).map(toCaseInfo),
    }),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['cases'],
        params: caseParams,
        response: responses({ 200: caseWithAds }, 404),
      },
    },
    async (request) => {
      const { id } = request.params;
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
        body: caseBody,
        response: responses({ 201: caseInfo }),
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const body = request.body;
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
        body: caseAdsBody,
        response: responses({ 200: caseWithAds }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const { adIds } = request.body;
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
        params: caseAdParams,
        response: responses({ 200: caseWithAds }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id, adId } = request.params;
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

function toCaseInfo(record: CaseRecord): CaseInfo {
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
