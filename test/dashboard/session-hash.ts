import { createHash } from 'node:crypto';

/** The stored id of a session cookie value (sha256 hex), as dashboard/auth/sessions.ts computes it. */
export function hashSessionIdForTest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
