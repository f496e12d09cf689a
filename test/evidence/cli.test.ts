import { existsSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdRecord, Store } from '../../store/index.js';
import { runCli } from '../helpers/cli.js';
import { openTestStore, testConfig } from '../helpers/services.js';
import { armenianAd, englishAd, russianAd, seedAd } from './packet.fixtures.js';
import { readZip, tempDir, writeZip } from './packet.helpers.js';

let store: Store;
let dataDir: string;
let env: Record<string, string>;
let ads: AdRecord[];

beforeAll(async () => {
  const config = testConfig();
  store = await openTestStore(config);
  dataDir = await tempDir();
  env = {
    MONGODB_URI: config.mongo.uri as string,
    ADWATCH_MONGO_DATABASE: config.mongo.database,
    ADWATCH_DATA_DIR: dataDir,
  };
  ads = [
    await seedAd(store, armenianAd, 1),
    await seedAd(store, russianAd, 2),
    await seedAd(store, englishAd, 3),
  ];
});

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Every CLI run starts tsx and loads every module: seconds each, tens of seconds on a busy machine. */
const cliTestTimeoutMillis = 600_000;

describe('adwatch keys show', { timeout: cliTestTimeoutMillis }, () => {
  it('never creates a key: without one it says so and names the data directory it looked in', async () => {
    const shown = await runCli(['keys', 'show'], env);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain(`no signing key and no running adwatch instance in ${dataDir}`);
    expect(shown.stderr).toContain('adwatch keys create');
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
  });

  it('creates the signing key with "keys create", readable by its owner only, and shows the same key after', async () => {
    const first = await runCli(['keys', 'create', '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const shown = JSON.parse(first.stdout) as {
      publicKeyPem: string;
      fingerprint: string;
      origin: string;
      created: boolean;
    };
    expect(shown.created).toBe(true);
    expect(shown.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(shown.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const keyFile = join(dataDir, 'keys', 'evidence-signing.key.pem');
    expect(shown.origin).toBe(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    const again = await runCli(['keys', 'show'], env);
    expect(again.stdout).toContain(shown.fingerprint);
    expect(again.stdout).toContain(shown.publicKeyPem);
    expect(again.stdout).toContain(
      `data directory: ${dataDir} (no instance is running with it now)`,
    );
    expect(again.stdout).not.toContain('PRIVATE KEY');
    const kept = await runCli(['keys', 'create'], env);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('a signing key exists already; it is kept');
    expect(kept.stdout).toContain(shown.fingerprint);
  });

  it('uses a key from ADWATCH_SIGNING_KEY_FILE or ADWATCH_SIGNING_KEY, and rejects one that is not Ed25519', async () => {
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const file = join(dataDir, 'supplied.pem');
    await writeFile(file, pem, { mode: 0o600 });
    const fromFile = await runCli(['keys', 'show', '--json'], {
      ...env,
      ADWATCH_SIGNING_KEY_FILE: file,
    });
    const fromEnv = await runCli(['keys', 'show', '--json'], { ...env, ADWATCH_SIGNING_KEY: pem });
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ origin: file });
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({
      origin: 'ADWATCH_SIGNING_KEY',
      fingerprint: (JSON.parse(fromFile.stdout) as { fingerprint: string }).fingerprint,
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const wrong = await runCli(['keys', 'show'], { ...env, ADWATCH_SIGNING_KEY: rsa });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not Ed25519');
    expect(wrong.stderr).not.toContain('PRIVATE KEY');
  });
});

describe('adwatch export and verify', { timeout: cliTestTimeoutMillis }, () => {
  it('lists ads for scripting', async () => {
    const listed = await runCli(['ads', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<{
      id: string;
      score: number;
      status: string;
      url: string;
    }>;
    expect(rows.map((r) => r.id).sort()).toEqual(ads.map((a) => a._id).sort());
    const flagged = JSON.parse(
      (await runCli(['ads', 'list', '--flagged', '--json'], env)).stdout,
    ) as unknown[];
    expect(flagged).toHaveLength(ads.filter((a) => a.flagged).length);
    const table = await runCli(['ads', 'list'], env);
    expect(table.stdout).toContain(ads[0]?.url);
  });

  it('exports, verifies with exit code 0, and records the export', async () => {
    const out = join(dataDir, 'two.zip');
    const exported = await runCli(
      ['export', '--ad', ads[0]?._id, '--ad', ads[1]?._id, '--out', out],
      env,
    );
    expect(exported.stderr).toContain('ads 2/2');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`wrote ${out}`);
    // Run in the exporting instance's data directory, its own key is trusted.
    const verified = await runCli(['verify', out], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^INTACT AND AUTHENTIC: /);
    expect(verified.stdout).toContain("trusted as this instance's key");
    const key = JSON.parse((await runCli(['keys', 'show', '--json'], env)).stdout) as {
      fingerprint: string;
    };
    expect(verified.stdout.replace(/ /g, '')).toContain(key.fingerprint);
    const recorded = (await store.audit.list({}, null, 1)).items[0];
    expect(recorded?.actor).toMatch(/^cli:.+@.+$/);
    expect(recorded).toMatchObject({
      action: 'evidence.export',
      details: { adIds: [ads[0]?._id, ads[1]?._id] },
    });

    const altered = join(dataDir, 'altered.zip');
    const entries = await readZip(out);
    await writeZip(
      altered,
      entries.map((e) =>
        e.name === 'custody.json'
          ? { name: e.name, data: Buffer.from(e.data.toString().replace('cli:', 'xyz:')) }
          : e,
      ),
    );
    const bad = await runCli(['verify', altered], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^NOT INTACT: /);
    expect(bad.stdout).toMatch(/CHANGED\s+custody\.json/);

    const keyFile = join(dataDir, 'pinned.pub.pem');
    const otherPem = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    await writeFile(keyFile, otherPem);
    const elsewhere = { ADWATCH_DATA_DIR: join(dataDir, 'elsewhere') };
    const pinnedOther = await runCli(['verify', out, '--key', keyFile], elsewhere);
    expect(pinnedOther.code).toBe(3);
    expect(pinnedOther.stdout).toMatch(/^INTACT, AUTHENTICITY NOT ESTABLISHED: /);

    const notZip = join(dataDir, 'not.zip');
    await writeFile(notZip, 'not a zip');
    const unreadable = await runCli(['verify', notZip], elsewhere);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('not a readable ZIP');
  });

  it('refuses to overwrite without --force, unknown ads, and no selection', async () => {
    const out = join(dataDir, 'one.zip');
    expect((await runCli(['export', '--ad', ads[2]?._id, '--out', out], env)).code).toBe(0);
    const again = await runCli(['export', '--ad', ads[2]?._id, '--out', out], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const forced = await runCli(['export', '--ad', ads[2]?._id, '--out', out, '--force'], env);
    expect(forced.code).toBe(0);
    const unknown = await runCli(
      ['export', '--ad', 'ffffffffffffffffffffffff', '--out', join(dataDir, 'x.zip')],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no ad with id "ffffffffffffffffffffffff"');
    expect(existsSync(join(dataDir, 'x.zip'))).toBe(false);
    expect(existsSync(join(dataDir, 'x.zip.partial'))).toBe(false);
    const bad = await runCli(['export', '--ad', '../../etc', '--out', join(dataDir, 'y.zip')], env);
    expect(bad.stderr).toContain('--ad "../../etc" is not an id');
    const none = await runCli(['export', '--out', join(dataDir, 'z.zip')], env);
    expect(none.stderr).toContain('nothing to export');
  });
});
