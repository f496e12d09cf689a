import { z } from 'zod';
import { minScheduleMillis, parseSchedule } from './schedule.js';
import { alertsSchema } from './alerts.schema.js';
import { retentionSchema } from './retention.schema.js';
import { trustProxySchema } from './trust-proxy.schema.js';
import { requireSecureCookiesOffLoopback } from './secure-cookies.js';

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
  error:
    'must be 1-63 lowercase letters, digits or dashes, starting with a letter or digit (e.g. "list-am-jobs")',
});

const schedule = z.string().transform((text, ctx) => {
  const parsed = parseSchedule(text);
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a cron expression or interval (e.g. "*/5 * * * *" or "every 10 minutes")`,
    });
    return z.NEVER;
  }
  if ('everyMillis' in parsed && parsed.everyMillis < minScheduleMillis) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is more often than every ${minScheduleMillis / 1000} seconds; use a longer interval`,
    });
    return z.NEVER;
  }
  return parsed;
});

/** Default reasons for dismissing a flagged ad (config `dashboard.dismissReasons`). */
export const defaultDismissReasons = [
  'legitimate employer',
  'duplicate',
  'not a job ad',
  'insufficient indicators',
  'outside jurisdiction',
] as const;

/** A signing key's SHA-256 fingerprint as `adwatch keys show` prints it (spaces and colons allowed). */
const keyFingerprint = z
  .string()
  .transform((text) => text.replace(/[\s:]/g, '').toLowerCase())
  .pipe(
    z.string().regex(/^[0-9a-f]{64}$/, {
      error: 'is not a key fingerprint: 64 hex digits, as "adwatch keys show" prints it',
    }),
  );

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** CSS selectors that find an ad's fields on its detail page. */
const detailSelectors = z.strictObject({
  title: z.string().min(1).default('h1'),
  body: z.string().min(1),
  date: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  salary: z.string().min(1).optional(),
  contact: z.string().min(1).optional(),
  employer: z.string().min(1).optional(),
});

/** How often known ads are fetched again, and when a vanished ad counts as taken down. */
const revisitPolicy = z
  .strictObject({
    /** Re-fetch a known ad page (with a conditional request) when its last fetch is this old; 0 = never. */
    detailEverySecs: z.number().int().min(0).default(86_400),
    /** After this many complete scans without the ad on its listings, it is marked gone. 0 = never. */
    goneAfterMissedScans: z.number().int().min(0).max(100).default(2),
  })
  .prefault({});

/** Fields every source type has. */
const sourceCommon = {
  id: sourceId,
  name: z.string().min(1).optional(),
  schedule: schedule.prefault('every 30 minutes'),
  /** Listing pages read per listing URL (or channel) in one scan; stops endless pagination. */
  maxPages: z.number().int().min(1).max(1000).default(20),
  /** Allow fetching from private, loopback and link-local addresses (demo and tests only). */
  allowPrivateNetwork: z.boolean().default(false),
  enabled: z.boolean().default(true),
  revisit: revisitPolicy,
  /** Charset to assume when a page declares none and is not valid UTF-8. */
  fallbackCharset: z.string().min(1).default('windows-1251'),
};

/** Fields of sources described by listing pages and CSS selectors (http, browser). */
const sourceBase = {
  ...sourceCommon,
  listingUrls: z.array(httpUrl).min(1, { error: 'needs at least one listing URL' }),
  /** CSS selector of the links from a listing page to ad pages. */
  adLinkSelector: z.string().min(1),
  detail: detailSelectors,
  /** Read a schema.org JobPosting from the page's JSON-LD where present; selectors fill the gaps. */
  jsonLd: z.boolean().default(false),
};

const pageUrlPattern = z
  .string()
  .refine((text) => text.includes('{page}') && /^https?:\/\//.test(text), {
    error: 'must be an http(s) URL containing {page} (e.g. "https://site.am/jobs?page={page}")',
  });

