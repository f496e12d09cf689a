import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineWarcLimitBytes } from '../../store/captures.repository.js';
import type { NewCapture } from '../../store/captures.repository.js';
import type { Store } from '../../store/index.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';

let store: Store;

beforeAll(async () => {
  store = await openTestStore(testConfig());
});

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function page(body: Buffer): NewCapture {
  return {
    sourceId: 'board',
    url: 'http://jobs.example.am/ad/7',
    finalUrl: 'http://jobs.example.am/ad/7',
    redirects: [],
    fetchedAt: new Date('2026-11-29T09:00:00.000Z'),
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    fetcher: 'http',
    body,
  };
}

describe('capture storage', () => {
  it('keeps a small WARC inline and reads it back from a capture found later', async () => {
    const body = Buffer.from(
      '<html><title>Cook wanted</title><body>Call 094 55 12 90</body></html>',
    );
    const capture = await store.captures.insert(page(body), { sha256: sha256(body) });
    const warc = must(capture.warc);
    expect(warc.fileId).toBe('');
    const found = must(await store.captures.findById(capture._id));
    expect(found).not.toHaveProperty('warcRecords');
    const bytes = must(await store.captures.warc(found));
    expect(sha256(bytes)).toBe(warc.sha256);
    expect(bytes.equals(must(await store.captures.warc(capture)))).toBe(true);
    expect(warc.payloadDigest).toBe(`sha256:${sha256(body)}`);
  });

  it('writes a WARC too large to keep inline to GridFS', async () => {
    const body = Buffer.alloc(inlineWarcLimitBytes + 10, 'a');
    const capture = await store.captures.insert(page(body));
    const warc = must(capture.warc);
    expect(warc.fileId).not.toBe('');
    expect(capture.bodyFileId).toBeDefined();
    const found = must(await store.captures.findById(capture._id));
    const bytes = must(await store.captures.warc(found));
    expect(bytes.byteLength).toBe(warc.bytes);
    expect(sha256(bytes)).toBe(warc.sha256);
  });

  it('stores a batch of captures in one call, in order, small and large alike', async () => {
    const small = Buffer.from('<html><title>Driver wanted</title></html>');
    const large = Buffer.alloc(inlineWarcLimitBytes + 10, 'b');
    const [first, second] = await store.captures.insertMany([
      { capture: page(small), known: { sha256: sha256(small) } },
      { capture: { ...page(large), url: 'http://jobs.example.am/ad/8' } },
    ]);
    expect(first?.sha256).toBe(sha256(small));
    expect(first?.warc?.fileId).toBe('');
    expect(second?.url).toBe('http://jobs.example.am/ad/8');
    expect(second?.warc?.fileId).not.toBe('');
    for (const [capture, body] of [
      [first, small],
      [second, large],
    ] as const) {
      const found = must(await store.captures.findById(must(capture)._id));
      expect((await store.captures.body(found)).equals(body)).toBe(true);
      expect(sha256(must(await store.captures.warc(found)))).toBe(found.warc?.sha256);
    }
  });
});
