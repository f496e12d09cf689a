import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineBodyLimitBytes } from '../../store/captures.repository.js';
import { buildWarcRecords, type Store } from '../../store/index.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';

let store: Store;

beforeAll(async () => {
  store = await openTestStore(testConfig());
});

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
});

/** Reads every record of a WARC file with warcio, keeping each record's payload. */
async function readWarc(bytes: Uint8Array): Promise<{ record: WARCRecord; payload: Uint8Array }[]> {
  const records: { record: WARCRecord; payload: Uint8Array }[] = [];
  for await (const record of new WARCParser([bytes])) {
    records.push({ record, payload: await record.readFully(false) });
  }
  return records;
}

/** The response payload of a WARC as a reader that removes Content-Encoding sees it. */
async function readWarcDecoded(bytes: Uint8Array): Promise<(Uint8Array | undefined)[]> {
  const payloads: (Uint8Array | undefined)[] = [];
  for await (const record of new WARCParser([bytes])) payloads.push(await record.readFully(true));
  return payloads;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const armenianPage = Buffer.from(
  '<html><head><meta charset="utf-8"><title>Աշխատանք Դուբայում</title></head><body>Զանգահարեք 094 55 12 90</body></html>',
);

describe('capture WARC records', () => {
  it('stores a request and a response record whose payload digest is the capture hash', async () => {
    const capture = await store.captures.insert({
      sourceId: 'board',
      url: 'http://jobs.example.am/ad/1',
      finalUrl: 'http://jobs.example.am/ads/1',
      redirects: ['http://jobs.example.am/ad/1'],
      fetchedAt: new Date('2026-11-29T08:00:00.000Z'),
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'transfer-encoding': 'chunked' },
      requestHeaders: { 'user-agent': 'adwatch-test/1 (+https://example.org)', accept: '*/*' },
      remoteAddress: '203.0.113.7',
      fetcher: 'http',
      body: armenianPage,
    });
    const warc = must(capture.warc, 'the capture has no WARC');
    const bytes = must(await store.captures.warc(capture), 'the WARC file cannot be read');
    expect(bytes.byteLength).toBe(warc.bytes);
    expect(sha256(bytes)).toBe(warc.sha256);

    const [request, response, ...rest] = await readWarc(bytes);
    expect(rest).toHaveLength(0);
    expect(request?.record.warcType).toBe('request');
    expect(response?.record.warcType).toBe('response');
    expect(request?.record.warcHeaders.headers.get('WARC-Concurrent-To')).toBe(
      warc.recordIds.response,
    );
    expect(response?.record.warcHeaders.headers.get('WARC-Record-ID')).toBe(
      warc.recordIds.response,
    );
    expect(response?.record.warcTargetURI).toBe('http://jobs.example.am/ads/1');
    expect(response?.record.warcDate).toBe('2026-11-29T08:00:00.000Z');
    expect(response?.record.warcHeaders.headers.get('WARC-IP-Address')).toBe('203.0.113.7');
    expect(request?.record.httpHeaders?.headers.get('user-agent')).toBe(
      'adwatch-test/1 (+https://example.org)',
    );

    const payload = must(response?.payload, 'no response payload');
    expect(Buffer.from(payload).equals(armenianPage)).toBe(true);
    expect(sha256(payload)).toBe(capture.sha256);
    expect(response?.record.warcPayloadDigest).toBe(`sha256:${capture.sha256}`);
    expect(warc.payloadDigest).toBe(`sha256:${capture.sha256}`);
    expect(response?.record.httpHeaders?.headers.get('transfer-encoding')).toBeNull();
    expect(response?.record.httpHeaders?.headers.get('content-length')).toBe(
      String(armenianPage.byteLength),
    );

    const stored = must(await store.captures.findById(capture._id), 'capture not stored');
    expect(stored.warc).toEqual(warc);
  });

  it('writes the WARC of a body too large to keep inline', async () => {
    const body = Buffer.alloc(inlineBodyLimitBytes + 10, 'a');
    const capture = await store.captures.insert({
      sourceId: 'board',
      url: 'http://jobs.example.am/big',
      finalUrl: 'http://jobs.example.am/big',
      redirects: [],
      fetchedAt: new Date(),
      status: 404,
      headers: { 'content-type': 'text/plain' },
      fetcher: 'http',
      body,
    });
    expect(capture.bodyFileId).toBeDefined();
    const [, response] = await readWarc(must(await store.captures.warc(capture), 'no WARC'));
    expect(response?.record.httpHeaders?.statusCode).toBe(404);
    expect(sha256(must(response?.payload, 'no payload'))).toBe(capture.sha256);
  });

  it('keeps a compressed response as transmitted in the WARC, and the decoded body in the capture', async () => {
    const transmittedBody = gzipSync(armenianPage);
    const capture = await store.captures.insert({
      sourceId: 'board',
      url: 'http://jobs.example.am/ad/2',
      finalUrl: 'http://jobs.example.am/ad/2',
      redirects: [],
      fetchedAt: new Date('2026-11-29T09:00:00.000Z'),
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' },
      fetcher: 'http',
      body: armenianPage,
      transmittedBody,
    });
    expect(capture.sha256).toBe(sha256(armenianPage));
    expect(capture.transmitted).toEqual({
      sha256: sha256(transmittedBody),
      bytes: transmittedBody.byteLength,
    });
    expect((await store.captures.body(capture)).equals(armenianPage)).toBe(true);

    const bytes = must(await store.captures.warc(capture), 'no WARC');
    const [, raw] = await readWarc(bytes);
    expect(raw?.record.httpHeaders?.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(must(raw?.payload)).equals(transmittedBody)).toBe(true);
    expect(raw?.record.warcPayloadDigest).toBe(`sha256:${sha256(transmittedBody)}`);
    expect(capture.warc?.payloadDigest).toBe(`sha256:${sha256(transmittedBody)}`);
    // A reader that decodes content (as replay tools do) gets the page back.
    const [, decoding] = await readWarcDecoded(bytes);
    expect(Buffer.from(must(decoding)).equals(armenianPage)).toBe(true);
  });

  it('renames Content-Encoding in the WARC when only the decoded body is known', async () => {
    const records = await buildWarcRecords({
      url: 'http://jobs.example.am/rendered',
      fetchedAt: new Date('2026-11-29T09:10:00.000Z'),
      requestHeaders: {},
      status: 200,
      headers: { 'content-type': 'text/html', 'content-encoding': 'br' },
      body: armenianPage,
    });
    const [, response] = await readWarc(records.bytes);
    expect(response?.record.httpHeaders?.headers.get('content-encoding')).toBeNull();
    expect(response?.record.httpHeaders?.headers.get('x-adwatch-decoded-content-encoding')).toBe(
      'br',
    );
    expect(Buffer.from(must(response?.payload)).equals(armenianPage)).toBe(true);
    expect(records.payloadDigest).toBe(`sha256:${sha256(armenianPage)}`);
  });

  it('writes block and payload digests that match the bytes of each record', async () => {
    const exchange = {
      url: 'http://jobs.example.am/ad/9?lang=hy',
      fetchedAt: new Date('2026-11-29T08:30:00.000Z'),
      requestHeaders: { 'user-agent': 'adwatch-test/1', 'if-none-match': '"v1"' },
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', etag: '"v2"' },
      remoteAddress: '203.0.113.7',
      body: armenianPage,
    };
    const given = await buildWarcRecords({ ...exchange, bodySha256: sha256(armenianPage) });
    const computed = await buildWarcRecords(exchange);
    expect(given.payloadDigest).toBe(computed.payloadDigest);
    const blocks = recordBlocks(Buffer.from(given.bytes));
    const records = await readWarc(given.bytes);
    expect(records).toHaveLength(2);
    records.forEach(({ record, payload }, i) => {
      expect(record.warcBlockDigest).toBe(`sha256:${sha256(must(blocks[i]))}`);
      expect(record.warcPayloadDigest).toBe(`sha256:${sha256(payload)}`);
    });
  });
});

/** The content block of each record, cut from the raw bytes by its WARC Content-Length. */
function recordBlocks(bytes: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    const header = bytes.subarray(at, headerEnd).toString('utf8');
    const length = Number(/\r\nContent-Length: (\d+)/i.exec(header)?.[1]);
    blocks.push(bytes.subarray(headerEnd + 4, headerEnd + 4 + length));
    at = headerEnd + 4 + length + 4;
  }
  return blocks;
}
