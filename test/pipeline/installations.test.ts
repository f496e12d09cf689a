import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../bin/runtime/instance.js';
import { sourceSchema, type AdwatchConfig } from '../../config/index.js';
import type { Store } from '../../store/index.js';
import {
  claimQueuePrefix,
  createRedisConnection,
  installationFor,
  installationIdFile,
  jobInstallation,
  PipelineQueues,
  resolveInstallation,
} from '../../workers/index.js';
import {
  adPage,
  fixtureSource,
  html,
  listingPage,
  startFixtureSite,
  startPipeline,
  stopPipeline,
  type FixtureSite,
} from '../crawlers/fixture-site.js';
import {
  must,
  obliterateQueues,
  openTestStore,
  silentLogger,
  testConfig,
  waitFor,
} from '../helpers/services.js';
import { AdwatchError, ErrorCode } from '../../core/index.js';

const redis = createRedisConnection(testConfig().redis.url as string);
const stores: Store[] = [];
const dataDirs: string[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) {
    await store.dropDatabase();
    await store.close();
  }
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => redis.disconnect());

async function freshStore(): Promise<{ store: Store; dataDir: string; database: string }> {
  const config = testConfig();
  const store = await openTestStore(config);
  stores.push(store);
  dataDirs.push(config.dataDir);
  return { store, dataDir: config.dataDir, database: config.mongo.database };
}

