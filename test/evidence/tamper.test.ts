import { createWriteStream } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPacket,
  loadSigningKey,
  verifyPacket,
  type PacketVerification,
  type SigningKey,
} from '../../evidence/index.js';
import type { Store } from '../../store/index.js';
import { openTestStore, testConfig } from '../helpers/services.js';
import { armenianAd, englishAd, seedAd, TestPacketSources } from './packet.fixtures.js';
import { readZip, tempDir, writeZip } from './packet.helpers.js';

let store: Store;
let dir: string;
let key: SigningKey;
let original: Array<{ name: string; data: Buffer }>;
let counter = 0;

beforeAll(async () => {
  store = await openTestStore(testConfig());
  dir = await tempDir();
  key = loadSigningKey({
    dataDir: dir,
    keyPem: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  });
  const sources = new TestPacketSources(store);
  const ads = [await seedAd(store, armenianAd, 1), await seedAd(store, englishAd, 2)];
  const path = join(dir, 'packet.zip');
  await buildPacket({
    sources,
    selection: { adIds: ads.map((a) => a._id) },
    exporter: { username: 'anna', role: 'analyst' },
    instance: { instanceId: 'i', hostname: 'h', adwatchVersion: '0.1.0' },
    signingKey: key,
    output: createWriteStream(path),
  });
  original = await readZip(path);
}, 180_000);

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function verifyAltered(
  alter: (entries: Array<{ name: string; data: Buffer }>) => Array<{ name: string; data: Buffer }>,
): Promise<PacketVerification> {
  const path = join(dir, `altered-${++counter}.zip`);
  await writeZip(path, alter(original.map((e) => ({ ...e }))));
  return verifyPacket(path);
}

function flipLastByte(data: Buffer): Buffer {
  const copy = Buffer.from(data);
  const last = copy.byteLength - 1;
  copy[last] = (copy[last] ?? 0) ^ 0x01;
  return copy;
}

const problemPaths = (v: PacketVerification) => v.problems.map((p) => `${p.problem} ${p.path}`);

describe('verifying a packet', () => {
  it('finds a rewritten but unaltered packet intact', async () => {
    const verdict = await verifyAltered((entries) => entries);
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
  });

  it('detects and names any single changed file', async () => {
    const listed = original.map((e) => e.name).filter((n) => !n.startsWith('manifest.'));
    expect(listed.length).toBeGreaterThan(10);
    for (const name of listed) {
      const verdict = await verifyAltered((entries) =>
        entries.map((e) => (e.name === name ? { name, data: flipLastByte(e.data) } : e)),
      );
      expect(verdict.intact, name).toBe(false);
      expect(problemPaths(verdict), name).toContain(`changed ${name}`);
    }
  });

  it('detects and names any single removed file', async () => {
    for (const name of original.map((e) => e.name)) {
      const verdict = await verifyAltered((entries) => entries.filter((e) => e.name !== name));
      expect(verdict.intact, name).toBe(false);
      expect(problemPaths(verdict), name).toContain(`missing ${name}`);
    }
  });

  it('detects and names an added file, in a new folder or next to the others', async () => {
    for (const name of ['notes.txt', 'ads/extra/ad.json', 'web-archive/other.wacz']) {
      const verdict = await verifyAltered((entries) => [
        ...entries,
        { name, data: Buffer.from('added later') },
      ]);
      expect(verdict.intact).toBe(false);
      expect(problemPaths(verdict)).toEqual([`extra ${name}`]);
    }
  });

  it('detects an altered manifest, even when the altered hash matches an altered file', async () => {
    const report = original.find((e) => e.name === 'custody.json') as { data: Buffer };
    const forged = Buffer.from(report.data.toString().replace('"anna"', '"someone"'));
    const verdict = await verifyAltered((entries) => {
      const manifest = JSON.parse(
        (entries.find((e) => e.name === 'manifest.json') as { data: Buffer }).data.toString(),
      ) as { files: Array<{ path: string; sha256: string; bytes: number }> };
      const listedCustody = manifest.files.find((f) => f.path === 'custody.json');
      if (!listedCustody) throw new Error('custody.json not listed');
      listedCustody.sha256 = createHash('sha256').update(forged).digest('hex');
      listedCustody.bytes = forged.byteLength;
      return entries.map((e) =>
        e.name === 'manifest.json'
          ? { name: e.name, data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') }
          : e.name === 'custody.json'
            ? { name: e.name, data: forged }
            : e,
      );
    });
    expect(verdict.intact).toBe(false);
    expect(verdict.signatureValid).toBe(false);
    expect(problemPaths(verdict)).toContain('signature manifest.json / manifest.sig');
  });

  it('detects an altered signature', async () => {
    const verdict = await verifyAltered((entries) =>
      entries.map((e) =>
        e.name === 'manifest.sig' ? { name: e.name, data: flipLastByte(e.data) } : e,
      ),
    );
    expect(verdict.intact).toBe(false);
    expect(problemPaths(verdict)).toEqual(['signature manifest.json / manifest.sig']);
  });

  it('does not call a packet authentic when the key given to trust is not the one that signed it', async () => {
    const other = generateKeyPairSync('ed25519');
    const otherKey = loadSigningKey({
      dataDir: dir,
      keyPem: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const path = join(dir, 'pinned.zip');
    await writeZip(path, original);
    const right = await verifyPacket(path, { publicKeyPem: key.publicKeyPem });
    expect(right.intact).toBe(true);
    expect(right.authenticity).toMatchObject({
      established: true,
      trustedAs: 'the key given with --key',
      signedBy: { instanceId: 'i', hostname: 'h' },
    });
    const wrong = await verifyPacket(path, { publicKeyPem: otherKey.publicKeyPem });
    expect(wrong.intact).toBe(true);
    expect(wrong.fingerprint).toBe(key.fingerprint);
    expect(wrong.authenticity.established).toBe(false);
    expect(wrong.authenticity.detail).toContain(`signed with key ${key.fingerprint}`);
  });

  it('rejects a key to pin that is not a public key', async () => {
    const path = join(dir, 'pin-garbage.zip');
    await writeZip(path, original);
    await expect(verifyPacket(path, { publicKeyPem: 'not a key' })).rejects.toMatchObject({
      code: 'ADW_INPUT_INVALID',
    });
  });

  it('reports a file that is not a ZIP as unreadable', async () => {
    const path = join(dir, 'not-a-zip.zip');
    await writeFile(path, 'hello');
    await expect(verifyPacket(path)).rejects.toMatchObject({ code: 'ADW_PACKET_UNREADABLE' });
  });
});
