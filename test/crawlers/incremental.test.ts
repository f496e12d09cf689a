import { gunzipSync, gzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Instance } from '../../bin/runtime/instance.js';
import { sourceSchema } from '../../config/index.js';
import { adIdFor } from '../../store/index.js';
import { jobIds } from '../../workers/index.js';
import { AdvancingClock } from '../helpers/clock.js';
import { must, testConfig, uniqueNames, waitFor } from '../helpers/services.js';
import {
  adPage,
  fixtureSource,
  html,
  listingPage,
  startFixtureSite,
  startPipeline,
  stopPipeline,
  type FixtureSite,
  type Handler,
  type SeenRequest,
} from './fixture-site.js';
import { ErrorCode } from '../../core/index.js';

// Each test works on sources of its own, so that the tests hold in any order; a source's first
// scan runs once, in whichever test needs it first (firstScan).

/** The board's ads: path → text; the version number makes the ETag. */
const ads = new Map<string, { title: string; body: string; version: number }>();
/** The listing of the source whose ads are taken down. */
let goneListing = ['/g/ad/1', '/g/ad/2'];
/** The Telegram-like channel's post ids; its preview pages show three posts each, newest first. */
let channelPosts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
let busyCalls = 0;
let flakyCalls = 0;
let site: FixtureSite;
let instance: Instance;
/** Revisits fall due when a test moves this clock on, not after a wait. */
const clock = new AdvancingClock();
const firstScans = new Map<string, Promise<SeenRequest[]>>();

function serveAd(path: string): Handler {
  return (request, response) => {
    const ad = ads.get(path);
    if (!ad) return response.writeHead(404).end();
    const etag = `"v${ad.version}"`;
    if (request.headers['if-none-match'] === etag) return response.writeHead(304, { etag }).end();
    return response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag })
      .end(adPage(ad.title, ad.body));
  };
}

async function scan(sourceId: string): Promise<void> {
  await instance.queues.crawl.add('scan', { kind: 'scan', sourceId });
  await waitFor(
    async () => {
      const counts = await instance.queues.counts();
      return Object.values(counts).every((c) => c.waiting + c.active + c.delayed === 0);
    },
    { timeoutMillis: 60_000, intervalMillis: 100, what: `scan of ${sourceId} to settle` },
  );
}

/** Scans a source once, however many tests ask; resolves to the requests the site saw then. */
function firstScan(sourceId: string): Promise<SeenRequest[]> {
  let scanned = firstScans.get(sourceId);
  if (!scanned) {
    const before = site.requests.length;
    scanned = scan(sourceId).then(() => site.requests.slice(before));
    firstScans.set(sourceId, scanned);
  }
  return scanned;
}

/** The source's crawl jobs that failed (other tests' sources fail on purpose). */
async function failedJobsOf(sourceId: string): Promise<number> {
  const failed = await instance.queues.crawl.getFailed();
  return failed.filter((job) => 'sourceId' in job.data && job.data.sourceId === sourceId).length;
}

/** A page of the channel's web preview (t.me/s/<channel>[?before=id]) in Telegram's markup. */
function channelPage(before: number | undefined): string {
  const older = channelPosts.filter((id) => before === undefined || id < before);
  const shown = older.slice(-3);
  const posts = shown.map(
    (
      id,
    ) => `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="chan/${id}">
<div class="tgme_widget_message_text">Porter wanted ${id}<br>Warehouse work, post ${id}.</div>
<time datetime="2026-11-0${id}T10:00:00+00:00"></time></div></div>`,
  );
  const more =
    older.length > shown.length
      ? `<a class="tme_messages_more" data-before="${shown[0]}" href="?before=${shown[0]}"></a>`
      : '';
  return `<html><body>${more}${posts.join('')}</body></html>`;
}

const ad = (sourceId: string, path: string) =>
  instance.store.ads.findById(adIdFor(sourceId, `${site.origin}${path}`));

