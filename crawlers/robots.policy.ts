import type { Redis } from 'ioredis';
import robotsParserModule from 'robots-parser';
import type { FetchedPage, RobotsDecision } from './fetch.types.js';
import { ErrorCode } from '../core/index.js';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package is CommonJS (module.exports = function); its typings do not describe that for NodeNext.
const robotsParser = robotsParserModule as unknown as (url: string, robotstxt: string) => Robot;

/** The robots.txt answer for one origin as cached in Redis. */
interface CachedRobots {
  status: number;
  body: string;
  fetchedAt: string;
}

export interface RobotsPolicyOptions {
  prefix: string;
  /** The product token matched against robots.txt user-agent lines. */
  productToken: string;
  cacheSecs: number;
  /** Fetches robots.txt (following redirects); throws when it cannot be reached. */
  fetchRobots(robotsUrl: string, allowPrivateNetwork: boolean): Promise<FetchedPage>;
}

/** Parsed robots.txt are also kept in process for this long, so hot hosts cost no Redis read. */
const memoMillis = 60_000;
/** RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt. */
const maxRobotsChars = 512 * 1024;

/**
 * robots.txt per RFC 9309: 2xx is parsed; 4xx (not 429) means everything is allowed; 5xx, 429 or
 * an unreachable server means nothing is. Answers are cached in Redis for cacheSecs (errors for
 * at most 10 minutes, so a recovered site is crawled again soon).
 */
export class RobotsPolicy {
  private readonly memo = new Map<string, { robot?: Robot; cached: CachedRobots; until: number }>();
  private readonly inflight = new Map<string, Promise<CachedRobots>>();

  constructor(
    private readonly redis: Redis,
    private readonly options: RobotsPolicyOptions,
  ) {}

  async check(url: string, allowPrivateNetwork: boolean): Promise<RobotsDecision> {
    const robotsUrl = new URL('/robots.txt', url).toString();
    const entry = await this.entry(robotsUrl, allowPrivateNetwork);
    const { status } = entry.cached;
    const base = { robotsUrl, status, fetchedAt: new Date(entry.cached.fetchedAt) };
    if (status >= 200 && status < 300 && entry.robot) {
      const token = this.options.productToken;
      const delay = entry.robot.getCrawlDelay(token);
      return {
        ...base,
        allowed: entry.robot.isAllowed(url, token) !== false,
        ...(delay !== undefined ? { crawlDelaySecs: delay } : {}),
      };
    }
    return { ...base, allowed: status >= 400 && status < 500 && status !== 429 };
  }

  private async entry(robotsUrl: string, allowPrivateNetwork: boolean) {
    const memo = this.memo.get(robotsUrl);
    if (memo && memo.until > Date.now()) return memo;
    let cached = await this.read(robotsUrl);
    if (!cached) {
      let pending = this.inflight.get(robotsUrl);
      if (!pending) {
        pending = this.fetch(robotsUrl, allowPrivateNetwork).finally(() =>
          this.inflight.delete(robotsUrl),
        );
        this.inflight.set(robotsUrl, pending);
      }
      cached = await pending;
    }
    const ok = cached.status >= 200 && cached.status < 300;
    const fresh = {
      cached,
      until: Date.now() + memoMillis,
      ...(ok ? { robot: robotsParser(robotsUrl, cached.body) } : {}),
    };
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(robotsUrl, fresh);
    return fresh;
  }

  private async read(robotsUrl: string): Promise<CachedRobots | undefined> {
    const text = await this.redis.get(this.key(robotsUrl));
    return text ? (JSON.parse(text) as CachedRobots) : undefined;
  }

  private async fetch(robotsUrl: string, allowPrivateNetwork: boolean): Promise<CachedRobots> {
    let cached: CachedRobots;
    try {
      const page = await this.options.fetchRobots(robotsUrl, allowPrivateNetwork);
      cached = {
        status: page.status,
        body: page.body.toString('utf8').slice(0, maxRobotsChars),
        fetchedAt: page.fetchedAt.toISOString(),
      };
    } catch (error) {
      // A host we may not reach at all is not "robots.txt unreachable": say what it is.
      if ((error as { code?: string }).code === ErrorCode.FetchPrivateAddress) throw error;
      cached = { status: 0, body: '', fetchedAt: new Date().toISOString() };
    }
    const ok = cached.status >= 200 && cached.status < 500 && cached.status !== 429;
    const ttl = ok ? this.options.cacheSecs : Math.min(this.options.cacheSecs, 600);
    await this.redis.set(this.key(robotsUrl), JSON.stringify(cached), 'EX', ttl);
    return cached;
  }

  private key(robotsUrl: string): string {
    return `${this.options.prefix}:robots:${robotsUrl}`;
  }
}
