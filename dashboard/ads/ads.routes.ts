import type { FastifyInstance } from 'fastify';
import { decodeCursor, ReviewStatus, type TriageFilter } from '../../store/index.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { contactSearchKeys, toAdDetail, toAdSummary } from './ad-view.js';
import { ErrorCode } from '../../core/index.js';

export const maxPageSize = 200;

/** The triage filter as query parameters: dates as text, one contact, `q` for the full text. */
type AdListQuery = Omit<TriageFilter, 'from' | 'to' | 'contacts' | 'text'> & {
  from?: string;
  to?: string;
  contact?: string;
  q?: string;
  cursor?: string;
  limit?: number;
  group?: 'campaign' | 'none';
};

const shortText = { type: 'string', maxLength: 200 } as const;

export const adIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** The triage queue, the ad view and the lists the UI's filters offer. */
export function registerAdRoutes(app: FastifyInstance, context: DashboardContext): void {
  const { store } = context;

  app.get(
    '/api/ads',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['triage'],
        description:
          'Flagged ads, by score then first seen then id, with filters, cursor pagination and counts per status (same filters without status). group=campaign puts the ads of one campaign under one row (its first ad in this order, with the number of its ads matching the filter).',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: Object.values(ReviewStatus) },
            minScore: { type: 'number', minimum: 0, maximum: 100 },
            maxScore: { type: 'number', minimum: 0, maximum: 100 },
            indicator: shortText,
            lang: shortText,
            source: shortText,
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            assignee: shortText,
            contact: shortText,
            q: shortText,
            campaign: { type: 'string', pattern: '^c-[0-9a-f]{12}$' },
            group: { type: 'string', enum: ['campaign', 'none'], default: 'none' },
            cursor: { type: 'string', maxLength: 400 },
            limit: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 50 },
          },
        },
      },
    },
    async (request) => {
      const query = request.query as AdListQuery;
      const filter = triageFilter(query);
      if (query.cursor && !decodeCursor(query.cursor)) {
        throw new ApiError(
          ErrorCode.InputInvalid,
          'cursor is not one this server gave out; start from the first page',
        );
      }
      const cursor = query.cursor ?? null;
      const limit = query.limit ?? 50;
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
        return { items, nextCursor: page.nextCursor, counts };
      }
      const [page, counts] = await Promise.all([
        store.triage.list(filter, cursor, limit),
        store.triage.countsByStatus(filter),
      ]);
      return { items: page.items.map(toAdSummary), nextCursor: page.nextCursor, counts };
    },
  );

  app.get(
    '/api/ads/:id',
    { config: { role: 'analyst' }, schema: { tags: ['triage'], params: adIdParams } },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params as { id: string };
      const ad = await store.ads.findById(id);
      if (!ad) throw notFound(`ad ${id}`);
      await audit(context, request, session, 'ad_view', { adId: id });
      return toAdDetail(store, ad);
    },
  );

  app.get(
    '/api/dismiss-reasons',
    { config: { role: 'analyst' }, schema: { tags: ['review'] } },
    () => Promise.resolve({ reasons: context.settings.dismissReasons }),
  );

  app.get(
    '/api/indicators',
    { config: { role: 'analyst' }, schema: { tags: ['triage'] } },
    async () => ({ indicators: await store.triage.indicators() }),
  );

  app.get(
    '/api/users/assignable',
    { config: { role: 'analyst' }, schema: { tags: ['review'] } },
    async () => ({
      users: (await store.users.list())
        .filter((u) => !u.disabled)
        .map((u) => ({ username: u.username })),
    }),
  );
}

function triageFilter(query: AdListQuery): TriageFilter {
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
