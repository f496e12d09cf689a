import { afterEach, describe, expect, it } from 'vitest';
import { password, startDashboard, type DashboardFixture } from './dashboard.fixture.js';

/** The reverse proxy in front of the dashboard, as the dashboard's socket sees it. */
const proxy = '10.0.0.2';
const clientA = '203.0.113.7';
const clientB = '198.51.100.23';

describe('dashboard.trustProxy', () => {
  let f: DashboardFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  const start = async (trustProxy: false | string[]) => {
    f = await startDashboard({}, { trustProxy });
    return f;
  };

  /** A login attempt arriving from `remoteAddress`, with X-Forwarded-For when given. */
  const attempt = (
    fixture: DashboardFixture,
    pass: string,
    remoteAddress: string,
    forwardedFor?: string,
  ) =>
    fixture.app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress,
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      payload: { username: 'analyst', password: pass },
    });

  /** The addresses of the analyst's audit entries of one action, oldest first. */
  const auditIps = async (fixture: DashboardFixture, action: string) =>
    (await fixture.store.audit.list({ actor: 'analyst' }, null, 50)).items
      .filter((entry) => entry.action === action)
      .map((entry) => entry.ip)
      .reverse();

  it('throttles the forwarded clients of a trusted proxy apart and audits their addresses', async () => {
    const fixture = await start([proxy]);
    for (let i = 0; i < 3; i++) {
      expect((await attempt(fixture, `guess ${i}`, proxy, clientA)).statusCode).toBe(401);
    }
    expect((await attempt(fixture, 'guess 3', proxy, clientA)).statusCode).toBe(429);
    // Another client behind the same proxy is not held back by the first one's failures.
    expect((await attempt(fixture, 'a typo', proxy, clientB)).statusCode).toBe(401);
    expect((await attempt(fixture, password, proxy, clientB)).statusCode).toBe(200);

    expect(await auditIps(fixture, 'login_failed')).toEqual([
      clientA,
      clientA,
      clientA,
      clientA,
      clientB,
    ]);
    expect(await auditIps(fixture, 'login')).toEqual([clientB]);
  });

  it('takes the address the trusted proxy saw, not what the client wrote before it', async () => {
    const fixture = await start([proxy]);
    // The client sent "X-Forwarded-For: 192.0.2.1" itself; the proxy appended the real address.
    for (let i = 0; i < 3; i++) {
      const forged = `192.0.2.${i + 1}, ${clientA}`;
      expect((await attempt(fixture, `guess ${i}`, proxy, forged)).statusCode).toBe(401);
    }
    expect((await attempt(fixture, password, proxy, `192.0.2.9, ${clientA}`)).statusCode).toBe(429);
    expect(new Set(await auditIps(fixture, 'login_failed'))).toEqual(new Set([clientA]));
  });

  it('ignores X-Forwarded-For when no proxy is trusted (the default)', async () => {
    const fixture = await start(false);
    for (let i = 0; i < 3; i++) {
      expect((await attempt(fixture, `guess ${i}`, proxy, clientA)).statusCode).toBe(401);
    }
    // Everyone behind the proxy shares its address, as before the setting existed.
    expect((await attempt(fixture, password, proxy, clientB)).statusCode).toBe(429);
    expect(new Set(await auditIps(fixture, 'login_failed'))).toEqual(new Set([proxy]));
  });

  it('ignores a forged X-Forwarded-For from an address that is not a trusted proxy', async () => {
    const fixture = await start([proxy]);
    const direct = '192.0.2.77';
    for (let i = 0; i < 3; i++) {
      const forged = `203.0.113.${100 + i}`;
      expect((await attempt(fixture, `guess ${i}`, direct, forged)).statusCode).toBe(401);
    }
    // A fresh made-up address each time does not buy the attacker more guesses.
    expect((await attempt(fixture, password, direct, '203.0.113.200')).statusCode).toBe(429);
    expect(new Set(await auditIps(fixture, 'login_failed'))).toEqual(new Set([direct]));
  });
});
