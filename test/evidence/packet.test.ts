import { createWriteStream, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import {
  aggregateSha256,
  buildPacket,
  loadSigningKey,
  manifestSchema,
  verifyPacket,
  type PacketSummary,
  type SigningKey,
} from '../../evidence/index.js';
import type { AdRecord, Store } from '../../store/index.js';
import { openTestStore, testConfig } from '../helpers/services.js';
import { armenianAd, englishAd, russianAd, seedAd, TestPacketSources } from './packet.fixtures.js';
import { readZip, run, tempDir } from './packet.helpers.js';

let store: Store;
let dir: string;
let key: SigningKey;
let sources: TestPacketSources;
let caseId: string;
let ads: AdRecord[];
let packetPath: string;
let summary: PacketSummary;
let entries: Map<string, Buffer>;

beforeAll(async () => {
  store = await openTestStore(testConfig());
  dir = await tempDir();
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  key = loadSigningKey({ dataDir: dir, keyPem: pem.toString() });
  sources = new TestPacketSources(store);
  ads = [
    await seedAd(store, armenianAd, 1),
    await seedAd(store, russianAd, 2),
    await seedAd(store, englishAd, 3),
  ];
  const [hy, ru] = ads as [AdRecord, AdRecord, AdRecord];
  await sources.appendAudit({
    actor: 'anna',
    role: 'analyst',
    action: 'ad.view',
    target: { adId: hy._id },
  });
  await sources.review({
    adId: hy._id,
    user: 'anna',
    action: 'status',
    from: 'new',
    to: 'in_review',
  });
  await sources.review({ adId: hy._id, user: 'supervisor1', action: 'assign', assignee: 'anna' });
  await sources.review({
    adId: hy._id,
    user: 'anna',
    action: 'status',
    from: 'in_review',
    to: 'escalated',
    reason: 'passport retention',
    note: 'Գործատուն պահում է անձնագիրը',
  });
  const kase = await sources.createCase(
    {
      name: 'Dubai hostess ring',
      description: 'Ads offering work in Dubai to young women',
      createdBy: 'supervisor1',
    },
    [hy._id, ru._id],
  );
  caseId = kase._id;
  packetPath = join(dir, 'packet.zip');
  summary = await buildPacket({
    sources,
    selection: { adIds: ads.map((a) => a._id) },
    exporter: { username: 'anna', role: 'analyst', ip: '10.0.0.5' },
    instance: { instanceId: 'test-instance', hostname: 'test-host', adwatchVersion: '0.1.0' },
    signingKey: key,
    output: createWriteStream(packetPath),
  });
  entries = new Map((await readZip(packetPath)).map((e) => [e.name, e.data]));
}, 180_000);

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function entry(name: string): Buffer {
  const data = entries.get(name);
  if (!data)
    throw new Error(`${name} is not in the packet (has ${[...entries.keys()].join(', ')})`);
  return data;
}

function jsonEntry<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(entry(name).toString('utf8')) as T;
}

