import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { HostLimits } from '../config/index.js';

/** A Redis script of crawlers/lua/, with its SHA-1 for EVALSHA; read once, when first loaded. */
interface LuaScript {
  text: string;
  sha: string;
}

function luaScript(name: string): LuaScript {
  const text = readFileSync(new URL(`./lua/${name}`, import.meta.url), 'utf8');
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

const acquireScript = luaScript('host-acquire.lua');
const pushBackScript = luaScript('host-push-back.lua');

export interface HostLimiterOptions {
  /** Key prefix (the queue prefix), so separate deployments and tests never share limits. */
  prefix: string;
  limitsFor(host: string): HostLimits;
  /** A lease expires after this long, so a crashed worker cannot hold a host's slot for ever. */
  leaseMillis: number;
  /** Told of every answer the limiter gets from Redis (tests read the slots granted from it). */
  onAcquire?: (attempt: SlotAttempt) => void;
}

/**
 * One try to take a host's slot, timed by the Redis clock (which every worker process shares):
 * `wait` is 0 when the slot was granted at `at`, the milliseconds until the host's next start
 * time, or -1 when all of the host's slots were taken.
 */
export interface SlotAttempt {
  host: string;
  at: number;
  wait: number;
}

/** A lease kept after its request, to be given back by the holder's next acquire (or release). */
interface HeldLease {
  key: string;
  lease: string;
}

/**
 * The leases of one caller that fetches pages one after another (a batch of ad pages): each page's
 * lease is given back inside the script that takes the next one, and the last by {@link release}.
 * A lease is thus held a little longer than its request (while the page is processed), never less.
 */
export class LeaseChain {
  held: HeldLease | undefined;

  constructor(private readonly redis: Redis) {}

  /** Gives back the lease still held; call once the caller is done with its pages. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (held) await this.redis.zrem(held.key, held.lease).catch(() => undefined);
  }
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

  /** A chain of leases for a caller that fetches pages one after another. */
  chain(): LeaseChain {
    return new LeaseChain(this.redis);
  }

  /**
   * Runs work while holding one of the host's slots, after the host's minimum delay. With a chain,
   * the chain's previous lease is given back when this one is taken, and this one is kept in the
   * chain when work ends (given back by the next run or by the chain's release).
   */
  async run<T>(
    url: string,
    work: () => Promise<T>,
    crawlDelaySecs = 0,
    chain?: LeaseChain,
  ): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    const limits = this.options.limitsFor(new URL(url).hostname.toLowerCase());
    const minDelayMillis = Math.max(limits.minDelayMillis, Math.round(crawlDelaySecs * 1000));
    const lease = randomUUID();
    const [leases, next] = this.keys(host);
    const args = [lease, limits.maxConcurrency, minDelayMillis, this.options.leaseMillis];
    for (;;) {
      const held = chain?.held;
      const answer = held
        ? await this.script(acquireScript, [leases, next, held.key], [...args, held.lease])
        : await this.script(acquireScript, [leases, next], args);
      const [wait, at] = (answer as [number, number]).map(Number) as [number, number];
      this.options.onAcquire?.({ host, at, wait });
      if (chain) chain.held = undefined;
      if (wait === 0) break;
      await sleep(wait > 0 ? wait : 5 + Math.random() * 20);
    }
    if (chain) {
      chain.held = { key: leases, lease };
      return work();
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
    await this.script(pushBackScript, [next], [Math.max(0, Math.round(delayMillis))]);
  }

  /**
   * Runs a script by its SHA-1 (EVALSHA: the script's text is not sent with every call), loading
   * it with EVAL when this Redis does not know it yet (after a restart or SCRIPT FLUSH).
   */
  private async script(
    script: LuaScript,
    keys: string[],
    args: Array<string | number>,
  ): Promise<unknown> {
    try {
      return await this.redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return this.redis.eval(script.text, keys.length, ...keys, ...args);
    }
  }

  private keys(host: string): [string, string] {
    const base = `${this.options.prefix}:host:${host}`;
    return [`${base}:leases`, `${base}:next`];
  }
}

function sleep(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis));
}
