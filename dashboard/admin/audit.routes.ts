import type { FastifyInstance } from 'fastify';
import type { AuditRecord } from '../../store/index.js';
import type { DashboardContext } from '../dashboard.context.js';

/** The audit trail for supervisors, newest first, filtered by user, ad or time. */
export function registerAuditRoutes(app: FastifyInstance, context: DashboardContext): void {
  app.get(
    '/api/audit',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['audit'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            user: { type: 'string', maxLength: 100 },
            ad: { type: 'string', maxLength: 64 },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            cursor: { type: 'string', maxLength: 100 },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as {
        user?: string;
        ad?: string;
        from?: string;
        to?: string;
        cursor?: string;
        limit?: number;
      };
      const page = await context.store.audit.list(
        {
          ...(q.user ? { actor: q.user.toLowerCase() } : {}),
          ...(q.ad ? { adId: q.ad } : {}),
          ...(q.from ? { from: new Date(q.from) } : {}),
          ...(q.to ? { to: new Date(q.to) } : {}),
        },
        q.cursor ?? null,
        q.limit ?? 100,
      );
      return { items: page.items.map(toAuditEntry), nextCursor: page.nextCursor };
    },
  );
}

function toAuditEntry(record: AuditRecord) {
  const target = record.target;
  return {
    seq: record.seq,
    at: record.at.toISOString(),
    actor: record.actor,
    action: record.action,
    target: target
      ? [
          target.adId ? `ad:${target.adId}` : '',
          target.caseId ? `case:${target.caseId}` : '',
          target.username ? `user:${target.username}` : '',
        ]
          .filter(Boolean)
          .join(' ') || null
      : null,
    details: record.details,
    hash: record.hash,
  };
}
