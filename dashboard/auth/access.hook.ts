import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DashboardContext, RequestSession, RouteRole } from '../dashboard.context.js';
import { ApiError, sendError } from '../http/http-errors.js';
import { csrfMatches, loadSession } from './sessions.js';
import { ErrorCode } from '../../core/index.js';

const rank: Record<string, number> = { analyst: 1, supervisor: 2, admin: 3 };
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one access check. Every route declares `config.role`; a route without one is refused, so a
 * forgotten declaration fails closed. Session routes also need the CSRF token on every non-GET.
 */
export function registerAccessHook(app: FastifyInstance, context: DashboardContext): void {
  app.addHook('onRequest', async (request, reply) => {
    try {
      await checkAccess(context, request);
    } catch (error) {
      // Answered here rather than thrown: plugins such as Bull Board install their own error handlers.
      sendError(error as Error, request, reply);
      return reply;
    }
    return undefined;
  });
}

async function checkAccess(context: DashboardContext, request: FastifyRequest): Promise<void> {
  // Unknown paths go to the not-found handler, which serves the UI or a 404 and nothing else.
  if (request.is404) return;
  const role: RouteRole | undefined = request.routeOptions.config.role;
  if (role === 'public' || role === 'token') return;
  if (role === undefined || !(role in rank)) {
    throw new ApiError(ErrorCode.Forbidden, 'this route declares no access rule, so it is refused');
  }
  const session = await loadSession(context.store, context.settings, request);
  if (!session) {
    throw new ApiError(ErrorCode.Unauthenticated, 'log in first (no session, or it expired)');
  }
  request.session = session;
  if ((rank[session.user.role] ?? 0) < (rank[role] ?? Infinity)) {
    throw new ApiError(
      ErrorCode.Forbidden,
      `your role (${session.user.role}) may not do this; it needs ${role}`,
    );
  }
  if (
    !safeMethods.has(request.method) &&
    !csrfMatches(request, session) &&
    !(request.routeOptions.config.sameOriginWrites && sentFromOwnPage(request))
  ) {
    throw new ApiError(
      ErrorCode.CsrfInvalid,
      'missing or wrong x-csrf-token header; send the token from /api/session',
    );
  }
}

/**
 * Whether the browser says the request comes from one of the dashboard's own pages. Browsers set
 * Sec-Fetch-Site and Origin themselves (scripts cannot), and a cross-site page cannot make them
 * claim the dashboard's origin; a client outside a browser has no victim's cookie to abuse.
 */
function sentFromOwnPage(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  return origin !== undefined && origin === `${request.protocol}://${request.host}`;
}

/** The caller's session on a route that requires one (the access hook guarantees it). */
export function sessionOf(request: { session?: RequestSession }): RequestSession {
  if (!request.session) throw new ApiError(ErrorCode.Unauthenticated, 'log in first');
  return request.session;
}
