import ipaddr from 'ipaddr.js';
import type { z } from 'zod';

/** The dashboard settings the rule reads (the whole section, as the schema has parsed it). */
interface ListeningSettings {
  host: string;
  secureCookies: boolean;
  trustProxy: false | string[];
}

/**
 * Whether `host` only accepts connections from this machine. A name other than `localhost` may
 * resolve to anything, and `0.0.0.0` / `::` listen on every interface, so both count as reachable.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare.toLowerCase() === 'localhost') return true;
  if (!ipaddr.isValid(bare)) return false;
  const address = ipaddr.process(bare);
  return address.range() === 'loopback';
}

/**
 * Config rule: a dashboard reachable from other machines, with no TLS reverse proxy in front of it
 * (`trustProxy` unset), must mark its session cookie `Secure`. Without it the cookie would travel in
 * clear over the network, where anyone on the path could take over an analyst's session.
 */
export function requireSecureCookiesOffLoopback(
  settings: ListeningSettings,
  ctx: z.RefinementCtx,
): void {
  if (settings.secureCookies || settings.trustProxy !== false || isLoopbackHost(settings.host)) {
    return;
  }
  ctx.addIssue({
    code: 'custom',
    path: ['secureCookies'],
    message:
      `must be true when the dashboard listens on "${settings.host}", which other machines can reach: ` +
      'without it the session cookie travels in clear. Serve the dashboard over https through a TLS ' +
      'reverse proxy, list that proxy in dashboard.trustProxy and set dashboard.secureCookies: true ' +
      '(see docs/deployment.md), or listen on 127.0.0.1 (ADWATCH_HOST)',
  });
}
