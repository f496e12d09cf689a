import type { FastifyInstance } from 'fastify';
import type { AuditRecord } from '../../store/index.js';
import { auditPage, auditQuery, type AuditEntry } from '../contract/admin.contract.js';
import { responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import type { DashboardContext } from '../dashboard.context.js';

/** The audit trail for supervisors, newest first, filtered by user, ad or time. */
export function registerAuditRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  app.get(
    '/api/audit',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['audit'],
        querystring: auditQuery,
        response: responses({ 200: auditPage }),
      },
    },
    async (request) => {
      const q = request.query;
      const page = await context.store.audit.list(
        {
          ...(q.user ? { actor: q.user.toLowerCase() } : {}),
          ...(q.ad ? { adId: q.ad } : {}),
          ...(q.from ? { from: new Date(q.from) } : {}),
          ...(q.to ? { to: new Date(q.to) } : {}),
        },
        q.cursor ?? null,
        q.limit,
      );
      return { items: page.items.map(toAuditEntry), nextCursor: page.nextCursor };
    },
  );
}

function toAuditEntry(record: AuditRecord): AuditEntry {
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
