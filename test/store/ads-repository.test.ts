import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Store, type StoredClassification } from '../../store/index.js';
import { must, openTestStore, testConfig } from '../helpers/services.js';
import { adFieldLimits } from '../../core/index.js';

let store: Store;

beforeAll(async () => {
  store = await openTestStore(testConfig());
});

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
});

const ad = { title: 'Cashier wanted', body: 'Full-time cashier in Yerevan.', location: 'Yerevan' };

function classification(contentHash: string, score: number): StoredClassification {
  return {
    score,
    band: score >= 60 ? 'high' : 'low',
    flagged: score >= 60,
    lang: 'en',
    components: { rules: score, model: 0.1 },
    indicators: [],
    facts: {},
    versions: { classifier: 'test' },
    contentHash,
    classifiedAt: new Date(),
  };
}

describe('AdsRepository', () => {
  it('stores an ad once however often the same page is saved', async () => {
    const input = {
      sourceId: 'board',
      url: 'https://example.org/ad/1',
      ad,
      seenAt: new Date('2026-01-01'),
    };
    const first = await store.ads.saveExtracted({ ...input, captureId: 'c1' });
    const second = await store.ads.saveExtracted({
      ...input,
      captureId: 'c1',
      seenAt: new Date('2026-01-02'),
    });
    expect(first).toMatchObject({ created: true, changed: true });
    expect(second).toEqual({
      adId: first.adId,
      contentHash: first.contentHash,
      created: false,
      changed: false,
      classified: false,
    });
    const stored = await store.ads.findById(first.adId);
    expect(stored?.captureIds).toEqual(['c1']);
    expect(stored?.lastSeenAt).toEqual(new Date('2026-01-02'));
    expect(stored?.firstSeenAt).toEqual(new Date('2026-01-01'));
    expect(await store.ads.count()).toBe(1);
  });

  it('keeps the earlier text when an ad changes', async () => {
    const base = {
      sourceId: 'board',
      url: 'https://example.org/ad/2',
      seenAt: new Date('2026-02-01'),
    };
    const first = await store.ads.saveExtracted({ ...base, ad, captureId: 'a' });
    const changed = await store.ads.saveExtracted({
      ...base,
      ad: { title: ad.title, body: 'Now with a salary of 300 000 AMD.' },
      captureId: 'b',
      seenAt: new Date('2026-02-05'),
    });
    expect(changed).toMatchObject({ adId: first.adId, changed: true, created: false });
    const stored = await store.ads.findById(first.adId);
    expect(stored?.body).toBe('Now with a salary of 300 000 AMD.');
    expect(stored?.location).toBeUndefined();
    expect(stored?.latestCaptureId).toBe('b');
    expect(stored?.versions).toHaveLength(1);
    expect(stored?.versions[0]).toMatchObject({
      body: ad.body,
      location: 'Yerevan',
      contentHash: first.contentHash,
      captureId: 'a',
    });
  });

  it('saves a batch in one call as saving each ad would: new, unchanged and changed ads', async () => {
    const base = { sourceId: 'batch', seenAt: new Date('2026-03-01') };
    const kept = { ...base, url: 'https://example.org/b/1', ad, captureId: 'k1' };
    const edited = { ...base, url: 'https://example.org/b/2', ad, captureId: 'e1' };
    await store.ads.saveExtractedMany([kept, edited]);
    const later = { seenAt: new Date('2026-03-02') };
    const results = await store.ads.saveExtractedMany([
      { ...kept, ...later, captureId: 'k2' },
      { ...edited, ...later, ad: { ...ad, body: 'Night shifts now.' }, captureId: 'e2' },
      { ...base, ...later, url: 'https://example.org/b/3', ad, captureId: 'n1' },
    ]);
    expect(results.map((r) => [r.created, r.changed])).toEqual([
      [false, false],
      [false, true],
      [true, true],
    ]);
    const [keptAd, editedAd, newAd] = await Promise.all(
      results.map(async (r) => must(await store.ads.findById(r.adId))),
    );
    expect(keptAd?.captureIds).toEqual(['k1', 'k2']);
    expect(keptAd?.versions).toHaveLength(0);
    expect(editedAd?.body).toBe('Night shifts now.');
    expect(editedAd?.versions[0]).toMatchObject({ body: ad.body, captureId: 'e1' });
    expect(editedAd?.latestCaptureId).toBe('e2');
    expect(newAd?.firstSeenAt).toEqual(later.seenAt);
  });

  it('cuts fields longer than any ad to their limits and records how long they were', async () => {
    const title = `Hostess ${'a'.repeat(200_000)}`;
    // An emoji (two UTF-16 units) straddling the limit is not cut in half.
    const body = `${'b'.repeat(adFieldLimits.body - 1)}😀 and more`;
    const saved = await store.ads.saveExtracted({
      sourceId: 'board',
      url: 'https://example.org/ad/long',
      ad: { title, body },
      seenAt: new Date('2026-01-01'),
    });
    const stored = must(await store.ads.findById(saved.adId), 'ad');
    expect(stored.title).toBe(title.slice(0, adFieldLimits.title));
    expect(stored.body).toBe('b'.repeat(adFieldLimits.body - 1));
    expect(stored.truncated).toEqual({ title: title.length, body: body.length });
    // The same page saved again is the same ad; a short new text drops the record of the cut.
    const again = await store.ads.saveExtracted({
      sourceId: 'board',
      url: 'https://example.org/ad/long',
      ad: { title, body },
      seenAt: new Date('2026-01-02'),
    });
    expect(again).toMatchObject({ changed: false, contentHash: saved.contentHash });
    const batch = await store.ads.saveExtractedMany([
      {
        sourceId: 'board',
        url: 'https://example.org/ad/long',
        ad: { title: 'Hostess', body: 'Short now.' },
        seenAt: new Date('2026-01-03'),
      },
    ]);
    expect(batch[0]?.changed).toBe(true);
    const changed = must(await store.ads.findById(saved.adId), 'ad');
    expect(changed.truncated).toBeUndefined();
    expect(changed.versions[0]?.truncated).toEqual({ title: title.length, body: body.length });
  });

  it('ignores a classification of text that has since changed', async () => {
    const base = { sourceId: 'board', url: 'https://example.org/ad/3', seenAt: new Date() };
    const first = await store.ads.saveExtracted({ ...base, ad });
    await store.ads.saveExtracted({ ...base, ad: { ...ad, body: 'changed' } });
    expect(
      await store.ads.saveClassification(first.adId, classification(first.contentHash, 90)),
    ).toBe(false);
    const stored = await store.ads.findById(first.adId);
    expect(stored?.flagged).toBe(false);
    expect(stored?.classification).toBeUndefined();
  });

  it('keys an ad by the URL and employer read with its text, the same as read at saving', async () => {
    // The classify stage passes what it read with the text instead of having them read again.
    const withFacts = (contentHash: string): StoredClassification => ({
      ...classification(contentHash, 20),
      facts: { phones: [{ e164: '+37491000111' }] },
    });
    const saveAd = (n: number) =>
      store.ads.saveExtracted({
        sourceId: 'keys',
        url: `https://t.me/s/jobs_abroad_am/${n}`,
        ad: { ...ad, body: `Job ${n}.`, employer: 'Gulf Staffing LLC' },
        seenAt: new Date(),
      });
    const [a, b] = [await saveAd(1), await saveAd(2)];
    const readA = must(await store.ads.findToClassify(a.adId), 'ad');
    expect(
      await store.ads.saveClassification(a.adId, withFacts(a.contentHash), undefined, readA),
    ).toBe(true);
    expect(await store.ads.saveClassification(b.adId, withFacts(b.contentHash))).toBe(true);
    const keys = ['employer:gulf staffing', 'tel:+37491000111', 'telegram:jobs_abroad_am'];
    expect(must(await store.ads.findById(a.adId), 'ad').contacts).toEqual(keys);
    expect(must(await store.ads.findById(b.adId), 'ad').contacts).toEqual(keys);
    expect((await store.entities.findByKey('tel:+37491000111'))?.adCount).toBe(2);

    // Read before the text changed: the classification of the old text is still refused.
    const readB = must(await store.ads.findToClassify(b.adId), 'ad');
    await store.ads.saveExtracted({
      sourceId: 'keys',
      url: 'https://t.me/s/jobs_abroad_am/2',
      ad: { ...ad, body: 'Job 2, changed.', employer: 'Gulf Staffing LLC' },
      seenAt: new Date(),
    });
    expect(
      await store.ads.saveClassification(b.adId, withFacts(b.contentHash), undefined, readB),
    ).toBe(false);
  });

  it('tells whether an ad saved again unchanged holds the classification of its text', async () => {
    // A worker killed between saving an ad and queueing its classification leaves it without one;
    // the job that runs again must see that, though the text is unchanged.
    const input = { sourceId: 'kill', url: 'https://example.org/kill/1', ad, seenAt: new Date() };
    const saved = await store.ads.saveExtracted(input);
    expect(await store.ads.saveExtracted(input)).toMatchObject({
      changed: false,
      classified: false,
    });
    const unclassified = await store.ads.revisitStates('kill', [input.url]);
    expect(unclassified.get(input.url)).toMatchObject({
      classified: false,
      contentHash: saved.contentHash,
    });
    await store.ads.saveClassification(saved.adId, classification(saved.contentHash, 20));
    expect(await store.ads.saveExtracted(input)).toMatchObject({
      changed: false,
      classified: true,
    });
    const classified = await store.ads.revisitStates('kill', [input.url]);
    expect(classified.get(input.url)).toMatchObject({ classified: true });
  });

  it('lists flagged ads by score, then recency', async () => {
    const saved = [];
    for (const [i, score] of [40, 95, 70].entries()) {
      const result = await store.ads.saveExtracted({
        sourceId: 'rank',
        url: `https://example.org/rank/${i}`,
        ad: { ...ad, body: `ad ${i}` },
        seenAt: new Date(2026, 0, i + 1),
      });
      await store.ads.saveClassification(result.adId, classification(result.contentHash, score));
      saved.push(result.adId);
    }
    const flagged = await store.ads.list({ flagged: true });
    expect(flagged.map((a) => a.score)).toEqual([95, 70]);
    expect(
      await store.ads.knownUrls('rank', [
        'https://example.org/rank/0',
        'https://example.org/other',
      ]),
    ).toEqual(new Set(['https://example.org/rank/0']));
  });
});

