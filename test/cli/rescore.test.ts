import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClassifier } from '../../classifiers/index.js';
import { classifiedText, type AdRecord, type Store } from '../../store/index.js';
import {
  jobIds,
  rescoreAds,
  toStoredClassification,
  type RescoreSummary,
} from '../../workers/index.js';
import { runCli, startCli } from '../helpers/cli.js';
import { storeCapturedAd } from '../helpers/seed.js';
import {
  must,
  obliterateQueues,
  openTestStore,
  testConfig,
  withTestQueues,
  type TestConfig,
} from '../helpers/services.js';

const classifier = createClassifier();
const oldVersions = { classifier: '0.9.0', model: 'old-model', lexicon: 'old-lexicon' };
const suspicious = {
  title: 'Waitresses wanted in Dubai, $4000 a month',
  body: 'Young girls 18-25 wanted for work in Dubai hotels. No experience or language needed. Salary 4000 USD per month. Free visa and air tickets, employer keeps your passport for safety. Call +374 91 234567.',
};
const benign = {
  title: 'Accountant for a Yerevan office',
  body: 'Accounting firm in Yerevan hires an accountant with 5 years of experience and a degree. Salary 450000 AMD per month, official contract. Send your CV to hr@firm.am.',
};

let config: TestConfig;
let store: Store;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  config = testConfig();
  store = await openTestStore(config);
  // Its own data directory, so that no instance running from the repository is found instead.
  dataDir = mkdtempSync(join(tmpdir(), 'adwatch-rescore-'));
  env = {
    ADWATCH_DATA_DIR: dataDir,
    MONGODB_URI: inject('mongoUri'),
    ADWATCH_MONGO_DATABASE: config.mongo.database,
    REDIS_URL: inject('redisUrl'),
    ADWATCH_QUEUE_PREFIX: config.queues.prefix,
    ADWATCH_LOG_LEVEL: 'silent',
  };
});

