import type { FastifyInstance } from 'fastify';
import { alertKinds, type AlertKind } from '../../config/index.js';
import { AlertStatus, decodeAdCursor, type AlertRecord } from '../../store/index.js';
import { checkAssignee } from '../ads/review.routes.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { ErrorCode } from '../../core/index.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const deliveryView = {
  type: 'object',
  properties: {
    channel: { type: 'string' },
    status: { type: 'string' },
    attempts: { type: 'integer' },
    lastError: { type: ['string', 'null'] },
    sentAt: { type: ['string', 'null'] },
  },
} as const;

/** An alert as the dashboard shows it; the response schema keeps out the internal event key. */
const alertView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    detail: { type: 'string' },
    target: {
      type: 'object',
      properties: {
        campaignId: { type: 'string' },
        entityKey: { type: 'string' },
        adId: { type: 'string' },
        dimension: { type: 'string' },
        value: { type: 'string' },
      },
    },
    firedAt: { type: 'string' },
    status: { type: 'string' },
    assignee: { type: ['string', 'null'] },
    acknowledgedBy: { type: ['string', 'null'] },
    acknowledgedAt: { type: ['string', 'null'] },
    deliveries: { type: 'array', items: deliveryView },
  },
} as const;

/** The alerts page and the navigation badge: list, count, acknowledge, assign. */
export function registerAlertRoutes(app: FastifyInstance, context: DashboardContext): void {
  const { store } = context;

  app.get(
    '/api/alerts',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['alerts'],
        description: 'Alerts newest first, filtered by status and kind, in cursor pages.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: Object.values(AlertStatus) },
            kind: { type: 'string', enum: alertKinds },
            cursor: { type: 'string', maxLength: 400 },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: alertView },
              nextCursor: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (request) => {
      const query = request.query as {
        status?: AlertStatus;
        kind?: AlertKind;
        cursor?: string;
        limit?: number;
      };
      if (query.cursor && !decodeAdCursor(query.cursor))
        throw new ApiError(
          ErrorCode.InputInvalid,
          'cursor is not one this server gave out; start from the first page',
        );
      const page = await store.alerts.list(
        {
          ...(query.status ? { status: query.status } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
        },
        query.cursor ?? null,
        query.limit ?? 50,
      );
      return { items: page.items.map(toAlertView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/alerts/count',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['alerts'],
        description: 'Open (unacknowledged) alerts, for the badge in the navigation.',
        response: { 200: { type: 'object', properties: { open: { type: 'integer' } } } },
      },
    },
    async () => ({ open: await store.alerts.countOpen() }),
  );

  app.get(
    '/api/alerts/:id',
    {
      config: { role: 'analyst' },
      schema: { tags: ['alerts'], params: idParams, response: { 200: alertView } },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const alert = await store.alerts.findById(id);
      if (!alert) throw notFound(`alert ${id}`);
      return toAlertView(alert);
    },
  );

  app.post(
    '/api/alerts/:id/acknowledge',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['alerts'],
        description: 'Marks an open alert acknowledged; acknowledging it again changes nothing.',
        params: idParams,
        response: { 200: alertView },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params as { id: string };
      const { alert, changed } = await store.alerts.acknowledge(
        id,
        session.user.username,
        new Date(),
      );
      if (!alert) throw notFound(`alert ${id}`);
      if (changed)
        await audit(
          context,
          request,
          session,
          'alert_acknowledge',
          { alertId: id },
          {
            kind: alert.kind,
          },
        );
      return toAlertView(alert);
    },
  );

  app.post(
    '/api/alerts/:id/assign',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['alerts'],
        description: 'Sets who follows the alert up (an active user), or clears it with null.',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['assignee'],
          properties: { assignee: { type: ['string', 'null'], maxLength: 100 } },
        },
        response: { 200: alertView },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params as { id: string };
      const { assignee: wanted } = request.body as { assignee: string | null };
      if (!(await store.alerts.findById(id))) throw notFound(`alert ${id}`);
      const assignee = await checkAssignee(context, wanted);
      const alert = await store.alerts.assign(id, assignee);
      if (!alert) throw notFound(`alert ${id}`);
      await audit(context, request, session, 'alert_assign', { alertId: id }, { assignee });
      return toAlertView(alert);
    },
  );
}

function toAlertView(alert: AlertRecord) {
  return {
    id: alert._id,
    kind: alert.kind,
    title: alert.title,
    detail: alert.detail,
    target: alert.target,
    firedAt: alert.firedAt.toISOString(),
    status: alert.status,
    assignee: alert.assignee ?? null,
    acknowledgedBy: alert.acknowledgedBy ?? null,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    deliveries: alert.deliveries.map((d) => ({
      channel: d.channel,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError ?? null,
      sentAt: d.sentAt?.toISOString() ?? null,
    })),
  };
}
