import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { StatusReport } from '../../bin/commands/status.command.js';
import { runCli, spawnCli, startCli, type CliProcess } from '../helpers/cli.js';
import { obliterateQueues, testConfig, uniqueNames, waitFor } from '../helpers/services.js';
import { createRedisConnection, PipelineQueues } from '../../workers/index.js';
import { findFreePort } from '../../core/index.js';
import { allDemoAds } from '../../demo/index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'adwatch-up-'));
const queuePrefix = uniqueNames().prefix;
const configFile = join(dataDir, 'adwatch.yaml');
let running: CliProcess | undefined;

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  const connection = createRedisConnection(inject('redisUrl'));
  const queues = new PipelineQueues(connection, testConfig({ queues: { prefix: queuePrefix } }));
  await obliterateQueues(queues);
  await queues.close();
  connection.disconnect();
});

/** The pipeline made no progress for this long: it is stuck, not slow. */
const STALL_MILLIS = 120_000;
/** An upper bound only, for a machine so loaded that the suite would be useless anyway. */
const FIRST_RUN_CAP_MILLIS = 900_000;

class StalledError extends Error {}

/**
 * The demo's oldest 60 ads (every venue: 30 static, 18 rendered in Chromium, 6 Telegram posts, 6
 * feed items, 9 of them suspicious): what this test is about is the process, its status, signals
 * and data, not the whole demo, which test/pipeline/demo-pipeline.test.ts crawls.
 */
const publishedAds = 60;
const heldBackAds = allDemoAds().length - publishedAds;

/**
 * `adwatch status --json`: by the real binary (`spawn`), or in this process through the command
 * registry for the polling, where a process started every two seconds would take a core from the
 * pipeline it waits for.
 */
