import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSessionIdForTest } from './session-hash.js';
import { login, password, startDashboard, type DashboardFixture } from './dashboard.fixture.js';

describe('dashboard sessions', () => {
  let f: DashboardFixture;
  beforeEach(async () => {
    f = await startDashboard();
  });
  afterEach(async () => {
    await f.close();
  });

  it('logs in with a secure session cookie, answers /api/session, and logs out', async () => {
    const response = await f.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'Analyst', password },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      user: { username: string; role: string; locale: string };
      csrfToken: string;
    }>();
    expect(body.user).toEqual({ username: 'analyst', role: 'analyst', locale: 'en' });
    expect(body.csrfToken.length).toBeGreaterThan(30);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = response.cookies.find((c) => c.name === 'adwatch_session');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash of the cookie is stored.
    expect(await f.store.sessions.findById(cookie?.value ?? '')).toBeNull();
    expect(
      await f.store.sessions.findById(hashSessionIdForTest(cookie?.value ?? '')),
    ).not.toBeNull();

    const client = await login(f.app, 'analyst');
    const session = await client.get('/api/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual({
      user: { username: 'analyst', role: 'analyst', locale: 'en' },
      csrfToken: client.csrfToken,
    });

    expect((await client.post('/api/logout')).statusCode).toBe(200);
    expect((await client.get('/api/session')).statusCode).toBe(401);
    const actions = (await f.store.audit.list({ actor: 'analyst' }, null, 10)).items.map(
      (e) => e.action,
    );
    expect(actions).toEqual(['logout', 'login', 'login']);
  });

  it('refuses a wrong password and an unknown user with the same message, and audits both', async () => {
    const wrong = await f.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'analyst', password: 'nope-nope-nope' },
    });
    const unknown = await f.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'ghost', password },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('ADW_LOGIN_FAILED');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const failed = (await f.store.audit.list({}, null, 10)).items.filter(
      (e) => e.action === 'login_failed',
    );
    expect(failed.map((e) => e.actor).sort()).toEqual(['analyst', 'ghost']);
  });

  it('locks an account for 15 minutes after 5 failed attempts, even with the right password', async () => {
    // From five addresses: one address alone is stopped before it can lock (login-protection.test).
    for (let i = 0; i < 5; i++) {
      const r = await f.app.inject({
        method: 'POST',
        url: '/api/login',
        remoteAddress: `198.51.100.${i + 1}`,
        payload: { username: 'analyst', password: 'wrong-password-123' },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await f.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: '198.51.100.99',
      payload: { username: 'analyst', password },
    });
    expect(locked.statusCode).toBe(401);
    const user = await f.store.users.findByUsername('analyst');
    const minutes = ((user?.lockedUntil?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // Other accounts are not affected.
    expect((await login(f.app, 'analyst2')).csrfToken).toBeTruthy();
  });

  it('rate-limits login attempts from one address', async () => {
    const limited = await startDashboard({ loginRateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await limited.app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'x', password: 'y' },
        });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const client = await login(f.app, 'analyst');
    const missing = await f.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: client.cookie },
      payload: { locale: 'hy' },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('ADW_CSRF_INVALID');
    const wrong = await f.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: client.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: { locale: 'hy' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await client.post('/api/me', { locale: 'hy' }, 'PATCH');
    expect(ok.statusCode).toBe(200);
    expect((await f.store.users.findByUsername('analyst'))?.locale).toBe('hy');
    expect(
      (await client.get('/api/session')).json<{ user: { locale: string } }>().user.locale,
    ).toBe('hy');
  });

  it('ends a session that was idle longer than the idle timeout', async () => {
    const client = await login(f.app, 'analyst');
    expect((await client.get('/api/session')).statusCode).toBe(200);
    const idHash = hashSessionIdForTest(client.cookie.split('=')[1] ?? '');
    const stale = new Date(Date.now() - 31 * 60_000);
    await f.store.sessions.touch(idHash, stale, new Date(Date.now() + 60_000));
    const expired = await client.get('/api/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ error: { code: string } }>().error.code).toBe('ADW_UNAUTHENTICATED');
    expect(await f.store.sessions.findById(idHash)).toBeNull();
  });

  it('ends the sessions of a disabled user', async () => {
    const client = await login(f.app, 'analyst2');
    const admin = await login(f.app, 'admin');
    expect((await admin.post('/api/users/analyst2/disable')).statusCode).toBe(200);
    expect((await client.get('/api/session')).statusCode).toBe(401);
    await expect(login(f.app, 'analyst2')).rejects.toThrow(/401/);
  });
});