describe('CapturesRepository', () => {
  it('keeps the exact bytes and their SHA-256, inline or in GridFS', async () => {
    const small = Buffer.from('<html>ok</html>');
    const large = Buffer.alloc(600 * 1024, 0x61);
    const meta = {
      sourceId: 'board',
      url: 'https://example.org/x',
      finalUrl: 'https://example.org/x',
      redirects: [],
      fetchedAt: new Date(),
      status: 200,
      headers: { 'content-type': 'text/html' },
      fetcher: 'http' as const,
    };
    const a = await store.captures.insert({ ...meta, body: small });
    const b = await store.captures.insert({ ...meta, body: large, screenshot: Buffer.from('png') });
    expect(a.sha256).toBe(createHash('sha256').update(small).digest('hex'));
    expect(b.sha256).toBe(createHash('sha256').update(large).digest('hex'));
    const readA = must(await store.captures.findById(a._id));
    const readB = must(await store.captures.findById(b._id));
    expect(readA.bodyFileId).toBeUndefined();
    expect(readB.bodyFileId).toBeDefined();
    expect((await store.captures.body(readA)).equals(small)).toBe(true);
    expect((await store.captures.body(readB)).equals(large)).toBe(true);
    expect((await store.captures.screenshot(readB))?.toString()).toBe('png');
  });
});
