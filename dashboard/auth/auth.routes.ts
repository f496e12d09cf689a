import type { FastifyInstance } from 'fastify';
import type { UserRecord } from '../../store/index.js';
import {
  localeBody,
  loginBody,
  sessionInfo as sessionInfoSchema,
  type SessionInfo,
} from '../contract/auth.contract.js';
import { ok, responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from './access.hook.js';
import { hashPassword, verifyPassword } from './password.js';
import { clientAddressKey, LoginThrottle } from './login-throttle.js';
import { endSession, startSession } from './sessions.js';
import { ErrorCode } from '../../core/index.js';

/** Failed logins within `lockoutMillis` that lock an account, and for how long. */
export const lockoutAfterFailures = 5;
export const lockoutMillis = 15 * 60_000;
/**
 * Failed logins one address may make against one account in any `lockoutMillis`. Fewer than
 * `lockoutAfterFailures`, so that one address alone can never lock someone else's account.
 */
export const addressAccountFailures = 3;
/** Failed logins one address may make against all accounts together in any `lockoutMillis`. */
export const addressFailures = 10;

const loginFailed = new ApiError(
  ErrorCode.LoginFailed,
  'wrong username or password, or the account is locked or disabled',
);

/** A hash to compare against when the user does not exist, so timing does not reveal it. */
const dummyHash = hashPassword('not-a-real-password-for-timing');

export function sessionInfo(user: UserRecord, csrfToken: string): SessionInfo {
  return { user: { username: user.username, role: user.role, locale: user.locale }, csrfToken };
}

/** Login, logout, the session probe and the user's own settings. */
export function registerAuthRoutes(
  fastify: FastifyInstance,
  context: DashboardContext,
  loginRateLimit: number,
): void {
  const app = contractRoutes(fastify);
  const { store } = context;
  const perAccount = new LoginThrottle({
    maxFailures: addressAccountFailures,
    windowMillis: lockoutMillis,
  });
  const perAddress = new LoginThrottle({
    maxFailures: addressFailures,
    windowMillis: lockoutMillis,
  });

  app.post(
    '/api/login',
    {
      config: { role: 'public', rateLimit: { max: loginRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['session'],
        body: loginBody,
        response: responses({ 200: sessionInfoSchema }, 429),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const name = username.trim().toLowerCase();
      const now = new Date();
      const address = clientAddressKey(request.ip);
      const pairKey = `${address} ${name}`;
      // Checked before the password and counted apart from the account, so that an address that
      // keeps failing is stopped here before it can lock the account for its owner.
      const waitMillis = Math.max(
        perAccount.retryAfterMillis(pairKey, now.getTime()),
        perAddress.retryAfterMillis(address, now.getTime()),
      );
      if (waitMillis > 0) {
        await store.audit.append({
          actor: name.slice(0, 100),
          role: null,
          action: 'login_failed',
          target: { username: name.slice(0, 100) },
          details: { reason: 'address throttled' },
          ip: request.ip,
        });
        const retryAfterSecs = Math.ceil(waitMillis / 1000);
        void reply.header('retry-after', String(retryAfterSecs));
        throw new ApiError(
          ErrorCode.RateLimited,
          `too many failed sign-ins from this address; try again in ${Math.ceil(retryAfterSecs / 60)} minute(s)`,
          { retryAfterSecs },
        );
      }
      const user = await store.users.findByUsername(name);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      const refused = !user
        ? 'unknown user'
        : user.disabled
          ? 'disabled'
          : user.lockedUntil && user.lockedUntil > now
            ? 'locked'
            : !ok
              ? 'wrong password'
              : undefined;
      if (refused) {
        perAccount.recordFailure(pairKey, now.getTime());
        perAddress.recordFailure(address, now.getTime());
        if (user && refused === 'wrong password') {
          await store.users.recordFailedLogin(user.username, now, {
            maxFailures: lockoutAfterFailures,
            windowMillis: lockoutMillis,
            lockMillis: lockoutMillis,
          });
        }
        await store.audit.append({
          actor: name.slice(0, 100),
          role: user?.role ?? null,
          action: 'login_failed',
          target: { username: name.slice(0, 100) },
          details: { reason: refused },
          ip: request.ip,
        });
        throw loginFailed;
      }
      const known = user as UserRecord;
      await store.users.recordLogin(known.username, now);
      const csrfToken = await startSession(store, context.settings, reply, known.username);
      await audit(context, request, { user: known }, 'login');
      return sessionInfo(known, csrfToken);
    },
  );

  app.post(
    '/api/logout',
    {
      config: { role: 'analyst' },
      schema: { tags: ['session'], response: responses({ 200: ok }) },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      await endSession(store, session, reply);
      await audit(context, request, session, 'logout');
      return { ok: true } as const;
    },
  );

  app.get(
    '/api/session',
    {
      config: { role: 'analyst' },
      schema: { tags: ['session'], response: responses({ 200: sessionInfoSchema }) },
    },
    (request) => {
      const session = sessionOf(request);
      return Promise.resolve(sessionInfo(session.user, session.csrfToken));
    },
  );

  app.patch(
    '/api/me',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['session'],
        body: localeBody,
        response: responses({ 200: sessionInfoSchema }),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { locale } = request.body;
      await store.users.setLocale(session.user.username, locale);
      return sessionInfo({ ...session.user, locale }, session.csrfToken);
    },
  );
}
