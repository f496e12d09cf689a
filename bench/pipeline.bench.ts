/**
 * `npm run bench -- pipeline [--ads N] [--workers 1,2,4] [--pipelined-only] [--no-reextract]
 * [--cpu-prof DIR] [--store N]`: end-to-end
 * throughput from crawl to stored score on a local board of N GENERATED ads (default 20,000;
 * bench/pipeline-board.ts), with 1, 2 and 4 real `adwatch worker` processes on one throwaway
 * Redis and one throwaway mongod, screenshots off (`browser.screenshots: false`).
 *
 * For each worker count it runs the board through the whole pipeline (every process works on
 * every queue), then once more stage by stage (crawl, then classify, then link, then a
 * re-extraction of every capture through the extract queue), each stage with the others' workers
 * stopped, which gives each stage's ceiling on this machine. It prints ads per second per stage
 * and overall, job busy time and queue waits (from the BullMQ event stream: waiting, active and
 * completed, timed by Redis), the CPU time and peak RSS of every process (workers, mongod, Redis,
 * this process which serves the board), and the load average. Prints, never asserts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { QueueEvents } from 'bullmq';
import { MongoClient } from 'mongodb';
import { stringify } from 'yaml';
import { startInstance, type Instance } from '../bin/runtime/instance.js';
import { configSchema, sourceSchema } from '../config/index.js';
import { createClassifier } from '../classifiers/index.js';
import { extractAd } from '../crawlers/index.js';
import { startEmbeddedMongod, type EmbeddedMongod } from '../store/index.js';
import {
  jobIds,
  startRedisServer,
  unlinkedScanEveryMillis,
  type ResolvedRedis,
} from '../workers/index.js';
import { createLogger } from '../core/index.js';
import { loadGeneratedAds } from './generated-ads.js';
import { adPage, boardAd, startBoard, type Board } from './pipeline-board.js';

const { values: args } = parseArgs({
  options: {
    ads: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '1,2,4' },
    'pipelined-only': { type: 'boolean', default: false },
    // Stage by stage without the last stage, the re-extraction of every capture.
    'no-reextract': { type: 'boolean', default: false },
    // Each worker process writes a V8 CPU profile (.cpuprofile) into this folder when it stops.
    'cpu-prof': { type: 'string' },
    // Ads already in the store before the board is crawled (bench/generated-ads.ts, linked).
    store: { type: 'string', default: '0' },
  },
});
const adCount = Number(args.ads);
const workerCounts = args.workers.split(',').map(Number);
const storeSize = Number(args.store);
const adwatchBin = join(import.meta.dirname, '..', 'bin', 'adwatch.js');
const profileArgs = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', args['cpu-prof']] : [];
const clockTicks = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s.
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
const detail = {
  title: 'h1.title',
  body: 'div.body',
  date: 'time.date',
  location: '.location',
  contact: '.contact',
};

// ---- processes: CPU time and peak RSS from /proc ----

function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return 0;
  }
}

/** Peak resident set (VmHWM) in MiB; 0 when the process is gone. */
function peakRssMib(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Resets a process's peak RSS, so that each run reports its own (ours to do: we started it). */
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not allowed here: the peak then covers the whole bench.
  }
}

const children = new Set<ChildProcess>();
function killChildren(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}
process.once('exit', killChildren);

interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** Warnings and errors it logged (failed jobs). */
  problems: string[];
}

/** Starts `adwatch worker` processes and waits until each says its workers started. */
async function spawnWorkers(
  count: number,
  queues: string,
  env: NodeJS.ProcessEnv,
): Promise<WorkerProcess[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(
        process.execPath,
        [...profileArgs, adwatchBin, 'worker', '--queues', queues],
        {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      children.add(child);
      child.once('exit', () => children.delete(child));
      const problems: string[] = [];
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          const text = chunk.toString();
          output = (output + text).slice(-4000);
          for (const line of text.split('\n')) {
            if (line.includes('workers started')) resolve();
            if (/"level":(40|50|60)/.test(line) && problems.length < 20) problems.push(line);
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code) =>
          reject(new Error(`adwatch worker exited with ${code} before starting:\n${output}`)),
        );
      });
      return { pid: child.pid ?? 0, child, problems };
    }),
  );
}

/** SIGTERM, as systemd or compose stop a worker; SIGKILL if it has not ended in 15 s. */
async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async ({ child }) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

