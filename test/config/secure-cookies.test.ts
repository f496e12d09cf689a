import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { ConfigError } from '../../core/index.js';

/** The configuration of these environment variables alone (no file: cwd has none). */
const load = (env: Record<string, string>) => loadConfig({ env, cwd: '/' }).config;

function problemOf(env: Record<string, string>): string {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('dashboard.secureCookies off loopback', () => {
  it('keeps the demo default (127.0.0.1, cookies without Secure) valid', () => {
    expect(load({}).dashboard).toMatchObject({ host: '127.0.0.1', secureCookies: false });
    for (const host of ['localhost', '127.0.0.2', '::1', '[::1]']) {
      expect(load({ ADWATCH_HOST: host }).dashboard.host).toBe(host);
    }
  });

  it('refuses a dashboard other machines reach with a session cookie sent in clear', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'adwatch.unit.example.am']) {
      const message = problemOf({ ADWATCH_HOST: host });
      expect(message).toContain(
        `dashboard.secureCookies: must be true when the dashboard listens on "${host}"`,
      );
      expect(message).toContain('dashboard.trustProxy');
      expect(message).toContain('listen on 127.0.0.1 (ADWATCH_HOST)');
    }
  });

  it('accepts it with Secure cookies, or behind a trusted TLS reverse proxy', () => {
    expect(
      loadConfig({
        env: { ADWATCH_HOST: '0.0.0.0' },
        cwd: '/',
        overrides: { dashboard: { host: '0.0.0.0', secureCookies: true } },
      }).config.dashboard.secureCookies,
    ).toBe(true);
    expect(
      loadConfig({
        env: {},
        cwd: '/',
        overrides: { dashboard: { host: '0.0.0.0', trustProxy: ['172.30.80.10'] } },
      }).config.dashboard.trustProxy,
    ).toEqual(['172.30.80.10']);
  });
});