beforeAll(async () => {
  for (const path of ['/ad/1', '/ad/2', '/ad/3', '/r/ad/1', '/c/ad/1', '/g/ad/1', '/g/ad/2']) {
    ads.set(path, {
      title: `Cook wanted ${path}`,
      body: `Kitchen work in Yerevan ${path}.`,
      version: 1,
    });
  }
  ads.set('/k/ad/1', {
    title: 'Hostess wanted in Dubai',
    body: 'Attractive girls 18-25 years needed as hostess in Dubai, free visa and tickets, accommodation provided. Send your full body photo on WhatsApp +971 50 123 4567, urgent departure next week.',
    version: 1,
  });
  site = await startFixtureSite({
    '/robots.txt': html('User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' }),
    '/list': html(listingPage(['/ad/1', '/ad/2', '/ad/3', '/ad/busy'])),
    '/r/list': html(listingPage(['/r/ad/1'])),
    '/c/list': html(listingPage(['/c/ad/1'])),
    '/g/list': (_q, r) =>
      r.writeHead(200, { 'content-type': 'text/html' }).end(listingPage(goneListing)),
    '/ad/busy': (_q, r) => {
      busyCalls += 1;
      if (busyCalls === 1) return r.writeHead(429, { 'retry-after': '1' }).end();
      return r
        .writeHead(200, { 'content-type': 'text/html' })
        .end(adPage('Busy site ad', 'Waiter job.'));
    },
    '/f/list': html(listingPage(['/f/ad/1', '/f/ad/2', '/f/ad/3'])),
    '/f/ad/2': (_q, r) => {
      flakyCalls += 1;
      if (flakyCalls === 1) return r.writeHead(500).end();
      return r
        .writeHead(200, { 'content-type': 'text/html' })
        .end(adPage('Flaky site ad', 'Porter job.'));
    },
    '/bad/list': html(
      listingPage([
        '/bad/malformed',
        '/bad/notitle',
        '/bad/gone',
        '/bad/pdf',
        '/bad/cp1251',
        '/bad/loop',
      ]),
    ),
    '/bad/malformed': html(
      '<html><body><article class="ad"><h1 class="title">Driver<div class="body"><p>Night shifts<td>paid weekly',
    ),
    '/bad/notitle': html('<html><body><p>Nothing here that looks like an ad</p></body></html>'),
    '/bad/pdf': (_q, r) => r.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4'),
    '/bad/cp1251': (_q, r) =>
      r
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          iconv.encode(
            adPage('Требуется повар', 'Работа в Ереване, жильё предоставляется.'),
            'windows-1251',
          ),
        ),
    '/z/list': html(listingPage(['/z/ad/1'])),
    '/k/list': html(listingPage(['/k/ad/1'])),
    '/z/ad/1': (_q, r) =>
      r
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' })
        .end(gzipSync(adPage('Courier wanted', 'Deliveries in Gyumri.'))),
    '/t/s/chan': (_q, r, url) => {
      const before = url.searchParams.get('before');
      r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        channelPage(before === null ? undefined : Number(before)),
      );
    },
    '/bad/loop': (_q, r) => r.writeHead(302, { location: '/bad/loop2' }).end(),
    '/bad/loop2': (_q, r) => r.writeHead(302, { location: '/bad/loop' }).end(),
    '/endless': (_q, r, url) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      r.writeHead(200, { 'content-type': 'text/html' }).end(
        listingPage(['/ad/1'], `/endless?page=${page + 1}`),
      );
    },
  });
  for (const path of ads.keys()) site.route(path, serveAd(path));
  for (const path of ['/f/ad/1', '/f/ad/3']) {
    site.route(path, html(adPage(`Porter wanted ${path}`, `Warehouse work ${path}.`)));
  }
  const config = testConfig({
    // A queues override replaces testConfig's own, so the unique prefix is set here again.
    queues: { prefix: uniqueNames().prefix, backoffMillis: 100, attempts: 2 },
    crawler: { perHost: { maxConcurrency: 4, minDelayMillis: 0 }, firstByteTimeoutMillis: 2_000 },
  });
  const sources = [
    fixtureSource(site.origin, { id: 'board', revisit: { detailEverySecs: 3600 } }),
    fixtureSource(site.origin, {
      id: 'revisit',
      listingUrls: [`${site.origin}/r/list`],
      revisit: { detailEverySecs: 1 },
    }),
    fixtureSource(site.origin, {
      id: 'changed',
      listingUrls: [`${site.origin}/c/list`],
      revisit: { detailEverySecs: 1 },
    }),
    fixtureSource(site.origin, {
      id: 'gone',
      listingUrls: [`${site.origin}/g/list`],
      revisit: { goneAfterMissedScans: 2 },
    }),
    fixtureSource(site.origin, { id: 'bad', listingUrls: [`${site.origin}/bad/list`] }),
    fixtureSource(site.origin, { id: 'flaky', listingUrls: [`${site.origin}/f/list`] }),
    fixtureSource(site.origin, {
      id: 'endless',
      listingUrls: [`${site.origin}/endless`],
      maxPages: 10,
    }),
    fixtureSource(site.origin, { id: 'compressed', listingUrls: [`${site.origin}/z/list`] }),
    fixtureSource(site.origin, {
      id: 'risky',
      listingUrls: [`${site.origin}/k/list`],
      revisit: { detailEverySecs: 1 },
    }),
    {
      id: 'channel',
      type: 'telegram',
      baseUrl: `${site.origin}/t`,
      channels: ['chan'],
      maxPages: 2,
      allowPrivateNetwork: true,
      revisit: { goneAfterMissedScans: 2 },
    },
  ].map((source) => sourceSchema.parse(source));
  instance = await startPipeline(config, sources, clock);
});