// ---- the BullMQ event stream: when each job waited, started and finished (Redis time) ----

interface JobTimes {
  name?: string;
  waiting?: number;
  active?: number;
  completed?: number;
  failed?: number;
  ads: number;
}

const streamMillis = (id: string) => Number(id.split('-')[0]);

class EventRecorder {
  private readonly events: QueueEvents[];
  jobs = new Map<string, Map<string, JobTimes>>();

  constructor(redisUrl: string, prefix: string, queues: string[]) {
    this.events = queues.map((queue) => {
      const jobs = new Map<string, JobTimes>();
      this.jobs.set(queue, jobs);
      const events = new QueueEvents(queue, {
        connection: { url: redisUrl },
        prefix,
        lastEventId: '0',
      });
      const job = (jobId: string) => {
        let times = jobs.get(jobId);
        if (!times) jobs.set(jobId, (times = { ads: 0 }));
        return times;
      };
      events.on('added', ({ jobId, name }) => (job(jobId).name = name));
      events.on('waiting', ({ jobId }, id) => (job(jobId).waiting ??= streamMillis(id)));
      events.on('active', ({ jobId }, id) => (job(jobId).active ??= streamMillis(id)));
      events.on('failed', ({ jobId }, id) => (job(jobId).failed = streamMillis(id)));
      events.on('completed', ({ jobId, returnvalue }, id) => {
        const times = job(jobId);
        times.completed = streamMillis(id);
        const value = returnvalue as unknown as Record<string, unknown> | null;
        // An ads job returns what its pages came to, a link job the ads of its batch that it
        // linked (its own and those of the link jobs it took from the queue, not an ad linked
        // already whose job was queued again); a classify job is one ad.
        times.ads =
          typeof value?.captured === 'number'
            ? value.captured + Number(value.unchanged ?? 0)
            : typeof value?.ads === 'number'
              ? value.ads
              : value?.skipped
                ? 0
                : 1;
      });
      return events;
    });
  }

  async ready(): Promise<void> {
    await Promise.all(this.events.map((events) => events.waitUntilReady()));
  }

  /** The jobs recorded so far on a queue, forgotten here (the next phase starts afresh). */
  take(queue: string, name?: string): JobTimes[] {
    const jobs = this.jobs.get(queue) ?? new Map<string, JobTimes>();
    const taken = [...jobs.values()].filter((job) => !name || job.name === name);
    for (const [id, job] of jobs) if (!name || job.name === name) jobs.delete(id);
    return taken;
  }

  async close(): Promise<void> {
    await Promise.all(this.events.map((events) => events.close()));
  }
}

