import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Collections, type Store } from '../../store/index.js';
import { repoRoot, runCli, runToEnd, type CliResult } from '../helpers/cli.js';
import { storeCapturedAd, testClassification } from '../helpers/seed.js';
import { must, openTestStore, testConfig, type TestConfig } from '../helpers/services.js';

/** Every document of every collection as the server holds it (raw BSON, by _id), and the indexes. */
type Snapshot = Map<string, { documents: string[]; indexes: string[] }>;

async function snapshot(db: Db): Promise<Snapshot> {
  const result: Snapshot = new Map();
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !name.startsWith('system.'))
    .sort();
  for (const name of names) {
    const raw = await db.collection(name).find({}, { raw: true }).sort({ _id: 1 }).toArray();
    const indexes = (await db.collection(name).listIndexes().toArray())
      .map(({ v: _v, ...index }) => JSON.stringify(index))
      .sort();
    result.set(name, {
      documents: raw.map((doc) => (doc as unknown as Buffer).toString('hex')),
      indexes,
    });
  }
  return result;
}

/** Runs one of the deploy/ scripts the way an operator would, with the CLI of this checkout. */
function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<CliResult> {
  return runToEnd('sh', [join(repoRoot, 'deploy', script), ...args], {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    ADWATCH_BIN: `${process.execPath} ${join(repoRoot, 'bin', 'adwatch.js')}`,
    ...env,
  });
}

