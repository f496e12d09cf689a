import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userInfo, type UserInfo } from '../../dashboard/contract/admin.contract.js';
import { responses, type ApiErrorBody } from '../../dashboard/contract/common.contract.js';
import { contractRoutes, useContractSchemas } from '../../dashboard/http/contract-schemas.js';
import { sendError } from '../../dashboard/http/http-errors.js';
import { login, startDashboard, type Client, type DashboardFixture } from './dashboard.fixture.js';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/**
 * Routes whose success is not JSON, each with the content type the document must name for it;
 * every other API route answers JSON its contract (dashboard/contract) describes.
 */
const rawRoutes: Record<string, string> = {
  'GET /api/ads/{id}/raw': 'application/octet-stream',
  'GET /api/ads/{id}/raw/view': 'text/html',
  'GET /api/ads/{id}/screenshot': 'image/png',
  'POST /api/exports': 'application/zip',
  'GET /api/events': 'text/event-stream',
};

describe('the API contract', () => {
  const routes = new Set<string>();
  let f: DashboardFixture;
  let admin: Client;

  beforeAll(async () => {
    f = await startDashboard({
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          // The API and the probe; not the UI, Bull Board, /metrics or the document itself.
          const documented =
            (route.url.startsWith('/api/') || route.url === '/healthz') &&
            route.url !== '/api/openapi.json' &&
            method !== 'HEAD';
          if (documented) routes.add(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
        }
      },
    });
    admin = await login(f.app, 'admin');
  });

  afterAll(async () => {
    await f.close();
  });

  it('documents every API route with the schema of its success response and of its errors', async () => {
    const doc = (await admin.get('/api/openapi.json')).json<OpenApiDocument>();
    expect(routes.size).toBeGreaterThan(30);
    const lapsed: string[] = [];
    for (const route of routes) {
      const [method = '', path = ''] = route.split(' ');
      const operation = doc.paths[path]?.[method.toLowerCase()];
      const success = operation?.responses?.['200'] ?? operation?.responses?.['201'];
      const contentType = rawRoutes[route] ?? 'application/json';
      const schema = success?.content?.[contentType]?.schema;
      if (!schema) {
        lapsed.push(`${route}: no ${contentType} schema for its success`);
        continue;
      }
      if (contentType === 'application/json' && !('properties' in schema || 'type' in schema))
        lapsed.push(`${route}: an empty success schema`);
      const error = operation.responses?.['400']?.content?.['application/json']?.schema;
      // The public probe answers 200 or nothing; every other route has the one error shape.
      if (route !== 'GET /healthz' && !(error && 'properties' in error))
        lapsed.push(`${route}: no error schema`);
    }
    expect(lapsed).toEqual([]);
    // The raw routes are still there (a renamed route would leave its entry above unchecked).
    expect([...routes]).toEqual(expect.arrayContaining(Object.keys(rawRoutes)));
  });

  it('sends only the fields a response schema names', async () => {
    const listed = (await admin.get('/api/users')).json<{ users: UserInfo[] }>().users;
    expect(listed.length).toBeGreaterThan(0);
    for (const user of listed)
      expect(Object.keys(user).sort()).toEqual(Object.keys(userInfo.shape).sort());

    // A handler that hands over the stored record: the schema keeps the hash in the server.
    const app = Fastify();
    app.setErrorHandler(sendError);
    await app.register(async (scope) => {
      useContractSchemas(scope);
      contractRoutes(scope).get(
        '/user',
        { schema: { response: responses({ 200: userInfo }) } },
        () => {
          const stored = {
            username: 'anna',
            role: 'analyst' as const,
            disabled: false,
            createdAt: '2026-01-01T00:00:00.000Z',
            lastLoginAt: null,
            lockedUntil: null,
            passwordHash: '$scrypt$secret',
            failedLogins: [],
          };
          return Promise.resolve(stored);
        },
      );
      contractRoutes(scope).get(
        '/broken',
        { schema: { response: responses({ 200: userInfo }) } },
        // A handler that breaks its contract answers a plain 500, not a malformed user.
        () => Promise.resolve({ username: 'anna' } as unknown as UserInfo),
      );
      return Promise.resolve();
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/user' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        username: 'anna',
        role: 'analyst',
        disabled: false,
        createdAt: '2026-01-01T00:00:00.000Z',
        lastLoginAt: null,
        lockedUntil: null,
      });
      expect(response.body).not.toContain('scrypt');
      const broken = await app.inject({ method: 'GET', url: '/broken' });
      expect(broken.statusCode).toBe(500);
      expect(broken.json<ApiErrorBody>().error.code).toBe('ADW_INTERNAL');
    } finally {
      await app.close();
    }
  });

  it('answers input outside the contract with the one error shape', async () => {
    const response = await admin.get('/api/ads?limit=0');
    expect(response.statusCode).toBe(400);
    const body = response.json<ApiErrorBody>();
    expect(body.error.code).toBe('ADW_INPUT_INVALID');
    expect(body.error.message).toMatch(/limit/);
    const unknownParameter = await admin.get('/api/campaigns?sort=name');
    expect(unknownParameter.statusCode).toBe(400);
    // Query strings are text: numbers are read from them, defaults apply.
    expect((await admin.get('/api/ads?limit=2&minScore=10')).statusCode).toBe(200);
  });
});
