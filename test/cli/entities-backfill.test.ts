import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdwatchConfig } from '../../config/index.js';
import type { Store } from '../../store/index.js';
import { commandTestEnv, runCli } from '../helpers/cli.js';
import { forgetEntities } from '../helpers/entities.js';
import { testClassification } from '../helpers/seed.js';
import { openTestStore, testConfig } from '../helpers/services.js';

let config: AdwatchConfig;
let store: Store;
let cli: ReturnType<typeof commandTestEnv>;
let env: Record<string, string>;

beforeAll(async () => {
  config = testConfig();
  store = await openTestStore(config);
  cli = commandTestEnv(config.mongo.database, 'entities');
  env = cli.env;
});

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  cli.remove();
});

async function seed(n: number, employer: string, phone: string, score: number): Promise<string> {
  const saved = await store.ads.saveExtracted({
    sourceId: n % 2 ? 'board' : 'channel',
    url: `https://jobs.example.am/ads/${n}`,
    ad: { title: `Ad ${n}`, body: `Work abroad ${n}`, employer },
    seenAt: new Date(`2026-01-0${n}T00:00:00Z`),
  });
  const classification = testClassification(
    saved.contentHash,
    score,
    { phones: [{ e164: phone }], emails: [], handles: [] },
    new Date('2026-01-10T00:00:00Z'),
  );
  await store.ads.saveClassification(saved.adId, classification);
  return saved.adId;
}

const json = <T>(text: string): T => JSON.parse(text) as T;

describe('adwatch entities backfill', () => {
  const ids: string[] = [];

  beforeAll(async () => {
    ids.push(
      await seed(1, 'ООО «Ромашка»', '+37491000001', 90),
      await seed(2, 'Ромашка LLC', '+37491000001', 30),
      await seed(3, 'Other Co', '+37491000003', 10),
    );
    await forgetEntities(config.mongo.database);
  });

  it('creates the entities of stored ads, with progress on stderr and an audit entry', async () => {
    const result = await runCli(['entities', 'backfill', '--batch-size', '2'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('backfilled 2/3 ads');
    expect(result.stderr).toContain('backfilled 3/3 ads (contacts changed: 3)');
    expect(result.stdout).toMatch(/^entities backfill finished/);
    expect(result.stdout).toMatch(/ads scanned\s+3/);
    expect(await store.entities.findByKey('employer:ромашка')).toMatchObject({
      adCount: 2,
      maxScore: 90,
      flaggedCount: 1,
      sources: ['board', 'channel'],
    });
    expect(await store.entities.findByKey('tel:+37491000001')).toMatchObject({ adCount: 2 });
    const audit = (await store.audit.list({}, null, 10)).items;
    expect(audit[0]).toMatchObject({
      actor: 'cli',
      action: 'entities_backfill',
      details: { scanned: 3, adsUpdated: 3, interrupted: false },
    });
  });

  it('changes nothing when run again, and resumes after --after', async () => {
    const again = await runCli(['entities', 'backfill', '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(json(again.stdout)).toMatchObject({ toScan: 3, scanned: 3, adsUpdated: 0 });
    expect(await store.entities.findByKey('employer:ромашка')).toMatchObject({ adCount: 2 });

    const sorted = [...ids].sort();
    const resumed = await runCli(['entities', 'backfill', '--json', '--after', sorted[1]], env);
    expect(json(resumed.stdout)).toMatchObject({ toScan: 1, scanned: 1, lastId: sorted[2] });
  });

  it('refuses a bad --after and --batch-size', async () => {
    const bad = await runCli(['entities', 'backfill', '--after', 'no/such'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--after "no\/such" is not an id/);
    const size = await runCli(['entities', 'backfill', '--batch-size', '0'], env);
    expect(size.code).not.toBe(0);
    expect(size.stderr).toMatch(/between 1 and 10000/);
  });
});
