import { createWriteStream } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPacket,
  loadSigningKey,
  verifyPacket,
  type SigningKey,
} from '../../evidence/index.js';
import type { AdRecord, Store } from '../../store/index.js';
import { openTestStore, testConfig } from '../helpers/services.js';
import { englishAd, seedAd, TestPacketSources } from './packet.fixtures.js';
import { readZip, run, tempDir, writeZip } from './packet.helpers.js';

let store: Store;
let dir: string;
let key: SigningKey;
let ad: AdRecord;
let tsa: Server;
let tsaUrl: string;

/** A real RFC 3161 timestamp authority: `openssl ts -reply` behind an HTTP server. */
async function startTsa(): Promise<void> {
  const p = (name: string) => join(dir, name);
  await writeFile(
    p('ext.cnf'),
    '[tsa_ext]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n[ca_ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n',
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.crt'),
    '-subj',
    '/CN=Test TSA CA',
    '-days',
    '2',
    '-extensions',
    'ca_ext',
    '-config',
    p('ext.cnf'),
  ]);
  await run('openssl', [
    'req',
    ...ec,
    '-keyout',
    p('tsa.key'),
    '-out',
    p('tsa.csr'),
    '-subj',
    '/CN=Test TSA',
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    p('tsa.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('tsa.crt'),
    '-days',
    '2',
    '-extfile',
    p('ext.cnf'),
    '-extensions',
    'tsa_ext',
  ]);
  await writeFile(p('tsaserial'), '01\n');
  await writeFile(
    p('tsa.cnf'),
    `[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = ${p('tsaserial')}\ncrypto_device = builtin\nsigner_cert = ${p('tsa.crt')}\nsigner_key = ${p('tsa.key')}\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\nordering = yes\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n`,
  );
  let requests = 0;
  tsa = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = ++requests;
      const query = p(`q${n}.tsq`);
      const reply = p(`r${n}.tsr`);
      void (async () => {
        try {
          await writeFile(query, Buffer.concat(chunks));
          await run('openssl', [
            'ts',
            '-reply',
            '-config',
            p('tsa.cnf'),
            '-queryfile',
            query,
            '-out',
            reply,
          ]);
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
          res.end(await readFile(reply));
        } catch (error) {
          res.writeHead(500);
          res.end(String(error));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => tsa.listen(0, '127.0.0.1', resolve));
  tsaUrl = `http://127.0.0.1:${(tsa.address() as AddressInfo).port}/tsa`;
}

beforeAll(async () => {
  store = await openTestStore(testConfig());
  dir = await tempDir();
  key = loadSigningKey({
    dataDir: dir,
    keyPem: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  });
  ad = await seedAd(store, englishAd, 1);
  await startTsa();
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => tsa.close(resolve));
  await store.dropDatabase();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function exportWith(url: string, out: string) {
  return buildPacket({
    sources: new TestPacketSources(store),
    selection: { adIds: [ad._id] },
    exporter: { username: 'anna', role: 'analyst' },
    instance: { instanceId: 'i', hostname: 'h', adwatchVersion: '0.1.0' },
    signingKey: key,
    output: createWriteStream(out),
    timestampAuthorityUrl: url,
  });
}

describe('RFC 3161 timestamps', () => {
  it('timestamps the manifest when a timestamp authority is configured, checkable with openssl ts', async () => {
    const out = join(dir, 'stamped.zip');
    const summary = await exportWith(tsaUrl, out);
    expect(summary.timestamped).toBe(true);
    const verdict = await verifyPacket(out);
    expect(verdict.problems).toEqual([]);
    expect(verdict.intact).toBe(true);
    expect(verdict.timestamp?.coversManifest).toBe(true);
    const stampedAt = Date.parse(verdict.timestamp?.time ?? '');
    expect(Math.abs(stampedAt - Date.now())).toBeLessThan(10 * 60_000);

    const unzipped = join(dir, 'stamped');
    await run('unzip', ['-q', out, '-d', unzipped]);
    const checked = await run(
      'openssl',
      [
        'ts',
        '-verify',
        '-data',
        'manifest.json',
        '-in',
        'manifest.tsr',
        '-CAfile',
        join(dir, 'ca.crt'),
      ],
      { cwd: unzipped },
    );
    expect(checked.stdout).toContain('Verification: OK');

    // A token taken from another packet does not cover this manifest.
    const other = join(dir, 'other.zip');
    await exportWith(tsaUrl, other);
    const otherToken = (await readZip(other)).find((e) => e.name === 'manifest.tsr');
    const swapped = join(dir, 'swapped.zip');
    await writeZip(
      swapped,
      (await readZip(out)).map((e) => (e.name === 'manifest.tsr' && otherToken ? otherToken : e)),
    );
    const bad = await verifyPacket(swapped);
    expect(bad.intact).toBe(false);
    expect(bad.problems.map((p) => `${p.problem} ${p.path}`)).toEqual(['timestamp manifest.tsr']);
  });

  it('fails the export with a clear error when the timestamp authority does not answer', async () => {
    await expect(
      exportWith('http://127.0.0.1:9/tsa', join(dir, 'failed.zip')),
    ).rejects.toMatchObject({
      code: 'ADW_TIMESTAMP_FAILED',
    });
  });
});
