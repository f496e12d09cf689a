import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type AdwatchConfig, type RawConfig } from '../../config/index.js';
import {
  createFetchers,
  retryAfterMillis,
  type Fetchers,
  type SlotAttempt,
} from '../../crawlers/index.js';
import { createRedisConnection } from '../../workers/index.js';
import { must, testConfig, waitFor } from '../helpers/services.js';
import { html, startFixtureSite, type FixtureSite } from './fixture-site.js';
import { ErrorCode } from '../../core/index.js';

const connections: Redis[] = [];
const prefixes = new Set<string>();
const fetchersMade: Fetchers[] = [];
/**
 * Every try to take a host's slot, timed by the Redis clock: spacing is asserted on the slots the
 * limiter granted, not on when requests happened to reach the test's server.
 */
const attempts: SlotAttempt[] = [];

/** When the limiter let each request to the board start (Redis clock, ms), in order. */
function slotsGranted(board: FixtureSite): number[] {
  const host = new URL(board.origin).host;
  return attempts
    .filter((attempt) => attempt.host === host && attempt.wait === 0)
    .map((attempt) => attempt.at)
    .sort((a, b) => a - b);
}

function gapsBetween(times: number[]): number[] {
  return times.slice(1).map((time, i) => time - must(times[i]));
}

function fetchersFor(config: AdwatchConfig): Fetchers {
  const redis = createRedisConnection(config.redis.url as string);
  connections.push(redis);
  const prefix = must(config.queues.prefix, 'queue prefix');
  prefixes.add(prefix);
  const fetchers = createFetchers(redis, {
    crawler: config.crawler,
    prefix,
    onHostSlot: (attempt) => attempts.push(attempt),
  });
  fetchersMade.push(fetchers);
  return fetchers;
}

function configWith(crawler: RawConfig['crawler']): AdwatchConfig {
  return testConfig({ crawler: { userAgent: 'adwatch/0.1 (+https://example.org/c)', ...crawler } });
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error('expected a failure');
}

const sites: FixtureSite[] = [];
async function site(robots: Parameters<typeof startFixtureSite>[0] = {}): Promise<FixtureSite> {
  const started = await startFixtureSite({
    '/page': html('<p>page</p>'),
    '/private/page': html('<p>private</p>'),
    ...robots,
  });
  sites.push(started);
  return started;
}

afterAll(async () => {
  await Promise.all(fetchersMade.map((f) => f.browser.close()));
  const redis = connections[0];
  for (const prefix of prefixes) {
    const keys = (await redis?.keys(`${prefix}:*`)) ?? [];
    if (keys.length) await redis?.del(...keys);
  }
  connections.forEach((c) => c.disconnect());
  await Promise.all(sites.map((s) => s.close()));
});

const open = { allowPrivateNetwork: true };

describe('robots.txt', () => {
  it('follows allow and disallow rules for our product token and records the decision', async () => {
    const board = await site({
      '/robots.txt': html(
        'User-agent: adwatch\nDisallow: /private/\n\nUser-agent: *\nDisallow: /',
        {
          'content-type': 'text/plain',
        },
      ),
    });
    const fetchers = fetchersFor(configWith({ perHost: { minDelayMillis: 0 } }));
    const page = await fetchers.http(`${board.origin}/page`, open);
    expect(page.robots).toMatchObject({
      allowed: true,
      robotsUrl: `${board.origin}/robots.txt`,
      status: 200,
    });
    expect(page.robots?.fetchedAt).toBeInstanceOf(Date);
    const denied = await failure(fetchers.http(`${board.origin}/private/page`, open));
    expect(denied.code).toBe(ErrorCode.FetchRobotsDisallowed);
    expect(board.count('/private/')).toBe(0);
    expect(board.requests[0]?.headers['user-agent']).toContain(
      'adwatch/0.1 (+https://example.org/c)',
    );
  });

  it('reads robots.txt once and caches it in Redis for the other workers', async () => {
    const board = await site({
      '/robots.txt': html('User-agent: *\nAllow: /', { 'content-type': 'text/plain' }),
    });
    const config = configWith({ perHost: { minDelayMillis: 0 } });
    await fetchersFor(config).http(`${board.origin}/page`, open);
    await fetchersFor(config).http(`${board.origin}/page`, open);
    expect(board.count('/robots.txt')).toBe(1);
    expect(board.count('/page')).toBe(2);
  });

  it('allows everything when robots.txt answers 4xx', async () => {
    const board = await site({ '/robots.txt': html('gone', {}, 404) });
    const page = await fetchersFor(configWith({ perHost: { minDelayMillis: 0 } })).http(
      `${board.origin}/page`,
      open,
    );
    expect(page.robots).toMatchObject({ allowed: true, status: 404 });
  });

  it('allows nothing when robots.txt answers 5xx or the server is unreachable', async () => {
    const board = await site({ '/robots.txt': html('oops', {}, 500) });
    const fetchers = fetchersFor(configWith({ perHost: { minDelayMillis: 0 } }));
    const error = await failure(fetchers.http(`${board.origin}/page`, open));
    expect(error.code).toBe(ErrorCode.FetchRobotsDisallowed);
    expect(board.count('/page')).toBe(0);
    const unreachable = await failure(fetchers.http('http://127.0.0.1:9/page', open));
    expect(unreachable.code).toBe(ErrorCode.FetchRobotsDisallowed);
  });

  it('reports a private address as such, not as robots.txt trouble', async () => {
    const board = await site({ '/robots.txt': html('', {}, 404) });
    const fetchers = fetchersFor(configWith({ perHost: { minDelayMillis: 0 } }));
    const error = await failure(
      fetchers.http(`${board.origin}/page`, { allowPrivateNetwork: false }),
    );
    expect(error.code).toBe(ErrorCode.FetchPrivateAddress);
    expect(board.requests.length).toBe(0);
  });

  it('honours Crawl-delay between requests to the host', async () => {
    const board = await site({
      '/robots.txt': html('User-agent: *\nCrawl-delay: 1\n', { 'content-type': 'text/plain' }),
    });
    const fetchers = fetchersFor(configWith({ perHost: { minDelayMillis: 0, maxConcurrency: 4 } }));
    await Promise.all([1, 2, 3].map(() => fetchers.http(`${board.origin}/page`, open)));
    expect(board.count('/page')).toBe(3);
    // robots.txt's own request takes the first slot, before its Crawl-delay is known; the pages'
    // slots follow each a second after the one before.
    const slots = slotsGranted(board);
    expect(slots).toHaveLength(4);
    for (const gap of gapsBetween(slots.slice(1))) expect(gap).toBeGreaterThanOrEqual(1000);
  });
});

