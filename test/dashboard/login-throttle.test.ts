import { describe, expect, it } from 'vitest';
import { clientAddressKey, LoginThrottle } from '../../dashboard/auth/login-throttle.js';

const minute = 60_000;

describe('LoginThrottle', () => {
  it('refuses a key after its failures fill the window, until the oldest leaves it', () => {
    const throttle = new LoginThrottle({ maxFailures: 3, windowMillis: 15 * minute });
    const t0 = 1_000_000;
    throttle.recordFailure('a', t0);
    throttle.recordFailure('a', t0 + 5 * minute);
    expect(throttle.retryAfterMillis('a', t0 + 6 * minute)).toBe(0);
    throttle.recordFailure('a', t0 + 10 * minute);
    expect(throttle.retryAfterMillis('a', t0 + 11 * minute)).toBe(4 * minute);
    expect(throttle.retryAfterMillis('b', t0 + 11 * minute)).toBe(0);
    // The first failure leaves the window: one more try, then refused until the second leaves.
    expect(throttle.retryAfterMillis('a', t0 + 15 * minute)).toBe(0);
    throttle.recordFailure('a', t0 + 15 * minute);
    expect(throttle.retryAfterMillis('a', t0 + 16 * minute)).toBe(4 * minute);
  });

  it('never lets more than maxFailures of one key fall in any window', () => {
    const throttle = new LoginThrottle({ maxFailures: 3, windowMillis: 15 * minute });
    const recorded: number[] = [];
    // A client that tries every 20 seconds for two hours and fails every time it is let through.
    for (let now = 0; now < 120 * minute; now += 20_000) {
      if (throttle.retryAfterMillis('x', now) > 0) continue;
      throttle.recordFailure('x', now);
      recorded.push(now);
    }
    const perWindow = recorded.map(
      (start) => recorded.filter((at) => at >= start && at < start + 15 * minute).length,
    );
    expect(Math.max(...perWindow)).toBe(3);
    expect(recorded.length).toBe(24);
  });

  it('forgets the least recently failed keys beyond its size bound', () => {
    const throttle = new LoginThrottle({ maxFailures: 1, windowMillis: minute, maxKeys: 2 });
    throttle.recordFailure('a', 0);
    throttle.recordFailure('b', 1);
    throttle.recordFailure('c', 2);
    expect(throttle.retryAfterMillis('a', 3)).toBe(0);
    expect(throttle.retryAfterMillis('b', 3)).toBeGreaterThan(0);
    expect(throttle.retryAfterMillis('c', 3)).toBeGreaterThan(0);
  });
});

describe('clientAddressKey', () => {
  it('keys IPv4 addresses as they are, also when IPv4-mapped', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keys IPv6 addresses by their /64 network', () => {
    expect(clientAddressKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('2001:db8:1:3::a')).not.toBe(clientAddressKey('2001:db8:1:2::a'));
  });
});
