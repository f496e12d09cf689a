import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, password, startDashboard, type DashboardFixture } from './dashboard.fixture.js';

const minute = 60_000;

describe('login throttling and account locks', () => {
  let f: DashboardFixture;
  beforeEach(async () => {
    f = await startDashboard();
  });
  afterEach(async () => {
    await f.close();
  });

  const attempt = (username: string, pass: string, remoteAddress: string) =>
    f.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress,
      payload: { username, password: pass },
    });
  const code = (response: LightMyRequestResponse) =>
    response.json<{ error: { code: string } }>().error.code;

  it('stops one address hammering an account before the account locks', async () => {
    const attacker = '203.0.113.9';
    for (let i = 0; i < 3; i++) {
      expect((await attempt('admin', `guess number ${i}`, attacker)).statusCode).toBe(401);
    }
    // Refused before the password is checked: the right one does not get through either.
    for (const pass of ['guess number 3', password]) {
      const throttled = await attempt('admin', pass, attacker);
      expect(throttled.statusCode).toBe(429);
      expect(code(throttled)).toBe('ADW_RATE_LIMITED');
      const retryAfter = Number(throttled.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(throttled.json<{ error: { retryAfterSecs: number } }>().error.retryAfterSecs).toBe(
        retryAfter,
      );
    }
    const admin = await f.store.users.findByUsername('admin');
    expect(admin?.failedLogins).toBe(3);
    expect(admin?.lockedUntil).toBeNull();
    // The owner signs in from elsewhere, and the address may still sign in to other accounts.
    expect((await attempt('admin', password, '198.51.100.20')).statusCode).toBe(200);
    expect((await attempt('analyst', password, attacker)).statusCode).toBe(200);
    const reasons = (await f.store.audit.list({ actor: 'admin' }, null, 20)).items
      .filter((e) => e.action === 'login_failed')
      .map((e) => e.details.reason);
    expect(reasons).toEqual([
      'address throttled',
      'address throttled',
      'wrong password',
      'wrong password',
      'wrong password',
    ]);
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (const host of ['a', 'b', 'c']) {
      expect((await attempt('admin', 'not it at all', `2001:db8:7:7::${host}`)).statusCode).toBe(
        401,
      );
    }
    expect((await attempt('admin', password, '2001:db8:7:7::d')).statusCode).toBe(429);
    expect((await attempt('admin', password, '2001:db8:7:8::d')).statusCode).toBe(200);
  });

  it('stops an address that fails against many accounts', async () => {
    const spray = '203.0.113.50';
    const names = ['analyst', 'analyst2', 'supervisor', 'admin', 'ghost1', 'ghost2', 'ghost3'];
    let failures = 0;
    for (const name of names) {
      for (let i = 0; i < 2 && failures < 10; i++, failures++) {
        expect((await attempt(name, `spray attempt ${i}`, spray)).statusCode).toBe(401);
      }
    }
    expect(failures).toBe(10);
    expect((await attempt('ghost3', password, spray)).statusCode).toBe(429);
    expect((await attempt('analyst', password, spray)).statusCode).toBe(429);
    expect((await attempt('analyst', password, '203.0.113.51')).statusCode).toBe(200);
  });

  it('counts failures towards the lock only within 15 minutes of the first', async () => {
    const policy = { maxFailures: 5, windowMillis: 15 * minute, lockMillis: 15 * minute };
    const t0 = new Date('2026-03-01T10:00:00Z').getTime();
    for (let i = 0; i < 4; i++) {
      expect(
        await f.store.users.recordFailedLogin('analyst', new Date(t0 + i * minute), policy),
      ).toBeNull();
    }
    // The fifth comes after the window: a new count starts instead of a lock.
    const late = new Date(t0 + 16 * minute);
    expect(await f.store.users.recordFailedLogin('analyst', late, policy)).toBeNull();
    expect((await f.store.users.findByUsername('analyst'))?.failedLogins).toBe(1);
    for (let i = 1; i < 4; i++) {
      await f.store.users.recordFailedLogin(
        'analyst',
        new Date(late.getTime() + i * minute),
        policy,
      );
    }
    const lockedAt = new Date(late.getTime() + 10 * minute);
    const until = await f.store.users.recordFailedLogin('analyst', lockedAt, policy);
    expect(until?.getTime()).toBe(lockedAt.getTime() + 15 * minute);
    const user = await f.store.users.findByUsername('analyst');
    expect(user).toMatchObject({ failedLogins: 0, firstFailedLoginAt: null, lockedUntil: until });
  });

  it('lets an admin unlock a locked account, audited; others may not', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await attempt('analyst', 'a wrong guess', `198.51.100.${i + 1}`)).statusCode).toBe(
        401,
      );
    }
    expect((await attempt('analyst', password, '198.51.100.77')).statusCode).toBe(401);
    const lockedUntil = (await f.store.users.findByUsername('analyst'))?.lockedUntil;
    expect(lockedUntil?.getTime()).toBeGreaterThan(Date.now());

    const admin = await login(f.app, 'admin');
    const listed = (await admin.get('/api/users')).json<{
      users: { username: string; lockedUntil: string | null }[];
    }>().users;
    expect(listed.find((u) => u.username === 'analyst')?.lockedUntil).toBe(
      lockedUntil?.toISOString(),
    );
    const supervisor = await login(f.app, 'supervisor');
    expect((await supervisor.post('/api/users/analyst/unlock')).statusCode).toBe(403);
    expect((await admin.post('/api/users/nobody/unlock')).statusCode).toBe(404);
    const unlocked = await admin.post('/api/users/Analyst/unlock');
    expect(unlocked.statusCode).toBe(200);
    expect(await f.store.users.findByUsername('analyst')).toMatchObject({
      lockedUntil: null,
      failedLogins: 0,
    });
    expect((await attempt('analyst', password, '198.51.100.78')).statusCode).toBe(200);
    const entry = (await f.store.audit.list({ actor: 'admin' }, null, 10)).items.find(
      (e) => e.action === 'user_unlock',
    );
    expect(entry).toMatchObject({
      role: 'admin',
      target: { username: 'analyst' },
      details: { lockedUntil: lockedUntil?.toISOString() },
    });
  });
});
