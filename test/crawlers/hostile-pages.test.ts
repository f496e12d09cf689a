import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance } from '../../bin/runtime/instance.js';
import { sourceSchema } from '../../config/index.js';
import { extractAd, parseListing, type BrowserFetcher } from '../../crawlers/index.js';
import { adIdFor } from '../../store/index.js';
import { must, testConfig, uniqueNames, waitFor } from '../helpers/services.js';
import {
  adPage,
  fixtureSource,
  html,
  listingPage,
  startFixtureSite,
  startPipeline,
  stopPipeline,
  testBrowser,
} from './fixture-site.js';
import type { FixtureSite } from './fixture-site.js';
import { ErrorCode, type AdwatchError } from '../../core/index.js';

/** An ad page whose body holds `depth` nested divs. */
function deepPage(depth: number): string {
  return `<!doctype html><html><body><article class="ad"><h1 class="title">Deep</h1><div class="body">${'<div>'.repeat(depth)}bottom${'</div>'.repeat(depth)}</div></article></body></html>`;
}

const detail = { title: 'h1.title', body: 'div.body' };

/** The error a call throws, or a failed assertion when it returns. */
function thrown(call: () => unknown): AdwatchError {
  try {
    call();
  } catch (error) {
    return error as AdwatchError;
  }
  throw new Error('expected an error');
}

describe('deeply nested pages', () => {
  // The reader stops at the first element deeper than the budget (the message names it), so a
  // deeper page costs no more; how fast that is, is measured by `npm run bench -- crawl`.
  it.each([10_000, 20_000, 100_000])(
    'refuses a page nested %i deep at once with a coded error that is not retried',
    (depth) => {
      const page = deepPage(depth);
      const error = thrown(() => extractAd(page, 'http://board.test/ad/1', detail));
      expect(error).toMatchObject({ code: ErrorCode.PageTooComplex, retryable: false });
      expect(error.message).toContain('more than 512 deep');
      expect(() => parseListing(page, 'http://board.test/', { adLink: 'a' })).toThrow(
        /ADW_PAGE_TOO_COMPLEX|more than 512 deep/,
      );
    },
  );

  it('reads a page nested within the budget, its lines intact, without recursion', () => {
    const ad = extractAd(
      deepPage(500).replace('bottom', 'Night shifts<br>paid <b>weekly</b>'),
      'http://board.test/ad/2',
      detail,
    );
    expect(ad).toMatchObject({ title: 'Deep', body: 'Night shifts\npaid weekly' });
  });

  it('refuses a page of more than 100,000 elements', () => {
    const page = adPage('Flat', '<span>x</span>'.repeat(100_001));
    expect(thrown(() => extractAd(page, 'http://board.test/ad/3', detail))).toMatchObject({
      code: ErrorCode.PageTooComplex,
    });
  });
});

