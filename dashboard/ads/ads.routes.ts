import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { decodeCursor, type TriageFilter } from '../../store/index.js';
import {
  adDetail,
  adIdParams,
  adListQuery,
  adPage,
  assignableUsers,
  dismissReasons,
  indicatorList,
} from '../contract/ads.contract.js';
import { responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { contactSearchKeys, toAdDetail, toAdSummary } from './ad-view.js';
import { ErrorCode } from '../../core/index.js';

/** The triage queue, the ad view and the lists the UI's filters offer. */
export function registerAdRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/ads',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['triage'],
        description:
          'Flagged ads, by score then first seen then id, with filters, cursor pagination and counts per status (same filters without status; a count stops at 1,000 and its status is then listed in countsCapped: more than that many). group=campaign puts the ads of one campaign under one row (its first ad in this order, with the number of its ads matching the filter).',
        querystring: adListQuery,
        response: responses({ 200: adPage }),
      },
    },
    async (request) => {
      const query = request.query;
      const filter = triageFilter(query);
      if (query.cursor && !decodeCursor(query.cursor)) {
        throw new ApiError(
          ErrorCode.InputInvalid,
          'cursor is not one this server gave out; start from the first page',
        );
      }
      const cursor = query.cursor ?? null;
      const limit = query.limit;
      if (query.group === 'campaign') {
        // A campaign's ads under one row: the analyst reviews an offer once, not ten times.
        const [page, counts] = await Promise.all([
          store.triage.listGrouped(filter, cursor, limit),
          store.triage.countsByStatus(filter),
        ]);
        const items = page.items.map(({ lead, count, open }) => ({
          ...toAdSummary(lead),
          group: { count, open },
        }));
        return {
          items,
          nextCursor: page.nextCursor,
          counts: counts.counts,
          countsCapped: counts.capped,
        };
      }
      const [page, counts] = await Promise.all([
        store.triage.list(filter, cursor, limit),
        store.triage.countsByStatus(filter),
      ]);
      return {
        items: page.items.map(toAdSummary),
        nextCursor: page.nextCursor,
        counts: counts.counts,
        countsCapped: counts.capped,
      };
    },
  );

  app.get(
    '/api/ads/:id',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['triage'],
        params: adIdParams,
        response: responses({ 200: adDetail }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const ad = await store.ads.findById(id);
      if (!ad) throw notFound(`ad ${id}`);
      await audit(context, request, session, 'ad_view', { adId: id });
      return toAdDetail(store, ad);
    },
  );

  app.get(
    '/api/dismiss-reasons',
    {
      config: { role: 'analyst' },
      schema: { tags: ['review'], response: responses({ 200: dismissReasons }) },
    },
    () => Promise.resolve({ reasons: context.settings.dismissReasons }),
  );

  app.get(
    '/api/indicators',
    {
      config: { role: 'analyst' },
      schema: { tags: ['triage'], response: responses({ 200: indicatorList }) },
    },
    async () => ({ indicators: await store.triage.indicators() }),
  );

  app.get(
    '/api/users/assignable',
    {
      config: { role: 'analyst' },
      schema: { tags: ['review'], response: responses({ 200: assignableUsers }) },
    },
    async () => ({
      users: (await store.users.list())
        .filter((u) => !u.disabled)
        .map((u) => ({ username: u.username })),
    }),
  );
}

function triageFilter(query: z.output<typeof adListQuery>): TriageFilter {
  const filter: TriageFilter = {};
  if (query.status) filter.status = query.status;
  if (query.minScore !== undefined) filter.minScore = query.minScore;
  if (query.maxScore !== undefined) filter.maxScore = query.maxScore;
  if (query.indicator) filter.indicator = query.indicator;
  if (query.lang) filter.lang = query.lang;
  if (query.source) filter.source = query.source;
  if (query.from) filter.from = new Date(query.from);
  if (query.to) filter.to = new Date(query.to);
  if (query.assignee) filter.assignee = query.assignee.toLowerCase();
  if (query.contact) filter.contacts = contactSearchKeys(query.contact);
  if (query.q?.trim()) filter.text = query.q.trim();
  if (query.campaign) filter.campaign = query.campaign;
  return filter;
}
