import type { FastifyRequest } from 'fastify';
import type { AuditRecord } from '../../store/index.js';
import type { DashboardContext, RequestSession } from '../dashboard.context.js';

/** Appends an audit entry for the caller of a request. */
export async function audit(
  context: DashboardContext,
  request: FastifyRequest,
  session: Pick<RequestSession, 'user'>,
  action: string,
  target: AuditRecord['target'] = null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await context.store.audit.append({
    actor: session.user.username,
    role: session.user.role,
    action,
    target,
    details,
    ip: request.ip,
  });
}
