import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstance, type Instance } from '../../bin/runtime/instance.js';
import { startCli, type CliProcess } from '../helpers/cli.js';
import {
  obliterateQueues,
  silentLogger,
  testConfig,
  uniqueNames,
  waitFor,
} from '../helpers/services.js';

const dir = mkdtempSync(join(tmpdir(), 'adwatch-stalled-'));
let server: Server;
let origin: string;
let detailRequests = 0;
let instance: Instance | undefined;
let doomed: CliProcess | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url !== '/ad/1') {
      response.writeHead(404).end();
      return;
    }
    detailRequests += 1;
    const page =
      '<html><body><h1>Hostess wanted abroad</h1><div class="body"><p>Tickets paid.</p></div></body></html>';
    // The first request hangs long enough for the test to kill the worker serving it.
    setTimeout(
      () => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
      detailRequests === 1 ? 30_000 : 0,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  if (doomed && doomed.child.exitCode === null && doomed.child.signalCode === null) {
    doomed.child.kill('SIGKILL');
    await doomed.exited;
  }
  if (instance) await obliterateQueues(instance.queues);
  await instance?.store.dropDatabase();
  await instance?.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('a worker killed in the middle of a job', () => {
  it('loses no ad: another worker takes the stalled job over', async () => {
    const source = {
      id: 'slow-board',
      type: 'http' as const,
      listingUrls: [`${origin}/`],
      adLinkSelector: 'a.ad',
      detail: { title: 'h1', body: '.body' },
      allowPrivateNetwork: true,
    };
    const config = testConfig({
      // A queues override replaces testConfig's own, so the unique prefix is set here again.
      queues: {
        prefix: uniqueNames().prefix,
        lockDurationMillis: 2_000,
        stalledIntervalMillis: 1_000,
        backoffMillis: 200,
      },
      sources: [source],
    });
    const configFile = join(dir, 'adwatch.yaml');
    writeFileSync(
      configFile,
      JSON.stringify({
        queues: { lockDurationMillis: 2_000, stalledIntervalMillis: 1_000 },
        sources: [source],
      }),
    );
    doomed = startCli(['worker', '--queues', 'crawl'], {
      ADWATCH_CONFIG: configFile,
      ADWATCH_DATA_DIR: dir,
      REDIS_URL: config.redis.url as string,
      MONGODB_URI: config.mongo.uri as string,
      ADWATCH_MONGO_DATABASE: config.mongo.database,
      ADWATCH_QUEUE_PREFIX: config.queues.prefix,
    });
    await doomed.waitForOutput(/workers started/);

    // Producer only (no roles) while the child works, so only the child can take the job.
    instance = await startInstance({
      config,
      logger: silentLogger,
      roles: { workers: [], scheduler: false, dashboard: false },
      ownServices: false,
    });
    await instance.queues.crawl.add(
      'ad',
      { kind: 'ad', sourceId: source.id, url: `${origin}/ad/1` },
      { jobId: 'ad-stalled-test' },
    );
    await waitFor(() => Promise.resolve(detailRequests === 1), {
      what: 'the worker to start fetching',
    });
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    await instance.stop();

    instance = await startInstance({
      config,
      logger: silentLogger,
      roles: {
        workers: ['crawl', 'extract', 'classify', 'link', 'alerts'],
        scheduler: false,
        dashboard: false,
      },
      ownServices: false,
    });
    const ads = await waitFor(
      async () => {
        const stored = await instance?.store.ads.list();
        return stored?.length === 1 && stored[0]?.classification ? stored : undefined;
      },
      { timeoutMillis: 60_000, what: 'the ad to be stored by the second worker' },
    ).catch(async (error: unknown) => {
      const job = await instance?.queues.crawl.getJob(
        instance.queues.crawl.scopedId('ad-stalled-test'),
      );
      throw new Error(
        `${String(error)}; job ${JSON.stringify({ state: await job?.getState(), reason: job?.failedReason, attempts: job?.attemptsMade, stalled: job?.stalledCounter })}; requests ${detailRequests}`,
      );
    });
    expect(ads[0]?.title).toBe('Hostess wanted abroad');
    expect(detailRequests).toBe(2);
    const job = await instance.queues.crawl.getJob(
      instance.queues.crawl.scopedId('ad-stalled-test'),
    );
    expect(await job?.getState()).toBe('completed');
  }, 120_000);
});