interface StageFigures {
  jobs: number;
  ads: number;
  failed: number;
  /** From the first job started to the last one finished, seconds. */
  spanSecs: number;
  /** Sum of the jobs' active times, seconds. */
  busySecs: number;
  waitP50: number;
  waitP95: number;
  firstActive: number;
  lastCompleted: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

function figures(jobs: JobTimes[]): StageFigures {
  const done = jobs.filter((j) => j.completed !== undefined && j.active !== undefined);
  const firstActive = Math.min(...done.map((j) => j.active as number));
  const lastCompleted = Math.max(...done.map((j) => j.completed as number));
  const waits = done
    .filter((j) => j.waiting !== undefined)
    .map((j) => (j.active as number) - (j.waiting as number))
    .sort((a, b) => a - b);
  return {
    jobs: done.length,
    ads: done.reduce((sum, j) => sum + j.ads, 0),
    failed: jobs.filter((j) => j.failed !== undefined && j.completed === undefined).length,
    spanSecs: done.length ? (lastCompleted - firstActive) / 1000 : 0,
    busySecs: done.reduce((s, j) => s + ((j.completed as number) - (j.active as number)), 0) / 1000,
    waitP50: quantile(waits, 0.5),
    waitP95: quantile(waits, 0.95),
    firstActive,
    lastCompleted,
  };
}

// ---- one worker count ----

interface Services {
  redis: ResolvedRedis;
  mongod: EmbeddedMongod;
  scratch: string;
}

interface Run {
  label: string;
  workers: number;
  instance: Instance;
  board: Board;
  recorder: EventRecorder;
  env: NodeJS.ProcessEnv;
  mongo: MongoClient;
  database: string;
  services: Services;
}

async function openRun(services: Services, workers: number, label: string): Promise<Run> {
  const id = `${Date.now().toString(36)}-${label}-w${workers}`;
  const database = `bench-pipeline-${id}`;
  const prefix = `bench-pipeline-${id}`;
  const dataDir = join(services.scratch, id);
  mkdirSync(dataDir, { recursive: true });
  const board = await startBoard(adCount);
  const raw = {
    dataDir,
    logLevel: 'info',
    redis: { url: services.redis.url },
    mongo: { uri: services.mongod.uri, database },
    queues: { prefix, stopGraceMillis: 2_000 },
    // Our board on localhost, no one else's: the bench lifts politeness for 127.0.0.1 only.
    crawler: { hosts: { '127.0.0.1': { maxConcurrency: 64, minDelayMillis: 0 } } },
    browser: { screenshots: false },
    demo: { enabled: false },
    sources: [
      {
        id: 'bench',
        type: 'http',
        listingUrls: [`${board.origin}/list?page=1`],
        adLinkSelector: 'a.ad',
        nextPageSelector: 'a.next',
        maxPages: board.listingPages + 1,
        detail,
        schedule: 'every 24 hours',
        allowPrivateNetwork: true,
      },
    ],
  };
  const configFile = join(dataDir, 'adwatch.yaml');
  writeFileSync(configFile, stringify(raw));
  if (storeSize > 0) {
    // Loaded before the store's indexes exist: startInstance builds them over the loaded ads.
    const loadStarted = performance.now();
    await loadGeneratedAds(services.mongod.uri, database, storeSize, { linked: true });
    console.log(
      `\nstore: ${storeSize} GENERATED ads of other sources loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s (bench/generated-ads.ts, each linked, in no campaign with the board's ads)`,
    );
  }
  const indexesStarted = performance.now();
  const config = configSchema.parse({ ...raw, logLevel: 'silent', sources: [] });
  const instance = await startInstance({
    config,
    logger: createLogger('silent', { pretty: false }),
    roles: { workers: [], scheduler: false, dashboard: false },
    ownServices: false,
    sources: raw.sources.map((source) => sourceSchema.parse(source)),
  });
  const mongo = await MongoClient.connect(services.mongod.uri);
  if (storeSize > 0) {
    const indexSecs = (performance.now() - indexesStarted) / 1000;
    // A store at rest, as one that grew over months is: what the load left in mongod's cache is
    // written out now, not while the workers are measured.
    const flushStarted = performance.now();
    await mongo.db('admin').command({ fsync: 1 });
    console.log(
      `store: indexes built over them in ${indexSecs.toFixed(1)} s, written to disk (fsync) in ${((performance.now() - flushStarted) / 1000).toFixed(1)} s`,
    );
    // As on every start but the first (after an upgrade, or a Redis that lost its data): the look
    // for ads not linked yet, which reads every classified ad, has been done.
    await instance.queues.recordUnlinkedScan(unlinkedScanEveryMillis);
  }
  const recorder = new EventRecorder(services.redis.url, instance.queues.prefix, [
    'crawl',
    'extract',
    'classify',
    'link',
  ]);
  await recorder.ready();
  // Only what the bench sets: no ADWATCH_* of the shell running it.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('ADWATCH_') && key !== 'REDIS_URL' && key !== 'MONGODB_URI',
    ),
  );
  Object.assign(env, {
    ADWATCH_CONFIG: configFile,
    REDIS_URL: services.redis.url,
    MONGODB_URI: services.mongod.uri,
  });
  return { label, workers, instance, board, recorder, env, mongo, database, services };
}

async function closeRun(run: Run): Promise<void> {
  await run.recorder.close();
  for (const name of ['crawl', 'extract', 'classify', 'link', 'alerts'] as const) {
    await run.instance.queues
      .byName(name)
      .obliterate({ force: true })
      .catch(() => undefined);
  }
  await run.instance.store.dropDatabase();
  await run.instance.stop();
  await run.mongo.close();
  await run.board.close();
}

/** Waits until the named queues have nothing waiting, active or delayed, twice in a row. */
async function idle(run: Run, queues: Array<'crawl' | 'extract' | 'classify' | 'link'>) {
  let quiet = 0;
  const deadline = Date.now() + 60 * 60_000;
  while (quiet < 2 && Date.now() < deadline) {
    await sleep(200);
    const counts = await run.instance.queues.counts();
    const busy = queues.some((q) => counts[q].waiting + counts[q].active + counts[q].delayed > 0);
    quiet = busy ? 0 : quiet + 1;
  }
}

