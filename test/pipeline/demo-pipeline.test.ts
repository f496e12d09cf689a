import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../bin/runtime/demo.js';
import { startInstance, type Instance } from '../../bin/runtime/instance.js';
import type { AdwatchConfig } from '../../config/index.js';
import { startDemoBoards, type DemoBoards } from '../../demo/index.js';
import {
  obliterateQueues,
  silentLogger,
  testConfig,
  uniqueNames,
  waitFor,
} from '../helpers/services.js';

let boards: DemoBoards;
let config: AdwatchConfig;
let instance: Instance;

/** Waits until every queue is idle and the store holds `ads` ads, all of them classified. */
async function settled(expectedAds: number): Promise<void> {
  await waitFor(
    async () => {
      const counts = await instance.queues.counts();
      // Reading every ad while the workers still write them would only slow them down.
      if (Object.values(counts).some((c) => c.waiting + c.active > 0)) return false;
      const ads = await instance.store.ads.list({ limit: 1000 });
      return ads.length === expectedAds && ads.every((ad) => ad.classification);
    },
    { timeoutMillis: 420_000, what: `${expectedAds} classified ads and idle queues` },
  );
}

async function scanAll(): Promise<void> {
  for (const source of instance.sources.values()) {
    await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: source.id });
  }
}

beforeAll(async () => {
  boards = await startDemoBoards({ port: 0, newAdEveryMillis: 0 });
  config = testConfig({
    // A queues override replaces testConfig's own, so the unique prefix is set here again.
    queues: {
      prefix: uniqueNames().prefix,
      backoffMillis: 200,
      concurrency: { crawl: 6, extract: 8, classify: 8 },
    },
    crawler: { perHost: { maxConcurrency: 8, minDelayMillis: 0 } },
  });
  instance = await startInstance({
    config,
    logger: silentLogger,
    roles: {
      workers: ['crawl', 'extract', 'classify', 'link', 'alerts'],
      scheduler: false,
      dashboard: false,
    },
    ownServices: false,
    sources: demoSources(boards.origin, config),
  });
});

afterAll(async () => {
  if (instance) await obliterateQueues(instance.queues);
  await instance?.store.dropDatabase();
  await instance?.stop();
  await boards?.close();
});

describe('the pipeline on the demo boards', () => {
  const onBoards = () => boards.published();

  it('crawls, extracts, scores and stores every ad of all four venues, the browser-only board too', async () => {
    const published = onBoards();
    await scanAll();
    await settled(published.length);
    const ads = await instance.store.ads.list({ limit: 1000 });
    const titles = new Set(ads.map((ad) => ad.title));
    for (const ad of published) expect(titles, `ad ${ad.id} (${ad.board})`).toContain(ad.title);
    expect(ads.filter((ad) => ad.sourceId === 'demo-jobs').length).toBe(
      published.filter((ad) => ad.board === 'browser').length,
    );
    const browserAd = ads.find((ad) => ad.sourceId === 'demo-jobs');
    const capture = await instance.store.captures.findById(browserAd?.latestCaptureId ?? '');
    expect(capture?.fetcher).toBe('browser');
    expect(capture?.screenshot?.bytes).toBeGreaterThan(1000);
    for (const [sourceId, board] of [
      ['demo-telegram', 'telegram'],
      ['demo-feed', 'feed'],
    ] as const) {
      expect(ads.filter((ad) => ad.sourceId === sourceId).length, sourceId).toBe(
        published.filter((ad) => ad.board === board).length,
      );
    }
    const pageCaptures = published.length;
    const screenshots = ads.filter((ad) => ad.flagged && ad.sourceId !== 'demo-jobs').length;
    await waitFor(
      async () => (await instance.store.captures.count()) === pageCaptures + screenshots,
      { what: 'one capture per ad plus one screenshot per flagged ad', timeoutMillis: 120_000 },
    );
    const flagged = await waitFor(
      async () => {
        const list = await instance.store.ads.list({ flagged: true, limit: 1000 });
        return list.every((ad) => ad.screenshotCaptureId) && list;
      },
      { what: 'a screenshot for every flagged ad' },
    );
    expect(flagged.length).toBeGreaterThan(10);
    for (const ad of flagged) {
      const shot = await instance.store.captures.findById(ad.screenshotCaptureId ?? '');
      expect(shot?.screenshot?.bytes, ad.url).toBeGreaterThan(1000);
      expect(shot?.screenshot?.sha256).toMatch(/^[0-9a-f]{64}$/);
      const png = await instance.store.captures.screenshot(shot ?? ({} as never));
      expect(png?.subarray(1, 4).toString()).toBe('PNG');
    }
  }, 600_000);

  it('flags the suspicious ads well above the ordinary ones', async () => {
    const ads = await instance.store.ads.list({ limit: 1000 });
    const byTitle = new Map(ads.map((ad) => [ad.title, ad]));
    const truth = onBoards();
    const flaggedShare = (suspicious: boolean) => {
      const group = truth.filter((ad) => ad.suspicious === suspicious);
      return group.filter((ad) => byTitle.get(ad.title)?.flagged).length / group.length;
    };
    expect(flaggedShare(true)).toBeGreaterThan(0.7);
    expect(flaggedShare(false)).toBeLessThan(0.1);
  });

  it('stores nothing twice when the boards are scanned again, and finds a newly published ad', async () => {
    const before = await instance.store.counts();
    await scanAll();
    await settled(before.ads);
    expect(await instance.store.counts()).toEqual(before);

    const fresh = boards.publishNext();
    await scanAll();
    await settled(before.ads + (fresh ? 1 : 0));
    const after = await instance.store.counts();
    const screenshot = after.flagged > before.flagged && fresh?.board !== 'browser' ? 1 : 0;
    await waitFor(
      async () =>
        (await instance.store.counts()).captures === before.captures + (fresh ? 1 : 0) + screenshot,
      { what: 'the new ad captured', timeoutMillis: 120_000 },
    );
  }, 300_000);
});
