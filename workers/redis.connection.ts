import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis, type RedisOptions } from 'ioredis';
import { ErrorCode, ExternalError, type Logger, findFreePort } from '../core/index.js';

export interface ResolvedRedis {
  url: string;
  /** Present when this process started redis-server and must stop it. */
  embedded?: { pid: number; stop(): Promise<void> };
}

export interface ResolveRedisOptions {
  /** REDIS_URL: used as given, never replaced by a fallback. */
  url?: string;
  dataDir: string;
  logger: Logger;
}

const defaultUrl = 'redis://127.0.0.1:6379';

const howToGetRedis =
  'adwatch needs Redis 6.2 or later for its queues, and found none: REDIS_URL is not set, nothing ' +
  'answers on 127.0.0.1:6379, and no redis-server is on PATH. Install Redis (Debian/Ubuntu: ' +
  '"apt-get install redis-server"; macOS: "brew install redis") so that adwatch can start it ' +
  'itself, or start one yourself and set REDIS_URL=redis://host:port.';

/**
 * Finds the Redis to use: REDIS_URL when set; else one already answering on 127.0.0.1:6379; else a
 * redis-server from PATH started here with append-only persistence under dataDir/redis.
 */
export async function resolveRedis(options: ResolveRedisOptions): Promise<ResolvedRedis> {
  if (options.url) {
    if (await answers(options.url)) return { url: options.url };
    throw new ExternalError(
      ErrorCode.RedisUnavailable,
      `REDIS_URL (${redactRedisUrl(options.url)}) does not answer PING; start that Redis or fix REDIS_URL`,
    );
  }
  if (await answers(defaultUrl)) return { url: defaultUrl };
  return startRedisServer(join(options.dataDir, 'redis'), options.logger);
}

/** Starts redis-server from PATH on a free port with AOF on; used by `adwatch up` and the tests. */
export async function startRedisServer(dir: string, logger: Logger): Promise<ResolvedRedis> {
  mkdirSync(dir, { recursive: true });
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      '--logfile',
      join(dir, 'redis.log'),
    ],
    // Own process group, so a Ctrl-C reaches adwatch first and Redis outlives the workers' shutdown.
    { stdio: 'ignore', detached: true },
  );
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const failure = await Promise.race([spawnFailed, sleep(100).then(() => undefined)]);
    if (failure || child.exitCode !== null) {
      process.removeListener('exit', killOnExit);
      throw new ExternalError(ErrorCode.RedisUnavailable, howToGetRedis, {
        cause: failure,
        retryable: false,
      });
    }
    if (await answers(url)) {
      logger.debug({ port, dir }, 'embedded redis-server started');
      return {
        url,
        embedded: {
          pid: child.pid ?? 0,
          stop: async () => {
            if (child.exitCode === null) {
              child.kill('SIGTERM');
              await Promise.race([
                exited,
                sleep(10_000, undefined, { ref: false }).then(() => child.kill('SIGKILL')),
              ]);
            }
            process.removeListener('exit', killOnExit);
          },
        },
      };
    }
  }
  child.kill('SIGKILL');
  process.removeListener('exit', killOnExit);
  throw new ExternalError(
    ErrorCode.RedisUnavailable,
    `redis-server did not answer within 15 s; see ${dir}/redis.log`,
  );
}

/** A connection suitable for BullMQ workers (blocking commands must never time out). */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
}

/** Whether a Redis answers PING at url within about a second (no retries, nothing queued). */
export async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A Redis URL with any password replaced, safe to print. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]+)@/, '//$1:***@');
}