interface ProcessUse {
  name: string;
  pid: number;
  cpuSecs: number;
  peakMib: number;
}

/** CPU time used by each process between start() and end(), and its peak RSS. */
function processMeter(run: Run, workers: WorkerProcess[]) {
  const named = [
    ...workers.map((w, i) => ({ name: `worker ${i + 1}`, pid: w.pid })),
    { name: 'mongod', pid: run.services.mongod.pid },
    { name: 'redis-server', pid: run.services.redis.embedded?.pid ?? 0 },
  ];
  for (const { pid } of named) if (pid) resetPeakRss(pid);
  const before = named.map(({ pid }) => cpuSecondsOf(pid));
  const ownBefore = process.cpuUsage();
  return (): ProcessUse[] => {
    const own = process.cpuUsage(ownBefore);
    return [
      ...named.map(({ name, pid }, i) => ({
        name,
        pid,
        cpuSecs: cpuSecondsOf(pid) - before[i],
        peakMib: peakRssMib(pid),
      })),
      {
        name: 'bench (board, events)',
        pid: process.pid,
        cpuSecs: (own.user + own.system) / 1e6,
        peakMib: process.resourceUsage().maxRSS / 1024,
      },
    ];
  };
}

async function storedCounts(run: Run) {
  const db = run.mongo.db(run.database);
  // The board's ads only, not a store loaded with --store.
  const board = { sourceId: 'bench' };
  const [ads, classified, flagged, linked, captures, campaigns] = await Promise.all([
    db.collection('ads').countDocuments(board),
    db.collection('ads').countDocuments({ ...board, 'classification.score': { $exists: true } }),
    db.collection('ads').countDocuments({ ...board, 'classification.flagged': true }),
    db.collection('ads').countDocuments({ ...board, 'link.contentHash': { $exists: true } }),
    db.collection('captures').countDocuments({}),
    db.collection('campaigns').countDocuments({}),
  ]);
  return { ads, classified, flagged, linked, captures, campaigns };
}

const rate = (ads: number, secs: number) => (secs > 0 ? Math.round(ads / secs) : 0);
const pad = (text: string | number, width: number) => String(text).padStart(width);

function printStage(name: string, f: StageFigures, withWaits: boolean): void {
  const perAdMs = f.ads ? (f.busySecs * 1000) / f.ads : 0;
  console.log(
    `  ${name.padEnd(30)} ${pad(f.ads, 6)} ads ${pad(f.jobs, 6)} jobs ${pad(f.spanSecs.toFixed(1), 6)} s ${pad(rate(f.ads, f.spanSecs), 6)} ads/s` +
      `   busy ${pad(f.busySecs.toFixed(1), 7)} s (${perAdMs.toFixed(2)} ms/ad)` +
      (withWaits ? `   wait p50 ${f.waitP50} ms, p95 ${f.waitP95} ms` : '') +
      (f.failed ? `   ${f.failed} FAILED` : ''),
  );
}

