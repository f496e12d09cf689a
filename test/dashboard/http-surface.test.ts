import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  login,
  seedAd,
  startDashboard,
  type Client,
  type DashboardFixture,
} from './dashboard.fixture.js';

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const hostile =
  '<html><body><script>alert(1)</script><img src=x onerror="fetch(\'https://attacker.test\')"></body></html>';

describe('dashboard HTTP surface', () => {
  let f: DashboardFixture;
  let analyst: Client;
  let adId: string;
  let bare: string;
  const metricsToken = 'metrics-token-0123456789';

  beforeAll(async () => {
    f = await startDashboard({}, { metricsToken });
    analyst = await login(f.app, 'analyst');
    adId = await seedAd(f.store, { url: 'https://x.test/raw', rawBody: hostile, screenshot: png });
    bare = await seedAd(f.store, { url: 'https://x.test/bare' });
  });
  afterAll(async () => {
    await f.close();
  });

  it('sends the security headers on every kind of response', async () => {
    const responses = [
      await f.app.inject({ method: 'GET', url: '/' }),
      await f.app.inject({ method: 'GET', url: '/healthz' }),
      await f.app.inject({ method: 'GET', url: '/api/ads' }),
      await analyst.get('/api/ads'),
      await analyst.get('/api/nothing'),
    ];
    for (const response of responses) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(responses[3]?.headers['cache-control']).toBe('no-store');
    expect(responses[0]?.body).toContain('npm run build:ui');
  });

  it('serves the raw page only as a download or under a sandbox CSP', async () => {
    const raw = await analyst.get(`/api/ads/${adId}/raw`);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('application/octet-stream');
    expect(String(raw.headers['content-disposition'])).toMatch(/^attachment; filename="ad-/);
    expect(raw.body).toBe(hostile);
    const view = await analyst.get(`/api/ads/${adId}/raw/view`);
    expect(view.statusCode).toBe(200);
    expect(String(view.headers['content-security-policy'])).toMatch(/^sandbox; default-src 'none'/);
    expect(view.headers['x-content-type-options']).toBe('nosniff');
    const shot = await analyst.get(`/api/ads/${adId}/screenshot`);
    expect(shot.statusCode).toBe(200);
    expect(shot.headers['content-type']).toBe('image/png');
    expect(shot.rawPayload.equals(png)).toBe(true);
    expect((await analyst.get(`/api/ads/${bare}/screenshot`)).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'GET', url: `/api/ads/${adId}/raw` })).statusCode).toBe(
      401,
    );
  });

  it('publishes the OpenAPI document from the route schemas', async () => {
    const response = await analyst.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/login',
        '/api/ads',
        '/api/ads/{id}/status',
        '/api/audit',
        '/api/health',
      ]),
    );
  });

  it('serves Prometheus metrics only with the bearer token', async () => {
    expect((await f.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await f.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await f.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('adwatch_http_requests_total');
    expect(ok.body).toMatch(/adwatch_store_documents\{kind="flagged"\} 2/);
    const off = await startDashboard();
    try {
      const response = await off.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('streams a newly flagged ad to connected browsers (server-sent events)', async () => {
    const url = await f.app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    try {
      const response = await fetch(`${url}/api/events`, {
        headers: { cookie: analyst.cookie },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let received = '';
      // ": connected" comes once the server's change stream is open: no flag is missed after it.
      expect(decoder.decode((await reader.read()).value)).toContain(': connected');
      const newId = await seedAd(f.store, {
        url: 'https://x.test/live',
        title: 'Live ad',
        score: 88,
      });
      const deadline = Date.now() + 20_000;
      while (!received.includes('event: flagged') && Date.now() < deadline) {
        const chunk = await reader.read();
        if (chunk.done) break;
        received += decoder.decode(chunk.value);
      }
      const data = /event: flagged\ndata: (.*)\n/.exec(received)?.[1];
      expect(data, received).toBeDefined();
      expect(JSON.parse(data ?? '{}')).toMatchObject({
        id: newId,
        title: 'Live ad',
        score: 88,
        status: 'new',
      });
      const unauthenticated = await fetch(`${url}/api/events`);
      expect(unauthenticated.status).toBe(401);
    } finally {
      controller.abort();
    }
  }, 40_000);
});
