import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { ConfigError } from '../../core/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Loads a configuration whose `dashboard:` block holds the given YAML line. */
function load(dashboardLine: string) {
  const dir = mkdtempSync(join(tmpdir(), 'adwatch-trust-proxy-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'adwatch.yaml'), `dashboard:\n  ${dashboardLine}\n`);
  return loadConfig({ env: {}, cwd: dir }).config.dashboard.trustProxy;
}

function problemOf(dashboardLine: string): string {
  try {
    load(dashboardLine);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`expected "${dashboardLine}" to be refused`);
}

describe('dashboard.trustProxy', () => {
  it('trusts no proxy when unset or false', () => {
    expect(load('port: 8080')).toBe(false);
    expect(load('trustProxy: false')).toBe(false);
  });

  it('takes a list of IPv4 and IPv6 addresses and CIDR ranges, or a single one', () => {
    expect(load('trustProxy: [127.0.0.1, "10.0.0.0/8", "::1", "fd00::/8"]')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(load('trustProxy: 172.17.0.1')).toEqual(['172.17.0.1']);
  });

  it('refuses true, explaining that any client could forge its address', () => {
    const message = problemOf('trustProxy: true');
    expect(message).toContain(
      'dashboard.trustProxy: true would trust X-Forwarded-For from any client',
    );
    expect(message).toContain("list the reverse proxy's addresses instead");
  });

  it('names each entry that is not an address or CIDR range, and the form expected', () => {
    const message = problemOf(
      'trustProxy: [10.0.0.2, 10.0.0.300, "10.0.0.0/33", proxy.local, 127.1]',
    );
    expect(message).toContain(
      'dashboard.trustProxy[1]: "10.0.0.300" is not an IP address or CIDR range; write the reverse proxy\'s address as the dashboard sees it (e.g. "127.0.0.1", "10.0.0.5" or "10.0.0.0/24")',
    );
    expect(message).toContain('dashboard.trustProxy[2]: "10.0.0.0/33" is not a CIDR range');
    expect(message).toContain('dashboard.trustProxy[3]: "proxy.local" is not an IP address');
    expect(message).toContain('dashboard.trustProxy[4]: "127.1" is not an IP address');
    expect(message).not.toContain('trustProxy[0]');
  });

  it('refuses a range that covers every address, an empty list and other kinds of value', () => {
    expect(problemOf('trustProxy: ["0.0.0.0/0"]')).toContain(
      'dashboard.trustProxy[0]: "0.0.0.0/0" covers every address',
    );
    expect(problemOf('trustProxy: ["::/0"]')).toContain('"::/0" covers every address');
    expect(problemOf('trustProxy: []')).toContain('dashboard.trustProxy: lists no proxy address');
    // A hop count cannot tell a proxy from a client that writes the header itself.
    expect(problemOf('trustProxy: 1')).toContain(
      'dashboard.trustProxy: must be false or a list of reverse proxy addresses or CIDR ranges',
    );
  });
});
