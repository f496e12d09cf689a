import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startFaultBoard, type FaultBoard } from './fault-board.js';
import { FaultRun } from './fault-run.js';
import { faultCase } from './fault-table.js';
import { startOwnMongod, startOwnRedis, type OwnService } from './own-services.js';

const scratch = mkdtempSync(join(tmpdir(), 'adwatch-fault-services-'));
const cleanup: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

async function board(ads: number): Promise<FaultBoard> {
  const started = await startFaultBoard({ ads });
  cleanup.push(() => started.close());
  return started;
}

async function service(start: Promise<OwnService>): Promise<OwnService> {
  const started = await start;
  cleanup.push(() => started.stop());
  return started;
}

async function open(options: Parameters<typeof FaultRun.open>[0]): Promise<FaultRun> {
  const run = await FaultRun.open(options);
  // Runs close before their services stop (cleanup runs in reverse).
  cleanup.push(() => run.close());
  return run;
}

describe('the services restarting under a running pipeline', () => {
  it('loses no ad when Redis is killed in the middle of a scan and restarts from its append-only file', async () => {
    const row = faultCase('2 Redis restart', 'redis-server kill -9 + restart (AOF) mid-scan');
    const redis = await service(startOwnRedis(join(scratch, 'redis')));
    const fixture = await board(30);
    const run = await open({ name: 'redis', board: fixture, redisUrl: redis.url });
    await run.start(['worker']);
    // The scan has read listing page 1 (its ten ads are queued) and waits for page 2.
    const held = fixture.hold('/list?page=2');
    const scheduler = await run.startRoles([], true);
    await held.reached;
    await run.stopRoles(scheduler);
    await redis.crash();
    const during = await runCli(['status'], { ...run.env, ADWATCH_LOG_LEVEL: 'silent' });
    await redis.restart();
    held.release();

    const tally = await run.settled('every ad after the Redis restart');
    row.tally(tally);
    expect(tally).toMatchObject({ stored: 30, duplicates: 0, classified: 30 });
    // While Redis was down, status said so (and which setting names it).
    expect(during.code).not.toBe(0);
    expect(during.stderr).toMatch(/Redis at \S+ does not answer/);
    const status = await run.status();
    for (const queue of ['crawl', 'extract', 'classify'])
      expect(status.queues[queue], queue).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    expect(status.text).toMatch(/board\s+last scan \S+\s+ok/);
    row.status = 'down: exit 1 naming Redis; after: idle, 0 failed';
  }, 300_000);

  it('classifies every ad when mongod is killed during classification and restarts', async () => {
    const row = faultCase('3 mongod restart', 'mongod kill -9 + restart during classification');
    const mongod = await service(startOwnMongod(join(scratch, 'mongo')));
    const fixture = await board(30);
    const run = await open({
      name: 'mongod',
      board: fixture,
      mongoUri: mongod.url,
      settings: { queues: { concurrency: { classify: 2 } } },
    });
    const worker = await run.start(['worker']);
    await run.startRoles([], true);
    // Frozen with classify jobs in hand, while the database goes away and comes back.
    const atCrash = await run.freezeMidBatch(worker, 'classify');
    await mongod.crash();
    const during = await runCli(['status'], { ...run.env, ADWATCH_LOG_LEVEL: 'silent' });
    await mongod.restart();
    worker.child.kill('SIGCONT');
    row.fault = `mongod kill -9 + restart with ${atCrash.completed} of 30 classified, ${atCrash.active} in hand`;

    const tally = await run.settled('every ad classified after the mongod restart');
    row.tally(tally);
    expect(tally).toMatchObject({ stored: 30, duplicates: 0, classified: 30 });
    expect(during.code).not.toBe(0);
    expect(during.stderr).toMatch(/cannot connect to MongoDB/);
    const status = await run.status();
    for (const queue of ['crawl', 'extract', 'classify'])
      expect(status.queues[queue], queue).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    row.status = 'down: exit 1 naming MongoDB; after: idle, 0 failed';
  }, 300_000);
});
