import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance } from '../../bin/runtime/instance.js';
import { sourceSchema } from '../../config/index.js';
import { adIdFor } from '../../store/index.js';
import {
  channelPage,
  corpusCrawlerLimits,
  hostilePages,
  type HostilePage,
} from '../fixtures/hostile-pages/index.js';
import { testConfig, uniqueNames, waitFor } from '../helpers/services.js';
import {
  html,
  listingPage,
  startFixtureSite,
  startPipeline,
  stopPipeline,
  type FixtureSite,
} from './fixture-site.js';

/** What became of one corpus page. */
interface Seen {
  ad?: { title?: string; body?: string };
  failure?: string;
  skipped?: string;
}

const sourceIds = { http: 'corpus', browser: 'corpus-browser', telegram: 'corpus-telegram' };
let site: FixtureSite;
let instance: Instance;
const seen = new Map<string, Seen>();

const urlOf = (page: HostilePage): string =>
  page.via === 'telegram'
    ? `${site.origin}/t/corpus/${page.name}`
    : `${site.origin}/p/${page.name}`;
const pagesVia = (via: HostilePage['via']) => hostilePages.filter((page) => page.via === via);

/** Every page's outcome as the store and the queues hold it; undefined while one is pending. */
async function outcomes(): Promise<Map<string, Seen> | undefined> {
  const { crawl, extract } = await instance.queues.counts();
  if ([crawl, extract].some((c) => c.waiting + c.active + c.delayed > 0)) return undefined;
  const failures = new Map<string, string>();
  for (const queue of [instance.queues.crawl, instance.queues.extract]) {
    for (const job of await queue.getFailed(0, 500)) {
      const url = (job.data as { url?: string }).url;
      if (url) failures.set(url, job.failedReason);
    }
  }
  const skipped = new Map<string, string>();
  for (const job of await instance.queues.crawl.getCompleted(0, 500)) {
    const result = job.returnvalue as { skipped?: Array<{ url: string; reason: string }> } | null;
    for (const page of result?.skipped ?? []) skipped.set(page.url, page.reason);
  }
  const found = new Map<string, Seen>();
  for (const page of hostilePages) {
    const url = urlOf(page);
    const ad = await instance.store.ads.findById(adIdFor(sourceIds[page.via], url));
    const outcome: Seen = {
      ...(ad ? { ad: { title: ad.title, body: ad.body } } : {}),
      ...(failures.has(url) ? { failure: failures.get(url) } : {}),
      ...(skipped.has(url) ? { skipped: skipped.get(url) } : {}),
    };
    if (!outcome.ad && !outcome.failure && !outcome.skipped) return undefined;
    found.set(page.name, outcome);
  }
  return found;
}

beforeAll(async () => {
  const routes: Parameters<typeof startFixtureSite>[0] = {
    '/robots.txt': html('User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' }),
    '/list': html(listingPage(pagesVia('http').map((page) => `/p/${page.name}`))),
    '/browser-list': html(listingPage(pagesVia('browser').map((page) => `/p/${page.name}`))),
    '/t/s/corpus': html(channelPage(hostilePages)),
    '/p/attacker': html('<h1 class="title">Attacker page</h1>'),
  };
  for (const page of hostilePages) {
    if (page.serve) routes[`/p/${page.name}`] = page.serve;
    Object.assign(routes, page.routes);
  }
  site = await startFixtureSite(routes);
  const config = testConfig({
    // One attempt: a retryable error is recorded as the page's outcome at once.
    queues: { prefix: uniqueNames().prefix, attempts: 1, backoffMillis: 100 },
    crawler: { ...corpusCrawlerLimits, perHost: { maxConcurrency: 8, minDelayMillis: 0 } },
  });
  const detail = { title: 'h1.title', body: 'div.body' };
  const sources = [
    {
      id: sourceIds.http,
      type: 'http',
      listingUrls: [`${site.origin}/list`],
      adLinkSelector: 'a.ad',
      detail,
      allowPrivateNetwork: true,
    },
    {
      id: sourceIds.browser,
      type: 'browser',
      listingUrls: [`${site.origin}/browser-list`],
      adLinkSelector: 'a.ad',
      detail,
      allowPrivateNetwork: true,
    },
    {
      id: sourceIds.telegram,
      type: 'telegram',
      baseUrl: `${site.origin}/t`,
      channels: ['corpus'],
      allowPrivateNetwork: true,
    },
  ].map((source) => sourceSchema.parse(source));
  instance = await startPipeline(config, sources);
  for (const source of sources) {
    await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: source.id });
  }
  const found = await waitFor(outcomes, {
    timeoutMillis: 90_000,
    intervalMillis: 200,
    what: 'an outcome for every page of the hostile-page corpus',
  });
  found.forEach((outcome, name) => seen.set(name, outcome));
}, 120_000);

afterAll(async () => {
  await stopPipeline(instance, site);
});

describe('the hostile-page corpus through the real crawler', () => {
  it.each(hostilePages.map((page) => [`${page.via} ${page.name}`, page] as const))(
    '%s ends in its expected outcome',
    (_label, page) => {
      const outcome = seen.get(page.name);
      const expected = page.expect;
      if (expected.kind === 'ad') {
        expect(outcome?.failure, page.what).toBeUndefined();
        expect(outcome?.ad?.title, page.what).toBe(expected.title);
        for (const text of expected.bodyIncludes ?? []) expect(outcome?.ad?.body).toContain(text);
        for (const text of expected.bodyExcludes ?? [])
          expect(outcome?.ad?.body).not.toContain(text);
      } else if (expected.kind === 'error') {
        expect(outcome?.ad, page.what).toBeUndefined();
        expect(outcome?.failure, page.what).toMatch(new RegExp(`^${expected.code}: `));
      } else {
        expect(outcome?.ad, page.what).toBeUndefined();
        expect(outcome?.skipped, page.what).toMatch(expected.reason);
      }
    },
  );

  it('records every failure with an error code, on its job and on its source', async () => {
    const reasons = [...seen.values()].flatMap((outcome) => outcome.failure ?? []);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toMatch(/^ADW_[A-Z_]+: /);
    const state = (await instance.store.sources.list()).find((s) => s._id === sourceIds.http);
    for (const error of state?.lastErrors ?? []) expect(error.message).toMatch(/^ADW_[A-Z_]+: /);
    expect(state?.lastErrors?.length).toBeGreaterThan(0);
  });

  it('never follows a page to where it sends the crawler (meta refresh, script navigation)', () => {
    expect(site.count('/p/attacker')).toBe(0);
  });
});