afterAll(async () => {
  await stopPipeline(instance, site);
});

describe('incremental scans', () => {
  it('fetches every new ad once, waiting out a 429 with Retry-After instead of failing', async () => {
    const requests = await firstScan('board');
    const count = (path: string) => requests.filter((r) => r.path === path).length;
    for (const path of ['/ad/1', '/ad/2', '/ad/3']) expect(count(path)).toBe(1);
    expect(count('/ad/busy')).toBe(2);
    expect(must(await ad('board', '/ad/busy')).title).toBe('Busy site ad');
    // The page that answered 429 became a job of its own, delayed by its Retry-After (1 s).
    const retried = (await instance.queues.crawl.getJobs(['completed'])).filter(
      (job) => job.data.kind === 'ad' && job.data.url === `${site.origin}/ad/busy`,
    );
    expect(retried).toHaveLength(1);
    expect(retried[0]?.opts.delay).toBe(1_000);
    expect(must(retried[0]?.processedOn) - must(retried[0]).timestamp).toBeGreaterThanOrEqual(
      1_000,
    );
    expect(await failedJobsOf('board')).toBe(0);
  });

  it('fetches the ads of a listing page in one job; a page that fails there is retried alone', async () => {
    await scan('flaky');
    const url = (path: string) => `${site.origin}${path}`;
    expect([1, 2, 3].map((n) => site.count(`/f/ad/${n}`))).toEqual([1, 2, 1]);
    for (const path of ['/f/ad/1', '/f/ad/2', '/f/ad/3']) {
      expect((await ad('flaky', path))?.captureIds).toHaveLength(1);
    }
    const batches = (await instance.queues.crawl.getJobs(['completed'])).filter(
      (job) => job.data.kind === 'ads' && job.data.sourceId === 'flaky',
    );
    expect(batches).toHaveLength(1);
    expect(batches[0]?.data).toMatchObject({
      ads: ['/f/ad/1', '/f/ad/2', '/f/ad/3'].map((path) => ({ url: url(path), firstFetch: true })),
    });
    expect(batches[0]?.returnvalue).toEqual({ captured: 2, unchanged: 0, requeued: 1 });
    const retried = must(
      await instance.queues.crawl.getJob(
        instance.queues.crawl.scopedId(
          jobIds.singleAd('flaky', { url: url('/f/ad/2'), firstFetch: true }),
        ),
      ),
    );
    expect(retried.data).toMatchObject({ kind: 'ad', url: url('/f/ad/2') });
    expect(retried.returnvalue).toMatchObject({ captured: 1 });
    expect(await failedJobsOf('flaky')).toBe(0);
  });

  it('makes zero detail requests when the unchanged board is scanned again', async () => {
    await firstScan('board');
    const before = site.requests.length;
    await scan('board');
    const paths = site.requests.slice(before).map((r) => r.path);
    expect(paths).toEqual(['/list']);
  });

  it('revisits with conditional requests: a 304 is an observation, not a capture', async () => {
    await firstScan('revisit');
    const captures = await instance.store.captures.count();
    const first = must(await ad('revisit', '/r/ad/1'));
    expect(first.fetchState?.etag).toBe('"v1"');
    clock.advance(1_000);
    await scan('revisit');
    const conditional = site.requests.filter((r) => r.path === '/r/ad/1').at(-1);
    expect(conditional?.headers['if-none-match']).toBe('"v1"');
    expect(await instance.store.captures.count()).toBe(captures);
    const again = must(await ad('revisit', '/r/ad/1'));
    expect(again.unchangedObservations).toBe(1);
    expect(again.captureIds).toEqual(first.captureIds);
  });

  it('keeps the earlier version when an ad changes, and scores the new text', async () => {
    await firstScan('changed');
    const entry = must(ads.get('/c/ad/1'));
    const before = must(await ad('changed', '/c/ad/1'));
    entry.body = 'Kitchen work in Yerevan. Now with free housing and meals.';
    entry.version = 2;
    clock.advance(1_000);
    await scan('changed');
    const after = await waitFor(
      async () => {
        const current = must(await ad('changed', '/c/ad/1'));
        return current.classification?.contentHash === current.contentHash &&
          current.versions.length === 1
          ? current
          : undefined;
      },
      { what: 'the changed ad re-classified' },
    );
    expect(after.body).toContain('free housing');
    expect(after.versions[0]?.contentHash).toBe(before.contentHash);
    expect(after.versions[0]?.body).toBe(before.body);
    expect(after.captureIds.length).toBe(2);
  });

  it('takes a screenshot of a flagged ad, and another when its changed text is flagged again', async () => {
    await firstScan('risky');
    const first = must(await ad('risky', '/k/ad/1'));
    expect(first.flagged).toBe(true);
    const firstShot = must(first.screenshotCaptureId, 'a screenshot of the flagged ad');
    expect(first.screenshotOfCaptureId).toBe(first.latestCaptureId);

    // Re-scanned unchanged: no new screenshot.
    clock.advance(1_000);
    await scan('risky');
    expect(must(await ad('risky', '/k/ad/1')).screenshotCaptureId).toBe(firstShot);

    const entry = must(ads.get('/k/ad/1'));
    entry.body = `${entry.body} Passport kept by the employer, cost of tickets deducted from salary.`;
    entry.version = 2;
    clock.advance(1_000);
    await scan('risky');
    const changed = must(await ad('risky', '/k/ad/1'));
    expect(changed.versions).toHaveLength(1);
    expect(changed.latestCaptureId).not.toBe(first.latestCaptureId);
    expect(changed.screenshotOfCaptureId).toBe(changed.latestCaptureId);
    const secondShot = must(changed.screenshotCaptureId);
    expect(secondShot).not.toBe(firstShot);
    // The first screenshot stays with the ad, as evidence of the text flagged first.
    expect(changed.captureIds).toEqual(expect.arrayContaining([firstShot, secondShot]));
    const shot = must(await instance.store.captures.findById(secondShot));
    expect(shot.kind).toBe('screenshot');
    expect(shot.screenshot?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks an ad taken down after it is missing from goneAfterMissedScans complete scans', async () => {
    await firstScan('gone');
    const before = must(await ad('gone', '/g/ad/1'));
    goneListing = ['/g/ad/2'];
    await scan('gone');
    expect((await ad('gone', '/g/ad/1'))?.takenDown).toBeUndefined();
    await scan('gone');
    const gone = must(await ad('gone', '/g/ad/1'));
    expect(gone.takenDown).toBe(true);
    expect(gone.goneAt).toBeInstanceOf(Date);
    expect(gone.lastSeenAt).toEqual(before.lastSeenAt);
    expect((await ad('gone', '/g/ad/2'))?.takenDown).toBeUndefined();
  });

  it('marks deleted posts of a channel read only to maxPages taken down, and no older post', async () => {
    await scan('channel');
    const post = (id: number) => ad('channel', `/t/chan/${id}`);
    // Two pages of three: posts 10..5 are read; older ones are beyond the pages a scan reads.
    expect(must(await post(5)).title).toBe('Porter wanted 5');
    expect(await post(4)).toBeNull();
    const state = (await instance.store.sources.list()).find((s) => s._id === 'channel');
    expect(state?.lastScanComplete).toBe(false);

    // Post 9 is deleted and two new ones appear: the scans now read posts 12..6.
    channelPosts = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12];
    await scan('channel');
    await scan('channel');
    const deleted = must(await post(9));
    expect(deleted.takenDown).toBe(true);
    expect(deleted.goneAt).toBeInstanceOf(Date);
    // Post 5 is still online, only older than the pages read: it is not judged.
    const older = must(await post(5));
    expect(older.takenDown).toBeUndefined();
    expect(older.missedScans ?? 0).toBe(0);
    expect(must(await post(12)).title).toBe('Porter wanted 12');
    for (const id of [6, 7, 8, 10, 11, 12]) expect((await post(id))?.takenDown).toBeUndefined();
  });
});