afterAll(async () => {
  await withTestQueues(config, obliterateQueues);
  await store.dropDatabase();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Stores an ad scored by an older classifier: its real assessment under old versions, with the
 * flag (and score) the old classifier is taken to have given.
 */
async function seedScored(
  n: number,
  text: { title: string; body: string },
  old?: { flagged: boolean; score: number },
): Promise<string> {
  const saved = await storeCapturedAd(store, {
    sourceId: 'board',
    url: `https://jobs.example.am/ads/${n}`,
    html: `<h1>${text.title}</h1><p>${text.body}</p>`,
    seenAt: new Date('2026-01-01T00:00:00Z'),
    ad: text,
  });
  const ad = must(await store.ads.findById(saved.adId), 'ad');
  const current = toStoredClassification(
    classifier.assess({ title: ad.title, text: classifiedText(ad) }),
    ad.contentHash,
    new Date('2026-01-01T00:00:00Z'),
  );
  await store.ads.saveClassification(
    saved.adId,
    // The old classifier is taken to have found no contacts either.
    old ? { ...current, ...old, facts: {}, versions: oldVersions } : current,
  );
  return saved.adId;
}

const json = <T>(text: string): T => JSON.parse(text) as T;

describe('adwatch rescore', () => {
  const ids: Record<string, string> = {};
  let reviewed: AdRecord;

  beforeAll(async () => {
    // The old classifier missed this one...
    ids.missed = await seedScored(1, suspicious, { flagged: false, score: 20 });
    // ...and flagged this one, which an analyst has since confirmed.
    ids.reviewed = await seedScored(2, benign, { flagged: true, score: 90 });
    await store.triage.changeReview(
      ids.reviewed,
      0,
      { status: 'confirmed', assignee: 'anna' },
      'anna',
    );
    await store.reviews.add({
      adId: ids.reviewed,
      at: new Date('2026-01-02T00:00:00Z'),
      user: 'anna',
      action: 'status',
      from: 'new',
      to: 'confirmed',
    });
    ids.same = await seedScored(3, suspicious, { flagged: true, score: 99 });
    ids.current = await seedScored(4, benign);
    reviewed = must(await store.ads.findById(ids.reviewed), 'reviewed ad');
    // No text at all: nothing to score.
    await storeCapturedAd(store, {
      sourceId: 'board',
      url: 'https://jobs.example.am/ads/5',
      html: '<p></p>',
      seenAt: new Date('2026-01-01T00:00:00Z'),
      ad: { title: '', body: '' },
    });
  });

  it('counts with --dry-run what would change, and writes nothing', async () => {
    const before = await store.ads.list({ limit: 100 });
    const result = await runCli(['rescore', '--dry-run', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(json<RescoreSummary>(result.stdout)).toMatchObject({
      dryRun: true,
      versions: classifier.versions,
      toRescore: 3,
      scanned: 4,
      upToDate: 1,
      rescored: 3,
      newlyFlagged: 1,
      unflagged: 1,
      unflaggedReviewed: 1,
      screenshotsQueued: 0,
      interrupted: false,
    });
    expect(result.stderr).toContain('would rescore 3/3 (flag changes: +1 −1)');
    expect(await store.ads.list({ limit: 100 })).toEqual(before);
    expect((await store.audit.list({}, null, 10)).items).toEqual([]);
  });

  it('re-scores ads scored by other versions, keeps reviews and the replaced verdict, and audits the run', async () => {
    const result = await runCli(['rescore', '--batch-size', '2'], env);
    expect(result.code, result.stderr).toBe(0);
    // A line per batch of two; the ad already current is not read.
    expect(result.stderr).toContain('rescored 2/3 (flag changes: +1 −1)\n');
    expect(result.stderr).toContain('rescored 3/3 (flag changes: +1 −1)\n');
    expect(result.stdout).toMatch(/^rescore finished \(classifier /);
    expect(result.stdout).toMatch(/ads scanned\s+4/);
    expect(result.stdout).toMatch(/unflagged\s+1 {2}1 of them in review or decided/);

    for (const id of [ids.missed, ids.reviewed, ids.same]) {
      const ad = must(await store.ads.findById(must(id)), 'ad');
      expect(ad.classification?.versions).toEqual(classifier.versions);
      expect(ad.previousClassification?.versions).toEqual(oldVersions);
      expect(ad.flagged).toBe(ad.classification?.flagged);
    }
    const missed = must(await store.ads.findById(must(ids.missed)), 'missed ad');
    expect(missed).toMatchObject({ flagged: true, previousClassification: { flagged: false } });
    expect(missed.contacts).toEqual(['tel:+37491234567']);
    // The analyst's decision stays, although the ad is no longer flagged.
    const after = must(await store.ads.findById(must(ids.reviewed)), 'reviewed ad');
    expect(after.flagged).toBe(false);
    expect(after.previousClassification).toMatchObject({ flagged: true, score: 90 });
    expect(after.review).toEqual(reviewed.review);
    expect(await store.reviews.history(must(ids.reviewed))).toHaveLength(1);
    const current = must(await store.ads.findById(must(ids.current)), 'current ad');
    expect(current.previousClassification).toBeUndefined();

    // The newly flagged ad has no screenshot yet: one is queued as the classify worker would.
    const job = await withTestQueues(config, (queues) =>
      queues.crawl.getJob(jobIds.screenshot(missed._id, missed.latestCaptureId)),
    );
    expect(job?.data).toEqual({ kind: 'screenshot', adId: missed._id });

    const audit = (await store.audit.list({}, null, 10)).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'cli',
      action: 'rescore',
      details: { rescored: 3, newlyFlagged: 1, unflagged: 1, screenshotsQueued: 2 },
    });
  });

  it('finds nothing to do the second time', async () => {
    const result = await runCli(['rescore', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(json<RescoreSummary>(result.stdout)).toMatchObject({
      toRescore: 0,
      scanned: 4,
      upToDate: 4,
      rescored: 0,
    });
  });

  it('stops after the batch in progress when asked, and says where to resume', async () => {
    const stop = new AbortController();
    const options = { store, classifier, batchSize: 1, all: true, dryRun: true };
    const first = await rescoreAds({
      ...options,
      signal: stop.signal,
      onBatch: () => stop.abort(),
    });
    expect(first).toMatchObject({ interrupted: true, rescored: 1, scanned: 1, toRescore: 4 });
    const rest = await rescoreAds({ ...options, after: must(first.lastId) });
    expect(rest).toMatchObject({ interrupted: false, rescored: 3, scanned: 3, toRescore: 3 });
  });
});

describe('adwatch rescore arguments', () => {
  it('explains itself, and refuses a bad batch size or id before touching the store', async () => {
    const help = await runCli(['rescore', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: adwatch rescore');
    for (const topic of ['--dry-run', '--after <id>', 'previousClassification', 'code 130'])
      expect(help.stdout).toContain(topic);
    const size = await runCli(['rescore', '--batch-size', '0'], env);
    expect(size.code).toBe(1);
    expect(size.stderr).toContain('give a whole number between 1 and 10000');
    const after = await runCli(['rescore', '--after', 'not an id'], env);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('--after "not an id" is not an id');
  });
});

describe('adwatch rescore on Ctrl-C', () => {
  it('finishes the batch in progress, exits with 130 and prints how to resume', async () => {
    const own = testConfig();
    const ownStore = await openTestStore(own);
    try {
      // Enough never-scored ads that a walk one ad per batch is still going when the signal comes.
      await ownStore.ads.saveExtractedMany(
        Array.from({ length: 3000 }, (_, n) => ({
          sourceId: 'board',
          url: `https://jobs.example.am/ads/${n}`,
          ad: { title: `Ad ${n}`, body: suspicious.body },
          seenAt: new Date('2026-01-01T00:00:00Z'),
        })),
      );
      const running = startCli(['rescore', '--dry-run', '--batch-size', '1'], {
        ...env,
        ADWATCH_MONGO_DATABASE: own.mongo.database,
      });
      await running.waitForOutput(/would rescore 1\/3000/);
      running.child.kill('SIGINT');
      expect(await running.exited).toBe(130);
      const output = running.output();
      expect(output).toContain('stopping after this batch');
      expect(output).toMatch(/^dry run, nothing written/m);
      const [, done] = must(output.match(/stopped after (\d+) ads/), 'the resume hint');
      expect(Number(done)).toBeLessThan(3000);
      expect(output).toMatch(/resume with: npx adwatch rescore --dry-run --after \S+\n/);
    } finally {
      await ownStore.dropDatabase();
      await ownStore.close();
    }
  });
});