const httpSource = z.strictObject({
  ...sourceBase,
  type: z.literal('http'),
  /** CSS selector of the "next page" link on a listing page. */
  nextPageSelector: z.string().min(1).optional(),
  /** Listing pages by number instead of "next" links: {page} counts up from firstPage to maxPages. */
  pageUrlPattern: pageUrlPattern.optional(),
  firstPage: z.number().int().min(0).default(1),
});

const browserSource = z.strictObject({
  ...sourceBase,
  type: z.literal('browser'),
  /** Selector that must be present before a listing page is read. */
  listingReadySelector: z.string().min(1).optional(),
  /** Button that loads more ads on the listing page; clicked until it disappears or maxPages. */
  loadMoreSelector: z.string().min(1).optional(),
  /** Scroll to the bottom up to maxPages - 1 times while new ad links keep appearing. */
  infiniteScroll: z.boolean().default(false),
  /** Selector that must be present before a detail page is read (defaults to detail.title). */
  detailReadySelector: z.string().min(1).optional(),
  /** Navigation event to wait for before reading a page. */
  waitUntil: z.enum(['domcontentloaded', 'load', 'networkidle']).default('domcontentloaded'),
  /** Extra settling time after the ready selector appears (animations, late scripts). */
  settleMillis: z.number().int().min(0).max(30_000).default(0),
});

const telegramChannel = z.string().regex(/^[A-Za-z0-9_]{3,64}$/, {
  error: 'must be a public channel name as in t.me/<name> (letters, digits, underscores)',
});

const telegramSource = z.strictObject({
  ...sourceCommon,
  type: z.literal('telegram'),
  /** Public channels, read through their web preview (<baseUrl>/s/<channel>), each post an ad. */
  channels: z.array(telegramChannel).min(1, { error: 'needs at least one channel' }),
  /** Where the web preview lives; tests point this at a fixture server. */
  baseUrl: httpUrl.default('https://t.me'),
  maxPages: z.number().int().min(1).max(1000).default(5),
});

const feedSource = z.strictObject({
  ...sourceCommon,
  type: z.literal('feed'),
  /**
   * RSS 2.0 or Atom feeds. With detail selectors each item's link is fetched as the ad page;
   * without them the item itself (title, description, date) is the ad and its XML the capture.
   */
  feedUrls: z.array(httpUrl).min(1, { error: 'needs at least one feed URL' }),
  detail: detailSelectors.optional(),
  jsonLd: z.boolean().default(false),
});

export const sourceSchema = z.discriminatedUnion(
  'type',
  [httpSource, browserSource, telegramSource, feedSource],
  {
    error:
      'must be "http" (static HTML), "browser" (rendered by JavaScript), "telegram" (public channel) or "feed" (RSS/Atom)',
  },
);

const port = z
  .number({ error: 'must be a port number between 0 and 65535' })
  .int({ error: 'must be a whole port number between 0 and 65535' })
  .min(0, { error: 'must be a port number between 0 and 65535' })
  .max(65535, { error: 'must be a port number between 0 and 65535' });

const concurrency = z.number().int().min(1).max(256);

const hostLimits = z.strictObject({
  /** Requests in flight to one host at once, across all workers. */
  maxConcurrency: z.number().int().min(1).max(256).default(2),
  /** Minimum time between the starts of two requests to one host (robots.txt Crawl-delay may raise it). */
  minDelayMillis: z.number().int().min(0).max(600_000).default(1_000),
});

