import type { FastifyInstance } from 'fastify';
import {
  passwordBody,
  userBody,
  userCreated,
  userList,
  usernameParams,
} from '../contract/admin.contract.js';
import { ok, responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from '../auth/access.hook.js';
import { checkPasswordPolicy, hashPassword } from '../auth/password.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { ErrorCode } from '../../core/index.js';

/** Account management (admin only). The same rules as `adwatch user`. */
export function registerUserRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/users',
    {
      config: { role: 'admin' },
      schema: { tags: ['users'], response: responses({ 200: userList }) },
    },
    async () => ({
      users: (await store.users.list()).map((u) => ({
        username: u.username,
        role: u.role,
        disabled: u.disabled,
        createdAt: u.createdAt.toISOString(),
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
        lockedUntil: u.lockedUntil?.toISOString() ?? null,
      })),
    }),
  );

  app.post(
    '/api/users',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['users'],
        body: userBody,
        response: responses({ 201: userCreated }),
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const body = request.body;
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
    {
      config: { role: 'admin' },
      schema: { tags: ['users'], params: usernameParams, response: responses({ 200: ok }, 404) },
    },
    async (request) => {
      const session = sessionOf(request);
      const { username } = request.params;
      if (username.toLowerCase() === session.user.username) {
        throw new ApiError(ErrorCode.InputInvalid, 'you cannot disable your own account');
      }
      if (!(await store.users.setDisabled(username, true))) throw notFound(`user ${username}`);
      await store.sessions.deleteForUser(username.toLowerCase());
      await audit(context, request, session, 'user_disable', { username: username.toLowerCase() });
      return { ok: true } as const;
    },
  );

  app.post(
    '/api/users/:username/unlock',
    {
      config: { role: 'admin' },
      schema: { tags: ['users'], params: usernameParams, response: responses({ 200: ok }, 404) },
    },
    async (request) => {
      const session = sessionOf(request);
      const username = request.params.username.toLowerCase();
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
      return { ok: true } as const;
    },
  );

  app.post(
    '/api/users/:username/reset',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['users'],
        params: usernameParams,
        body: passwordBody,
        response: responses({ 200: ok }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { username } = request.params;
      const { password } = request.body;
      await checkPasswordPolicy(password, { username });
      if (!(await store.users.setPasswordHash(username, await hashPassword(password)))) {
        throw notFound(`user ${username}`);
      }
      await store.sessions.deleteForUser(username.toLowerCase());
      await audit(context, request, session, 'user_reset', { username: username.toLowerCase() });
      return { ok: true } as const;
    },
  );
}
