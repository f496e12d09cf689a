import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { startInstance, type Instance } from '../../bin/runtime/instance.js';
import type { AdwatchConfig, SourceConfig } from '../../config/index.js';
import { BrowserFetcher, createFetchers, type Fetchers } from '../../crawlers/index.js';
import { createRedisConnection } from '../../workers/index.js';
import { must, obliterateQueues, silentLogger, type TestConfig } from '../helpers/services.js';
import { findChromium, type Clock } from '../../core/index.js';

export type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => unknown;

/** One request the fixture site answered. */
export interface SeenRequest {
  path: string;
  startedAt: number;
  headers: IncomingMessage['headers'];
}

/** A local site on 127.0.0.1 (port 0) whose routes a test sets, counting what it was asked. */
export interface FixtureSite {
  origin: string;
  requests: SeenRequest[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  route(path: string, handler: Handler): void;
  /** Requests whose path starts with prefix. */
  count(prefix: string): number;
  close(): Promise<void>;
}

export async function startFixtureSite(routes: Record<string, Handler> = {}): Promise<FixtureSite> {
  const table = new Map(Object.entries(routes));
  const sockets = new Set<Socket>();
  let inFlight = 0;
  const site: FixtureSite = {
    origin: '',
    requests: [],
    maxInFlight: 0,
    route: (path, handler) => void table.set(path, handler),
    count: (prefix) => site.requests.filter((r) => r.path.startsWith(prefix)).length,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixture');
    site.requests.push({
      path: url.pathname + url.search,
      startedAt: Date.now(),
      headers: request.headers,
    });
    inFlight += 1;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    response.once('close', () => (inFlight -= 1));
    const handler = table.get(url.pathname) ?? table.get('*');
    if (!handler) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    void Promise.resolve(handler(request, response, url)).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return site;
}

/** Answers with HTML (UTF-8 unless a content type is given). */
export function html(
  body: string | Buffer,
  headers: Record<string, string> = {},
  status = 200,
): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    response.end(body);
  };
}

/** A detail page in the markup the test sources read. */
export function adPage(title: string, body: string, extraHead = ''): string {
  return `<!doctype html><html><head><title>${title}</title>${extraHead}</head><body>
<article class="ad"><h1 class="title">${title}</h1><div class="body"><p>${body}</p></div></article></body></html>`;
}

/** A listing page linking to the given ad paths. */
export function listingPage(adPaths: string[], next?: string): string {
  return `<!doctype html><html><body><ul>${adPaths
    .map((path) => `<li><a class="ad" href="${path}">${path}</a></li>`)
    .join('')}</ul>${next ? `<a class="next" href="${next}">next</a>` : ''}</body></html>`;
}

/** A source description for the fixture site's markup. */
export function fixtureSource(origin: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'fixture',
    type: 'http' as const,
    listingUrls: [`${origin}/list`],
    adLinkSelector: 'a.ad',
    nextPageSelector: 'a.next',
    detail: { title: 'h1.title', body: 'div.body' },
    allowPrivateNetwork: true,
    schedule: 'every 1 hour',
    ...extra,
  };
}

/** A catch-all route: an ad page titled "Job <path>" for every path under prefix, 404 elsewhere. */
export function adPagesUnder(prefix: string): Handler {
  return (_request, response, url) =>
    url.pathname.startsWith(prefix)
      ? response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(adPage(`Job ${url.pathname}`, 'Work.'))
      : response.writeHead(404).end();
}

/** A Chromium fetcher of its own, rendering at most maxPages pages at once. */
export async function testBrowser(maxPages: number): Promise<BrowserFetcher> {
  return new BrowserFetcher({
    executablePath: await findChromium(),
    userAgent: 'adwatch-test/1.0',
    timeoutMillis: 15_000,
    maxPages,
  });
}

/** Fetchers on the test Redis under config's queue prefix, and how to put them away. */
export interface TestFetchers {
  redis: Redis;
  fetchers: Fetchers;
  /** Closes Chromium and the connection, and removes the keys under the prefix. */
  close(): Promise<void>;
}

export function testFetchers(config: TestConfig): TestFetchers {
  const redis = createRedisConnection(must(config.redis.url, 'redis url'));
  const fetchers = createFetchers(redis, { crawler: config.crawler, prefix: config.queues.prefix });
  return {
    redis,
    fetchers,
    async close() {
      await fetchers.browser.close();
      const keys = await redis.keys(`${config.queues.prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** An instance running the whole pipeline's workers (no scheduler, no dashboard) for sources. */
export function startPipeline(
  config: AdwatchConfig,
  sources: SourceConfig[],
  clock?: Clock,
): Promise<Instance> {
  return startInstance({
    ...(clock ? { clock } : {}),
    config,
    logger: silentLogger,
    roles: {
      workers: ['crawl', 'extract', 'classify', 'link', 'alerts'],
      scheduler: false,
      dashboard: false,
    },
    ownServices: false,
    sources,
  });
}

/** Stops a startPipeline instance, removing its queues and database, then closes the site. */
export async function stopPipeline(
  instance: Instance | undefined,
  site: FixtureSite | undefined,
): Promise<void> {
  if (instance) await obliterateQueues(instance.queues);
  await instance?.store.dropDatabase();
  await instance?.stop();
  await site?.close();
}