describe('backup and restore', () => {
  let config: TestConfig;
  let store: Store;
  let client: MongoClient;
  let scratch: string;
  let env: Record<string, string>;
  let before: Snapshot;
  /** A page too large to stay in its capture document: it lives in the GridFS bucket. */
  const largePage = `<html><body>${'Առաջարկում ենք աշխատանք Դուբայում. '.repeat(12_000)}</body></html>`;
  let largeCaptureId: string;

  beforeAll(async () => {
    config = testConfig();
    store = await openTestStore(config);
    client = await MongoClient.connect(inject('mongoUri'));
    scratch = mkdtempSync(join(tmpdir(), 'adwatch-backup-'));
    env = {
      ADWATCH_DATA_DIR: join(scratch, 'data'),
      MONGODB_URI: inject('mongoUri'),
      ADWATCH_MONGO_DATABASE: config.mongo.database,
      ADWATCH_LOG_LEVEL: 'silent',
    };
    // A store with every kind of record an installation keeps.
    const seenAt = new Date('2026-03-01T10:00:00Z');
    const ads = [
      { title: 'Waitresses for Dubai, free visa', body: 'Girls 18-25, passport kept by employer.' },
      { title: 'Бухгалтер в Ереване', body: 'Официальный договор, опыт 3 года.' },
      { title: 'Hotel staff abroad', body: 'No experience needed, 3000 USD a month.' },
    ];
    const adIds: string[] = [];
    for (const [n, ad] of ads.entries()) {
      const saved = await storeCapturedAd(store, {
        sourceId: 'board',
        url: `https://jobs.example.am/ads/${n}`,
        html: n === 2 ? largePage : `<h1>${ad.title}</h1><p>${ad.body}</p>`,
        seenAt,
        ad,
        ...(n === 0 ? { capture: { screenshot: Buffer.from('not really a PNG, but bytes') } } : {}),
      });
      adIds.push(saved.adId);
      if (n === 2) largeCaptureId = saved.captureId;
      const record = must(await store.ads.findById(saved.adId), 'ad');
      await store.ads.saveClassification(
        saved.adId,
        testClassification(record.contentHash, n === 1 ? 10 : 85, { salary: { amount: 3000.5 } }),
      );
    }
    await store.users.insert({ username: 'anna', role: 'analyst', passwordHash: 'scrypt$x$y' });
    await store.users.insert({ username: 'sup', role: 'supervisor', passwordHash: 'scrypt$z$w' });
    await store.sessions.insert({
      _id: 'a'.repeat(64),
      username: 'anna',
      csrfToken: 'token',
      createdAt: seenAt,
      lastSeenAt: seenAt,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const caseRecord = await store.cases.create({ name: 'Dubai hotels', createdBy: 'sup' });
    await store.cases.addAds(caseRecord._id, [adIds[0]]);
    await store.reviews.add({
      adId: adIds[0],
      at: seenAt,
      user: 'anna',
      action: 'status',
      from: 'new',
      to: 'confirmed',
    });
    await store.installation.claim('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    for (const [n, action] of ['login', 'ad_view', 'review_status'].entries()) {
      await store.audit.append({
        actor: 'anna',
        role: 'analyst',
        action,
        target: { adId: adIds[n] },
        details: { n },
        ip: '10.0.0.7',
      });
    }
    before = await snapshot(client.db(config.mongo.database));
  });

  afterAll(async () => {
    await client.db(config.mongo.database).dropDatabase();
    await client.db(`${config.mongo.database}-x`).dropDatabase();
    await client.close();
    await store.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('restores a wiped store exactly as it was, GridFS captures and the audit chain included', async () => {
    expect(before.get('captureFiles.chunks')?.documents.length).toBeGreaterThan(0);
    const backup = await runScript('backup.sh', [join(scratch, 'backup')], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('database: adwatch backup');
    const manifest = JSON.parse(
      readFileSync(join(scratch, 'backup', 'mongo', 'manifest.json'), 'utf8'),
    ) as { installationId: string; collections: Array<{ name: string; documents: number }> };
    expect(manifest.installationId).toBe('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    expect(manifest.collections.find((c) => c.name === Collections.Ads)?.documents).toBe(3);
    expect(manifest.collections.map((c) => c.name)).not.toContain(Collections.Sessions);
    // The backup itself is in the audit trail of the database it copied (after the copy).
    expect((await store.audit.list({}, null, 10)).items[0]).toMatchObject({
      actor: 'cli',
      action: 'backup',
    });

    await client.db(config.mongo.database).dropDatabase();
    const restore = await runScript('restore.sh', [join(scratch, 'backup')], env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('audit trail intact: 4 entries verified');

    const after = await snapshot(client.db(config.mongo.database));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, was] of before) {
      const now = must(after.get(name), name);
      expect(now.indexes, `indexes of ${name}`).toEqual(was.indexes);
      if (name === Collections.Sessions) {
        expect(now.documents).toEqual([]);
      } else if (name === Collections.Audit) {
        // The three entries byte for byte, and the restore's own entry (at the end of the chain).
        expect(now.documents).toEqual(expect.arrayContaining(was.documents));
        expect(now.documents).toHaveLength(was.documents.length + 1);
      } else {
        expect(now.documents, `documents of ${name}`).toEqual(was.documents);
      }
    }
    const capture = must(await store.captures.findById(largeCaptureId), 'capture');
    expect((await store.captures.body(capture)).toString()).toBe(largePage);
    expect((await store.audit.list({}, null, 10)).items[0]).toMatchObject({
      actor: 'cli',
      action: 'restore',
      details: { documents: expect.any(Number) as number, dropped: false },
    });
  });

  it('restores only into an empty database unless told to drop what is there', async () => {
    const refused = await runCli(['restore', '--from', join(scratch, 'backup', 'mongo')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`database "${config.mongo.database}" is not empty`);
    expect(refused.stderr).toContain('--drop');
    expect(await store.ads.count()).toBe(3);

    await store.users.insert({ username: 'later', role: 'analyst', passwordHash: 'scrypt$1$2' });
    const dropped = await runCli(
      ['restore', '--from', join(scratch, 'backup', 'mongo'), '--drop'],
      env,
    );
    expect(dropped.stderr).toBe('');
    expect(dropped.code).toBe(0);
    expect(await store.users.findByUsername('later')).toBeNull();
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 4 });
  });

  it('refuses an altered backup before writing anything', async () => {
    const copy = join(scratch, 'altered');
    cpSync(join(scratch, 'backup', 'mongo'), copy, { recursive: true });
    const file = join(copy, 'users.bson.gz');
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(file, bytes);
    const result = await runCli(['restore', '--from', copy], {
      ...env,
      ADWATCH_MONGO_DATABASE: `${config.mongo.database}-x`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('users.bson.gz is not the file the backup wrote');
    const untouched = await client
      .db(`${config.mongo.database}-x`)
      .listCollections({}, { nameOnly: true })
      .toArray();
    expect(untouched).toEqual([]);
  });
});
