import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../../store/index.js';
import type { DashboardSettings, RequestSession } from '../dashboard.context.js';

export const sessionCookie = 'adwatch_session';

/** A session's lastSeenAt is written at most this often, so reads stay reads. */
const touchEveryMillis = 60_000;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Creates a session for a user and sets its cookie; returns the CSRF token. */
export async function startSession(
  store: Store,
  settings: DashboardSettings,
  reply: FastifyReply,
  username: string,
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await store.sessions.insert({
    _id: hashSessionId(id),
    username,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: expiry(settings, now, now),
  });
  void reply.setCookie(sessionCookie, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: settings.secureCookies,
  });
  return csrfToken;
}

/** The caller's live session, or undefined (no cookie, unknown, idle too long, too old, disabled user). */
export async function loadSession(
  store: Store,
  settings: DashboardSettings,
  request: FastifyRequest,
): Promise<RequestSession | undefined> {
  const id = request.cookies[sessionCookie];
  if (!id) return undefined;
  const idHash = hashSessionId(id);
  const session = await store.sessions.findById(idHash);
  if (!session) return undefined;
  const now = new Date();
  const idleDeadline = session.lastSeenAt.getTime() + settings.sessionIdleMinutes * 60_000;
  const maxDeadline = session.createdAt.getTime() + settings.sessionMaxHours * 3_600_000;
  if (now.getTime() > idleDeadline || now.getTime() > maxDeadline) {
    await store.sessions.delete(idHash);
    return undefined;
  }
  const user = await store.users.findByUsername(session.username);
  if (!user || user.disabled) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > touchEveryMillis) {
    await store.sessions.touch(idHash, now, expiry(settings, session.createdAt, now));
  }
  return { idHash, user, csrfToken: session.csrfToken };
}

export async function endSession(
  store: Store,
  session: RequestSession,
  reply: FastifyReply,
): Promise<void> {
  await store.sessions.delete(session.idHash);
  void reply.clearCookie(sessionCookie, { path: '/' });
}

/** Constant-time comparison of the request's x-csrf-token with the session's. */
export function csrfMatches(request: FastifyRequest, session: RequestSession): boolean {
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The TTL index removes a session at the earlier of its idle and absolute deadlines. */
function expiry(settings: DashboardSettings, createdAt: Date, now: Date): Date {
  return new Date(
    Math.min(
      now.getTime() + settings.sessionIdleMinutes * 60_000,
      createdAt.getTime() + settings.sessionMaxHours * 3_600_000,
    ),
  );
}
