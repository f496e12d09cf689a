import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { spawnCli, startCli } from '../helpers/cli.js';
import { openTestStore, testConfig } from '../helpers/services.js';
import { armenianAd, englishAd, russianAd, seedAd } from './packet.fixtures.js';
import { tempDir } from './packet.helpers.js';

/**
 * The bound documented in docs/evidence-packet.md: an export of 500 ads runs with a 160 MB V8
 * heap, its process stays under 400 MB resident (the CLI alone, loading every module through tsx,
 * takes about 265 MB here), and it uses at most 96 MB more than an export of 10 ads. Chromium,
 * which renders the report in its own processes, is not counted.
 */
const adCount = 500;
const smallCount = 10;
const heapLimitMb = 160;
const rssBoundMb = 400;
const growthBoundMb = 96;
/** Ads seeded at once. */
const seedBatch = 10;

let store: Store;
let dataDir: string;
let env: Record<string, string>;
let adIds: string[];

beforeAll(async () => {
  const config = testConfig();
  store = await openTestStore(config);
  dataDir = await tempDir();
  env = {
    MONGODB_URI: config.mongo.uri as string,
    ADWATCH_MONGO_DATABASE: config.mongo.database,
    ADWATCH_DATA_DIR: dataDir,
    NODE_OPTIONS: `--max-old-space-size=${heapLimitMb}`,
  };
  const seeds = [armenianAd, russianAd, englishAd];
  const seed = async (i: number): Promise<string> => {
    const ad = await seedAd(
      store,
      {
        ...seeds[i % seeds.length],
        fetcher: i % 2 === 0 ? 'browser' : 'http',
        pagePaddingBytes: 40_000,
        screenshot: { width: 300, height: 200, noise: true },
      },
      i + 1,
    );
    return ad._id;
  };
  // Each ad has a URL of its own, so a batch's writes never meet; batches overlap their round
  // trips to MongoDB instead of waiting for each in turn. adIds stays in seeding order.
  adIds = [];
  for (let start = 0; start < adCount; start += seedBatch) {
    const batch = Array.from({ length: Math.min(seedBatch, adCount - start) }, (_, k) => start + k);
    adIds.push(...(await Promise.all(batch.map(seed))));
  }
}, 600_000);

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs `adwatch export` of the given ads and returns its peak resident size in MB. */
async function exportPeakRssMb(ids: string[], out: string): Promise<number> {
  const cli = startCli(['export', ...ids.flatMap((id) => ['--ad', id]), '--out', out], env);
  let peakRssKb = 0;
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${cli.child.pid}/status`, 'utf8');
      peakRssKb = Math.max(peakRssKb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has exited
    }
  }, 50);
  const code = await cli.exited;
  clearInterval(sampler);
  expect(cli.output()).toContain(`ads ${ids.length}/${ids.length}`);
  expect(code).toBe(0);
  expect((await spawnCli(['verify', out], env)).code).toBe(0);
  return Math.round(peakRssKb / 1024);
}

describe('exporting a large case', () => {
  it(`exports ${adCount} ads within ${heapLimitMb} MB of heap, using no more memory than a small export`, async () => {
    const small = await exportPeakRssMb(adIds.slice(0, smallCount), join(dataDir, 'small.zip'));
    const large = await exportPeakRssMb(adIds, join(dataDir, 'large.zip'));
    process.stdout.write(
      `evidence export peak RSS: ${smallCount} ads ${small} MB, ${adCount} ads ${large} MB\n`,
    );
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThan(rssBoundMb);
    expect(large - small).toBeLessThan(growthBoundMb);
  }, 900_000);
});
