import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BSON, MongoClient, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { retentionSchema } from '../../config/index.js';
import {
  buildPacket,
  loadSigningKey,
  storePacketSources,
  verifyPacket,
} from '../../evidence/index.js';
import {
  classifiedText,
  maskChar,
  RetentionRule,
  sha256Hex,
  type AdRecord,
  type Store,
} from '../../store/index.js';
import { retentionCutoffs, runRetention, type RetentionSummary } from '../../workers/index.js';
import { storeCapturedAd, testClassification } from '../helpers/seed.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';

/** The clock the policy runs on: the test's own, so nothing waits for days to pass. */
const now = new Date('2027-06-01T00:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * 86_400_000);
const policy = retentionSchema.parse({});

const sharedPhone = '+37491555123';
/** A page above the inline limit, so that its body goes to GridFS. */
const largePage = `<html><body>${'<p>Warehouse work, day shifts.</p>'.repeat(9_000)}</body></html>`;

let store: Store;
let client: MongoClient;
let db: Db;
let database: string;
const ids: Record<string, string> = {};

interface SeedOptions {
  lastSeenDaysAgo: number;
  /** Classified with this score (flagged from 60); unclassified when absent. */
  score?: number;
  title?: string;
  body?: string;
  contactText?: string;
  facts?: Record<string, unknown>;
  indicatorSpans?: string[];
  large?: boolean;
  screenshot?: boolean;
  /** A second capture of the same text, a day later. */
  twoCaptures?: boolean;
}

/** Stores an ad as the pipeline would: captures, the ad, its classification. */
async function seed(name: string, options: SeedOptions): Promise<string> {
  const seenAt = daysAgo(options.lastSeenDaysAgo + (options.twoCaptures ? 1 : 0));
  const input = {
    sourceId: 'board',
    url: `https://jobs.example.am/ads/${name}`,
    html: options.large ? largePage : `<html><body><h1>${name}</h1></body></html>`,
    seenAt,
    ad: {
      title: options.title ?? `Job ${name}`,
      body: options.body ?? `Ordinary work for ${name}.`,
      ...(options.contactText ? { contactText: options.contactText } : {}),
    },
    ...(options.screenshot ? { capture: { screenshot: Buffer.from(`png of ${name}`) } } : {}),
  };
  const saved = await storeCapturedAd(store, input);
  if (options.twoCaptures)
    await storeCapturedAd(store, { ...input, seenAt: daysAgo(options.lastSeenDaysAgo) });
  if (options.score !== undefined) {
    const ad = must(await store.ads.findById(saved.adId));
    const text = `${ad.title}\n${classifiedText(ad)}`;
    const classification = testClassification(saved.contentHash, options.score, options.facts);
    classification.indicators = (options.indicatorSpans ?? []).map((words, i) => {
      const start = text.indexOf(words);
      return {
        id: `indicator-${i}`,
        label: `Indicator ${i}`,
        dimension: 'deception',
        weight: 1,
        evidence: [{ start, end: start + words.length, text: words }],
      };
    });
    await store.ads.saveClassification(saved.adId, classification);
  }
  ids[name] = saved.adId;
  return saved.adId;
}

/** Facts of a text with these contacts, with spans as the classifier gives them. */
function contactFacts(text: string, phone: string, phoneText: string, email: string) {
  const at = (words: string) => {
    const start = text.indexOf(words);
    return { start, end: start + words.length, text: words };
  };
  return {
    phones: [{ e164: phone, span: at(phoneText) }],
    emails: [{ email, span: at(email) }],
    handles: [],
    links: [],
    ages: [],
  };
}

/** Sets an ad's review state as an analyst's decision would, on a day of the test's clock. */
async function decide(name: string, status: string, daysBack: number): Promise<void> {
  const result = await store.triage.changeReview(
    ids[name] ?? '',
    0,
    { status: status as AdRecord['review']['status'] },
    'anna',
  );
  expect(result.ok).toBe(true);
  await db
    .collection<AdRecord>('ads')
    .updateOne({ _id: ids[name] ?? '' }, { $set: { 'review.changedAt': daysAgo(daysBack) } });
}

/** Every document of the collections retention may touch, as BSON bytes by id. */
async function snapshot(): Promise<Map<string, Map<string, string>>> {
  const names = [
    'ads',
    'captures',
    'captureFiles.files',
    'captureFiles.chunks',
    'entities',
    'campaigns',
    'cases',
    'reviews',
    'audit',
  ];
  const result = new Map<string, Map<string, string>>();
  for (const name of names) {
    const docs = await db.collection<Document>(name).find({}).toArray();
    result.set(
      name,
      new Map(
        docs.map((doc) => [String(doc._id), Buffer.from(BSON.serialize(doc)).toString('hex')]),
      ),
    );
  }
  return result;
}

function ruleOf(summary: RetentionSummary, rule: RetentionRule) {
  return must(summary.rules.find((r) => r.rule === rule));
}

let before: Map<string, Map<string, string>>;
let afterDryRun: Map<string, Map<string, string>>;
let beforeAds: Map<string, AdRecord>;
let dryRun: RetentionSummary;
let run: RetentionSummary;
let packetPath: string;
let packetDir: string;
const dismissedTitle = 'Driver wanted';
const dismissedBody = `Call Aram on +374 91 555123 or write to aram.k@example.am. Salary 300000 AMD.`;

beforeAll(async () => {
  const config = testConfig();
  database = config.mongo.database;
  store = await openTestStore(config);
  client = await MongoClient.connect(inject('mongoUri'));
  db = client.db(database);

  const phoneFacts = {
    phones: [{ e164: sharedPhone, span: { start: 0, end: 1, text: 'x' } }],
    emails: [],
    handles: [],
  };
  // Untouched (classified, never flagged, never reviewed), by age.
  await seed('old-untouched', {
    lastSeenDaysAgo: 400,
    score: 10,
    facts: phoneFacts,
    large: true,
    twoCaptures: true,
  });
  await seed('old-untouched-alone', {
    lastSeenDaysAgo: 500,
    score: 5,
    facts: { phones: [{ e164: '+37410000001' }], emails: [], handles: [] },
  });
  await seed('mid-untouched', { lastSeenDaysAgo: 120, score: 20, screenshot: true, large: true });
  await seed('mid-untouched-small', { lastSeenDaysAgo: 150, score: 20 });
  await seed('new-untouched', { lastSeenDaysAgo: 10, score: 10 });
  await seed('old-unclassified', { lastSeenDaysAgo: 400 });
  // Flagged and reviewed ads, all old.
  await seed('old-flagged', { lastSeenDaysAgo: 400, score: 90, facts: phoneFacts });
  await seed('old-confirmed', { lastSeenDaysAgo: 400, score: 80 });
  await decide('old-confirmed', 'confirmed', 300);
  await seed('old-noted', { lastSeenDaysAgo: 400, score: 10 });
  await store.reviews.add({
    adId: ids['old-noted'] ?? '',
    at: daysAgo(390),
    user: 'anna',
    action: 'note',
    note: 'ask the unit in Gyumri',
  });
  await seed('old-alerted', { lastSeenDaysAgo: 400, score: 40 });
  await store.alerts.insertIfNew(
    {
      kind: 'watched',
      eventKey: `watched:test:${ids['old-alerted']}`,
      title: 'watched contact',
      detail: 'test',
      target: { adId: ids['old-alerted'] ?? '' },
    },
    [],
    daysAgo(399),
  );
  // Held: in a case, under legal hold, in a campaign.
  await seed('old-in-case', { lastSeenDaysAgo: 400, score: 10, screenshot: true });
  await seed('old-on-hold', { lastSeenDaysAgo: 400, score: 10 });
  await seed('old-in-campaign', { lastSeenDaysAgo: 400, score: 10 });
  await seed('new-in-campaign', { lastSeenDaysAgo: 5, score: 10 });
  const kase = await store.cases.create({ name: 'Gyumri transport', createdBy: 'sofia' });
  await store.cases.addAds(kase._id, [ids['old-in-case'] ?? '']);
  await store.retention.setLegalHold(ids['old-on-hold'] ?? '', {
    reason: 'prosecutor request 2027/114',
    by: 'sofia',
    at: daysAgo(30),
  });
  const campaignId = 'c-00000000beef';
  await store.campaigns.assign(
    [ids['old-in-campaign'] ?? '', ids['new-in-campaign'] ?? ''],
    campaignId,
  );
  await store.campaigns.refresh([campaignId]);

  // Dismissed: long ago (with an earlier text), recently, and long ago but in the case.
  const dismissedText = `${dismissedTitle}\n${dismissedBody}\nAram, after 18:00`;
  await storeCapturedAd(store, {
    sourceId: 'board',
    url: 'https://jobs.example.am/ads/old-dismissed',
    html: '<p>first text</p>',
    seenAt: daysAgo(260),
    ad: { title: dismissedTitle, body: 'Call Aram on +374 91 555123.' },
  });
  await seed('old-dismissed', {
    lastSeenDaysAgo: 250,
    score: 75,
    title: dismissedTitle,
    body: dismissedBody,
    contactText: 'Aram, after 18:00',
    facts: contactFacts(dismissedText, sharedPhone, '+374 91 555123', 'aram.k@example.am'),
    indicatorSpans: ['+374 91 555123', 'Salary 300000 AMD'],
    screenshot: true,
  });
  await decide('old-dismissed', 'dismissed', 200);
  await seed('new-dismissed', { lastSeenDaysAgo: 40, score: 70 });
  await decide('new-dismissed', 'dismissed', 30);
  await seed('old-dismissed-in-case', { lastSeenDaysAgo: 300, score: 70, contactText: 'Lilit' });
  await decide('old-dismissed-in-case', 'dismissed', 250);
  await store.cases.addAds(kase._id, [ids['old-dismissed-in-case'] ?? '']);

  // A packet issued before retention ran, of ads it then deletes and reduces.
  packetDir = await mkdtemp(join(tmpdir(), 'adwatch-retention-'));
  packetPath = join(packetDir, 'packet.zip');
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  await buildPacket({
    sources: storePacketSources(store),
    selection: { adIds: [ids['old-untouched'] ?? '', ids['old-dismissed'] ?? ''] },
    exporter: { username: 'anna', role: 'analyst' },
    instance: { instanceId: 'test-instance', hostname: 'test-host', adwatchVersion: '0.1.0' },
    signingKey: loadSigningKey({ dataDir: packetDir, keyPem: pem.toString() }),
    output: createWriteStream(packetPath),
  });

  before = await snapshot();
  beforeAds = new Map(
    (await db.collection<AdRecord>('ads').find({}).toArray()).map((ad) => [ad._id, ad]),
  );
  dryRun = await runRetention({ store, policy, now, dryRun: true });
  afterDryRun = await snapshot();
  run = await runRetention({ store, policy, now, actor: 'test' });
}, 240_000);

afterAll(async () => {
  await client?.close();
  await store?.dropDatabase();
  await store?.close();
  if (packetDir) await rm(packetDir, { recursive: true, force: true });
});

describe('the retention policy', () => {
  it('changes nothing in a dry run, not even the audit trail', () => {
    expect(afterDryRun).toEqual(before);
  });

  it('counts in a dry run exactly what the run then does, held ads included', () => {
    const strip = (s: RetentionSummary) =>
      s.rules.map(({ rule, ads, oldest, captures, screenshots, bytes, held }) => ({
        rule,
        ads,
        oldest,
        captures,
        screenshots,
        bytes,
        held,
      }));
    expect(strip(run)).toEqual(strip(dryRun));
    expect(run.rules.every((r) => r.skipped === 0)).toBe(true);
    expect(ruleOf(run, RetentionRule.UntouchedAds)).toMatchObject({
      ads: 2,
      oldest: daysAgo(500),
      captures: 3,
      held: { 'legal-hold': 1, case: 1, campaign: 1 },
    });
    expect(ruleOf(run, RetentionRule.UntouchedCaptures)).toMatchObject({
      ads: 3,
      oldest: daysAgo(400),
      // mid-untouched (page with screenshot), mid-untouched-no-capture, old-in-campaign
      captures: 3,
      screenshots: 1,
      held: { 'legal-hold': 1, case: 1, campaign: 0 },
    });
    expect(ruleOf(run, RetentionRule.DismissedPersonalData)).toMatchObject({
      ads: 1,
      oldest: daysAgo(200),
      captures: 2,
      screenshots: 1,
      held: { 'legal-hold': 0, case: 1, campaign: 0 },
    });
  });

  it('lists the legal holds with their reasons and the cases', () => {
    expect(run.legalHolds).toEqual([
      {
        adId: ids['old-on-hold'],
        title: 'Job old-on-hold',
        hold: { reason: 'prosecutor request 2027/114', by: 'sofia', at: daysAgo(30) },
      },
    ]);
    expect(run.cases).toEqual([expect.objectContaining({ name: 'Gyumri transport', ads: 2 })]);
  });

  it('deletes old untouched ads whole, with their captures and GridFS files', async () => {
    for (const name of ['old-untouched', 'old-untouched-alone']) {
      const id = must(ids[name]);
      expect(await store.ads.findById(id), name).toBeNull();
      for (const captureId of must(beforeAds.get(id)).captureIds)
        expect(await db.collection('captures').findOne({ _id: captureId as never })).toBeNull();
    }
    // Before: old-untouched's two large pages, mid-untouched's large page and screenshot, the
    // screenshots of old-in-case and old-dismissed. Only old-in-case's is left.
    expect(must(before.get('captureFiles.files')).size).toBe(6);
    expect(await db.collection('captureFiles.files').countDocuments()).toBe(1);
    const orphanChunks = await db.collection('captureFiles.chunks').countDocuments({
      files_id: {
        $nin: (await db.collection('captureFiles.files').find({}).toArray()).map((f) => f._id),
      },
    });
    expect(orphanChunks).toBe(0);
  });

  it('keeps the text, score and hashes of ads whose captures it deletes', async () => {
    const id = must(ids['mid-untouched']);
    const was = must(beforeAds.get(id));
    const ad = must(await store.ads.findById(id));
    expect(ad.captureIds).toEqual([]);
    expect(ad).toMatchObject({
      title: was.title,
      body: was.body,
      contentHash: was.contentHash,
      score: was.score,
      latestCaptureId: was.latestCaptureId,
      retention: { capturesRule: RetentionRule.UntouchedCaptures, capturesDeletedAt: now },
    });
    for (const captureId of was.captureIds)
      expect(await db.collection('captures').findOne({ _id: captureId as never })).toBeNull();
    expect(ad.retention?.deletedCaptures).toEqual([
      expect.objectContaining({
        id: was.captureIds[0],
        screenshotSha256: sha256Hex(Buffer.from('png of mid-untouched')),
      }),
    ]);
  });

  it('keeps every other ad, capture, file, entity and campaign byte for byte', async () => {
    const after = await snapshot();
    const touched = new Set(
      ['old-untouched', 'old-untouched-alone', 'mid-untouched', 'old-in-campaign', 'old-dismissed']
        .concat(['mid-untouched-small'])
        .map((name) => must(ids[name])),
    );
    const goneCaptures = new Set([...touched].flatMap((id) => must(beforeAds.get(id)).captureIds));
    // The dismissed ad's first text was captured without being on its captureIds list.
    const dismissed = must(beforeAds.get(must(ids['old-dismissed'])));
    for (const [id, doc] of must(before.get('captures'))) {
      const stored = BSON.deserialize(Buffer.from(doc, 'hex'));
      if (stored.url === dismissed.url) goneCaptures.add(id);
    }
    const keptIds = (name: string, skip: (id: string) => boolean) =>
      [...must(before.get(name)).keys()].filter((id) => !skip(id));
    for (const id of keptIds('ads', (id) => touched.has(id)))
      expect(must(after.get('ads')).get(id), `ad ${id}`).toBe(must(before.get('ads')).get(id));
    const capturesAfter = must(after.get('captures'));
    for (const id of keptIds('captures', (id) => goneCaptures.has(id)))
      expect(capturesAfter.get(id), `capture ${id}`).toBe(must(before.get('captures')).get(id));
    for (const id of goneCaptures) expect(capturesAfter.has(id)).toBe(false);
    const inCaseShot = must(beforeAds.get(must(ids['old-in-case'])));
    const shot = BSON.deserialize(
      Buffer.from(must(must(before.get('captures')).get(must(inCaseShot.captureIds[0]))), 'hex'),
    ) as { screenshot: { fileId: string } };
    const fileId = shot.screenshot.fileId;
    expect(must(after.get('captureFiles.files')).get(fileId)).toBe(
      must(before.get('captureFiles.files')).get(fileId),
    );
    // Entities of contacts no touched ad carried, the campaign, cases and review history.
    const touchedKeys = new Set(
      [...touched].flatMap((id) => must(beforeAds.get(id)).contacts ?? []),
    );
    for (const id of keptIds('entities', (id) => touchedKeys.has(id)))
      expect(must(after.get('entities')).get(id), `entity ${id}`).toBe(
        must(before.get('entities')).get(id),
      );
    for (const name of ['campaigns', 'cases', 'reviews'])
      expect(after.get(name), name).toEqual(before.get(name));
  });

  it('recounts the entities of deleted and reduced ads', async () => {
    // The shared phone was on old-untouched, old-flagged and old-dismissed: only old-flagged is left.
    expect(await store.entities.findByKey(`tel:${sharedPhone}`)).toMatchObject({
      adCount: 1,
      flaggedCount: 1,
    });
    expect(await store.entities.findByKey('tel:+37410000001')).toBeNull();
  });

  it("reduces a dismissed ad's personal data, keeping offsets, score and decision", async () => {
    const id = must(ids['old-dismissed']);
    const was = must(beforeAds.get(id));
    const ad = must(await store.ads.findById(id));
    const phone = maskChar.repeat(4) + ' ' + maskChar.repeat(2) + ' ' + maskChar.repeat(6);
    expect(ad.body).toBe(
      `Call Aram on ${phone} or write to ${maskChar.repeat('aram.k@example.am.'.length)} Salary 300000 AMD.`,
    );
    expect(ad.contactText).toBe(
      `${maskChar.repeat(5)} ${maskChar.repeat(5)} ${maskChar.repeat(5)}`,
    );
    expect(ad.title).toBe(dismissedTitle);
    expect(ad.body.length).toBe(was.body.length);
    expect(ad).toMatchObject({
      contentHash: was.contentHash,
      score: was.score,
      flagged: true,
      review: was.review,
      captureIds: [],
      contacts: [],
      retention: { reducedAt: now, reducedContentHash: was.contentHash },
    });
    const classification = must(ad.classification);
    expect(classification.facts).toMatchObject({ phones: [], emails: [], ages: [] });
    const text = `${ad.title}\n${classifiedText(ad)}`;
    const [phoneHit, salaryHit] = classification.indicators.map((i) => must(i.evidence[0]));
    expect(phoneHit?.text).toBe(phone);
    expect(salaryHit?.text).toBe('Salary 300000 AMD');
    expect(text.slice(must(salaryHit).start, must(salaryHit).end)).toBe('Salary 300000 AMD');
    expect(ad.versions).toEqual([
      expect.objectContaining({ title: '', body: '', contentHash: was.versions[0]?.contentHash }),
    ]);
    const capturedBefore = [...must(before.get('captures')).values()]
      .map((doc) => BSON.deserialize(Buffer.from(doc, 'hex')))
      .filter((c) => c.url === was.url)
      .map((c) => c.sha256 as string);
    expect(capturedBefore).toHaveLength(2);
    expect(ad.retention?.deletedCaptures?.map((c) => c.sha256).sort()).toEqual(
      capturedBefore.sort(),
    );
    expect(await store.entities.findByKey('email:aram.k@example.am')).toBeNull();
  });

  it('audits one run with its counts', async () => {
    const entries = (await store.audit.list({}, null, 5)).items;
    const runs = entries.filter((e) => e.action === 'retention_run');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      actor: 'test',
      details: {
        now: now.toISOString(),
        rules: {
          'untouched-ads': { ads: 2, captures: 3 },
          'untouched-captures': { ads: 3, captures: 3, screenshots: 1 },
          'dismissed-personal-data': { ads: 1, captures: 2 },
        },
      },
    });
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it('finds nothing more to do when run again at the same time', async () => {
    const again = await runRetention({ store, policy, now, dryRun: true });
    expect(again.rules.map((r) => r.ads)).toEqual([0, 0, 0]);
  });

  it('leaves an ad alone that was held, reviewed or put in a case after it was read', async () => {
    const names = ['race-hold', 'race-review', 'race-case', 'race-free'];
    for (const name of names) await seed(name, { lastSeenDaysAgo: 120, score: 10 });
    const cutoffs = retentionCutoffs(policy, now);
    const { verdicts } = await store.retention.scan(
      RetentionRule.UntouchedCaptures,
      cutoffs,
      undefined,
      100,
    );
    const due = verdicts.filter((v) => v.due && names.some((name) => ids[name] === v.ad._id));
    expect(due).toHaveLength(4);
    await store.retention.setLegalHold(must(ids['race-hold']), {
      reason: 'late order',
      by: 'sofia',
      at: now,
    });
    await decide('race-review', 'in_review', 1);
    const kase = await store.cases.create({ name: 'Late case', createdBy: 'sofia' });
    await store.cases.addAds(kase._id, [must(ids['race-case'])]);
    const kept = await Promise.all(
      names.slice(0, 3).map(async (name) => must(await store.ads.findById(must(ids[name])))),
    );

    const done = await store.retention.apply(RetentionRule.UntouchedCaptures, due, cutoffs, now);
    expect([...done.keys()]).toEqual([ids['race-free']]);
    for (const ad of kept) {
      expect(await store.ads.findById(ad._id)).toEqual(ad);
      expect(await db.collection('captures').countDocuments({ url: ad.url })).toBe(1);
    }
  });

  it('leaves packets issued before it verifiable: they need nothing from the store', async () => {
    const verdict = await verifyPacket(packetPath);
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ intact: true, signatureValid: true });
  });

  it('still exports ads whose captures it deleted or whose personal data it reduced', async () => {
    const after = join(packetDir, 'after.zip');
    const summary = await buildPacket({
      sources: storePacketSources(store),
      selection: { adIds: [must(ids['mid-untouched']), must(ids['old-dismissed'])] },
      exporter: { username: 'anna', role: 'analyst' },
      instance: { instanceId: 'test-instance', hostname: 'test-host', adwatchVersion: '0.1.0' },
      signingKey: loadSigningKey({ dataDir: packetDir }),
      output: createWriteStream(after),
    });
    expect(summary.adIds).toHaveLength(2);
    expect((await verifyPacket(after)).intact).toBe(true);
  });
});
