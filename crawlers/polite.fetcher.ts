import type { Redis } from 'ioredis';
import { type CrawlerConfig } from '../config/index.js';
import { BrowserFetcher } from './browser.fetcher.js';
import type { FetchedPage, RobotsDecision } from './fetch.types.js';
import { HostLimiter, type LeaseChain, type SlotAttempt } from './host.limiter.js';
import { fetchHttp } from './http.fetcher.js';
import { RobotsPolicy } from './robots.policy.js';
import { privateAllowedFor } from './ssrf.guard.js';
import { ErrorCode, ExternalError } from '../core/index.js';

/** A site asked us to slow down (429/503); the job should run again after retryAfterMillis. */
export class ThrottledError extends ExternalError {
  constructor(
    message: string,
    readonly retryAfterMillis: number,
  ) {
    super(ErrorCode.FetchThrottled, message, { retryable: true });
  }
}

/** Which private addresses a source's fetches may reach (see privateAllowedFor). */
export interface NetworkAccess {
  allowPrivateNetwork: boolean;
  /** The source's own hosts (`host:port`), the only ones that may be private. */
  privateHosts?: readonly string[];
}

export interface PoliteRequest extends NetworkAccess {
  /** Conditional-request headers (If-None-Match, If-Modified-Since). */
  headers?: Record<string, string>;
  /** For pages fetched one after another: hand each host slot over to the next request. */
  chain?: LeaseChain;
}

/** How pages are fetched: politely over HTTP, or in Chromium, always within robots and host limits. */
export interface Fetchers {
  /** GET with robots.txt, the host's limits and 429/503 handling; the robots decision is attached. */
  http(url: string, request: PoliteRequest): Promise<FetchedPage>;
  /** Runs any other fetch of url (a browser render) under the same robots check and host limits. */
  polite<T>(
    url: string,
    network: NetworkAccess,
    work: () => Promise<T>,
  ): Promise<{ value: T; robots: RobotsDecision }>;
  browser: BrowserFetcher;
  /** A lease chain for fetching several pages one after another; release it when done. */
  chain(): LeaseChain;
}

export interface FetchersOptions {
  crawler: CrawlerConfig;
  /** Redis key prefix shared by the processes of one deployment (the queue prefix). */
  prefix: string;
  browserExecutablePath?: string;
  /** Pages Chromium renders at once (`browser.pages`; default 4). */
  browserPages?: number;
  /** Told of every try to take a host's slot (see HostLimiter). */
  onHostSlot?: (attempt: SlotAttempt) => void;
}

const defaultRetryAfterMillis = 60_000;
const maxRetryAfterMillis = 3_600_000;

/** Builds the fetchers of one process; limits and robots answers are shared through Redis. */
export function createFetchers(redis: Redis, options: FetchersOptions): Fetchers {
  const { crawler } = options;
  const httpOptions = {
    userAgent: crawler.userAgent,
    timeoutMillis: crawler.requestTimeoutMillis,
    firstByteTimeoutMillis: crawler.firstByteTimeoutMillis,
    maxBodyBytes: crawler.maxBodyBytes,
    maxDecompressedBytes: crawler.maxDecompressedBytes,
    maxRedirects: crawler.maxRedirects,
  };
  const limiter = new HostLimiter(redis, {
    prefix: options.prefix,
    limitsFor: (host) => crawler.hosts[host] ?? crawler.perHost,
    leaseMillis: crawler.requestTimeoutMillis * 2 + 5_000,
    ...(options.onHostSlot ? { onAcquire: options.onHostSlot } : {}),
  });
  const robots = new RobotsPolicy(redis, {
    prefix: options.prefix,
    productToken: crawler.robotsProductToken ?? productTokenOf(crawler.userAgent),
    cacheSecs: crawler.robotsCacheSecs,
    fetchRobots: (robotsUrl, allowPrivateNetwork) =>
      limiter.run(robotsUrl, () => fetchHttp(robotsUrl, { ...httpOptions, allowPrivateNetwork })),
  });
  const browser = new BrowserFetcher({
    ...(options.browserExecutablePath ? { executablePath: options.browserExecutablePath } : {}),
    userAgent: crawler.userAgent,
    timeoutMillis: crawler.requestTimeoutMillis,
    maxPages: options.browserPages ?? 4,
  });

  const polite = async <T>(
    url: string,
    network: NetworkAccess,
    work: () => Promise<T>,
    chain?: LeaseChain,
  ): Promise<{ value: T; robots: RobotsDecision }> => {
    const allowPrivate = privateAllowedFor(url, network.allowPrivateNetwork, network.privateHosts);
    const decision = await robots.check(url, allowPrivate);
    if (!decision.allowed) {
      throw new ExternalError(
        ErrorCode.FetchRobotsDisallowed,
        `${url}: ${decision.status >= 200 && decision.status < 300 ? 'disallowed by' : `not fetched, since ${decision.status ? `HTTP ${decision.status} answered` : 'nothing answered'} for`} ${decision.robotsUrl}`,
        { retryable: false },
      );
    }
    const value = await limiter.run(url, work, decision.crawlDelaySecs, chain);
    return { value, robots: decision };
  };

  return {
    polite: (url, network, work) => polite(url, network, work),
    browser,
    chain: () => limiter.chain(),
    http: async (url, request) => {
      const { value: page, robots: decision } = await polite(
        url,
        request,
        () =>
          fetchHttp(url, {
            ...httpOptions,
            allowPrivateNetwork: request.allowPrivateNetwork,
            ...(request.privateHosts ? { privateHosts: request.privateHosts } : {}),
            ...(request.headers ? { headers: request.headers } : {}),
          }),
        request.chain,
      );
      if (page.status === 429 || page.status === 503) {
        const delay = retryAfterMillis(page.headers['retry-after']);
        await limiter.pushBack(page.finalUrl, delay);
        throw new ThrottledError(
          `${page.finalUrl}: HTTP ${page.status}; the site asked to wait ${Math.round(delay / 1000)} s`,
          delay,
        );
      }
      return { ...page, robots: decision };
    },
  };
}

/** Retry-After as delay-seconds or an HTTP date; a missing or odd value means one minute. */
export function retryAfterMillis(header: string | undefined, now = Date.now()): number {
  if (!header) return defaultRetryAfterMillis;
  const seconds = /^\s*(\d+)\s*$/.exec(header)?.[1];
  const millis = seconds ? Number(seconds) * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(millis)) return defaultRetryAfterMillis;
  return Math.min(Math.max(millis, 0), maxRetryAfterMillis);
}

/** "adwatch/0.1 (+https://…)" → "adwatch". */
export function productTokenOf(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent)?.[0] ?? 'adwatch';
}
