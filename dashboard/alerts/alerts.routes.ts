import type { FastifyInstance } from 'fastify';
import { decodeAdCursor, type AlertRecord } from '../../store/index.js';
import {
  alertAssignBody,
  alertCount,
  alertIdParams,
  alertInfo,
  alertListQuery,
  alertPage,
  type AlertInfo,
} from '../contract/alerts.contract.js';
import { responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { checkAssignee } from '../ads/review.routes.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { ErrorCode } from '../../core/index.js';

/** The alerts page and the navigation badge: list, count, acknowledge, assign. */
export function registerAlertRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/alerts',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['alerts'],
        description: 'Alerts newest first, filtered by status and kind, in cursor pages.',
        querystring: alertListQuery,
        response: responses({ 200: alertPage }),
      },
    },
    async (request) => {
      const query = request.query;
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
        query.limit,
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
        response: responses({ 200: alertCount }),
      },
    },
    async () => ({ open: await store.alerts.countOpen() }),
  );

  app.get(
    '/api/alerts/:id',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['alerts'],
        params: alertIdParams,
        response: responses({ 200: alertInfo }, 404),
      },
    },
    async (request) => {
      const { id } = request.params;
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
        params: alertIdParams,
        response: responses({ 200: alertInfo }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
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
        params: alertIdParams,
        body: alertAssignBody,
        response: responses({ 200: alertInfo }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const { assignee: wanted } = request.body;
      if (!(await store.alerts.findById(id))) throw notFound(`alert ${id}`);
      const assignee = await checkAssignee(context, wanted);
      const alert = await store.alerts.assign(id, assignee);
      if (!alert) throw notFound(`alert ${id}`);
      await audit(context, request, session, 'alert_assign', { alertId: id }, { assignee });
      return toAlertView(alert);
    },
  );
}

function toAlertView(alert: AlertRecord): AlertInfo {
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