describe('a meta refresh on an ad page, in Chromium', () => {
  let site: FixtureSite;
  let browser: BrowserFetcher;
  const refresh = (target: string) =>
    adPage('The real ad', 'Cook wanted.', `<meta http-equiv="refresh" content="0;url=${target}">`);

  beforeAll(async () => {
    site = await startFixtureSite({
      '/ad': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(refresh('/attack')),
      '/moved': (_q, r) => r.writeHead(302, { location: '/ad' }).end(),
      '/attack': html(adPage('Attacker page', 'Not the ad.')),
    });
    browser = await testBrowser(2);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('screenshots the ad, not the page it refreshes to, and lists the blocked hop', async () => {
    const shot = await browser.screenshot(`${site.origin}/moved`, {
      javaScriptEnabled: false,
      allowPrivateNetwork: true,
    });
    expect(shot.finalUrl).toBe(`${site.origin}/ad`);
    expect(shot.html).toContain('The real ad');
    expect(shot.html).not.toContain('Attacker page');
    expect(shot.blockedNavigations).toEqual([`${site.origin}/attack`]);
    expect(site.count('/attack')).toBe(0);
  });

  it('does not follow a refresh in a stored capture rendered instead of the live page', async () => {
    const shot = await browser.screenshotHtml(
      refresh(`${site.origin}/attack`),
      `${site.origin}/ad`,
    );
    expect(shot.html).toContain('The real ad');
    expect(site.count('/attack')).toBe(0);
  });
});

describe('hostile pages in the pipeline', () => {
  let site: FixtureSite;
  let instance: Instance;
  const photoUrl = 'https://cdn.test/file/photo-only.jpg';

  /** A channel page with a text post (1) and a photo-only post (2), as Telegram renders them. */
  function channelPage(): string {
    const post = (id: number, inner: string) =>
      `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="chan/${id}">${inner}<time datetime="2026-11-0${id}T10:00:00+00:00"></time></div></div>`;
    return `<html><body>${post(1, '<div class="tgme_widget_message_text">Porter wanted<br>Warehouse work.</div>')}${post(
      2,
      `<a class="tgme_widget_message_photo_wrap" href="/chan/2?single" style="background-image:url('${photoUrl}')"></a>`,
    )}</body></html>`;
  }

  async function settle(what: string): Promise<void> {
    await waitFor(
      async () => {
        // The crawl and extract queues are what these tests judge.
        const { crawl, extract } = await instance.queues.counts();
        return [crawl, extract].every((c) => c.waiting + c.active + c.delayed === 0);
      },
      { timeoutMillis: 60_000, intervalMillis: 100, what },
    );
  }

  beforeAll(async () => {
    site = await startFixtureSite({
      '/robots.txt': html('User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' }),
      '/deep/list': html(listingPage(['/deep/ad', '/deep/ok'])),
      '/deep/ad': html(deepPage(100_000)),
      '/deep/ok': html(adPage('Cook wanted', 'Kitchen work in Yerevan.')),
      '/t/s/chan': html(channelPage()),
      '/k/list': html(listingPage(['/k/ad'])),
      '/k/ad': html(
        adPage(
          'Hostess wanted in Dubai',
          'Attractive girls 18-25 years needed as hostess in Dubai, free visa and tickets, accommodation provided. Send your full body photo on WhatsApp +971 50 123 4567, urgent departure next week.',
          '<meta http-equiv="refresh" content="0;url=/attack">',
        ),
      ),
      '/attack': html(adPage('Attacker page', 'Not the ad.')),
    });
    const config = testConfig({
      queues: { prefix: uniqueNames().prefix, backoffMillis: 100, attempts: 3 },
      crawler: { perHost: { maxConcurrency: 4, minDelayMillis: 0 } },
    });
    const sources = [
      fixtureSource(site.origin, { id: 'deep', listingUrls: [`${site.origin}/deep/list`] }),
      fixtureSource(site.origin, { id: 'risky', listingUrls: [`${site.origin}/k/list`] }),
      {
        id: 'channel',
        type: 'telegram',
        baseUrl: `${site.origin}/t`,
        channels: ['chan'],
        allowPrivateNetwork: true,
      },
    ].map((source) => sourceSchema.parse(source));
    instance = await startPipeline(config, sources);
  });

  afterAll(async () => {
    await stopPipeline(instance, site);
  });

  it('fails a 100,000-deep ad once with a coded error, recorded on the source, and keeps its capture', async () => {
    await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'deep' });
    await settle('the deep scan to settle');
    const [failed, ...others] = await instance.queues.extract.getFailed();
    expect(others).toHaveLength(0);
    expect(must(failed, 'failed extract job').failedReason).toContain(ErrorCode.PageTooComplex);
    expect(failed?.attemptsMade).toBe(1);
    const capture = must(await instance.store.captures.findById(must(failed).data.captureId));
    expect(capture.url).toBe(`${site.origin}/deep/ad`);
    const state = (await instance.store.sources.list()).find((s) => s._id === 'deep');
    expect(state?.lastError).toContain(ErrorCode.PageTooComplex);
    expect(
      await instance.store.ads.findById(adIdFor('deep', `${site.origin}/deep/ok`)),
    ).toMatchObject({ title: 'Cook wanted' });
    expect(await instance.store.ads.findById(adIdFor('deep', `${site.origin}/deep/ad`))).toBeNull();
  });

  it('records a photo-only Telegram post as skipped with its reason, keeping its media, not as an error', async () => {
    const job = await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'channel' });
    await settle('the channel scan to settle');
    const summary = (await instance.queues.crawl.getJob(must(job.id)))?.returnvalue as {
      skipped: Array<{ url: string; reason: string; captureId: string }>;
    };
    expect(summary.skipped).toHaveLength(1);
    const [skipped] = summary.skipped;
    expect(skipped).toMatchObject({ url: `${site.origin}/t/chan/2` });
    expect(skipped?.reason).toContain('1 photo and no text');
    const capture = must(await instance.store.captures.findById(must(skipped).captureId));
    expect((await instance.store.captures.body(capture)).toString()).toContain(photoUrl);
    expect((await instance.queues.counts()).extract.failed).toBe(1); // the deep page's only
    const state = (await instance.store.sources.list()).find((s) => s._id === 'channel');
    expect(state).toMatchObject({ consecutiveFailures: 0 });
    expect(state?.lastError).toBeUndefined();
    expect(
      await instance.store.ads.findById(adIdFor('channel', `${site.origin}/t/chan/1`)),
    ).toMatchObject({ title: 'Porter wanted' });
  });

  it("screenshots a flagged ad's own page when it refreshes to another, recording the hop", async () => {
    await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'risky' });
    const adUrl = `${site.origin}/k/ad`;
    const ad = await waitFor(
      async () => {
        const found = await instance.store.ads.findById(adIdFor('risky', adUrl));
        return found?.screenshotCaptureId ? found : undefined;
      },
      { what: "the flagged ad's screenshot" },
    );
    const capture = must(await instance.store.captures.findById(must(ad.screenshotCaptureId)));
    expect(capture).toMatchObject({ kind: 'screenshot', finalUrl: adUrl });
    expect((await instance.store.captures.body(capture)).toString()).toContain('Hostess wanted');
    expect(capture.blockedNavigations).toEqual([`${site.origin}/attack`]);
    expect(site.count('/attack')).toBe(0);
  });
});
