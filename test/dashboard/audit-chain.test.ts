import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { inject } from 'vitest';
import { Collections, type Store } from '../../store/index.js';
import { runCli } from '../helpers/cli.js';
import { openTestStore, testConfig } from '../helpers/services.js';

describe('audit trail', () => {
  let store: Store;
  let database: string;
  let client: MongoClient;

  beforeEach(async () => {
    const config = testConfig();
    database = config.mongo.database;
    store = await openTestStore(config);
    client = await MongoClient.connect(inject('mongoUri'));
    for (let i = 0; i < 5; i++) {
      await store.audit.append({
        actor: `user${i}`,
        role: 'analyst',
        action: 'ad_view',
        target: { adId: `ad${i % 2}` },
        details: { n: i, nested: { b: 1, a: [1, 2] } },
        ip: '127.0.0.1',
      });
    }
  });

  afterEach(async () => {
    await client.close();
    await store.dropDatabase();
    await store.close();
  });

  const audit = () => client.db(database).collection(Collections.Audit);

  it('chains entries and verifies an intact trail', async () => {
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 5 });
    const { items, nextCursor } = await store.audit.list({}, null, 3);
    expect(items.map((e) => e.seq)).toEqual([5, 4, 3]);
    const second = await store.audit.list({}, nextCursor, 3);
    expect(second.items.map((e) => e.seq)).toEqual([2, 1]);
    expect(second.nextCursor).toBeNull();
    expect(items[1]?.prevHash).toBe(items[2]?.hash);
    expect((await store.audit.list({ actor: 'user1' }, null, 10)).items).toHaveLength(1);
    expect((await store.audit.forAds(['ad0'])).map((e) => e.seq)).toEqual([1, 3, 5]);
  });

  it('keeps one chain when many entries are appended at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.audit.append({ actor: 'x', action: `a${i}` })),
    );
    expect(await store.audit.verify()).toEqual({ ok: true, entries: 25 });
  });

  it('writes the entries that arrive during a write together, in the order they came', async () => {
    const records = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.audit.append({ actor: 'x', action: `a${i}` })),
    );
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 6 + i));
    expect(records.map((r) => r.action)).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
  });

  it('keeps one chain when several processes append at once', async () => {
    // Each store is a process of its own: its writes meet the others' on the unique seq index.
    const others = await Promise.all(
      [1, 2, 3].map(() =>
        openTestStore(testConfig({ mongo: { uri: inject('mongoUri'), database } })),
      ),
    );
    try {
      const writers = [store, ...others];
      const written = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          writers[i % writers.length].audit.append({ actor: `p${i % 4}`, action: `a${i}` }),
        ),
      );
      expect(new Set(written.map((r) => r.seq)).size).toBe(60);
      expect(await store.audit.verify()).toEqual({ ok: true, entries: 65 });
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('detects an edited entry', async () => {
    await audit().updateOne({ seq: 3 }, { $set: { actor: 'someone-else' } });
    expect(await store.audit.verify()).toMatchObject({ ok: false, brokenAt: 3, entries: 2 });
  });

  it('detects a deleted entry', async () => {
    await audit().deleteOne({ seq: 2 });
    expect(await store.audit.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects two swapped entries', async () => {
    await audit().updateOne({ seq: 2 }, { $set: { seq: -2 } });
    await audit().updateOne({ seq: 4 }, { $set: { seq: 2 } });
    await audit().updateOne({ seq: -2 }, { $set: { seq: 4 } });
    const result = await store.audit.verify();
    expect(result).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('`adwatch audit verify` exits 0 on an intact chain and 1 naming the broken entry', async () => {
    const env = {
      MONGODB_URI: inject('mongoUri'),
      REDIS_URL: inject('redisUrl'),
      ADWATCH_MONGO_DATABASE: database,
      ADWATCH_LOG_LEVEL: 'silent',
    };
    const intact = await runCli(['audit', 'verify'], env);
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('5 entries');
    await audit().updateOne({ seq: 4 }, { $set: { 'details.n': 99 } });
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout + broken.stderr).toMatch(/entry 4.*edited/);
  }, 300_000);
});
