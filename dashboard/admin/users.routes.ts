import type { FastifyInstance } from 'fastify';
import { UserRoles, type UserRole } from '../../store/index.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from '../auth/access.hook.js';
import { checkPasswordPolicy, hashPassword } from '../auth/password.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { ErrorCode } from '../../core/index.js';

const usernameParams = {
  type: 'object',
  required: ['username'],
  properties: { username: { type: 'string', maxLength: 40 } },
} as const;
const usernamePattern = '^[A-Za-z0-9._-]{2,40}$';

/** Account management (admin only). The same rules as `adwatch user`. */
export function registerUserRoutes(app: FastifyInstance, context: DashboardContext): void {
  const { store } = context;

  app.get('/api/users', { config: { role: 'admin' }, schema: { tags: ['users'] } }, async () => ({
    users: (await store.users.list()).map((u) => ({
      username: u.username,
      role: u.role,
      disabled: u.disabled,
      createdAt: u.createdAt.toISOString(),
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      lockedUntil: u.lockedUntil?.toISOString() ?? null,
    })),
  }));

  app.post(
    '/api/users',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['users'],
        body: {
          type: 'object',
          required: ['username', 'role', 'password'],
          properties: {
            username: { type: 'string', pattern: usernamePattern },
            role: { type: 'string', enum: [...UserRoles] },
            password: { type: 'string', maxLength: 1000 },
          },
        },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const body = request.body as { username: string; role: UserRole; password: string };
      await checkPasswordPolicy(body.password, { username: body.username });
      const created = await store.users.insert({
        username: body.username,
        role: body.role,
        passwordHash: await hashPassword(body.password),
      });
      if (!created)
        throw new ApiError(
          ErrorCode.InputInvalid,
          `user "${body.username.toLowerCase()}" already exists`,
        );
      await audit(
        context,
        request,
        session,
        'user_add',
        { username: created.username },
        { role: created.role },
      );
      return reply.code(201).send({ username: created.username, role: created.role });
    },
  );

  app.post(
    '/api/users/:username/disable',
    { config: { role: 'admin' }, schema: { tags: ['users'], params: usernameParams } },
    async (request) => {
      const session = sessionOf(request);
      const { username } = request.params as { username: string };
      if (username.toLowerCase() === session.user.username) {
        throw new ApiError(ErrorCode.InputInvalid, 'you cannot disable your own account');
      }
      if (!(await store.users.setDisabled(username, true))) throw notFound(`user ${username}`);
      await store.sessions.deleteForUser(username.toLowerCase());
      await audit(context, request, session, 'user_disable', { username: username.toLowerCase() });
      return { ok: true };
    },
  );

  app.post(
    '/api/users/:username/unlock',
    { config: { role: 'admin' }, schema: { tags: ['users'], params: usernameParams } },
    async (request) => {
      const session = sessionOf(request);
      const username = (request.params as { username: string }).username.toLowerCase();
      const before = await store.users.findByUsername(username);
      if (!before || !(await store.users.unlock(username))) throw notFound(`user ${username}`);
      await audit(
        context,
        request,
        session,
        'user_unlock',
        { username },
        { lockedUntil: before.lockedUntil?.toISOString() ?? null },
      );
      return { ok: true };
    },
  );

  app.post(
    '/api/users/:username/reset',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['users'],
        params: usernameParams,
        body: {
          type: 'object',
          required: ['password'],
          properties: { password: { type: 'string', maxLength: 1000 } },
        },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { username } = request.params as { username: string };
      const { password } = request.body as { password: string };
      await checkPasswordPolicy(password, { username });
      if (!(await store.users.setPasswordHash(username, await hashPassword(password)))) {
        throw notFound(`user ${username}`);
      }
      await store.sessions.deleteForUser(username.toLowerCase());
      await audit(context, request, session, 'user_reset', { username: username.toLowerCase() });
      return { ok: true };
    },
  );
}
