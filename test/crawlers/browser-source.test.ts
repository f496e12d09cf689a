import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceSchema, type BrowserSourceConfig } from '../../config/index.js';
import { adapterFor, decodeHtml, type Fetchers } from '../../crawlers/index.js';
import { must, testConfig } from '../helpers/services.js';
import {
  adPagesUnder,
  html,
  startFixtureSite,
  testFetchers,
  type FixtureSite,
  type TestFetchers,
} from './fixture-site.js';
import { ErrorCode } from '../../core/index.js';

/** A listing that adds ten more ad links each time the reader scrolls to the bottom (30 in all). */
const scrollPage = `<!doctype html><html><body><ul id="ads"></ul>
<script>
let shown = 0;
function more() {
  if (shown >= 30) return;
  const list = document.getElementById('ads');
  for (let i = 0; i < 10; i++) {
    shown += 1;
    const li = document.createElement('li');
    li.style.height = '200px';
    li.innerHTML = '<a class="ad" href="/ad/' + shown + '">ad ' + shown + '</a>';
    list.appendChild(li);
  }
}
more();
window.addEventListener('scroll', () => {
  if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 5) setTimeout(more, 50);
});
</script></body></html>`;

let site: FixtureSite;
let made: TestFetchers | undefined;
let fetchers: Fetchers;
const config = testConfig({ crawler: { perHost: { maxConcurrency: 4, minDelayMillis: 0 } } });

function browserSource(extra: Record<string, unknown> = {}): BrowserSourceConfig {
  return sourceSchema.parse({
    id: 'scroll',
    type: 'browser',
    listingUrls: [`${site.origin}/scroll`],
    adLinkSelector: 'a.ad',
    infiniteScroll: true,
    maxPages: 10,
    detail: { title: 'h1.title', body: 'div.body' },
    allowPrivateNetwork: true,
    ...extra,
  }) as BrowserSourceConfig;
}

beforeAll(async () => {
  site = await startFixtureSite({
    '/robots.txt': html('', {}, 404),
    '/scroll': html(scrollPage),
    '*': adPagesUnder('/ad/'),
  });
  made = testFetchers(config);
  fetchers = made.fetchers;
});

afterAll(async () => {
  await made?.close();
  await site?.close();
});

describe('browser sources', () => {
  it('scrolls an infinite listing until no new ads appear, and captures ads with a screenshot', async () => {
    const source = browserSource();
    const adapter = adapterFor(source);
    const scan = await adapter.scan(source, fetchers);
    expect(scan.ads.length).toBe(30);
    const page = await adapter.fetchAd(source, must(scan.ads[0]).url, fetchers);
    expect(page.fetcher).toBe('browser');
    expect(page.robots).toMatchObject({ allowed: true, status: 404 });
    expect(page.screenshot?.subarray(1, 4).toString()).toBe('PNG');
    expect(page.requestHeaders['user-agent']).toContain('adwatch');
    const ad = adapter.extract(source, decodeHtml(page.body, page.contentType).text, page.finalUrl);
    expect(ad.title).toBe('Job /ad/1');
  }, 60_000);

  it('refuses a private address in Chromium too unless the source allows it', async () => {
    const source = browserSource({ allowPrivateNetwork: false });
    const before = site.requests.length;
    await expect(adapterFor(source).scan(source, fetchers)).rejects.toMatchObject({
      code: ErrorCode.FetchPrivateAddress,
    });
    expect(site.requests.length).toBe(before);
  }, 60_000);
});