async function status(env: Record<string, string>, spawn = false): Promise<StatusReport> {
  const args = ['status', '--json'];
  const result = spawn ? await spawnCli(args, env) : await runCli(args, env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as StatusReport;
}

describe('npm start (adwatch up) in demo mode', () => {
  it('runs the pipeline, reports status, stops cleanly on Ctrl-C and keeps its data across a restart', async () => {
    const demoPort = await findFreePort();
    // No new demo ads, so counts are exact; the first run scans once at start and then only every
    // ten minutes, so its queues go idle and stay idle however loaded the machine is.
    const demoConfig = (schedule: string): string =>
      `demo:\n  port: ${demoPort}\n  newAdEveryMillis: 0\n  heldBackAds: ${heldBackAds}\n  schedule: ${schedule}\n`;
    writeFileSync(configFile, demoConfig('every 10 minutes'));
    const env = {
      ADWATCH_DATA_DIR: dataDir,
      ADWATCH_CONFIG: configFile,
      ADWATCH_PORT: '0',
      REDIS_URL: inject('redisUrl'),
      ADWATCH_QUEUE_PREFIX: queuePrefix,
    };
    // Status finds the instance through the runtime file; it needs no REDIS_URL of its own.
    const statusEnv = {
      ADWATCH_DATA_DIR: dataDir,
      ADWATCH_QUEUE_PREFIX: env.ADWATCH_QUEUE_PREFIX,
      REDIS_URL: env.REDIS_URL,
    };

    running = startCli(['up'], env);
    const [, dashboardUrl] = await running.waitForOutput(/dashboard: (http:\/\/\S+)/, 60_000);
    // Idle queues mean every screenshot of a flagged ad is taken too, which on a loaded machine
    // takes as long as Chromium needs. So the wait fails when the pipeline stops making progress
    // (no job finished and no capture stored for two minutes), not after a fixed time.
    let progress = '';
    let progressAt = Date.now();
    await waitFor(
      async () => {
        const report = await status(statusEnv);
        const idle = Object.values(report.queues).every((q) => q.waiting + q.active === 0);
        if (idle && report.store.ads >= publishedAds && report.store.flagged > 0) return report;
        const now = JSON.stringify([
          report.store,
          Object.values(report.queues).map((q) => q.completed),
        ]);
        if (now !== progress) [progress, progressAt] = [now, Date.now()];
        const stalled = Date.now() - progressAt > STALL_MILLIS;
        // Thrown so that a timeout says how far the pipeline got.
        const state = JSON.stringify({ store: report.store, queues: report.queues });
        if (stalled) throw new StalledError(`no progress for ${STALL_MILLIS} ms: ${state}`);
        throw new Error(`not yet: ${state}`);
      },
      {
        timeoutMillis: FIRST_RUN_CAP_MILLIS,
        intervalMillis: 2_000,
        what: 'the demo ads to be stored, scored and screenshotted',
        stopOn: (error) => error instanceof StalledError,
      },
    );
    // The queues stay idle now (no new ads, no scan for ten minutes): the binary reports the same.
    const first = await status(statusEnv, true);
    expect(Object.values(first.queues).every((q) => q.waiting + q.active === 0)).toBe(true);
    expect(first.store.ads).toBe(publishedAds);
    expect(first.store.flagged).toBeGreaterThan(0);
    expect(Object.keys(first.queues).sort()).toEqual([
      'alerts',
      'classify',
      'crawl',
      'extract',
      'link',
    ]);
    expect(first.queues.crawl).toMatchObject({ failed: 0 });
    // One capture per ad, plus a screenshot capture per flagged ad not from the browser board.
    expect(first.store.captures).toBeGreaterThanOrEqual(first.store.ads);
    expect(first.store.captures).toBeLessThanOrEqual(first.store.ads + first.store.flagged);
    expect(first.sources.map((s) => s.id)).toEqual([
      'demo-classifieds',
      'demo-feed',
      'demo-jobs',
      'demo-telegram',
    ]);
    for (const source of first.sources) {
      expect(source.lastScanAt).not.toBeNull();
      expect(source.lastError).toBeNull();
    }
    const healthz = await fetch(new URL('/healthz', String(dashboardUrl)));
    expect(healthz.status).toBe(200);
    // The single-page UI (or the page asking to build it) is served at /, the API needs a session.
    const home = await fetch(new URL('/', String(dashboardUrl)));
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await fetch(new URL('/api/ads', String(dashboardUrl)))).status).toBe(401);
    // The first start creates `admin` and prints its password once; logging in with it works.
    const [, adminPassword] = running.output().match(/account "admin" with password (\S+)/) ?? [];
    expect(adminPassword).toBeDefined();
    const login = await fetch(new URL('/api/login', String(dashboardUrl)), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    expect(login.status).toBe(200);

    const table = await spawnCli(['status'], statusEnv);
    expect(table.stdout).toMatch(/Store\s+\d+ ads, \d+ flagged, \d+ captures/);
    expect(table.stdout).toContain('demo-classifieds');

    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('stopped');
    expect(existsSync(join(dataDir, 'adwatch.runtime.json'))).toBe(false);
    const noInstance = await spawnCli(['status'], { ADWATCH_DATA_DIR: dataDir });
    expect(noInstance.code).toBe(1);
    expect(noInstance.stderr).toContain('no running adwatch instance found');

    // The second run re-scans as often as a schedule may (every 10 s), to show that re-scans of
    // unchanged boards store nothing twice.
    writeFileSync(configFile, demoConfig('every 10 seconds'));
    running = startCli(['up'], env);
    await running.waitForOutput(/dashboard: http/, 60_000);
    // Let at least one scheduled re-scan run over the unchanged boards.
    await running
      .waitForOutput(
        /"source":"demo-jobs".*"msg":"scan finished"[\s\S]*"source":"demo-jobs".*"msg":"scan finished"/,
        60_000,
      )
      .catch(() => undefined);
    const second = await status(statusEnv, true);
    expect(second.store).toEqual(first.store);
    expect(running.output()).not.toContain('account "admin" with password');
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 1_200_000);

  it('says clearly when the dashboard port is taken', async () => {
    const blocker = await import('node:net').then(({ createServer }) => createServer());
    const port = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const result = await spawnCli(['dashboard'], {
        ADWATCH_PORT: String(port),
        REDIS_URL: inject('redisUrl'),
        MONGODB_URI: inject('mongoUri'),
        ADWATCH_MONGO_DATABASE: uniqueNames().database,
        ADWATCH_LOG_LEVEL: 'silent',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
