import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceSchema, type SourceConfig } from '../../config/index.js';
import {
  adapterFor,
  decodeHtml,
  ensureUsable,
  type FetchedPage,
  type Fetchers,
} from '../../crawlers/index.js';
import {
  startDemoBoards,
  TELEGRAM_CHANNEL,
  TELEGRAM_PAGE_SIZE,
  type DemoBoards,
} from '../../demo/index.js';
import { must, testConfig } from '../helpers/services.js';
import {
  adPage,
  adPagesUnder,
  html,
  listingPage,
  startFixtureSite,
  testFetchers,
  type FixtureSite,
  type TestFetchers,
} from './fixture-site.js';
import { ErrorCode } from '../../core/index.js';

let boards: DemoBoards;
let site: FixtureSite;
let made: TestFetchers | undefined;
let fetchers: Fetchers;
const config = testConfig({ crawler: { perHost: { maxConcurrency: 8, minDelayMillis: 0 } } });

const demoDetail = {
  title: 'article.ad .ad-title',
  body: 'article.ad .ad-body',
  date: 'article.ad time.ad-date',
};

function source(raw: Record<string, unknown>): SourceConfig {
  return sourceSchema.parse({ id: 'test', allowPrivateNetwork: true, ...raw });
}

/** Scans a source and reads every ad the way the pipeline does (captures, then extraction). */
async function crawl(raw: Record<string, unknown>) {
  const configured = source(raw);
  const adapter = adapterFor(configured);
  const scan = await adapter.scan(configured, fetchers);
  const ads = [];
  for (const ref of scan.ads) {
    const page: FetchedPage = ref.inline ?? (await adapter.fetchAd(configured, ref.url, fetchers));
    const text = decodeHtml(page.body, page.contentType).text;
    ads.push({ url: ref.url, page, ad: adapter.extract(configured, text, page.finalUrl) });
  }
  return { scan, ads };
}

beforeAll(async () => {
  boards = await startDemoBoards({ port: 0, newAdEveryMillis: 0 });
  const posting = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', name: 'x' },
      {
        '@type': 'JobPosting',
        title: 'Seamstress in Gyumri',
        description: '<p>Sewing factory.</p><p>Dormitory provided.</p>',
        datePosted: '2026-10-01T09:00:00Z',
        hiringOrganization: { '@type': 'Organization', name: 'Shirak Textiles' },
        jobLocation: {
          '@type': 'Place',
          address: { addressLocality: 'Gyumri', addressCountry: 'AM' },
        },
        baseSalary: {
          '@type': 'MonetaryAmount',
          currency: 'AMD',
          value: { value: 250000, unitText: 'MONTH' },
        },
      },
    ],
  };
  site = await startFixtureSite({
    '/jobs': (_q, r, url) => {
      const page = Number(url.searchParams.get('page'));
      if (page > 3) return r.writeHead(404).end();
      return r
        .writeHead(200, { 'content-type': 'text/html' })
        .end(listingPage([`/job/${page}a`, `/job/${page}b`]));
    },
    '/ld': html(
      adPage(
        'Page title',
        'Page body',
        `<script type="application/ld+json">${JSON.stringify(posting)}</script>`,
      ),
    ),
    '/ld-list': html(listingPage(['/ld'])),
    '*': adPagesUnder('/job/'),
  });
  made = testFetchers(config);
  fetchers = made.fetchers;
});

afterAll(async () => {
  await made?.close();
  await boards?.close();
  await site?.close();
});

describe('telegram sources', () => {
  it('reads every post of a channel as an ad, older pages through ?before=', async () => {
    const published = boards.published().filter((ad) => ad.board === 'telegram');
    expect(published.length).toBeGreaterThan(TELEGRAM_PAGE_SIZE);
    const { scan, ads } = await crawl({
      type: 'telegram',
      baseUrl: `${boards.origin}/t`,
      channels: [TELEGRAM_CHANNEL],
    });
    expect(scan.pagesFetched).toBe(Math.ceil(published.length / TELEGRAM_PAGE_SIZE));
    expect(scan.complete).toBe(true);
    expect(ads.length).toBe(published.length);
    const newest = must(published.at(-1));
    const read = must(
      ads.find((a) => a.url === `${boards.origin}/t/${TELEGRAM_CHANNEL}/${newest.id}`),
    );
    expect(read.ad.title).toBe(newest.title);
    expect(read.ad.body).toContain(newest.body.split('\n')[0]);
    expect(read.ad.postedAt?.toISOString()).toBe(newest.postedAt);
    expect(read.ad.views).toBeGreaterThan(0);
    // The capture is the post's own fragment of the channel page.
    expect(read.page.body.toString()).toContain(`data-post="${TELEGRAM_CHANNEL}/${newest.id}"`);
    expect(read.page.body.toString()).not.toContain('tgme_header');
  });

  it('stops at maxPages and then does not count the listing as complete', async () => {
    const { scan } = await crawl({
      type: 'telegram',
      baseUrl: `${boards.origin}/t`,
      channels: [TELEGRAM_CHANNEL],
      maxPages: 1,
    });
    expect(scan.pagesFetched).toBe(1);
    expect(scan.complete).toBe(false);
    expect(scan.ads.length).toBe(TELEGRAM_PAGE_SIZE);
  });
});

