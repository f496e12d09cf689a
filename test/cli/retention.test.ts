import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdwatchConfig } from '../../config/index.js';
import type { Store } from '../../store/index.js';
import { commandTestEnv, runCli } from '../helpers/cli.js';
import { storeCapturedAd, testClassification } from '../helpers/seed.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';

let config: AdwatchConfig;
let store: Store;
let cli: ReturnType<typeof commandTestEnv>;
let env: Record<string, string>;
const ids: Record<string, string> = {};
/** When each ad was last seen, as the JSON summary gives dates. */
const seen: Record<string, string> = {};

/** The command runs on the wall clock: ads are seeded whole days (or years) away from it. */
const daysAgo = (days: number): Date => new Date(Date.now() - days * 86_400_000);

interface RuleJson {
  rule: string;
  ads: number;
  oldest: string | null;
  captures: number;
  held: Record<string, number>;
}
interface SummaryJson {
  dryRun: boolean;
  rules: RuleJson[];
  legalHolds: Array<{ adId: string; hold: { reason: string } }>;
}

const json = (text: string): SummaryJson => JSON.parse(text) as SummaryJson;
const counts = (summary: SummaryJson) =>
  summary.rules.map(({ rule, ads, oldest, captures, held }) => ({
    rule,
    ads,
    oldest,
    captures,
    held,
  }));

async function seed(name: string, lastSeenDaysAgo: number): Promise<void> {
  const saved = await storeCapturedAd(store, {
    sourceId: 'board',
    url: `https://jobs.example.am/ads/${name}`,
    html: `<p>${name}</p>`,
    seenAt: daysAgo(lastSeenDaysAgo),
    ad: { title: `Job ${name}`, body: `Shop assistant, ${name}.` },
  });
  await store.ads.saveClassification(saved.adId, testClassification(saved.contentHash, 10));
  ids[name] = saved.adId;
  seen[name] = must(await store.ads.findById(saved.adId)).lastSeenAt.toISOString();
}

beforeAll(async () => {
  config = testConfig();
  store = await openTestStore(config);
  cli = commandTestEnv(config.mongo.database, 'retention');
  env = cli.env;
  await seed('old', 400);
  await seed('mid', 120);
  await seed('held', 400);
  await seed('new', 10);
  await store.retention.setLegalHold(must(ids.held), {
    reason: 'court order 17/2027',
    by: 'sofia',
    at: daysAgo(2),
  });
});

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  cli.remove();
});

describe('adwatch retention', () => {
  let report: SummaryJson;

  it('reports what would go, by rule, and what is held and why', async () => {
    const result = await runCli(['retention', 'report', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    report = json(result.stdout);
    expect(counts(report)).toEqual([
      {
        rule: 'untouched-ads',
        ads: 1,
        oldest: seen.old,
        captures: 1,
        held: { 'legal-hold': 1, case: 0, campaign: 0 },
      },
      {
        rule: 'untouched-captures',
        ads: 1,
        oldest: seen.mid,
        captures: 1,
        held: { 'legal-hold': 1, case: 0, campaign: 0 },
      },
      {
        rule: 'dismissed-personal-data',
        ads: 0,
        oldest: null,
        captures: 0,
        held: { 'legal-hold': 0, case: 0, campaign: 0 },
      },
    ]);
    expect(report.legalHolds.map((h) => [h.adId, h.hold.reason])).toEqual([
      [ids.held, 'court order 17/2027'],
    ]);

    const text = await runCli(['retention', 'report'], env);
    expect(text.stdout).toMatch(
      /^retention report at .* \(enforced daily at "30 3 \* \* \*" UTC\)/,
    );
    expect(text.stdout).toMatch(/untouched-ads\s+365 d\s+1 /);
    expect(text.stdout).toContain(`legal holds: 1\n  ${ids.held}  by sofia`);
    expect(text.stdout).toContain('court order 17/2027');
  });

  it('looks ahead with --at', async () => {
    const later = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const result = await runCli(['retention', 'report', '--json', '--at', later], env);
    expect(result.code, result.stderr).toBe(0);
    // All three unheld ads are then more than a year old.
    expect(json(result.stdout).rules[0]).toMatchObject({ rule: 'untouched-ads', ads: 3 });
    const bad = await runCli(['retention', 'report', '--at', 'next week'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('give a date in ISO 8601');
  });

  it('changes nothing in a dry run, then deletes what the report said, audited', async () => {
    const dry = await runCli(['retention', 'run', '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(json(dry.stdout).dryRun).toBe(true);
    expect(counts(json(dry.stdout))).toEqual(counts(report));
    expect(await store.ads.findById(must(ids.old))).not.toBeNull();
    expect((await store.audit.list({}, null, 5)).items).toEqual([]);

    const real = await runCli(['retention', 'run', '--json'], env);
    expect(real.code, real.stderr).toBe(0);
    expect(counts(json(real.stdout))).toEqual(counts(report));
    expect(await store.ads.findById(must(ids.old))).toBeNull();
    expect(must(await store.ads.findById(must(ids.mid))).captureIds).toEqual([]);
    expect(must(await store.ads.findById(must(ids.held))).captureIds).toHaveLength(1);
    expect(must(await store.ads.findById(must(ids.new))).captureIds).toHaveLength(1);
    const [entry] = (await store.audit.list({}, null, 5)).items;
    expect(entry).toMatchObject({
      actor: 'cli',
      action: 'retention_run',
      details: { rules: { 'untouched-ads': { ads: 1 }, 'untouched-captures': { ads: 1 } } },
    });
  });

  it('refuses to run with enforcement off, but still counts', async () => {
    const file = join(env.ADWATCH_DATA_DIR ?? '', 'adwatch.yaml');
    writeFileSync(file, 'retention:\n  enabled: false\n');
    const off = { ...env, ADWATCH_CONFIG: file };
    const refused = await runCli(['retention', 'run'], off);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('retention.enabled is false');
    const dry = await runCli(['retention', 'run', '--dry-run'], off);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^retention dry run at /);
  });
});
