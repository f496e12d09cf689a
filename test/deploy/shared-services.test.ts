import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFreePort } from '../../core/index.js';
import { spawnCli } from '../helpers/cli.js';
import { uniqueNames } from '../helpers/services.js';

/** A worker on a host of its own: no instance runs with its data directory. */
describe('a worker started without the shared services', () => {
  let dataDir: string;
  let deadPort: number;
  const { database } = uniqueNames();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'adwatch-worker-host-'));
    // Nothing listens here: the address of a service that is down.
    deadPort = await findFreePort();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names both settings when neither Redis nor MongoDB is configured', async () => {
    const result = await spawnCli(['worker', '--queues', 'crawl'], { ADWATCH_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `no running adwatch instance found in ${dataDir} and REDIS_URL and MONGODB_URI not set`,
    );
    expect(result.stderr).toContain('set REDIS_URL and MONGODB_URI to shared services');
  });

  it('fails at once, naming REDIS_URL, when its Redis does not answer', async () => {
    const result = await spawnCli(['worker', '--queues', 'crawl'], {
      ADWATCH_DATA_DIR: dataDir,
      REDIS_URL: `redis://:secret@127.0.0.1:${deadPort}`,
      MONGODB_URI: inject('mongoUri'),
      ADWATCH_MONGO_DATABASE: database,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `adwatch: REDIS_URL (redis://:***@127.0.0.1:${deadPort}) does not answer PING: this process needs the installation's shared Redis`,
    );
    expect(result.stderr).not.toContain('secret');
  });

  it('fails, naming MONGODB_URI, when its MongoDB does not answer', async () => {
    const result = await spawnCli(['scheduler'], {
      ADWATCH_DATA_DIR: dataDir,
      REDIS_URL: inject('redisUrl'),
      MONGODB_URI: `mongodb://adwatch:secret@127.0.0.1:${deadPort}/`,
      ADWATCH_MONGO_DATABASE: database,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `adwatch: cannot connect to MongoDB (mongodb://adwatch:***@127.0.0.1:${deadPort}/`,
    );
    expect(result.stderr).toContain('that this host reaches it at MONGODB_URI');
    expect(result.stderr).not.toContain('secret');
  });
});