export const configSchema = z.strictObject({
  /** Where embedded MongoDB and Redis keep their data, and where the runtime file lives. */
  dataDir: z.string().min(1).default('./data'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  redis: z
    .strictObject({
      url: z
        .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
        .optional(),
    })
    .default({}),
  mongo: z
    .strictObject({
      uri: z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, { error: 'must be a mongodb:// or mongodb+srv:// URI' })
        .optional(),
      database: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,60}$/, { error: 'must be 1-60 letters, digits, _ or -' })
        .default('adwatch'),
    })
    .default({ database: 'adwatch' }),
  dashboard: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: port.default(8080),
      /** A session unused for this long ends. */
      sessionIdleMinutes: z.number().int().min(1).max(1_440).default(30),
      /** A session ends this long after login, however active. */
      sessionMaxHours: z.number().int().min(1).max(168).default(12),
      /** Reasons an analyst may pick when dismissing an ad. */
      dismissReasons: z
        .array(z.string().min(1).max(200))
        .min(1)
        .default([...defaultDismissReasons]),
      /** Bearer token for /metrics; /metrics answers 404 while it is unset. */
      metricsToken: z.string().min(16, { error: 'must have at least 16 characters' }).optional(),
      /** Mark the session cookie `Secure` (set when the dashboard is served over https). */
      secureCookies: z.boolean().default(false),
      /**
       * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For gives the client's
       * address; false = none, the socket's address is the client's.
       */
      trustProxy: trustProxySchema,
    })
    .superRefine(requireSecureCookiesOffLoopback)
    .prefault({}),
  queues: z
    .strictObject({
      /**
       * Redis key prefix of every queue. Unset (the default): `adwatch-` and the start of this
       * installation's id, so installations sharing one Redis never meet (workers/installation.ts).
       */
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'must be 1-40 letters, digits, _ or -' })
        .optional(),
      attempts: z.number().int().min(1).max(50).default(5),
      backoffMillis: z.number().int().min(100).max(3_600_000).default(5_000),
      /** A job whose worker stops renewing its lock for this long is handed to another worker. */
      lockDurationMillis: z.number().int().min(1_000).max(600_000).default(30_000),
      /** How often workers look for such stalled jobs. */
      stalledIntervalMillis: z.number().int().min(1_000).max(600_000).default(30_000),
      /**
       * On SIGTERM/SIGINT, how long workers may finish their active jobs; jobs still running then
       * are left to their lock (another worker takes them over). A second signal skips the wait.
       */
      stopGraceMillis: z.number().int().min(0).max(600_000).default(20_000),
      concurrency: z
        .strictObject({
          crawl: concurrency.default(4),
          extract: concurrency.default(8),
          classify: concurrency.default(8),
          alerts: concurrency.default(2),
        })
        .prefault({}),
    })
    .prefault({}),
  crawler: z
    .strictObject({
      /** Product token and contact URL sent to every site (RFC 9309 wants both). */
      userAgent: z.string().min(3).default('adwatch/0.1 (+https://example.org/adwatch-crawler)'),
      /** The token matched against robots.txt groups; defaults to the User-Agent's first word. */
      robotsProductToken: z
        .string()
        .regex(/^[A-Za-z_-]+$/)
        .optional(),
      /** How long a robots.txt answer is trusted (RFC 9309 allows up to 24 hours). */
      robotsCacheSecs: z.number().int().min(60).max(86_400).default(86_400),
      requestTimeoutMillis: z.number().int().min(1_000).max(300_000).default(30_000),
      /** Time allowed until the response headers arrive. */
      firstByteTimeoutMillis: z.number().int().min(500).max(300_000).default(15_000),
      maxBodyBytes: z.number().int().min(1_024).max(100_000_000).default(10_000_000),
      /** Limit on a compressed body once decompressed (guards against zip bombs). */
      maxDecompressedBytes: z.number().int().min(1_024).max(500_000_000).default(30_000_000),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      /**
       * Ad pages fetched by one crawl job, one after another: fewer queue and database round trips
       * per page. A page that fails is queued again as a job of its own, with the normal retries.
       * Browser sources fetch one page a job whatever this says.
       */
      adsPerJob: z.number().int().min(1).max(100).default(10),
      /** Politeness per host, shared by every worker process through Redis. */
      perHost: hostLimits.prefault({}),
      /** Overrides of perHost for particular hosts (e.g. "jobs.example.am": { minDelayMillis: 5000 }). */
      hosts: z.record(z.string().min(1), hostLimits.prefault({})).default({}),
    })
    .prefault({}),
  browser: z
    .strictObject({
      /** Chromium to use; otherwise Playwright's, /usr/bin/chromium, then @sparticuz/chromium. */
      executablePath: z.string().min(1).optional(),
      /**
       * Take a full-page screenshot (in Chromium) of every flagged ad as evidence. Off: no
       * screenshot job is queued (hosts without Chromium, or measuring the pipeline without
       * it); every page's capture (raw bytes, SHA-256, WARC records) is stored all the same.
       */
      screenshots: z.boolean().default(true),
      /**
       * Pages one worker process's Chromium renders at once (ad pages, listings, screenshots);
       * further loads wait for one. Each page's tab stays open for the next load and is cleared
       * in between (cookies, storage, history), which saves Chromium a renderer process a page.
       */
      pages: z.number().int().min(1).max(64).default(4),
    })
    .prefault({}),
  classifier: z
    .strictObject({
      /** Ads scoring at or above this (0-100) are flagged for analysts. */
      flagThreshold: z.number().min(0).max(100).default(60),
      /**
       * Worker threads of each worker process that classify ads and extract them from pages, so
       * that this work never blocks the process's event loop (lock renewals, the dashboard).
       */
      threads: z.number().int().min(1).max(64).default(2),
      /**
       * Longest one ad's classification (or one page's extraction) may run in a thread; the
       * thread is then stopped and replaced and the job fails with ADW_CLASSIFY_TIMEOUT
       * (ADW_EXTRACT_TIMEOUT), without retries.
       */
      timeoutMillis: z.number().int().min(100).max(600_000).default(30_000),
      /**
       * A candidate model may be activated only after a shadow run of at least this many new ads
       * scored next to the active model...
       */
      shadowMinAds: z.number().int().min(0).max(1_000_000).default(200),
      /** ...lasting at least this many hours. */
      shadowMinHours: z.number().min(0).max(2_160).default(24),
    })
    .prefault({}),
  evidence: z
    .strictObject({
      /** PEM file with the Ed25519 key that signs evidence packets; default `<dataDir>/keys/`. */
      signingKeyFile: z.string().min(1).optional(),
      /** RFC 3161 timestamp authority; when set, every packet's manifest is timestamped. */
      timestampAuthorityUrl: httpUrl.optional(),
      /** Fingerprints of other instances' signing keys that `adwatch verify` accepts as authentic. */
      trustedKeys: z.array(keyFingerprint).default([]),
    })
    .prefault({}),
  demo: z
    .strictObject({
      /** Serve the demo job boards and watch them; on by default when no sources are configured. */
      enabled: z.boolean().optional(),
      port: port.default(8090),
      newAdEveryMillis: z.number().int().min(0).default(20_000),
      /** How many of the newest demo ads start unpublished, published one every newAdEveryMillis. */
      heldBackAds: z.number().int().min(0).max(10_000).default(30),
      schedule: schedule.prefault('every 1 minute'),
    })
    .default({
      port: 8090,
      newAdEveryMillis: 20_000,
      heldBackAds: 30,
      schedule: { everyMillis: 60_000 },
    }),
  /** Alert rules and where alerts are delivered (config/alerts.schema.ts). */
  alerts: alertsSchema,
  /** How long ads, captures and personal data are kept (config/retention.schema.ts). */
  retention: retentionSchema,
  sources: z
    .array(sourceSchema)
    .default([])
    .superRefine((sources, ctx) => {
      const seen = new Set<string>();
      sources.forEach((source, index) => {
        if (seen.has(source.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `"${source.id}" is used by more than one source; ids must be unique`,
          });
        }
        seen.add(source.id);
      });
    }),
});

export type AdwatchConfig = z.output<typeof configSchema>;
export type SourceConfig = z.output<typeof sourceSchema>;
export type HttpSourceConfig = Extract<SourceConfig, { type: 'http' }>;
export type BrowserSourceConfig = Extract<SourceConfig, { type: 'browser' }>;
export type TelegramSourceConfig = Extract<SourceConfig, { type: 'telegram' }>;
export type FeedSourceConfig = Extract<SourceConfig, { type: 'feed' }>;
export type CrawlerConfig = AdwatchConfig['crawler'];
export type HostLimits = CrawlerConfig['perHost'];
export type RawConfig = z.input<typeof configSchema>;
