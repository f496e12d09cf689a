import { once } from 'node:events';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CLASSIFIEDS_PAGE_SIZE,
  JOBS_PAGE_SIZE,
  TELEGRAM_PAGE_SIZE,
  allDemoAds,
  startDemoBoards,
} from '../demo/index.js';
import type { DemoAd, DemoBoards, DemoBoardsOptions } from '../demo/index.js';

const open: DemoBoards[] = [];

async function start(options: DemoBoardsOptions = {}): Promise<DemoBoards> {
  const boards = await startDemoBoards(options);
  open.push(boards);
  return boards;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Test-side escaping, written independently of the fixture's. */
const esc = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const hrefs = (html: string, cls: string) =>
  [...html.matchAll(new RegExp(`<a class="${cls}"[^>]* href="([^"]+)"`, 'g'))].map((m) => m[1]);

const publishedOn = (boards: DemoBoards, board: DemoAd['board']) =>
  boards
    .published()
    .filter((a) => a.board === board)
    .reverse();

describe('demo boards server', () => {
  it('starts on a free port when asked for port 0 and serves a home page', async () => {
    const boards = await start();
    expect(boards.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(boards.origin).port)).toBeGreaterThan(0);
    expect(boards.staticListingUrl).toBe(`${boards.origin}/classifieds/`);
    expect(boards.browserListingUrl).toBe(`${boards.origin}/jobs/`);
    expect((await get(boards.origin + '/')).status).toBe(200);
  });

  it('walks every published static ad exactly once by following rel=next, newest first', async () => {
    const boards = await start();
    const seen: string[] = [];
    let url: string | undefined = boards.staticListingUrl;
    let pages = 0;
    while (url) {
      const { status, text } = await get(url);
      expect(status).toBe(200);
      expect(text).toContain('<meta charset="utf-8">');
      const links = hrefs(text, 'ad-link');
      expect(links.length).toBeGreaterThan(0);
      expect(links.length).toBeLessThanOrEqual(CLASSIFIEDS_PAGE_SIZE);
      expect(text.match(/<li class="ad-item">/g)).toHaveLength(links.length);
      seen.push(...links.map((h) => h?.replace('/classifieds/ad/', '') ?? ''));
      const next: string | undefined = /<a class="next" rel="next" href="([^"]+)"/.exec(text)?.[1];
      url = next === undefined ? undefined : new URL(next, boards.origin).href;
      pages++;
    }
    const expected = publishedOn(boards, 'static').map((a) => a.id);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(expected.length / CLASSIFIEDS_PAGE_SIZE));
    expect((await get(`${boards.staticListingUrl}?page=${pages + 1}`)).status).toBe(404);
    expect((await get(`${boards.staticListingUrl}?page=abc`)).status).toBe(400);
  });

  it('renders detail pages with the documented selectors and escapes ad text', async () => {
    const boards = await start();
    const statics = publishedOn(boards, 'static');
    const samples = [
      ...(['hy', 'ru', 'en', 'translit'] as const).map((lang) =>
        statics.find((a) => a.lang === lang),
      ),
      statics.find((a) => a.body.includes('<')),
      statics.find((a) => a.salary === undefined),
    ];
    for (const ad of samples) {
      expect(ad).toBeDefined();
      if (!ad) continue;
      const { status, text } = await get(`${boards.origin}/classifieds/ad/${ad.id}`);
      expect(status).toBe(200);
      expect(text).toMatch(/<html lang="[a-z]{2}">/);
      expect(text).toContain(`<article class="ad" data-ad-id="${ad.id}">`);
      expect(text).toContain(`<h1 class="ad-title">${esc(ad.title)}</h1>`);
      expect(text).toContain(`<time class="ad-date" datetime="${ad.postedAt}">`);
      expect(text).toContain(`<span class="ad-location">${esc(ad.location)}</span>`);
      expect(text).toContain(`<span class="ad-contact">${esc(ad.contact)}</span>`);
      if (ad.salary) expect(text).toContain(`<span class="ad-salary">${esc(ad.salary)}</span>`);
      else expect(text).not.toContain('class="ad-salary"');
      if (ad.employer)
        expect(text).toContain(`<span class="ad-employer">${esc(ad.employer)}</span>`);
      const body = /<div class="ad-body">([\s\S]*?)<\/div>/.exec(text)?.[1] ?? '';
      for (const paragraph of ad.body.split(/\n{2,}/)) {
        expect(body).toContain(`<p>${esc(paragraph).replaceAll('\n', '<br>')}</p>`);
      }
      // Chrome links exist but never use the ad-link class.
      expect(hrefs(text, 'ad-link')).toEqual([]);
      // Ground truth stays out of the page.
      for (const flag of ad.redFlags) expect(text).not.toContain(flag);
    }
    const withMarkup = samples[4];
    if (withMarkup) {
      const at = withMarkup.body.indexOf('<');
      const raw = withMarkup.body.slice(at, at + 8);
      const { text } = await get(`${boards.origin}/classifieds/ad/${withMarkup.id}`);
      expect(text).not.toContain(raw);
      expect(text).toContain(esc(raw));
    }
  });

  it('answers 304 to If-None-Match and If-Modified-Since on detail pages', async () => {
    const boards = await start();
    const ad = publishedOn(boards, 'static')[0];
    if (!ad) throw new Error('no static ad');
    const url = `${boards.origin}/classifieds/ad/${ad.id}`;
    const first = await get(url);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect(lastModified).toBe(new Date(ad.postedAt).toUTCString());

    const byTag = await get(url, { 'if-none-match': etag ?? '' });
    expect(byTag.status).toBe(304);
    expect(byTag.text).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect((await get(url, { 'if-none-match': `"stale", W/${etag ?? ''}` })).status).toBe(304);
    expect((await get(url, { 'if-none-match': '"stale"' })).status).toBe(200);
    expect((await get(url, { 'if-modified-since': lastModified ?? '' })).status).toBe(304);
    const earlier = new Date(Date.parse(ad.postedAt) - 60_000).toUTCString();
    expect((await get(url, { 'if-modified-since': earlier })).status).toBe(200);
  });

  it('keeps ad text out of the JavaScript board HTML but serves it from the API', async () => {
    const boards = await start();
    const ads = publishedOn(boards, 'browser');
    const ad = ads[0];
    if (!ad) throw new Error('no browser ad');
    const shells = [
      await get(boards.browserListingUrl),
      await get(`${boards.origin}/jobs/ad/${ad.id}`),
    ];
    for (const shell of shells) {
      expect(shell.status).toBe(200);
      expect(shell.text).toContain('<script src="/jobs/app.js" defer></script>');
      for (const a of ads) {
        expect(shell.text).not.toContain(esc(a.title));
        expect(shell.text).not.toContain(a.contact);
      }
    }
    const script = await get(`${boards.origin}/jobs/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.text).not.toContain('innerHTML');

    const seen: string[] = [];
    let snapshot: number | undefined;
    for (let offset = 0; ; offset += JOBS_PAGE_SIZE) {
      const q = `offset=${offset}&limit=${JOBS_PAGE_SIZE}${snapshot ? `&snapshot=${snapshot}` : ''}`;
      const page = JSON.parse((await get(`${boards.origin}/jobs/api/ads?${q}`)).text) as {
        total: number;
        snapshot: number;
        items: { id: string; url: string }[];
      };
      snapshot = page.snapshot;
      expect(page.total).toBe(ads.length);
      seen.push(...page.items.map((i) => i.id));
      if (page.items.length < JOBS_PAGE_SIZE) break;
    }
    expect(seen).toEqual(ads.map((a) => a.id));

    const detail = JSON.parse((await get(`${boards.origin}/jobs/api/ads/${ad.id}`)).text) as Record<
      string,
      unknown
    >;
    expect(detail).toMatchObject({
      id: ad.id,
      title: ad.title,
      body: ad.body,
      contact: ad.contact,
    });
    expect(detail).not.toHaveProperty('suspicious');
    expect(detail).not.toHaveProperty('redFlags');
    expect((await get(`${boards.origin}/jobs/api/ads?limit=1000`)).status).toBe(400);
  });

  it('serves each ad on exactly one venue and hides held-back ads', async () => {
    const boards = await start({ initialHeldBack: 30 });
    const all = allDemoAds();
    expect(boards.published()).toHaveLength(all.length - 30);
    const staticAd = publishedOn(boards, 'static')[0];
    const browserAd = publishedOn(boards, 'browser')[0];
    if (!staticAd || !browserAd) throw new Error('missing ads');
    expect((await get(`${boards.origin}/classifieds/ad/${browserAd.id}`)).status).toBe(404);
    expect((await get(`${boards.origin}/jobs/api/ads/${staticAd.id}`)).status).toBe(404);
    const held = all.at(-1);
    expect(held && (await get(`${boards.origin}/classifieds/ad/${held.id}`)).status).toBe(404);
  });

  it('shows a newly published ad first on its board', async () => {
    const boards = await start({ initialHeldBack: 30 });
    const before = boards.published().length;
    const published: DemoAd[] = [];
    while (
      !published.some((a) => a.board === 'static') ||
      !published.some((a) => a.board === 'browser')
    ) {
      const ad = boards.publishNext();
      if (!ad) throw new Error('pool ran out');
      published.push(ad);
    }
    expect(boards.published()).toHaveLength(before + published.length);
    const newest = (board: DemoAd['board']) => published.filter((a) => a.board === board).at(-1);

    const listing = await get(boards.staticListingUrl);
    expect(hrefs(listing.text, 'ad-link')[0]).toBe(`/classifieds/ad/${newest('static')?.id}`);
    const api = JSON.parse((await get(`${boards.origin}/jobs/api/ads?limit=1`)).text) as {
      items: { id: string }[];
    };
    expect(api.items[0]?.id).toBe(newest('browser')?.id);
  });

  it('publishes held-back ads on a timer and stops when the pool is empty', async () => {
    const boards = await start({ initialHeldBack: 3, newAdEveryMillis: 5 });
    const total = allDemoAds().length;
    await vi.waitFor(() => expect(boards.published()).toHaveLength(total), { timeout: 2000 });
    expect(boards.publishNext()).toBeUndefined();
  });

  it('pages the Telegram channel backwards with ?before and serves the RSS feed', async () => {
    const boards = await start();
    const posts = publishedOn(boards, 'telegram');
    const seen: string[] = [];
    let url: string | undefined = boards.telegramUrl;
    while (url) {
      const { text } = await get(url);
      const ids = [
        ...text.matchAll(/class="tgme_widget_message [^"]*" data-post="[a-z_]+\/(\d+)"/g),
      ];
      expect(ids.length).toBeLessThanOrEqual(TELEGRAM_PAGE_SIZE);
      seen.unshift(...ids.map((m) => m[1] ?? ''));
      const more = /class="tme_messages_more[^"]*" data-before="(\d+)"/.exec(text);
      url = more ? `${boards.telegramUrl}?before=${more[1]}` : undefined;
    }
    expect(seen).toEqual(posts.map((a) => a.id).reverse());

    const feed = await get(boards.feedUrl ?? '');
    expect(feed.headers.get('content-type')).toMatch(/rss\+xml/);
    const items = [...feed.text.matchAll(/<link>([^<]+\/feed\/ad\/\d+)<\/link>/g)].map((m) => m[1]);
    expect(items).toHaveLength(publishedOn(boards, 'feed').length);
    const item = await get(items[0] ?? '');
    expect(item.text).toContain('<article class="ad"');
  });

  it('allows everything except /admin/ in robots.txt', async () => {
    const boards = await start();
    const robots = await get(`${boards.origin}/robots.txt`);
    expect(robots.text).toBe('User-agent: *\nDisallow: /admin/\n');
    expect((await get(`${boards.origin}/admin/`)).status).toBe(403);
  });

  it('closes with a keep-alive connection open, closing the connection too', async () => {
    const boards = await startDemoBoards();
    const socket = await new Promise<Socket>((resolve, reject) => {
      const agent = new Agent({ keepAlive: true });
      const req = request(`${boards.origin}/`, { agent }, (res) => {
        res.resume();
        res.on('end', () => (req.socket ? resolve(req.socket) : reject(new Error('no socket'))));
      });
      req.on('error', reject);
      req.end();
    });
    expect(socket.destroyed).toBe(false);
    await Promise.all([boards.close(), once(socket, 'close')]);
    await expect(fetch(`${boards.origin}/`)).rejects.toThrow();
  });
});

describe('demo ads ground truth', () => {
  const ads = allDemoAds();
  const share = (pred: (a: DemoAd) => boolean) => ads.filter(pred).length / ads.length;

  it('has at least 240 ads in the specified language mix', () => {
    expect(ads.length).toBeGreaterThanOrEqual(240);
    expect(share((a) => a.lang === 'hy')).toBeCloseTo(0.4, 1);
    expect(share((a) => a.lang === 'ru')).toBeCloseTo(0.35, 1);
    expect(share((a) => a.lang === 'en')).toBeCloseTo(0.2, 1);
    expect(share((a) => a.lang === 'translit')).toBeGreaterThanOrEqual(0.03);
    expect(share((a) => a.lang === 'translit')).toBeLessThanOrEqual(0.07);
  });

  it('makes 15–20% of ads suspicious, each with red flags, and keeps legitimate ones clean', () => {
    const suspicious = share((a) => a.suspicious);
    expect(suspicious).toBeGreaterThanOrEqual(0.15);
    expect(suspicious).toBeLessThanOrEqual(0.2);
    for (const ad of ads) {
      if (ad.suspicious) expect(ad.redFlags.length).toBeGreaterThanOrEqual(3);
      else expect(ad.redFlags).toEqual([]);
    }
    expect(ads.filter((a) => a.tricky && !a.suspicious).length).toBeGreaterThanOrEqual(6);
  });

  it('writes Armenian in Armenian script and Russian in Cyrillic', () => {
    for (const ad of ads.filter((a) => a.lang === 'hy'))
      expect(ad.body).toMatch(/[\u0531-\u0587]{5}/);
    for (const ad of ads.filter((a) => a.lang === 'ru')) expect(ad.body).toMatch(/[а-яё]{5}/i);
    for (const ad of ads.filter((a) => a.lang === 'translit')) {
      expect(ad.body).not.toMatch(/[\u0531-\u0587\u0400-\u04ff]/);
    }
  });

  it('splits ads across venues with the two main boards at about 60:40', () => {
    const count = (board: DemoAd['board']) => ads.filter((a) => a.board === board).length;
    const main = count('static') + count('browser');
    expect(count('static') / main).toBeGreaterThan(0.55);
    expect(count('static') / main).toBeLessThan(0.65);
    expect(count('telegram')).toBeGreaterThan(0);
    expect(count('feed')).toBeGreaterThan(0);
    expect(new Set(ads.map((a) => a.id)).size).toBe(ads.length);
  });

  it('generates the same ads on every run without Math.random', async () => {
    const random = vi.spyOn(Math, 'random');
    vi.resetModules();
    const fresh = await import('../demo/generate-ads.js');
    expect(fresh.allDemoAds()).toEqual(ads);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
    const dates = ads.map((a) => Date.parse(a.postedAt));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });
});
