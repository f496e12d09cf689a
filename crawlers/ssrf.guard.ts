import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { ErrorCode, ExternalError } from '../config/index.js';

/** Address ranges a crawler must never reach on behalf of a site (RFC 6890 special-purpose). */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b:1::', 48],
  ['2001:db8::', 32],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address (v4, v6 or IPv4-mapped v6) is in a private or special range. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    // IPv4-mapped in hex form (::ffff:7f00:1) and NAT64 of private v4 are checked on the v4 part.
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
    if (hexMapped) {
      const high = parseInt(hexMapped[1] ?? '0', 16);
      const low = parseInt(hexMapped[2] ?? '0', 16);
      return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
    }
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export function privateAddressError(url: string, address: string): ExternalError {
  return new ExternalError(
    ErrorCode.FetchPrivateAddress,
    `${url}: resolves to ${address}, a private/loopback/link-local address; set allowPrivateNetwork: true on the source only if that is intended`,
    { retryable: false },
  );
}

/** Refuses a URL whose host is a literal private IP (the lookup hook never sees literals). */
export function checkLiteralHost(
  url: URL,
  allowPrivateNetwork: boolean,
  trusted: readonly string[] = [],
): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivateNetwork && isIP(host) && isPrivateAddress(host) && !trusted.includes(host)) {
    throw privateAddressError(url.toString(), host);
  }
}

/**
 * A `lookup` for http(s).request that resolves the host and refuses private addresses. The socket
 * connects to exactly the address checked here, so a DNS answer cannot change in between
 * (no rebinding window).
 */
export function guardedLookup(
  url: string,
  allowPrivateNetwork: boolean,
  trusted: readonly string[] = [],
): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const usable = allowPrivateNetwork
        ? addresses
        : addresses.filter((a) => trusted.includes(a.address) || !isPrivateAddress(a.address));
      const first = usable[0];
      if (!first) {
        callback(privateAddressError(url, addresses[0]?.address ?? hostname), '', 0);
        return;
      }
      if (options.all) callback(null, usable, 0);
      else callback(null, first.address, first.family);
    });
  };
}

/** Resolves a URL's host and throws when it may not be reached (for fetchers without a lookup hook). */
export async function assertPublicHost(url: string, allowPrivateNetwork: boolean): Promise<void> {
  const parsed = new URL(url);
  checkLiteralHost(parsed, allowPrivateNetwork);
  if (allowPrivateNetwork || isIP(parsed.hostname.replace(/^\[|\]$/g, ''))) return;
  const lookup = guardedLookup(url, false);
  await new Promise<void>((resolve, reject) => {
    lookup(parsed.hostname, { all: false }, (error) => (error ? reject(error) : resolve()));
  });
}
