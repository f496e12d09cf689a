import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { configSchema, type AdwatchConfig, type RawConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import { allQueueNames, createRedisConnection, PipelineQueues } from '../../workers/index.js';
import { createLogger } from '../../core/index.js';

/** Unique names so that suites running side by side never share queues or a database. */
export function uniqueNames(): { database: string; prefix: string } {
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  return { database: `test-${id}`, prefix: `test-${id}` };
}

/** A test's configuration: its queue prefix is always set (a test of its own queues). */
export type TestConfig = AdwatchConfig & { queues: { prefix: string } };

/** A full configuration for a test, on the shared services with its own database and queues. */
export function testConfig(overrides: Partial<RawConfig> = {}): TestConfig {
  const { database, prefix } = uniqueNames();
  const config = configSchema.parse({
    logLevel: 'silent',
    // Never the repository's ./data: a test's installation id is its own (workers/installation.ts).
    dataDir: join(tmpdir(), 'adwatch-tests', database),
    redis: { url: inject('redisUrl') },
    mongo: { uri: inject('mongoUri'), database },
    ...overrides,
    // Sections a test overrides keep the test's own prefix and ports unless it sets them.
    queues: { prefix, backoffMillis: 200, ...overrides.queues },
    dashboard: { port: 0, ...overrides.dashboard },
    demo: { port: 0, newAdEveryMillis: 0, ...overrides.demo },
  });
  return { ...config, queues: { ...config.queues, prefix: config.queues.prefix ?? prefix } };
}

export const silentLogger = createLogger('silent', { pretty: false });

/** Opens a store on a fresh database; drop it with `store.dropDatabase()` after the test. */
export function openTestStore(config: AdwatchConfig): Promise<Store> {
  return openStore({ uri: config.mongo.uri as string, database: config.mongo.database });
}

/** The value, or a failed assertion when it is null or undefined. */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected a ${what}`);
  return value;
}

/**
 * Polls until check() returns a value other than undefined/false; fails after timeoutMillis, or at
 * once when check() throws an error that stopOn accepts.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  {
    timeoutMillis = 60_000,
    intervalMillis = 250,
    what = 'condition',
    stopOn = (_error: unknown): boolean => false,
  } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      // A check can tell that waiting longer is pointless (e.g. the pipeline stopped moving).
      if (stopOn(error))
        throw new Error(
          `gave up waiting for ${what}: ${error instanceof Error ? error.message : String(error)}`,
        );
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMillis));
  }
  throw new Error(
    `timed out after ${timeoutMillis} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
  );
}

/** Removes every key of a test's queues from the shared Redis. */
export async function obliterateQueues(queues: PipelineQueues): Promise<void> {
  for (const name of allQueueNames) await queues.byName(name).obliterate({ force: true });
}

/** Runs use with producers for a test's queues on the shared Redis, closing them afterwards. */
export async function withTestQueues<T>(
  config: AdwatchConfig,
  use: (queues: PipelineQueues) => Promise<T>,
): Promise<T> {
  const connection = createRedisConnection(inject('redisUrl'));
  const queues = new PipelineQueues(connection, config);
  try {
    return await use(queues);
  } finally {
    await queues.close();
    connection.disconnect();
  }
}
