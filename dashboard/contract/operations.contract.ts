import { z } from 'zod';
import { timestamp } from './common.contract.js';

/** Health of the pipeline and the server. */

export const queueHealth = z.object({
  waiting: z.number().int(),
  active: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  delayed: z.number().int(),
});
export type QueueHealth = z.infer<typeof queueHealth>;

export const healthReport = z.object({
  queues: z.record(z.string(), queueHealth),
  sources: z.array(
    z.object({
      id: z.string(),
      lastScanAt: timestamp.nullable(),
      lastError: z.string().nullable(),
      lastErrorAt: timestamp.nullable(),
      consecutiveFailures: z.number().int(),
      healthy: z.boolean(),
    }),
  ),
  workers: z.array(
    z.object({ name: z.string(), addr: z.string(), age: z.number(), queue: z.string() }),
  ),
  store: z.object({
    ads: z.number().int(),
    flagged: z.number().int(),
    captures: z.number().int(),
  }),
});
export type HealthReport = z.infer<typeof healthReport>;

export const alive = z.object({ ok: z.literal(true) });
