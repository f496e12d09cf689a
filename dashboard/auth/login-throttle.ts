import { isIPv4, isIPv6 } from 'node:net';

export interface LoginThrottleOptions {
  /** Failed logins allowed in any window of `windowMillis`; the next attempt is refused. */
  maxFailures: number;
  windowMillis: number;
  /** Keys remembered at most (memory bound); the oldest are dropped first. */
  maxKeys?: number;
}

/**
 * Counts failed logins per key in a sliding window, in memory. A key that has `maxFailures`
 * failures in the last `windowMillis` is refused until the oldest of them leaves the window, so
 * any interval of that length holds at most `maxFailures` failures of one key.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxKeys: number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Milliseconds until the key may try again; 0 when it may now. */
  retryAfterMillis(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.options.maxFailures) return 0;
    const oldest = recent[recent.length - this.options.maxFailures] ?? now;
    return Math.max(1, oldest + this.options.windowMillis - now);
  }

  recordFailure(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Re-inserted so that Map order is least recently failed first.
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.options.maxFailures));
    while (this.failures.size > this.maxKeys) {
      const first = this.failures.keys().next();
      if (first.done) break;
      this.failures.delete(first.value);
    }
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.options.windowMillis;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    return kept;
  }
}

/**
 * The part of a client address that identifies one client: an IPv4 address as it is (also when
 * IPv4-mapped), an IPv6 address by its /64 network, since one host usually holds a whole /64.
 */
export function clientAddressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [
        ...headGroups,
        ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'),
        ...tailGroups,
      ]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