describe('installation identity', () => {
  it('is created on first start, kept in the database and the data directory, and names the default queues', async () => {
    const { store, dataDir } = await freshStore();
    const first = await resolveInstallation(store, { dataDir, logger: silentLogger });
    expect(first.queuePrefix).toMatch(/^adwatch-[0-9a-f]{12}$/);
    expect(readFileSync(`${dataDir}/${installationIdFile}`, 'utf8').trim()).toBe(first.id);
    expect(await store.installation.get()).toBe(first.id);

    // Another process of the installation, on another host (its own data directory): same id.
    const otherDir = `${dataDir}-worker-host`;
    dataDirs.push(otherDir);
    const second = await resolveInstallation(store, { dataDir: otherDir, logger: silentLogger });
    expect(second).toEqual(first);
    expect(readFileSync(`${otherDir}/${installationIdFile}`, 'utf8').trim()).toBe(first.id);
  });

  it('is new after the data directory and database are gone (rm -rf data), and so are its queues', async () => {
    const before = await freshStore();
    const old = await resolveInstallation(before.store, {
      dataDir: before.dataDir,
      logger: silentLogger,
    });
    rmSync(before.dataDir, { recursive: true, force: true });
    const after = await freshStore();
    const fresh = await resolveInstallation(after.store, {
      dataDir: after.dataDir,
      logger: silentLogger,
    });
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.queuePrefix).not.toBe(old.queuePrefix);
  });

  it('follows the database when the data directory names another installation', async () => {
    const { store, dataDir } = await freshStore();
    const stored = await store.installation.claim(randomUUID());
    const elsewhere = (await freshStore()).dataDir;
    await resolveInstallation((await freshStore()).store, {
      dataDir: elsewhere,
      logger: silentLogger,
    });
    expect(existsSync(`${elsewhere}/${installationIdFile}`)).toBe(true);
    const resolved = await resolveInstallation(store, { dataDir: elsewhere, logger: silentLogger });
    expect(resolved.id).toBe(stored);
    expect(readFileSync(`${elsewhere}/${installationIdFile}`, 'utf8').trim()).toBe(stored);
    expect(dataDir).not.toBe(elsewhere);
  });

  it('gives one id to processes starting at once on an empty database', async () => {
    const { store } = await freshStore();
    const ids = await Promise.all(
      Array.from({ length: 6 }, () => store.installation.claim(randomUUID())),
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('keeps a configured queue prefix', () => {
    expect(installationFor(randomUUID(), 'shared-prefix').queuePrefix).toBe('shared-prefix');
  });
});

describe('a queue prefix on one Redis', () => {
  it('is shared by the processes of one installation and refused to another, naming both', async () => {
    const prefix = `test-claim-${randomUUID().slice(0, 8)}`;
    const mine = installationFor(randomUUID(), prefix);
    const theirs = installationFor(randomUUID(), prefix);
    const first = await claimQueuePrefix(redis, mine, { database: 'db-a', logger: silentLogger });
    const sameInstallation = await claimQueuePrefix(redis, mine, {
      database: 'db-a',
      logger: silentLogger,
    });

    const refusal = await claimQueuePrefix(redis, theirs, {
      database: 'db-b',
      logger: silentLogger,
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AdwatchError);
    expect(refusal).toMatchObject({ code: ErrorCode.QueuesInUse });
    const message = (refusal as Error).message;
    for (const named of [mine.id, theirs.id, 'db-a', 'db-b', prefix, 'queues.prefix']) {
      expect(message).toContain(named);
    }

    await sameInstallation.release();
    await first.release();
    const taken = await claimQueuePrefix(redis, theirs, { database: 'db-b', logger: silentLogger });
    await taken.release();
    expect(await redis.exists(`${prefix}:installation`)).toBe(0);
  });
});

describe('jobs of two installations on one configured prefix', () => {
  let site: FixtureSite | undefined;
  let instance: Instance | undefined;
  afterEach(async () => {
    await stopPipeline(instance, site);
    instance = undefined;
    site = undefined;
  });

  it('get separate ids, so a new installation never loses its jobs to the old one’s completed ones', async () => {
    const config = testConfig();
    const old = new PipelineQueues(
      redis,
      config,
      installationFor(randomUUID(), config.queues.prefix),
    );
    const fresh = new PipelineQueues(
      redis,
      config,
      installationFor(randomUUID(), config.queues.prefix),
    );
    try {
      const data = { adId: 'ad-1', contentHash: 'a'.repeat(64) };
      await old.classify.add('classify', data, { jobId: 'classify-ad-1' });
      await fresh.classify.add('classify', data, { jobId: 'classify-ad-1' });
      const jobs = await fresh.classify.getJobs(['waiting']);
      expect(jobs.map((job) => jobInstallation(job.data)).sort()).toEqual(
        [old.installation?.id, fresh.installation?.id].sort(),
      );
      expect(
        must(await fresh.classify.getJob(fresh.classify.scopedId('classify-ad-1'))).data,
      ).toMatchObject({ ...data, installation: fresh.installation?.id });
    } finally {
      await obliterateQueues(fresh);
      await old.close();
      await fresh.close();
    }
  });

  it('are never run by the other installation’s workers: a foreign job fails with ADW_FOREIGN_JOB and touches nothing', async () => {
    site = await startFixtureSite({
      '/list': html(listingPage(['/ad/1'])),
      '/ad/1': html(adPage('Waiter wanted', 'Evening shifts in a cafe.')),
    });
    const config = testConfig();
    instance = await startPipeline(config, [sourceSchema.parse(fixtureSource(site.origin))]);
    const foreign = new PipelineQueues(
      redis,
      config,
      installationFor(randomUUID(), config.queues.prefix),
    );
    try {
      const job = await foreign.crawl.add('scan', { kind: 'scan', sourceId: 'fixture' });
      const failed = await waitFor(
        async () => {
          const state = await must(await instance?.queues.crawl.getJob(must(job.id))).getState();
          return state === 'failed' ? await instance?.queues.crawl.getJob(must(job.id)) : undefined;
        },
        { timeoutMillis: 30_000, what: 'the foreign scan job to fail' },
      );
      expect(failed?.failedReason).toContain(ErrorCode.ForeignJob);
      expect(failed?.attemptsMade).toBe(1);
      expect(site.count('/list')).toBe(0);
      expect(await instance.store.ads.count()).toBe(0);

      // The installation's own scan of the same source runs.
      await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'fixture' });
      await waitFor(async () => ((await instance?.store.ads.count()) ?? 0) === 1 || undefined, {
        timeoutMillis: 60_000,
        what: 'the own scan to store its ad',
      });
    } finally {
      await foreign.close();
    }
  });
});

describe('two installations on one Redis with the default queues', () => {
  const adPaths = ['/ad/1', '/ad/2', '/ad/3', '/ad/4', '/ad/5', '/ad/6'];
  const running: Instance[] = [];
  let site: FixtureSite | undefined;
  afterEach(async () => {
    for (const instance of running.splice(0)) await stopPipeline(instance, undefined);
    await site?.close();
    site = undefined;
  });

  /** An installation of its own (database and data directory) on the default, derived prefix. */
  async function startInstallation(): Promise<{ instance: Instance; config: AdwatchConfig }> {
    const base = testConfig();
    dataDirs.push(base.dataDir);
    const config: AdwatchConfig = { ...base, queues: { ...base.queues, prefix: undefined } };
    const instance = await startPipeline(config, [
      sourceSchema.parse(fixtureSource(must(site).origin)),
    ]);
    running.push(instance);
    return { instance, config };
  }

  async function scanAndClassifyAll(instance: Instance): Promise<void> {
    await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'fixture' });
    await waitFor(
      async () => {
        const ads = await instance.store.ads.list();
        return ads.length === adPaths.length && ads.every((ad) => ad.classification)
          ? ads
          : undefined;
      },
      { timeoutMillis: 90_000, what: `all ${adPaths.length} ads stored and classified` },
    );
  }

  it('each keep and classify every ad, side by side and after a fresh start on the same Redis', async () => {
    site = await startFixtureSite({ '/list': html(listingPage(adPaths)) });
    for (const path of adPaths) {
      site.route(path, html(adPage(`Cook wanted ${path}`, `Kitchen work, ad ${path}.`)));
    }
    const first = await startInstallation();
    const second = await startInstallation();
    expect(first.instance.queues.prefix).not.toBe(second.instance.queues.prefix);
    await Promise.all([scanAndClassifyAll(first.instance), scanAndClassifyAll(second.instance)]);

    // As after `rm -rf data` and a new start: the first one's completed jobs stay in Redis.
    running.splice(running.indexOf(first.instance), 1);
    await first.instance.stop();
    stores.push(await openTestStore(first.config));
    const leftover = new PipelineQueues(redis, first.config, first.instance.queues.installation);
    try {
      expect((await leftover.counts()).classify.completed).toBe(adPaths.length);
      const third = await startInstallation();
      await scanAndClassifyAll(third.instance);
      expect((await third.instance.queues.counts()).crawl.failed).toBe(0);
    } finally {
      await obliterateQueues(leftover);
      await leftover.close();
    }
    // Three pipelines started and each waited for (up to 90 s each): the bound of a stuck run,
    // not a measure of speed; on a loaded machine this work alone took over the default minute.
  }, 300_000);
});
