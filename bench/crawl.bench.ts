/**
 * `npm run bench -- crawl [--ads N] [--concurrency C]`: serves a local board of N job ads (default
 * 5,000; listing pages of 50 links, detail pages of about 4 KB with ETags) and crawls it
 *   1. with adwatch's full path: BullMQ jobs, polite fetch (robots.txt, per-host limits in Redis,
 *      SSRF guard), capture with SHA-256 and WARC records stored in MongoDB, extraction;
 *   2. with Crawlee 3's CheerioCrawler (in-memory storage), parsing the same pages;
 * at the same concurrency, and prints pages/s for both and their ratio (goal: ≥ 1.0). Then it
 * re-scans the unchanged board with adwatch and prints the requests made and the time taken.
 * Figures are printed, never asserted. Uses REDIS_URL / MONGODB_URI when set, else Redis on
 * 127.0.0.1:6379 (or one started here) and an embedded mongod in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInstance } from '../bin/runtime/instance.js';
import { configSchema, sourceSchema } from '../config/index.js';
import { startEmbeddedMongod, type EmbeddedMongod } from '../store/index.js';
import { resolveRedis } from '../workers/index.js';
import { createLogger } from '../core/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const adCount = option('ads', 5_000);
const concurrency = option('concurrency', 16);
const perPage = 50;
const listingPages = Math.ceil(adCount / perPage);

const filler =
  'Responsibilities include preparing reports, answering customer calls and keeping records up to date. ';

function detailPage(id: number): string {
  const paragraphs = Array.from(
    { length: 30 },
    (_, i) => `<p>${filler.slice(0, 80 + ((id + i) % 40))}</p>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ad ${id}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/list?page=1">Jobs</a></nav></header>
<article class="ad"><h1 class="title">Office assistant wanted (${id})</h1>
<time class="date" datetime="2026-11-01T10:00:00Z">1 Nov</time>
<div class="body">${paragraphs.join('\n')}</div>
<span class="location">Yerevan</span><span class="contact">+374 10 ${String(100000 + id).slice(-6)}</span></article>
<footer>© board</footer></body></html>`;
}

function listingPage(page: number): string {
  const first = (page - 1) * perPage + 1;
  const links = Array.from({ length: Math.min(perPage, adCount - first + 1) }, (_, i) => {
    const id = first + i;
    return `<li><a class="ad" href="/ad/${id}">Office assistant wanted (${id})</a></li>`;
  });
  const next = page < listingPages ? `<a class="next" href="/list?page=${page + 1}">next</a>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><ul>${links.join('')}</ul>${next}</body></html>`;
}

interface Board {
  origin: string;
  requests: { listing: number; detail: number; other: number };
  close(): Promise<void>;
}

async function startBoard(): Promise<Board> {
  const pages = new Map<number, Buffer>();
  for (let id = 1; id <= adCount; id++) pages.set(id, Buffer.from(detailPage(id)));
  const requests = { listing: 0, detail: 0, other: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://board');
    if (url.pathname === '/list') {
      requests.listing += 1;
      const page = Number(url.searchParams.get('page') ?? '1');
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(listingPage(page));
      return;
    }
    const id = Number(/^\/ad\/(\d+)$/.exec(url.pathname)?.[1]);
    const body = pages.get(id);
    if (body) {
      requests.detail += 1;
      const etag = `"ad-${id}-v1"`;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(body);
      return;
    }
    requests.other += 1;
    response.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

async function benchAdwatch(board: Board, mongoUri: string, redisUrl: string) {
  const id = Date.now().toString(36);
  const config = configSchema.parse({
    logLevel: 'silent',
    redis: { url: redisUrl },
    mongo: { uri: mongoUri, database: `bench-crawl-${id}` },
    queues: {
      prefix: `bench-crawl-${id}`,
      concurrency: { crawl: concurrency, extract: concurrency },
    },
    // The board is ours and local: limits that do not throttle it.
    crawler: { perHost: { maxConcurrency: concurrency, minDelayMillis: 0 } },
    dashboard: { port: 0 },
  });
  const source = sourceSchema.parse({
    id: 'bench',
    type: 'http',
    listingUrls: [`${board.origin}/list?page=1`],
    adLinkSelector: 'a.ad',
    nextPageSelector: 'a.next',
    maxPages: listingPages + 1,
    detail: {
      title: 'h1.title',
      body: 'div.body',
      date: 'time.date',
      location: '.location',
      contact: '.contact',
    },
    revisit: { detailEverySecs: 0 },
    allowPrivateNetwork: true,
  });
  const instance = await startInstance({
    config,
    logger: createLogger('silent', { pretty: false }),
    roles: { workers: ['crawl', 'extract'], scheduler: false, dashboard: false },
    ownServices: false,
    sources: [source],
  });
  const idle = async () => {
    for (;;) {
      const counts = await instance.queues.counts();
      if (
        counts.crawl.waiting + counts.crawl.active + counts.crawl.delayed === 0 &&
        counts.extract.waiting + counts.extract.active + counts.extract.delayed === 0
      )
        return counts;
      await sleep(25);
    }
  };
  try {
    const started = performance.now();
    await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'bench' });
    const counts = await idle();
    const seconds = (performance.now() - started) / 1000;
    const stored = await instance.store.counts();
    const pages = board.requests.listing + board.requests.detail;
    const failed = counts.crawl.failed + counts.extract.failed;

    const before = { ...board.requests };
    const rescanStarted = performance.now();
    await instance.queues.crawl.add('scan', { kind: 'scan', sourceId: 'bench' });
    await idle();
    const rescanSeconds = (performance.now() - rescanStarted) / 1000;
    const rescanRequests =
      board.requests.listing - before.listing + board.requests.detail - before.detail;
    const rescanDetail = board.requests.detail - before.detail;
    return { seconds, pages, stored, failed, rescanSeconds, rescanRequests, rescanDetail };
  } finally {
    for (const name of ['crawl', 'extract', 'classify'] as const) {
      await instance.queues
        .byName(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    }
    await instance.store.dropDatabase();
    await instance.stop();
  }
}

async function benchCrawlee(board: Board) {
  const storage = mkdtempSync(join(tmpdir(), 'adwatch-crawlee-'));
  process.env.CRAWLEE_STORAGE_DIR = storage;
  process.env.CRAWLEE_LOG_LEVEL = 'OFF';
  const { CheerioCrawler, Configuration, log } = await import('@crawlee/cheerio');
  log.setLevel(log.LEVELS.OFF);
  const before = board.requests.listing + board.requests.detail;
  let extracted = 0;
  const crawler = new CheerioCrawler(
    {
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      maxRequestRetries: 1,
      async requestHandler({ request, $, enqueueLinks }) {
        if (request.label === 'DETAIL') {
          const title = $('h1.title').text().trim();
          const body = $('div.body').text().trim();
          if (title && body) extracted += 1;
          return;
        }
        await enqueueLinks({ selector: 'a.ad', label: 'DETAIL' });
        await enqueueLinks({ selector: 'a.next', label: 'LIST' });
      },
    },
    new Configuration({
      persistStorage: false,
      storageClientOptions: { localDataDirectory: storage },
    }),
  );
  const started = performance.now();
  await crawler.run([{ url: `${board.origin}/list?page=1`, label: 'LIST' }]);
  const seconds = (performance.now() - started) / 1000;
  rmSync(storage, { recursive: true, force: true });
  return { seconds, pages: board.requests.listing + board.requests.detail - before, extracted };
}

async function main(): Promise<void> {
  const logger = createLogger('warn', { pretty: false });
  const scratch = mkdtempSync(join(tmpdir(), 'adwatch-bench-'));
  let mongod: EmbeddedMongod | undefined;
  const redis = await resolveRedis({
    ...(process.env.REDIS_URL ? { url: process.env.REDIS_URL } : {}),
    dataDir: scratch,
    logger,
  });
  try {
    let mongoUri = process.env.MONGODB_URI;
    if (!mongoUri) {
      mongod = await startEmbeddedMongod({ dbPath: join(scratch, 'mongo'), logger });
      mongoUri = mongod.uri;
    }
    console.log(
      `crawl bench: ${adCount} ads, ${listingPages} listing pages, concurrency ${concurrency}`,
    );
    const adwatchBoard = await startBoard();
    const adwatch = await benchAdwatch(adwatchBoard, mongoUri, redis.url);
    await adwatchBoard.close();
    const crawleeBoard = await startBoard();
    const crawlee = await benchCrawlee(crawleeBoard);
    await crawleeBoard.close();

    const adwatchRate = adwatch.pages / adwatch.seconds;
    const crawleeRate = crawlee.pages / crawlee.seconds;
    console.log(
      `adwatch (fetch + capture + SHA-256 + WARC in MongoDB + extract): ${adwatch.pages} pages in ${adwatch.seconds.toFixed(1)} s = ${adwatchRate.toFixed(0)} pages/s; ${adwatch.stored.ads} ads, ${adwatch.stored.captures} captures, ${adwatch.failed} failed jobs`,
    );
    console.log(
      `crawlee CheerioCrawler (parse only, nothing stored):           ${crawlee.pages} pages in ${crawlee.seconds.toFixed(1)} s = ${crawleeRate.toFixed(0)} pages/s; ${crawlee.extracted} ads read`,
    );
    console.log(`ratio adwatch / crawlee: ${(adwatchRate / crawleeRate).toFixed(2)} (goal ≥ 1.0)`);
    console.log(
      `re-scan of the unchanged board: ${adwatch.rescanRequests} requests (${adwatch.rescanDetail} detail pages) in ${adwatch.rescanSeconds.toFixed(2)} s`,
    );
  } finally {
    await mongod?.stop();
    await redis.embedded?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
