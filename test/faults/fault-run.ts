import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startInstance, type Instance } from '../../bin/runtime/instance.js';
import { configSchema, type AdwatchConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import {
  allQueueNames,
  createRedisConnection,
  PipelineQueues,
  type QueueCounts,
  type QueueName,
} from '../../workers/index.js';
import { runCli, startCli, type CliProcess } from '../helpers/cli.js';
import { silentLogger, uniqueNames, waitFor } from '../helpers/services.js';
import type { FaultBoard } from './fault-board.js';

export interface FaultRunOptions {
  name: string;
  board: FaultBoard;
  /** Services of the run; the shared test Redis and MongoDB unless given. */
  redisUrl?: string;
  mongoUri?: string;
  /** Sections of the YAML that differ from the fault defaults below (queues, crawler, ...). */
  settings?: { queues?: Record<string, unknown>; crawler?: Record<string, unknown> };
}

/** What the store holds of the board's ads. */
export interface Tally {
  expected: number;
  stored: number;
  /** Records beyond one per URL, plus ads that kept an identical text twice as a version. */
  duplicates: number;
  classified: number;
  flagged: number;
  missing: string[];
}

/** `adwatch status` as printed, with its queue table read back. */
export interface StatusOutput {
  text: string;
  queues: Record<string, QueueCounts>;
}

const sourceId = 'board';

/** The batch a case meant to interrupt was over before the worker could be frozen in it. */
class MissedBatch extends Error {
  constructor(queue: string) {
    super(`the ${queue} batch ended before the worker could be frozen in it`);
  }
}
const idle = (c: QueueCounts): boolean => c.waiting + c.active + c.delayed === 0;
const working = (c: QueueCounts): boolean => c.waiting + c.active > 0;

/**
 * One fault case's installation: its own data directory, database and queue prefix, a YAML file
 * that `adwatch` child processes read and in-process roles parse the same way, and an observer
 * (store and queue counts) that the assertions read. `close()` stops every process it started.
 */
export class FaultRun {
  readonly children: CliProcess[] = [];
  private readonly instances: Instance[] = [];
  private closed = false;

  private constructor(
    readonly board: FaultBoard,
    readonly dir: string,
    readonly env: Record<string, string>,
    readonly config: AdwatchConfig,
    readonly store: Store,
    readonly queues: PipelineQueues,
    private readonly disconnect: () => void,
  ) {}

  static async open(options: FaultRunOptions): Promise<FaultRun> {
    const dir = mkdtempSync(join(tmpdir(), `adwatch-fault-${options.name}-`));
    const { database, prefix } = uniqueNames();
    const redisUrl = options.redisUrl ?? inject('redisUrl');
    const mongoUri = options.mongoUri ?? inject('mongoUri');
    // Short locks so that a job of a killed worker is taken over within seconds (long enough that
    // a live worker on a loaded machine still renews them in time).
    const raw = {
      sources: [options.board.source(sourceId)],
      queues: {
        prefix,
        lockDurationMillis: 4_000,
        stalledIntervalMillis: 1_000,
        backoffMillis: 300,
        ...options.settings?.queues,
      },
      crawler: {
        perHost: { maxConcurrency: 4, minDelayMillis: 0 },
        ...options.settings?.crawler,
      },
    };
    const configFile = join(dir, 'adwatch.yaml');
    writeFileSync(configFile, JSON.stringify(raw, null, 2));
    const env = {
      ADWATCH_CONFIG: configFile,
      ADWATCH_DATA_DIR: dir,
      ADWATCH_LOG_LEVEL: 'info',
      ADWATCH_PORT: '0',
      REDIS_URL: redisUrl,
      MONGODB_URI: mongoUri,
      ADWATCH_MONGO_DATABASE: database,
      ADWATCH_QUEUE_PREFIX: prefix,
    };
    const config = configSchema.parse({
      ...raw,
      dataDir: dir,
      logLevel: 'silent',
      redis: { url: redisUrl },
      mongo: { uri: mongoUri, database },
      dashboard: { port: 0 },
    });
    const store = await openStore({ uri: mongoUri, database });
    const connection = createRedisConnection(redisUrl);
    // Cases restart Redis: the observer reconnects like the workers do, quietly.
    connection.on('error', () => undefined);
    const queues = new PipelineQueues(connection, config);
    for (const name of allQueueNames) queues.byName(name).on('error', () => undefined);
    return new FaultRun(options.board, dir, env, config, store, queues, () =>
      connection.disconnect(),
    );
  }

  /** Starts `adwatch <args>` on this run's configuration. */
  spawn(args: string[]): CliProcess {
    const child = startCli(args, this.env);
    this.children.push(child);
    // Should the test process end before close() (a timeout, a crash), no worker outlives it.
    const orphaned = (): void => void child.child.kill('SIGKILL');
    process.once('exit', orphaned);
    void child.exited.then(() => process.removeListener('exit', orphaned));
    return child;
  }

  /** Starts `adwatch <args>` and waits until it runs (its signal handlers are in place then). */
  async start(args: string[]): Promise<CliProcess> {
    const child = this.spawn(args);
    await child.waitForOutput(/running; press Ctrl-C to stop/, 60_000);
    return child;
  }

  /** Roles in this test process: the scheduler that starts the scan, or workers taking over. */
  async startRoles(workers: QueueName[], scheduler = false): Promise<Instance> {
    const instance = await startInstance({
      config: this.config,
      logger: silentLogger,
      roles: { workers, scheduler, dashboard: false },
      ownServices: false,
      sources: this.config.sources,
    });
    this.instances.push(instance);
    return instance;
  }

  /** Stops an in-process instance started by startRoles. */
  async stopRoles(instance: Instance): Promise<void> {
    this.instances.splice(this.instances.indexOf(instance), 1);
    await instance.stop();
  }

  counts(): Promise<Record<QueueName, QueueCounts>> {
    return this.queues.counts();
  }

  /**
   * Freezes a worker process (SIGSTOP) at a moment it holds jobs of `queue` and others of the
   * batch are done and still to do; returns the queue's counts at that moment. Polling the
   * queue and then freezing leaves a moment in which the batch can move on, so the state is
   * checked again once the process stands still, and it is let go on if it was between jobs.
   */
  async freezeMidBatch(child: CliProcess, queue: QueueName): Promise<QueueCounts> {
    const frozen = await waitFor(
      async () => {
        const before = (await this.counts())[queue];
        if (before.completed === 0) return undefined;
        child.child.kill('SIGSTOP');
        const at = (await this.counts())[queue];
        if (at.active > 0 && at.completed > 0) return at;
        child.child.kill('SIGCONT');
        if (at.waiting + at.active === 0) throw new MissedBatch(queue);
        return undefined;
      },
      {
        timeoutMillis: 60_000,
        intervalMillis: 5,
        what: `a ${queue} batch in progress`,
        stopOn: (error) => error instanceof MissedBatch,
      },
    );
    return frozen;
  }

  /** Kills a process outright (kill -9) and waits for it to be gone. */
  async kill9(child: CliProcess): Promise<void> {
    child.child.kill('SIGKILL');
    await child.exited;
  }

  /** What the store holds of the board's ads. */
  async tally(): Promise<Tally> {
    const ads = (await this.store.ads.list({ limit: 10_000 })).filter(
      (ad) => ad.sourceId === sourceId,
    );
    const urls = new Set(ads.map((ad) => ad.url));
    let versions = 0;
    for (const ad of ads) versions += (await this.store.ads.findById(ad._id))?.versions.length ?? 0;
    return {
      expected: this.board.urls.length,
      stored: this.board.urls.filter((url) => urls.has(url)).length,
      duplicates: ads.length - urls.size + versions,
      classified: ads.filter((ad) => ad.classification).length,
      flagged: ads.filter((ad) => ad.flagged).length,
      missing: this.board.urls.filter((url) => !urls.has(url)),
    };
  }

  /**
   * Waits until every ad of the board is stored and classified and the crawl, extract and
   * classify queues are idle; `extra` adds a condition of the case's own.
   */
  async settled(
    what: string,
    extra: () => Promise<boolean> = () => Promise.resolve(true),
  ): Promise<Tally> {
    return waitFor(
      async () => {
        const ads = await this.quickCount();
        const counts = await this.counts();
        const queuesIdle = [counts.crawl, counts.extract, counts.classify].every(idle);
        const retries = queuesIdle ? 0 : await this.pendingRetries();
        const done = ads.stored === ads.expected && ads.classified === ads.stored;
        if (done && (queuesIdle || retries === 0)) {
          if (await extra()) return true;
        }
        throw new Error(
          `${ads.stored}/${ads.expected} stored, ${ads.classified} classified, queues ${JSON.stringify(
            { crawl: counts.crawl, extract: counts.extract, classify: counts.classify },
          )}`,
        );
      },
      { timeoutMillis: 120_000, intervalMillis: 200, what },
    ).then(() => this.tally());
  }

  /**
   * Jobs of the crawl, extract and classify queues still to run: waiting, active, or delayed
   * other than the next scheduled scan (a retry after a backoff is delayed too).
   */
  async pendingRetries(): Promise<number> {
    const counts = await this.counts();
    if ([counts.crawl, counts.extract, counts.classify].some(working)) return 1;
    let pending = counts.extract.delayed + counts.classify.delayed;
    for (const job of await this.queues.crawl.getDelayed()) if (!job.repeatJobKey) pending += 1;
    return pending;
  }

  /** The board's ads stored and classified, cheaply enough to poll (tally() reads every ad). */
  async quickCount(): Promise<Pick<Tally, 'expected' | 'stored' | 'classified'>> {
    const ads = (await this.store.ads.list({ limit: 10_000 })).filter(
      (ad) => ad.sourceId === sourceId,
    );
    return {
      expected: this.board.urls.length,
      stored: ads.length,
      classified: ads.filter((ad) => ad.classification).length,
    };
  }

  /** Runs `adwatch status` as an operator would, on this run's configuration. */
  async status(): Promise<StatusOutput> {
    const result = await runCli(['status'], { ...this.env, ADWATCH_LOG_LEVEL: 'silent' });
    if (result.code !== 0) {
      throw new Error(`adwatch status exited ${String(result.code)}: ${result.stderr}`);
    }
    const queues: Record<string, QueueCounts> = {};
    for (const match of result.stdout.matchAll(
      /^ {2}(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/gm,
    )) {
      const [, name, waiting, active, completed, failed, delayed] = match.map(String);
      queues[name] = {
        waiting: Number(waiting),
        active: Number(active),
        completed: Number(completed),
        failed: Number(failed),
        delayed: Number(delayed),
      };
    }
    return { text: result.stdout, queues };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const child of this.children) {
      if (child.child.exitCode === null && child.child.signalCode === null) {
        child.child.kill('SIGCONT');
        child.child.kill('SIGKILL');
        await child.exited;
      }
    }
    for (const instance of this.instances.reverse()) await instance.stop(true);
    for (const name of allQueueNames) {
      await this.queues
        .byName(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    }
    await this.queues.close();
    this.disconnect();
    await this.store.dropDatabase().catch(() => undefined);
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
