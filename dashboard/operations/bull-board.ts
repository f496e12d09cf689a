import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { allQueueNames } from '../../workers/index.js';
import type { DashboardContext } from '../dashboard.context.js';
import { audit } from '../http/request-audit.js';
import { bullBoardPolicy } from '../http/security-headers.js';

export const bullBoardPath = '/admin/queues';

/**
 * Bull Board for queue inspection and repair (retry, clean, pause), admin only: every route it
 * adds is marked `admin`. Its pages cannot send the CSRF header, so its writes are accepted when
 * the browser marks them same-origin instead (see sameOriginWrites); each one is audited.
 */
export async function registerBullBoard(
  app: FastifyInstance,
  context: DashboardContext,
): Promise<void> {
  const queues = context.queues;
  if (!queues) return;
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(bullBoardPath);
  createBullBoard({
    queues: allQueueNames.map((name) => new BullMQAdapter(queues.byName(name))),
    // @bull-board/fastify carries its own copy of @bull-board/api; the two agree at runtime.
    serverAdapter: serverAdapter as unknown as Parameters<
      typeof createBullBoard
    >[0]['serverAdapter'],
  });
  await app.register(async (child) => {
    child.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), role: 'admin', sameOriginWrites: true };
    });
    // Runs after the dashboard's own onRequest hook, so this policy replaces the main one.
    child.addHook('onRequest', async (_request, reply) => {
      reply.header('content-security-policy', bullBoardPolicy);
    });
    child.addHook('onSend', async (_request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      return typeof payload === 'string' && type.startsWith('text/html')
        ? withoutExternalStylesheets(payload)
        : payload;
    });
    // Before the answer goes out, refusals included (their status says so).
    child.addHook('onSend', async (request, reply, payload) => {
      if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || !request.session) return payload;
      await audit(context, request, request.session, 'queue-admin', null, {
        method: request.method,
        path: request.url,
        status: reply.statusCode,
      });
      return payload;
    });
    await child.register(serverAdapter.registerPlugin(), { prefix: bullBoardPath });
  });
}

/**
 * Bull Board's page links its fonts from an external font service; without them it falls back
 * to the system's sans-serif and monospace fonts, and the admin's browser asks no one else.
 */
export function withoutExternalStylesheets(html: string): string {
  return html.replace(/<link\b[^>]*\bhref=["']?(?:https?:)?\/\/[^>]*>/gi, '');
}
