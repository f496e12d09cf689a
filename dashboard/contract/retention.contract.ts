import { z } from 'zod';
import { timestamp } from './common.contract.js';

/** Legal holds and what the retention policy already removed from an ad. */

/** Why a hold is placed or lifted: the audit trail and the retention report show it. */
export const reasonBody = z.strictObject({
  reason: z.string().min(3).max(1_000).regex(/\S/),
});
export type ReasonBody = z.input<typeof reasonBody>;

export const legalHold = z.object({ reason: z.string(), by: z.string(), at: timestamp });
export type LegalHoldView = z.infer<typeof legalHold>;

/** The ad page's retention panel. */
export const adRetention = z.object({
  adId: z.string(),
  legalHold: legalHold.nullable(),
  cases: z.array(z.object({ id: z.string(), name: z.string() })),
  capturesDeletedAt: timestamp.nullable(),
  deletedCaptures: z.number().int(),
  reducedAt: timestamp.nullable(),
});
export type AdRetention = z.infer<typeof adRetention>;