describe('an exported evidence packet', () => {
  it('verifies as intact, signed by the instance key', async () => {
    const verdict = await verifyPacket(packetPath);
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({
      intact: true,
      signatureValid: true,
      fingerprint: key.fingerprint,
    });
    expect(summary.keyFingerprint).toBe(key.fingerprint);
  });

  it('holds every documented file, each listed in the manifest with its hash and size', () => {
    const manifest = manifestSchema.parse(jsonEntry('manifest.json'));
    const listed = manifest.files.map((f) => f.path);
    for (const ad of ads) {
      for (const file of ['ad.json', 'classification.json', 'review.json', 'capture.json']) {
        expect(listed).toContain(`ads/${ad._id}/${file}`);
      }
    }
    for (const file of [
      'web-archive/capture.wacz',
      'custody.json',
      'report.pdf',
      'signing-key.pub.pem',
      'VERIFY.txt',
      'SHA256SUMS',
    ]) {
      expect(listed).toContain(file);
    }
    expect(new Set([...entries.keys()])).toEqual(
      new Set([...listed, 'manifest.json', 'manifest.sig']),
    );
    for (const f of manifest.files) {
      const data = entry(f.path);
      expect(createHash('sha256').update(data).digest('hex')).toBe(f.sha256);
      expect(data.byteLength).toBe(f.bytes);
    }
    expect(manifest.aggregate.sha256).toBe(aggregateSha256(manifest.files));
    expect(manifest.signing.publicKeyFingerprintSha256).toBe(key.fingerprint);
    expect(entry('VERIFY.txt').toString()).toContain(key.fingerprint);
  });

  it('records the ad text, classification, review history and capture environment', () => {
    const hy = ads[0];
    const ad = jsonEntry(`ads/${hy._id}/ad.json`);
    expect(ad).toMatchObject({
      id: hy._id,
      title: armenianAd.title,
      url: hy.url,
      location: 'Դուբայ',
    });
    const cls = jsonEntry<{
      score: number;
      indicators: Array<{ evidence: Array<{ text: string }> }>;
      versions: object;
    }>(`ads/${hy._id}/classification.json`);
    expect(cls.score).toBe(hy.score);
    expect(cls.indicators.flatMap((i) => i.evidence.map((e) => e.text))).toEqual(
      armenianAd.evidence,
    );
    expect(cls.versions).toMatchObject({ lexicon: 'test-lexicon-1' });
    const review = jsonEntry<{ history: unknown[]; users: string[]; assignments: unknown[] }>(
      `ads/${hy._id}/review.json`,
    );
    expect(review.history).toHaveLength(3);
    expect(review.users).toEqual(expect.arrayContaining(['anna', 'supervisor1']));
    expect(review.assignments).toHaveLength(1);
    const capture = jsonEntry<{ captures: Array<Record<string, unknown>> }>(
      `ads/${hy._id}/capture.json`,
    ).captures[0];
    expect(capture).toMatchObject({
      url: hy.url,
      finalUrl: hy.url,
      status: 200,
      remoteAddress: '203.0.113.7',
      fetcher: 'browser',
      userAgent: 'adwatch/0.1 (+https://example.org/adwatch-crawler)',
      storedHashesVerified: { body: true, warc: true, screenshot: true },
    });
    const warc = capture?.warc as { recordIds: { request: string; response: string } };
    expect(warc.recordIds.request).toMatch(/^<urn:uuid:/);
    expect(warc.recordIds.response).toMatch(/^<urn:uuid:/);
    const png = entry(capture?.screenshotFile as string);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('has a custody log naming the exporter, the instance and the audit trail of these ads', () => {
    const custody = jsonEntry<{
      exportedBy: object;
      instance: object;
      auditTrail: Array<{ hash: string; prevHash: string }>;
    }>('custody.json');
    expect(custody.exportedBy).toEqual({ username: 'anna', role: 'analyst', ip: '10.0.0.5' });
    expect(custody.instance).toEqual({
      instanceId: 'test-instance',
      hostname: 'test-host',
      adwatchVersion: '0.1.0',
    });
    expect(custody.auditTrail).toHaveLength(4);
    expect(custody.auditTrail[1]?.prevHash).toBe(custody.auditTrail[0]?.hash);
  });

  it('is written to the audit trail when it starts and, with its manifest hash, when complete', () => {
    expect(sources.exports.map((e) => e.action)).toEqual([
      'evidence.export.started',
      'evidence.export',
    ]);
    expect(sources.exports[1]).toMatchObject({
      actor: 'anna',
      role: 'analyst',
      action: 'evidence.export',
      details: { manifestSha256: summary.manifestSha256, adIds: ads.map((a) => a._id) },
    });
  });

  it('carries a WACZ whose WARC reads back with warcio and matches the stored capture hashes', async () => {
    const wacz = new Map(
      (await writeAndRead(entry('web-archive/capture.wacz'))).map((e) => [e.name, e.data]),
    );
    expect([...wacz.keys()].sort()).toEqual(
      [
        'archive/data.warc',
        'datapackage-digest.json',
        'datapackage.json',
        'indexes/index.cdxj',
        'pages/pages.jsonl',
      ].sort(),
    );
    const warc = wacz.get('archive/data.warc') as Buffer;
    const payloads = new Map<string, string>();
    for await (const record of new WARCParser([warc])) {
      if (record.warcType !== 'response') continue;
      const payload = await record.readFully(true);
      payloads.set(record.warcTargetURI ?? '', createHash('sha256').update(payload).digest('hex'));
    }
    for (const ad of ads) {
      const capture = await store.captures.findById(ad.captureIds[0]);
      expect(payloads.get(ad.url)).toBe(capture?.sha256);
    }
    const cdxj = (wacz.get('indexes/index.cdxj') as Buffer).toString().trim().split('\n');
    expect(cdxj).toHaveLength(3);
    for (const line of cdxj) {
      const [surt, ts, json] = line.split(/ (.+?) (.+)/).filter(Boolean) as [
        string,
        string,
        string,
      ];
      expect(surt).toMatch(/^am,example,jobs\)\/ad\/\d$/);
      expect(ts).toMatch(/^\d{14}$/);
      const cdx = JSON.parse(json) as {
        offset: string;
        length: string;
        filename: string;
        status: string;
      };
      expect(cdx.filename).toBe('data.warc');
      const slice = warc.subarray(Number(cdx.offset), Number(cdx.offset) + Number(cdx.length));
      expect(slice.subarray(0, 9).toString()).toBe('WARC/1.1\r');
      expect(slice.toString()).toContain('WARC-Type: response');
    }
    const datapackage = JSON.parse((wacz.get('datapackage.json') as Buffer).toString()) as {
      resources: Array<{ path: string; hash: string; bytes: number }>;
    };
    for (const resource of datapackage.resources) {
      const data = wacz.get(resource.path) as Buffer;
      expect(resource.hash).toBe(`sha256:${createHash('sha256').update(data).digest('hex')}`);
      expect(resource.bytes).toBe(data.byteLength);
    }
    const digest = JSON.parse((wacz.get('datapackage-digest.json') as Buffer).toString()) as {
      hash: string;
    };
    expect(digest.hash).toBe(
      `sha256:${createHash('sha256')
        .update(wacz.get('datapackage.json') as Buffer)
        .digest('hex')}`,
    );
  });

  it('has a PDF report with a cover and a page per ad, with the Armenian and Russian text', async () => {
    const pdf = join(dir, 'report.pdf');
    await writeFile(pdf, entry('report.pdf'));
    const info = await run('pdfinfo', [pdf]);
    expect(info.stdout).toMatch(/Pages:\s+4\n/);
    const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
    const compact = text.replace(/\s+/g, ' ');
    expect(compact).toContain(armenianAd.title);
    expect(compact).toContain('Անձնագիրը կպահվի');
    expect(compact).toContain(russianAd.title);
    // Scraped markup is printed as text, never interpreted.
    expect(compact).toContain('<script>alert(1)</script>');
    const pages = (await run('pdftotext', ['-f', '2', '-l', '2', pdf, '-'])).stdout;
    expect(pages.replace(/\s+/g, ' ')).toContain(armenianAd.title);
  });

  it('checks with openssl and sha256sum as VERIFY.txt says', async () => {
    const out = join(dir, 'unzipped');
    await run('unzip', ['-q', packetPath, '-d', out]);
    const verified = await run(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'signing-key.pub.pem',
        '-rawin',
        '-in',
        'manifest.json',
        '-sigfile',
        'manifest.sig',
      ],
      { cwd: out },
    );
    expect(verified.stdout).toContain('Signature Verified Successfully');
    const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out });
    expect(
      sums.stdout
        .trim()
        .split('\n')
        .every((l) => l.endsWith(': OK')),
    ).toBe(true);
    const fp = await run(
      'sh',
      ['-c', 'openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum'],
      { cwd: out },
    );
    expect(fp.stdout.split(' ')[0]).toBe(key.fingerprint);
    const tampered = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      createdAt: string;
    };
    tampered.createdAt = '2020-01-01T00:00:00.000Z';
    await writeFile(join(out, 'manifest.json'), JSON.stringify(tampered, null, 2) + '\n');
    await expect(
      run(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          'signing-key.pub.pem',
          '-rawin',
          '-in',
          'manifest.json',
          '-sigfile',
          'manifest.sig',
        ],
        { cwd: out },
      ),
    ).rejects.toThrow();
  });

  it('exports a case under the case name, and refuses unknown ads and cases by id', async () => {
    const casePath = join(dir, 'case.zip');
    const caseSummary = await buildPacket({
      sources,
      selection: { caseId },
      exporter: { username: 'supervisor1', role: 'supervisor' },
      instance: { instanceId: 'test-instance', hostname: 'test-host', adwatchVersion: '0.1.0' },
      signingKey: key,
      output: createWriteStream(casePath),
    });
    expect(caseSummary.caseId).toBe(caseId);
    expect(caseSummary.adIds).toHaveLength(2);
    expect((await verifyPacket(casePath)).intact).toBe(true);
    const custody = JSON.parse(
      (
        new Map((await readZip(casePath)).map((e) => [e.name, e.data])).get(
          'custody.json',
        ) as Buffer
      ).toString(),
    ) as { selection: object };
    expect(custody.selection).toEqual({ adIds: caseSummary.adIds, caseId });
    const base = {
      sources,
      exporter: { username: 'anna', role: 'analyst' },
      instance: { instanceId: 'x', hostname: 'h', adwatchVersion: '0' },
      signingKey: key,
      output: createWriteStream(join(dir, 'never.zip')),
    };
    await expect(
      buildPacket({ ...base, selection: { adIds: ['nope1', ads[0]?._id, 'nope2'] } }),
    ).rejects.toThrow(/no ad with id "nope1", "nope2"/);
    await expect(
      buildPacket({ ...base, selection: { adIds: ['../../etc/passwd'] } }),
    ).rejects.toThrow(/not an ad id: "..\/..\/etc\/passwd"/);
    await expect(buildPacket({ ...base, selection: { caseId: 'no-such-case' } })).rejects.toThrow(
      /no case with id "no-such-case"/,
    );
  });
});

describe('exporting without the right', () => {
  it('is refused and written to the audit trail', async () => {
    const before = sources.exports.length;
    await expect(
      buildPacket({
        sources,
        selection: { adIds: [ads[0]?._id ?? ''] },
        exporter: { username: 'guest', role: 'viewer', ip: '10.0.0.9' },
        instance: { instanceId: 'x', hostname: 'h', adwatchVersion: '0' },
        signingKey: key,
        output: createWriteStream(join(dir, 'refused.zip')),
        permittedRoles: ['analyst', 'supervisor', 'admin'],
      }),
    ).rejects.toMatchObject({ code: 'ADW_EXPORT_FORBIDDEN' });
    expect(sources.exports.slice(before)).toEqual([
      expect.objectContaining({
        actor: 'guest',
        role: 'viewer',
        action: 'evidence.export.denied',
        ip: '10.0.0.9',
      }),
    ]);
    expect(await sources.lastAudit()).toMatchObject({
      action: 'evidence.export.denied',
      actor: 'guest',
    });
  });
});

async function writeAndRead(zip: Buffer): Promise<Array<{ name: string; data: Buffer }>> {
  const path = join(dir, `inner-${Date.now()}.zip`);
  await writeFile(path, zip);
  return readZip(path);
}