describe('feed sources', () => {
  const published = () => boards.published().filter((ad) => ad.board === 'feed');

  it('fetches each item link as an ad page when detail selectors are given', async () => {
    const { ads } = await crawl({
      type: 'feed',
      feedUrls: [`${boards.origin}/feed.xml`],
      detail: demoDetail,
    });
    expect(ads.map((a) => a.ad.title).sort()).toEqual(
      published()
        .map((a) => a.title)
        .sort(),
    );
    expect(ads.every((a) => a.page.url.includes('/feed/ad/'))).toBe(true);
  });

  it('reads the item itself (title, description, date) when there are no detail selectors', async () => {
    const { ads } = await crawl({ type: 'feed', feedUrls: [`${boards.origin}/feed.xml`] });
    expect(ads.length).toBe(published().length);
    const first = must(published()[0]);
    const read = must(ads.find((a) => a.ad.title === first.title));
    expect(read.ad.body).toContain(first.body.split('\n')[0]);
    expect(read.ad.postedAt?.getTime()).toBe(Math.floor(Date.parse(first.postedAt) / 1000) * 1000);
    expect(read.page.body.toString()).toMatch(/^<item>/);
  });
});

describe('http sources', () => {
  it('walks numbered pages with pageUrlPattern until a page answers 404', async () => {
    const { scan } = await crawl({
      type: 'http',
      listingUrls: [`${site.origin}/jobs`],
      pageUrlPattern: `${site.origin}/jobs?page={page}`,
      adLinkSelector: 'a.ad',
      detail: { title: 'h1.title', body: 'div.body' },
    });
    expect(scan.pagesFetched).toBe(3);
    expect(scan.ads.length).toBe(6);
    expect(scan.complete).toBe(true);
  });

  it('reads a JSON-LD JobPosting when jsonLd is set, selectors filling the gaps', async () => {
    const raw = {
      type: 'http',
      listingUrls: [`${site.origin}/ld-list`],
      adLinkSelector: 'a.ad',
      detail: { title: 'h1.title', body: 'div.body' },
    };
    const [withLd] = (await crawl({ ...raw, jsonLd: true })).ads;
    expect(withLd?.ad).toMatchObject({
      title: 'Seamstress in Gyumri',
      body: 'Sewing factory.\nDormitory provided.',
      employer: 'Shirak Textiles',
      location: 'Gyumri, AM',
      salaryText: '250000 AMD per month',
    });
    expect(withLd?.ad.postedAt?.toISOString()).toBe('2026-10-01T09:00:00.000Z');
    const [without] = (await crawl(raw)).ads;
    expect(without?.ad.title).toBe('Page title');
  });
});

describe('page checks', () => {
  const page = (status: number, body: string, contentType = 'text/html'): FetchedPage => ({
    url: 'http://x/',
    finalUrl: 'http://x/',
    redirects: [],
    status,
    headers: {},
    requestHeaders: {},
    contentType,
    fetchedAt: new Date(),
    body: Buffer.from(body),
    fetcher: 'http',
  });
  const codeOf = (p: FetchedPage, expect?: 'html' | 'feed') => {
    try {
      ensureUsable(p, expect);
      return 'ok';
    } catch (error) {
      return `${(error as { code: string }).code}:${(error as { retryable: boolean }).retryable}`;
    }
  };

  it('classifies empty pages, removed pages, error statuses and foreign content types', () => {
    expect(codeOf(page(200, '  \n'))).toBe(`${ErrorCode.FetchEmpty}:true`);
    // Unicode white space (no-break space, BOM) is blank too; a page starting with it is not.
    expect(codeOf(page(200, ' \u00a0\ufeff\t'))).toBe(`${ErrorCode.FetchEmpty}:true`);
    expect(codeOf(page(200, '\u00a0<p>Работа</p>'))).toBe('ok');
    expect(codeOf(page(404, 'x'))).toBe(`${ErrorCode.FetchGone}:false`);
    expect(codeOf(page(410, 'x'))).toBe(`${ErrorCode.FetchGone}:false`);
    expect(codeOf(page(500, 'x'))).toBe(`${ErrorCode.FetchHttpStatus}:true`);
    expect(codeOf(page(403, 'x'))).toBe(`${ErrorCode.FetchHttpStatus}:false`);
    expect(codeOf(page(200, '%PDF', 'application/pdf'))).toBe(
      `${ErrorCode.FetchContentType}:false`,
    );
    expect(codeOf(page(200, '<rss/>', 'application/rss+xml'), 'feed')).toBe('ok');
    expect(codeOf(page(200, '<p>x</p>'))).toBe('ok');
  });

  it('decodes by BOM, header, meta, valid UTF-8, then the windows-1251 fallback', () => {
    const cyrillic = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
    expect(decodeHtml(cyrillic)).toMatchObject({ text: 'Привет', source: 'fallback' });
    expect(decodeHtml(Buffer.from('Բարեւ'))).toMatchObject({ text: 'Բարեւ', source: 'utf8-valid' });
    expect(decodeHtml(cyrillic, 'text/html; charset=windows-1251').source).toBe('header');
    const meta = Buffer.concat([Buffer.from('<meta charset="windows-1251">'), cyrillic]);
    expect(decodeHtml(meta)).toMatchObject({ charset: 'windows-1251', source: 'meta' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Привет')]);
    expect(decodeHtml(bom, 'text/html; charset=windows-1251')).toMatchObject({
      text: 'Привет',
      source: 'bom',
    });
  });

  it('passes over a UTF-8 label that the bytes contradict (a server-wide header on a windows-1251 page)', () => {
    const cyrillic = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
    expect(decodeHtml(cyrillic, 'text/html; charset=utf-8')).toMatchObject({
      text: 'Привет',
      source: 'fallback',
    });
    const meta = Buffer.concat([Buffer.from('<meta charset="windows-1251">'), cyrillic]);
    expect(decodeHtml(meta, 'text/html; charset=UTF-8')).toMatchObject({ source: 'meta' });
    expect(decodeHtml(Buffer.from('Привет'), 'text/html; charset=utf-8')).toMatchObject({
      text: 'Привет',
      source: 'header',
    });
  });
});
