import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { allQueueNames } from '../../workers/index.js';
import type { DashboardContext } from '../dashboard.context.js';

export const bullBoardPath = '/admin/queues';

/** Bull Board for queue inspection, admin only (every route it adds is marked `admin`). */
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
      route.config = { ...(route.config ?? {}), role: 'admin' };
    });
    await child.register(serverAdapter.registerPlugin(), { prefix: bullBoardPath });
  });
}