describe('evidence captures', () => {
  it('stores a WARC request/response pair whose payload digest is the capture hash', async () => {
    await firstScan('board');
    const stored = must(await ad('board', '/ad/1'));
    const capture = must(await instance.store.captures.findById(must(stored.latestCaptureId)));
    expect(capture.robots).toMatchObject({ allowed: true, status: 200 });
    expect(capture.requestHeaders?.['user-agent']).toContain('adwatch');
    expect(capture.charset).toBe('utf-8');
    const warc = must(await instance.store.captures.warc(capture));
    const records = [];
    for await (const record of new WARCParser([warc])) {
      records.push({
        type: record.warcType,
        headers: record.warcHeaders.headers,
        http: record.httpHeaders,
        payload: await record.readFully(false),
      });
    }
    const request = records.find((r) => r.type === 'request');
    const response = must(records.find((r) => r.type === 'response'));
    expect(request?.http?.headers.get('user-agent')).toContain('adwatch');
    expect(response.headers.get('WARC-Payload-Digest')).toBe(`sha256:${capture.sha256}`);
    expect(Buffer.from(response.payload).equals(await instance.store.captures.body(capture))).toBe(
      true,
    );
  });
});

describe('compressed responses', () => {
  it('keeps the compressed bytes as transmitted in the WARC, the decoded page in the capture', async () => {
    await scan('compressed');
    const stored = must(await ad('compressed', '/z/ad/1'));
    expect(stored.title).toBe('Courier wanted');
    const capture = must(await instance.store.captures.findById(must(stored.latestCaptureId)));
    const body = await instance.store.captures.body(capture);
    expect(body.toString()).toContain('Deliveries in Gyumri.');
    expect(capture.headers['content-encoding']).toBe('gzip');
    const records = [];
    for await (const record of new WARCParser([
      must(await instance.store.captures.warc(capture)),
    ])) {
      records.push({ record, payload: await record.readFully(false) });
    }
    const response = must(records[1]).record;
    const transmitted = Buffer.from(must(records[1]).payload);
    expect(gunzipSync(transmitted).equals(body)).toBe(true);
    expect(capture.transmitted?.bytes).toBe(transmitted.byteLength);
    expect(response.warcPayloadDigest).toBe(`sha256:${must(capture.transmitted).sha256}`);
  });
});

