import { z } from 'zod';
import { adSummary } from './ads.contract.js';
import { cursor, dateTimeQuery, queryInt, role, timestamp } from './common.contract.js';

/** Cases, accounts and the audit trail. */

export const caseParams = z.object({ id: z.string().max(64) });
export const caseAdParams = z.object({ id: z.string().max(64), adId: z.string().max(64) });

export const caseInfo = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  adIds: z.array(z.string()),
  createdBy: z.string(),
  createdAt: timestamp,
});
/** A case; the routes on one case embed its ads' summaries (`ads`). */
export const caseWithAds = caseInfo.extend({ ads: z.array(adSummary) });
export type CaseInfo = z.infer<typeof caseInfo> & { ads?: z.infer<typeof adSummary>[] };

export const caseList = z.object({ cases: z.array(caseInfo) });

export const caseBody = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(5_000).optional(),
});
export const caseAdsBody = z.object({ adIds: z.array(z.string().max(64)).min(1).max(500) });

export const usernameParams = z.object({ username: z.string().max(40) });

/** An account as admins see it; never its password hash or sessions. */
export const userInfo = z.object({
  username: z.string(),
  role,
  disabled: z.boolean(),
  createdAt: timestamp,
  lastLoginAt: timestamp.nullable(),
  /** When the lock from failed logins ends; may be past (kept until a login, unlock or reset). */
  lockedUntil: timestamp.nullable(),
});
export type UserInfo = z.infer<typeof userInfo>;

export const userList = z.object({ users: z.array(userInfo) });

export const userBody = z.object({
  username: z.string().regex(/^[A-Za-z0-9._-]{2,40}$/),
  role,
  password: z.string().max(1000),
});
export type UserBody = z.input<typeof userBody>;
export const userCreated = z.object({ username: z.string(), role });

export const passwordBody = z.object({ password: z.string().max(1000) });

export const auditQuery = z.strictObject({
  user: z.string().max(100).optional(),
  ad: z.string().max(64).optional(),
  from: dateTimeQuery.optional(),
  to: dateTimeQuery.optional(),
  cursor: cursor.max(100).optional(),
  limit: queryInt(1, 500, 100),
});

export const auditEntry = z.object({
  seq: z.number().int(),
  at: timestamp,
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = z.object({
  items: z.array(auditEntry),
  nextCursor: z.string().nullable(),
});
