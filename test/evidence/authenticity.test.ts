import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPacket,
  formatFingerprint,
  loadSigningKey,
  verifyPacket,
  type SigningKey,
} from '../../evidence/index.js';
import { checksumLines, manifestBytes } from '../../evidence/manifest.js';
import type { Store } from '../../store/index.js';
import { runCli } from '../helpers/cli.js';
import { openTestStore, testConfig } from '../helpers/services.js';
import { englishAd, seedAd, TestPacketSources } from './packet.fixtures.js';
import { readZip, tempDir, writeZip } from './packet.helpers.js';

let store: Store;
let dir: string;
let instanceDir: string;
let key: SigningKey;
let genuine: string;
let forged: string;

const instance = { instanceId: 'instance-7', hostname: 'watch-host', adwatchVersion: '0.1.0' };

/**
 * What the live probe did: change ad.json, then rewrite SHA256SUMS, the manifest and its signature
 * with a key of the forger's own, leaving custody.json naming the genuine instance.
 */
async function forge(from: string, to: string): Promise<void> {
  const forger = generateKeyPairSync('ed25519');
  const entries = (await readZip(from)).filter((e) => !e.name.startsWith('manifest.'));
  const changed = entries.map((e) => {
    if (e.name.endsWith('/ad.json')) {
      return {
        name: e.name,
        data: Buffer.from(e.data.toString().replace(/"title": "[^"]*"/, '"title": "Harmless job"')),
      };
    }
    if (e.name === 'signing-key.pub.pem') {
      return {
        name: e.name,
        data: Buffer.from(forger.publicKey.export({ type: 'spki', format: 'pem' })),
      };
    }
    return e;
  });
  const entryOf = (e: { name: string; data: Buffer }) => ({
    path: e.name,
    sha256: createHash('sha256').update(e.data).digest('hex'),
    bytes: e.data.byteLength,
  });
  const listed = changed.filter((e) => e.name !== 'SHA256SUMS');
  const sums = {
    name: 'SHA256SUMS',
    data: Buffer.from(checksumLines(listed.map(entryOf)).join('')),
  };
  const files = [...listed, sums].map(entryOf);
  const fingerprint = createHash('sha256')
    .update(forger.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  const manifest = manifestBytes({
    files,
    createdAt: new Date(),
    publicKeyFile: 'signing-key.pub.pem',
    fingerprint,
  });
  await writeZip(to, [
    { name: 'manifest.json', data: manifest },
    { name: 'manifest.sig', data: sign(null, manifest, forger.privateKey) },
    ...listed,
    sums,
  ]);
}

beforeAll(async () => {
  store = await openTestStore(testConfig());
  dir = await tempDir();
  instanceDir = join(dir, 'instance');
  key = loadSigningKey({ dataDir: instanceDir });
  const ad = await seedAd(store, englishAd, 1);
  genuine = join(dir, 'genuine.zip');
  await buildPacket({
    sources: new TestPacketSources(store),
    selection: { adIds: [ad._id] },
    exporter: { username: 'anna', role: 'analyst' },
    instance,
    signingKey: key,
    output: createWriteStream(genuine),
  });
  forged = join(dir, 'forged.zip');
  await forge(genuine, forged);
}, 180_000);

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('who signed a packet', () => {
  it('finds a re-signed forgery intact but not authentic when no key is trusted', async () => {
    const verdict = await verifyPacket(forged);
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
    expect(verdict.authenticity).toMatchObject({ established: false, signedBy: null });
    expect(verdict.authenticity.detail).toContain('not a key you trust');
  });

  it('finds the forgery not authentic even though custody.json names the trusted instance', async () => {
    const verdict = await verifyPacket(forged, {
      trustedKeys: [{ fingerprint: key.fingerprint, trustedAs: 'evidence.trustedKeys' }],
    });
    expect(verdict.authenticity.established).toBe(false);
    expect(verdict.authenticity.detail).toContain(key.fingerprint.slice(0, 16));
  });

  it('names the issuing instance of a genuine packet signed by a trusted key', async () => {
    const verdict = await verifyPacket(genuine, {
      trustedKeys: [{ fingerprint: key.fingerprint, trustedAs: 'evidence.trustedKeys' }],
    });
    expect(verdict.intact).toBe(true);
    expect(verdict.authenticity).toEqual({
      established: true,
      trustedAs: 'evidence.trustedKeys',
      signedBy: instance,
      detail: `signed by instance instance-7 (host watch-host, adwatch 0.1.0) with key ${key.fingerprint}, trusted as evidence.trustedKeys`,
    });
  });
});

describe('adwatch verify exit codes', { timeout: 600_000 }, () => {
  it('exits 3 for a forgery re-signed with an unknown key, and says why', async () => {
    const elsewhere = { ADWATCH_DATA_DIR: join(dir, 'elsewhere') };
    const result = await runCli(['verify', forged], elsewhere);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^INTACT, AUTHENTICITY NOT ESTABLISHED: /);
    expect(result.stdout).toContain('anyone can re-sign a changed packet');
    const pinned = await runCli(
      ['verify', forged, '--key', formatFingerprint(key.fingerprint)],
      elsewhere,
    );
    expect(pinned.code).toBe(3);
  });

  it("exits 0 and names the instance when the key is given as a fingerprint, configured, or the instance's own", async () => {
    const elsewhere = { ADWATCH_DATA_DIR: join(dir, 'elsewhere') };
    const byFingerprint = await runCli(
      ['verify', genuine, '--key', formatFingerprint(key.fingerprint)],
      elsewhere,
    );
    expect(byFingerprint.code).toBe(0);
    expect(byFingerprint.stdout).toContain('signed by instance instance-7 (host watch-host');
    expect(byFingerprint.stdout).toContain('trusted as the fingerprint given with --key');

    const configDir = join(dir, 'config');
    mkdirSync(configDir, { recursive: true });
    const configFile = join(configDir, 'adwatch.yaml');
    writeFileSync(
      configFile,
      `evidence:\n  trustedKeys:\n    - "${formatFingerprint(key.fingerprint)}"\n`,
    );
    const configured = await runCli(['verify', genuine, '--json'], {
      ...elsewhere,
      ADWATCH_CONFIG: configFile,
    });
    expect(configured.code).toBe(0);
    expect(JSON.parse(configured.stdout)).toMatchObject({
      intact: true,
      authenticity: { established: true, trustedAs: 'evidence.trustedKeys', signedBy: instance },
    });

    const own = await runCli(['verify', genuine], { ADWATCH_DATA_DIR: instanceDir });
    expect(own.code).toBe(0);
    expect(own.stdout).toContain("trusted as this instance's key");
  });

  it('exits 2 when the trusted keys cannot be read, and documents every code in --help', async () => {
    const badConfig = join(dir, 'bad.yaml');
    writeFileSync(badConfig, 'evidence:\n  trustedKeys: [not-a-fingerprint]\n');
    const bad = await runCli(['verify', genuine], { ADWATCH_CONFIG: badConfig });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('evidence.trustedKeys[0]: is not a key fingerprint');
    const help = await runCli(['verify', '--help']);
    for (const code of [
      '0 intact and signed by a trusted key',
      '1 not intact',
      '2 could not be checked',
      '3 intact but authenticity not established',
    ]) {
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(code);
    }
  });
});