describe('bad input', () => {
  it('ends each bad page in a classified error, keeps going, and keeps what it captured', async () => {
    const capturesBefore = (await instance.store.counts()).captures;
    await scan('bad');
    const malformed = must(await ad('bad', '/bad/malformed'));
    expect(malformed.title).toContain('Driver');
    const cp1251 = must(await ad('bad', '/bad/cp1251'));
    expect(cp1251.title).toBe('Требуется повар');
    const cp1251Capture = must(
      await instance.store.captures.findById(must(cp1251.latestCaptureId)),
    );
    expect(cp1251Capture).toMatchObject({ charset: 'windows-1251', charsetSource: 'fallback' });
    const state = must((await instance.store.sources.list()).find((s) => s._id === 'bad'));
    const messages = (state.lastErrors ?? []).map((e) => e.message).join('\n');
    for (const code of [
      ErrorCode.ExtractFailed,
      ErrorCode.FetchGone,
      ErrorCode.FetchContentType,
      ErrorCode.FetchRedirects,
    ]) {
      expect(messages).toContain(code);
    }
    // The page without a title was captured before extraction failed; the capture stays.
    // malformed, notitle and cp1251 were captured; nothing of the 404, the PDF or the loop.
    expect((await instance.store.counts()).captures - capturesBefore).toBe(3);
    // A page that fails in its batch in a way retrying cannot mend is not requested again.
    const requested = (path: string) => site.requests.filter((r) => r.path === path).length;
    for (const path of ['/bad/gone', '/bad/pdf', '/bad/loop', '/bad/loop2']) {
      expect([path, requested(path)]).toEqual([path, 1]);
    }
    const failed = await instance.queues.crawl.getFailed();
    const gone = must(
      failed.find((job) => 'url' in job.data && job.data.url.endsWith('/bad/gone')),
    );
    expect(gone.failedReason).toContain(ErrorCode.FetchGone);
    expect(state.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect((await instance.store.sources.unhealthy()).map((s) => s._id)).toContain('bad');
  });

  it('stops endless pagination and records a warning', async () => {
    await scan('endless');
    const state = must((await instance.store.sources.list()).find((s) => s._id === 'endless'));
    expect(state.lastScanWarnings?.join('\n')).toContain(ErrorCode.PaginationEndless);
    expect(site.count('/endless')).toBe(2);
  });
});
