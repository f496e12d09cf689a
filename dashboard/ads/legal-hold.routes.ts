import type { FastifyInstance } from 'fastify';
import type { AdRecord, LegalHold } from '../../store/index.js';
import { sessionOf } from '../auth/access.hook.js';
import { adIdParams } from '../contract/ads.contract.js';
import { responses } from '../contract/common.contract.js';
import {
  adRetention,
  reasonBody,
  type AdRetention,
  type LegalHoldView,
} from '../contract/retention.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import type { DashboardContext } from '../dashboard.context.js';
import { notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';

/**
 * Legal holds: a supervisor keeps an ad from the retention policy (store/retention.repository.ts)
 * with a reason, and lifts the hold with another; both are audited. Any analyst sees whether an
 * ad is held, in which cases, and what retention already removed from it.
 */
export function registerLegalHoldRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  const retentionOf = async (ad: AdRecord): Promise<AdRetention> => {
    const cases = (await store.cases.list()).filter((c) => c.adIds.includes(ad._id));
    return {
      adId: ad._id,
      legalHold: ad.legalHold ? holdView(ad.legalHold) : null,
      cases: cases.map((c) => ({ id: c._id, name: c.name })),
      capturesDeletedAt: ad.retention?.capturesDeletedAt?.toISOString() ?? null,
      deletedCaptures: ad.retention?.deletedCaptures?.length ?? 0,
      reducedAt: ad.retention?.reducedAt?.toISOString() ?? null,
    };
  };

  const load = async (id: string): Promise<AdRecord> => {
    const ad = await store.ads.findById(id);
    if (!ad) throw notFound(`ad ${id}`);
    return ad;
  };

  app.get(
    '/api/ads/:id/retention',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['retention'],
        params: adIdParams,
        response: responses({ 200: adRetention }, 404),
      },
    },
    async (request) => retentionOf(await load(request.params.id)),
  );

  app.post(
    '/api/ads/:id/legal-hold',
    holdRoute(
      'Places the ad under legal hold (or changes its reason): retention never deletes or reduces it while held. Audited as legal_hold_set.',
    ),
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const reason = request.body.reason.trim();
      const hold: LegalHold = { reason, by: session.user.username, at: new Date() };
      const result = await store.retention.setLegalHold(id, hold);
      if (!result) throw notFound(`ad ${id}`);
      await audit(
        context,
        request,
        session,
        'legal_hold_set',
        { adId: id },
        {
          reason: hold.reason,
          ...(result.previous ? { previous: holdView(result.previous) } : {}),
        },
      );
      return retentionOf(await load(id));
    },
  );

  app.delete(
    '/api/ads/:id/legal-hold',
    holdRoute(
      'Lifts the legal hold, giving the reason; the retention policy applies to the ad again. Audited as legal_hold_clear.',
    ),
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const reason = request.body.reason.trim();
      const result = await store.retention.clearLegalHold(id);
      if (!result) throw notFound(`ad ${id}`);
      if (result.previous) {
        await audit(
          context,
          request,
          session,
          'legal_hold_clear',
          { adId: id },
          { reason, hold: holdView(result.previous) },
        );
      }
      return retentionOf(await load(id));
    },
  );
}

/** A supervisor's change of a hold: the ad in the path, the reason in the body. */
function holdRoute(description: string) {
  return {
    config: { role: 'supervisor' as const },
    schema: {
      tags: ['retention'],
      description,
      params: adIdParams,
      body: reasonBody,
      response: responses({ 200: adRetention }, 404),
    },
  };
}

function holdView(hold: LegalHold): LegalHoldView {
  return { reason: hold.reason, by: hold.by, at: hold.at.toISOString() };
}
