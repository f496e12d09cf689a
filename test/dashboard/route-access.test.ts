import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildDashboard } from '../../dashboard/index.js';
import { createRedisConnection, PipelineQueues } from '../../workers/index.js';
import { obliterateQueues, silentLogger, testConfig } from '../helpers/services.js';
import { login, startDashboard, type Client, type DashboardFixture } from './dashboard.fixture.js';

interface Route {
  method: string;
  url: string;
  role: string | undefined;
}

describe('route access', () => {
  const routes: Route[] = [];
  let f: DashboardFixture;
  let uiDir: string;
  let connection: ReturnType<typeof createRedisConnection>;
  let queues: PipelineQueues;
  let analyst: Client;
  let supervisor: Client;

  beforeAll(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'adwatch-ui-'));
    mkdirSync(join(uiDir, 'assets'));
    writeFileSync(
      join(uiDir, 'index.html'),
      '<!doctype html><title>adwatch</title><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log(1);');
    connection = createRedisConnection(inject('redisUrl'));
    queues = new PipelineQueues(connection, testConfig());
    f = await startDashboard({
      uiDir,
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          routes.push({
            method,
            url: route.url,
            get role() {
              return route.role;
            },
          });
        }
      },
      queues,
    });
    analyst = await login(f.app, 'analyst');
    supervisor = await login(f.app, 'supervisor');
  });

  afterAll(async () => {
    await f.close();
    await obliterateQueues(queues);
    await queues.close();
    connection.disconnect();
    rmSync(uiDir, { recursive: true, force: true });
  });

  const concrete = (url: string): string => url.replace(/:[A-Za-z]+/g, 'x').replace(/\*/g, 'x');
  const request = (client: Client | null, route: Route) =>
    f.app.inject({
      method: route.method as 'GET',
      url: concrete(route.url),
      headers: client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {},
      ...(['POST', 'PATCH', 'PUT', 'DELETE'].includes(route.method) ? { payload: {} } : {}),
    });

  it('declares an access rule on every route, and only login, /healthz and the UI are public', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => r.role === undefined)).toEqual([]);
    const publicRoutes = routes
      .filter((r) => r.role === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(publicRoutes)].sort()).toEqual(
      [
        'GET /',
        'HEAD /',
        'GET /*',
        'HEAD /*',
        'GET /healthz',
        'HEAD /healthz',
        'POST /api/login',
      ].sort(),
    );
    expect(routes.filter((r) => r.role === 'token').map((r) => r.url)).toEqual([
      '/metrics',
      '/metrics',
    ]);
    expect(routes.some((r) => r.url.startsWith('/admin/queues') && r.role === 'admin')).toBe(true);
  });

  it('answers 401 on every non-public route without a session', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.role !== 'public' && r.role !== 'token')) {
      const response = await request(null, route);
      if (response.statusCode !== 401)
        failures.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to an analyst on every supervisor and admin route', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.role === 'supervisor' || r.role === 'admin')) {
      const response = await request(analyst, route);
      if (response.statusCode !== 403)
        failures.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
    for (const route of routes.filter((r) => r.role === 'admin')) {
      expect((await request(supervisor, route)).statusCode, `${route.method} ${route.url}`).toBe(
        403,
      );
    }
  });

  it('lets an analyst reach analyst routes and a supervisor the audit trail and health page', async () => {
    expect((await analyst.get('/api/ads')).statusCode).toBe(200);
    expect((await supervisor.get('/api/audit')).statusCode).toBe(200);
    const health = await supervisor.get('/api/health');
    expect(health.statusCode).toBe(200);
    expect(Object.keys(health.json<{ queues: object }>().queues).sort()).toEqual([
      'alerts',
      'classify',
      'crawl',
      'extract',
      'link',
    ]);
    const admin = await login(f.app, 'admin');
    const board = await admin.get('/admin/queues');
    expect(board.statusCode).toBe(200);
    expect(board.headers['content-type']).toMatch(/text\/html/);
  });

  it("accepts Bull Board's writes from the dashboard's own pages without the CSRF header, audited", async () => {
    const admin = await login(f.app, 'admin');
    const put = (url: string, headers: Record<string, string>) =>
      f.app.inject({ method: 'PUT', url, headers: { cookie: admin.cookie, ...headers } });
    const errorCode = (response: { json: <T>() => T }) =>
      response.json<{ error: { code: string } }>().error.code;
    // Neither the header nor a same-origin mark, or a mark from another site: refused.
    const bare = await put('/admin/queues/api/queues/pause', {});
    expect(bare.statusCode).toBe(403);
    expect(errorCode(bare)).toBe('ADW_CSRF_INVALID');
    const crossSite = await put('/admin/queues/api/queues/pause', {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    expect(crossSite.statusCode).toBe(403);
    const foreignOrigin = await put('/admin/queues/api/queues/pause', {
      origin: 'https://evil.example',
    });
    expect(foreignOrigin.statusCode).toBe(403);
    expect(await queues.crawl.isPaused()).toBe(false);

    // From the board's own page (the browser marks it same-origin): done, and audited.
    const paused = await put('/admin/queues/api/queues/pause', { 'sec-fetch-site': 'same-origin' });
    expect(paused.statusCode).toBeLessThan(300);
    expect(await queues.crawl.isPaused()).toBe(true);
    const resumed = await put('/admin/queues/api/queues/resume', { origin: 'http://localhost:80' });
    expect(resumed.statusCode).toBeLessThan(300);
    expect(await queues.crawl.isPaused()).toBe(false);
    const { items } = await f.store.audit.list({ actor: 'admin' }, null, 10);
    const actions = items
      .filter((e) => e.action === 'queue-admin')
      .map((e) => `${String(e.details.path)} ${String(e.details.status)}`)
      .sort();
    expect(actions).toEqual([
      '/admin/queues/api/queues/pause 200',
      '/admin/queues/api/queues/pause 403',
      '/admin/queues/api/queues/pause 403',
      '/admin/queues/api/queues/pause 403',
      '/admin/queues/api/queues/resume 200',
    ]);

    // Only Bull Board has this exemption; an analyst may not use it at all.
    const own = await f.app.inject({
      method: 'POST',
      url: '/api/logout',
      headers: { cookie: admin.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.statusCode).toBe(403);
    const byAnalyst = await f.app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/pause',
      headers: { cookie: analyst.cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(byAnalyst.statusCode).toBe(403);
    expect(errorCode(byAnalyst)).toBe('ADW_FORBIDDEN');
  });

  it('serves the UI and its assets without a session, and index.html for client-side routes', async () => {
    const index = await f.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('/assets/app.js');
    expect((await f.app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
    const deep = await f.app.inject({ method: 'GET', url: '/ads/123' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('/assets/app.js');
    const api404 = await f.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api404.statusCode).toBe(404);
    expect(api404.json<{ error: { code: string } }>().error.code).toBe('ADW_NOT_FOUND');
    expect((await f.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('refuses a route that declares no access rule', async () => {
    const app = await buildDashboard({
      store: f.store,
      logger: silentLogger,
      settings: f.config.dashboard,
    });
    app.get('/api/undeclared', () => Promise.resolve({ secret: true }));
    try {
      const response = await app.inject({ method: 'GET', url: '/api/undeclared' });
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('secret');
    } finally {
      await app.close();
    }
  });
});