describe('per-host limits', () => {
  it('hold across two worker pools sharing Redis: at most N in flight, minimum spacing kept', async () => {
    const board = await site({
      '/robots.txt': html('', {}, 404),
      '/slow': (_q, r) =>
        void setTimeout(
          () => r.writeHead(200, { 'content-type': 'text/html' }).end('<p>slow</p>'),
          150,
        ),
    });
    const config = configWith({ perHost: { maxConcurrency: 2, minDelayMillis: 400 } });
    const poolA = fetchersFor(config);
    const poolB = fetchersFor(config);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? poolA : poolB).http(`${board.origin}/slow`, open),
      ),
    );
    expect(board.count('/slow')).toBe(8);
    expect(board.maxInFlight).toBeLessThanOrEqual(2);
    const slots = slotsGranted(board);
    expect(slots.length).toBeGreaterThanOrEqual(8);
    for (const gap of gapsBetween(slots)) expect(gap).toBeGreaterThanOrEqual(400);
  });

  it('hands a chained slot over to the next page, so pages fetched in a row hold one slot', async () => {
    const board = await site({ '/robots.txt': html('', {}, 404) });
    const config = configWith({ perHost: { maxConcurrency: 1, minDelayMillis: 0 } });
    const fetchers = fetchersFor(config);
    const redis = connections.at(-1) as Redis;
    const leases = `${config.queues.prefix}:host:${new URL(board.origin).host}:leases`;
    const chain = fetchers.chain();
    // With one slot per host, a second page could not start if the first page's lease were kept.
    for (let i = 0; i < 3; i++) {
      await fetchers.http(`${board.origin}/page`, { ...open, chain });
      expect(await redis.zcard(leases)).toBe(1);
    }
    // Others wait while the chain holds the slot, and get it once the chain lets go.
    const host = new URL(board.origin).host;
    const refusedBefore = attempts.filter((a) => a.host === host && a.wait === -1).length;
    const other = fetchers.http(`${board.origin}/page`, open);
    await waitFor(
      () =>
        Promise.resolve(
          attempts.filter((a) => a.host === host && a.wait === -1).length > refusedBefore,
        ),
      { what: 'the other request to be refused a slot' },
    );
    expect(board.count('/page')).toBe(3);
    await chain.release();
    await other;
    expect(board.count('/page')).toBe(4);
    expect(await redis.zcard(leases)).toBe(0);
  });

  it('turns 429 with Retry-After into a throttle that delays the whole host', async () => {
    let calls = 0;
    const board = await site({
      '/robots.txt': html('', {}, 404),
      '/busy': (_q, r) => {
        calls += 1;
        r.writeHead(calls === 1 ? 429 : 200, {
          'retry-after': '1',
          'content-type': 'text/html',
        }).end('<p>x</p>');
      },
    });
    const fetchers = fetchersFor(configWith({ perHost: { minDelayMillis: 0 } }));
    const error = (await failure(fetchers.http(`${board.origin}/busy`, open))) as {
      code?: string;
      retryAfterMillis?: number;
    };
    expect(error.code).toBe(ErrorCode.FetchThrottled);
    expect(error.retryAfterMillis).toBe(1000);
    await fetchers.http(`${board.origin}/busy`, open);
    expect(calls).toBe(2);
    // The slot of the retry was granted no sooner than Retry-After after the 429's own slot.
    const [, throttled, retry] = slotsGranted(board);
    expect(must(retry) - must(throttled)).toBeGreaterThanOrEqual(1000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMillis('120', now)).toBe(120_000);
    expect(retryAfterMillis('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMillis(undefined, now)).toBe(60_000);
    expect(retryAfterMillis('soon', now)).toBe(60_000);
  });
});