function printProcesses(use: ProcessUse[], wallSecs: number, ads: number): void {
  const total = use.reduce((s, p) => s + p.cpuSecs, 0);
  const cores = cpus().length;
  console.log(
    `  CPU: ${total.toFixed(1)} s in ${wallSecs.toFixed(1)} s of wall clock = ${(total / wallSecs).toFixed(2)} of ${cores} cores busy (the machine's other work not counted); per process, CPU ms per ad and peak RSS:`,
  );
  for (const p of use) {
    console.log(
      `    ${p.name.padEnd(22)} ${pad(p.cpuSecs.toFixed(1), 6)} s ${pad(((p.cpuSecs * 1000) / Math.max(ads, 1)).toFixed(2), 6)} ms/ad   peak RSS ${pad(p.peakMib.toFixed(0), 5)} MiB`,
    );
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Every process works on every queue, as `adwatch worker` does by default. */
async function pipelined(services: Services, workers: number): Promise<number> {
  const run = await openRun(services, workers, 'all');
  try {
    const processes = await spawnWorkers(workers, 'crawl,extract,classify,link,alerts', run.env);
    console.log(
      `\n${workers} worker process${workers > 1 ? 'es' : ''}, every queue in each (load average ${load()})`,
    );
    const meter = processMeter(run, processes);
    const started = performance.now();
    const startedAt = Date.now();
    await run.instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'bench' });
    await idle(run, ['crawl', 'extract', 'classify', 'link']);
    const wallSecs = (performance.now() - started) / 1000;
    const use = meter();
    const stored = await storedCounts(run);
    const scan = figures(run.recorder.take('crawl', 'scan'));
    const crawl = figures(run.recorder.take('crawl'));
    const extract = run.recorder.take('extract');
    const classify = figures(run.recorder.take('classify'));
    const link = figures(run.recorder.take('link'));
    await stopWorkers(processes);
    const fetchSecs = (run.board.detailTimes.last - run.board.detailTimes.first) / 1000;
    const toScore = (classify.lastCompleted - startedAt) / 1000;
    const toLink = (link.lastCompleted - startedAt) / 1000;
    console.log(
      `  stored: ${stored.ads} ads, ${stored.captures} captures, ${stored.classified} classified (${stored.flagged} flagged), ${stored.linked} linked, ${stored.campaigns} campaigns; board served ${run.board.served.listing} listing + ${run.board.served.detail} ad pages, ${(run.board.served.bytes / 2 ** 20).toFixed(0)} MiB`,
    );
    console.log(
      `  OVERALL crawl → stored score: ${rate(stored.classified, toScore)} ads/s (${toScore.toFixed(1)} s); → linked: ${rate(stored.linked, toLink)} ads/s (${toLink.toFixed(1)} s)`,
    );
    console.log(
      `  fetch (ad pages served)        ${pad(run.board.served.detail, 6)} ads             ${pad(fetchSecs.toFixed(1), 6)} s ${pad(rate(run.board.served.detail, fetchSecs), 6)} ads/s`,
    );
    printStage('scan (listing walk)', scan, true);
    printStage('crawl jobs (fetch+capture+', crawl, true);
    console.log('    extract+store ad, 10 a job)');
    if (extract.length) printStage('extract queue (failed ones)', figures(extract), true);
    printStage('classify', classify, true);
    printStage('link (batches, one at a time)', link, true);
    printProcesses(use, wallSecs, stored.classified);
    for (const [i, p] of processes.entries())
      for (const line of p.problems) console.log(`  worker ${i + 1} logged: ${line.slice(0, 300)}`);
    return rate(stored.classified, toScore);
  } finally {
    await closeRun(run);
  }
}

/** Each stage alone, the others' workers stopped: the stage's ceiling on this machine. */
async function staged(services: Services, workers: number): Promise<void> {
  const run = await openRun(services, workers, 'staged');
  try {
    console.log(
      `\n${workers} worker process${workers > 1 ? 'es' : ''}, one stage at a time (each stage's ceiling; load average ${load()})`,
    );
    const stage = async (
      queues: string,
      queue: 'crawl' | 'extract' | 'classify' | 'link',
      label: string,
      before?: () => Promise<unknown>,
    ) => {
      const processes = await spawnWorkers(workers, queues, run.env);
      const meter = processMeter(run, processes);
      const started = performance.now();
      await before?.();
      await idle(run, [queue]);
      const wallSecs = (performance.now() - started) / 1000;
      const use = meter();
      await stopWorkers(processes);
      const jobs = run.recorder.take(queue);
      const f = figures(jobs.filter((j) => j.name !== 'scan'));
      printStage(label, f, false);
      const total = use.reduce((s, p) => s + p.cpuSecs, 0);
      const top = [...use].sort((a, b) => b.cpuSecs - a.cpuSecs);
      console.log(
        `    CPU ${(total / wallSecs).toFixed(2)} cores busy; ${top
          .slice(0, 4)
          .map((p) => `${p.name} ${((p.cpuSecs * 1000) / Math.max(f.ads, 1)).toFixed(2)} ms/ad`)
          .join(', ')}; workers' peak RSS ${use
          .filter((p) => p.name.startsWith('worker'))
          .map((p) => p.peakMib.toFixed(0))
          .join('/')} MiB, mongod ${use.find((p) => p.name === 'mongod')?.peakMib.toFixed(0)} MiB`,
      );
    };
    await stage('crawl', 'crawl', 'crawl (fetch+capture+extract)', () =>
      run.instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'bench' }),
    );
    await stage('classify', 'classify', 'classify');
    await stage('link', 'link', 'link (batches, one at a time)');
    if (args['no-reextract']) return;
    // Re-extraction of every stored capture (read back from MongoDB) through the extract queue.
    const captures = await run.mongo
      .db(run.database)
      .collection<{ _id: string; url: string; sha256: string }>('captures')
      .find({ kind: 'page' }, { projection: { url: 1, sha256: 1 } })
      .toArray();
    for (let i = 0; i < captures.length; i += 1_000) {
      await run.instance.queues.extract.addBulk(
        captures.slice(i, i + 1_000).map((c) => ({
          name: 'extract',
          data: { sourceId: 'bench', url: c.url, captureId: String(c._id) },
          opts: { jobId: jobIds.extract('bench', c.url, c.sha256) },
        })),
      );
    }
    await stage('extract', 'extract', 'extract (re-read captures)');
  } finally {
    await closeRun(run);
  }
}

