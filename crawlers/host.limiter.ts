import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HostLimits } from '../config/index.js';

/**
 * Takes a slot for a host: drops expired leases, then answers how long to wait (ms > 0), -1 when
 * all slots are taken, or 0 when a lease was taken and the host's next start time was set.
 * Uses the Redis clock so every worker process agrees on "now".
 */
const acquireScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
local delay = tonumber(ARGV[3])
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
return 0`;

/** Moves the host's next start time to at least now + ARGV[1] ms. */
const pushBackScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wanted = now + tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[1]) or '0')
if wanted > nextAt then redis.call('SET', KEYS[1], wanted, 'PX', tonumber(ARGV[1]) + 1000) end
return wanted`;

export interface HostLimiterOptions {
  /** Key prefix (the queue prefix), so separate deployments and tests never share limits. */
  prefix: string;
  limitsFor(host: string): HostLimits;
  /** A lease expires after this long, so a crashed worker cannot hold a host's slot for ever. */
  leaseMillis: number;
}

/**
 * Per-host concurrency and minimum spacing between request starts, shared by every worker process
 * through Redis: a sorted set of leases (scored by expiry) and a next-allowed-time key per host.
 */
export class HostLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly options: HostLimiterOptions,
  ) {}

  /** Runs work while holding one of the host's slots, after the host's minimum delay. */
  async run<T>(url: string, work: () => Promise<T>, crawlDelaySecs = 0): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    const limits = this.options.limitsFor(new URL(url).hostname.toLowerCase());
    const minDelayMillis = Math.max(limits.minDelayMillis, Math.round(crawlDelaySecs * 1000));
    const lease = randomUUID();
    const [leases, next] = this.keys(host);
    for (;;) {
      const wait = Number(
        await this.redis.eval(
          acquireScript,
          2,
          leases,
          next,
          lease,
          limits.maxConcurrency,
          minDelayMillis,
          this.options.leaseMillis,
        ),
      );
      if (wait === 0) break;
      await sleep(wait > 0 ? wait : 5 + Math.random() * 20);
    }
    try {
      return await work();
    } finally {
      await this.redis.zrem(leases, lease).catch(() => undefined);
    }
  }

  /** After a 429/503: no worker starts a request to this host for delayMillis. */
  async pushBack(url: string, delayMillis: number): Promise<void> {
    const [, next] = this.keys(new URL(url).host.toLowerCase());
    await this.redis.eval(pushBackScript, 1, next, Math.max(0, Math.round(delayMillis)));
  }

  private keys(host: string): [string, string] {
    const base = `${this.options.prefix}:host:${host}`;
    return [`${base}:leases`, `${base}:next`];
  }
}

function sleep(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis));
}
