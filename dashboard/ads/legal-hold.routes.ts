import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdRecord, LegalHold } from '../../store/index.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';

const params = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** Why a hold is placed or lifted: the audit trail and the retention report show it. */
const reasonBody = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 3, maxLength: 1_000, pattern: '\\S' } },
} as const;

const holdSchema = {
  type: ['object', 'null'],
  required: ['reason', 'by', 'at'],
  properties: {
    reason: { type: 'string' },
    by: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
  },
} as const;

/** The ad page's retention panel (AdRetention in dashboard/ui/src/ad/retention-panel.tsx). */
const retentionSchema = {
  type: 'object',
  required: ['adId', 'legalHold', 'cases', 'capturesDeletedAt', 'deletedCaptures', 'reducedAt'],
  properties: {
    adId: { type: 'string' },
    legalHold: holdSchema,
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'string' }, name: { type: 'string' } },
      },
    },
    capturesDeletedAt: { type: ['string', 'null'], format: 'date-time' },
    deletedCaptures: { type: 'integer' },
    reducedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/**
 * Legal holds: a supervisor keeps an ad from the retention policy (store/retention.repository.ts)
 * with a reason, and lifts the hold with another; both are audited. Any analyst sees whether an
 * ad is held, in which cases, and what retention already removed from it.
 */
export function registerLegalHoldRoutes(app: FastifyInstance, context: DashboardContext): void {
  const { store } = context;

  const retentionOf = async (ad: AdRecord) => {
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
      schema: { tags: ['retention'], params, response: { 200: retentionSchema } },
    },
    async (request) => retentionOf(await load((request.params as { id: string }).id)),
  );

  app.post(
    '/api/ads/:id/legal-hold',
    holdRoute(
      'Places the ad under legal hold (or changes its reason): retention never deletes or reduces it while held. Audited as legal_hold_set.',
    ),
    async (request) => {
      const session = sessionOf(request);
      const { id, reason } = holdInput(request);
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
      const { id, reason } = holdInput(request);
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
      params,
      body: reasonBody,
      response: { 200: retentionSchema },
    },
  };
}

function holdInput(request: FastifyRequest): { id: string; reason: string } {
  const { id } = request.params as { id: string };
  const { reason } = request.body as { reason: string };
  return { id, reason: reason.trim() };
}

function holdView(hold: LegalHold) {
  return { reason: hold.reason, by: hold.by, at: hold.at.toISOString() };
}