/** CPU cost of extraction and classification of the board's pages on one core, in this process. */
function perCore(): void {
  const count = 1_000;
  const pages = Array.from({ length: count }, (_, i) => adPage(boardAd(i + 1)));
  const classifier = createClassifier();
  const time = (work: () => void) => {
    const start = process.cpuUsage();
    work();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / count;
  };
  time(() => pages.slice(0, 200).forEach((page, i) => extractAd(page, `http://b/ad/${i}`, detail)));
  const ads = pages.map((page, i) => extractAd(page, `http://b/ad/${i}`, detail));
  const extractMicros = time(() =>
    pages.forEach((page, i) => extractAd(page, `http://b/ad/${i}`, detail)),
  );
  ads.slice(0, 200).forEach((ad) => classifier.assess({ title: ad.title, text: ad.body }));
  const classifyMicros = time(() =>
    ads.forEach((ad) => classifier.assess({ title: ad.title, text: ad.body })),
  );
  const bytes = pages.reduce((s, p) => s + Buffer.byteLength(p), 0) / count;
  const text = ads.reduce((s, a) => s + Buffer.byteLength(a.body), 0) / count;
  console.log(
    `one core, in process (CPU time, ${count} of the board's pages, ${(bytes / 1024).toFixed(1)} KiB each, ${(text / 1024).toFixed(1)} KiB of ad text): extraction ${extractMicros.toFixed(0)} µs/page (${Math.round(1e6 / extractMicros)} pages/s), classification ${classifyMicros.toFixed(0)} µs/ad (${Math.round(1e6 / classifyMicros)} ads/s)`,
  );
}

async function main(): Promise<void> {
  const logger = createLogger('warn', { pretty: false });
  const scratch = mkdtempSync(join(tmpdir(), 'adwatch-pipeline-bench-'));
  let services: Services | undefined;
  const onSignal = () => {
    killChildren();
    void services?.mongod.stop().finally(() => {
      void services?.redis.embedded?.stop().finally(() => {
        rmSync(scratch, { recursive: true, force: true });
        process.exit(130);
      });
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // Throwaway services: nothing mixes with a running adwatch, and their CPU and memory are ours.
    const redis = await startRedisServer(join(scratch, 'redis'), logger);
    const mongod = await startEmbeddedMongod({ dbPath: join(scratch, 'mongo'), logger });
    services = { redis, mongod, scratch };
    console.log(
      `pipeline bench: ${adCount} GENERATED ads (bench/pipeline-board.ts), ${Math.ceil(adCount / 50)} listing pages; worker processes ${workerCounts.join(', ')}; screenshots off; ${cpus().length} cores; load average ${load()}`,
    );
    console.log(
      'adwatch defaults: crawl concurrency 4, classify 8, 2 worker threads per process, 10 ads per crawl job; the bench lifts politeness for 127.0.0.1 only (64 requests at once, no delay)',
    );
    perCore();
    const overall: string[] = [];
    for (const workers of workerCounts) {
      overall.push(`${workers}: ${await pipelined(services, workers)} ads/s`);
      if (!args['pipelined-only']) await staged(services, workers);
    }
    console.log(
      `\ncrawl → stored score, by worker processes: ${overall.join(', ')} (goal ≥ 1,000); load average at the end ${load()}`,
    );
  } finally {
    killChildren();
    await services?.mongod.stop();
    await services?.redis.embedded?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
