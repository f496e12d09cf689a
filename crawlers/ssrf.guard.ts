import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ErrorCode, ExternalError } from '../core/index.js';

/** IPv6 ranges that carry an IPv4 address: the address is judged by that IPv4 address. */
const embeddingIpv4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

/**
 * Whether an IP address may not be reached on behalf of a site: anything but global unicast (RFC
 * 6890 special-purpose ranges, as ipaddr.js classifies them: private, loopback, link-local, CGNAT,
 * unique-local, deprecated site-local, multicast, reserved, documentation). IPv6 forms that embed
 * an IPv4 address (mapped, RFC 6145 translated, NAT64, 6to4, Teredo, IPv4-compatible) are judged
 * by that address. Anything that is not an IP address counts as private.
 */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIpv4(v6);
  if (embedded) return isPrivateAddress(embedded);
  return v6.range() !== 'unicast';
}

/**
 * The IPv4 address inside an IPv6 one, for the forms that route to it. NAT64's local-use prefix
 * (64:ff9b:1::/48) places it at a network's choice, so it has none and stays private.
 */
function embeddedIpv4(v6: ipaddr.IPv6): string | undefined {
  const p = v6.parts;
  const dotted = (high: number, low: number) =>
    `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const range = v6.range();
  if (range === '6to4') return dotted(p[1] ?? 0, p[2] ?? 0);
  // Teredo: the client's address, inverted, in the last 32 bits.
  if (range === 'teredo') return dotted(~(p[6] ?? 0) & 0xffff, ~(p[7] ?? 0) & 0xffff);
  if (range === 'rfc6052' && p[2] !== 0) return undefined;
  // IPv4-compatible (::a.b.c.d, deprecated by RFC 4291); :: and ::1 keep their own ranges.
  const compatible = range === 'unicast' && p.slice(0, 6).every((part) => part === 0);
  if (embeddingIpv4.has(range) || compatible) return dotted(p[6] ?? 0, p[7] ?? 0);
  return undefined;
}

/**
 * Whether a request to url may reach private addresses: only for a source that allows it, and only
 * on the source's own hosts (`host:port` of its configured URLs), so that a redirect or a link on
 * its pages cannot reach other services on the machine. Without privateHosts: the given first
 * host only.
 */
export function privateAllowedFor(
  url: string | URL,
  allowPrivateNetwork: boolean,
  privateHosts: readonly string[] | undefined,
): boolean {
  if (!allowPrivateNetwork || !privateHosts) return allowPrivateNetwork;
  return privateHosts.includes(new URL(url).host);
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

/**
 * Resolves a URL's host and throws when it may not be reached (for fetchers without a lookup
 * hook). Private addresses only as privateAllowedFor says.
 */
export async function assertPublicHost(
  url: string,
  allowPrivateNetwork: boolean,
  privateHosts?: readonly string[],
): Promise<void> {
  const parsed = new URL(url);
  const allowPrivate = privateAllowedFor(parsed, allowPrivateNetwork, privateHosts);
  checkLiteralHost(parsed, allowPrivate);
  if (allowPrivate || isIP(parsed.hostname.replace(/^\[|\]$/g, ''))) return;
  const lookup = guardedLookup(url, false);
  await new Promise<void>((resolve, reject) => {
    lookup(parsed.hostname, { all: false }, (error) => (error ? reject(error) : resolve()));
  });
}
