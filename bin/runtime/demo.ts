import {
  sourceSchema,
  type AdwatchConfig,
  type CrawlerConfig,
  type SourceConfig,
} from '../../config/index.js';
import { startDemoBoards, TELEGRAM_CHANNEL, type DemoBoards } from '../../demo/index.js';
import { ErrorCode, ExternalError } from '../../core/index.js';

/** Detail-page selectors shared by both demo boards. */
const demoDetail = {
  title: 'article.ad .ad-title',
  body: 'article.ad .ad-body',
  date: 'article.ad time.ad-date',
  location: 'article.ad .ad-location',
  salary: 'article.ad .ad-salary',
  contact: 'article.ad .ad-contact',
  employer: 'article.ad .ad-employer',
};

/** The sources that watch the demo boards served at origin. */
export function demoSources(origin: string, config: AdwatchConfig): SourceConfig[] {
  const schedule =
    'everyMillis' in config.demo.schedule
      ? `every ${config.demo.schedule.everyMillis / 1000} seconds`
      : config.demo.schedule.cron;
  return [
    sourceSchema.parse({
      id: 'demo-classifieds',
      name: 'Demo classifieds (static HTML)',
      type: 'http',
      listingUrls: [`${origin}/classifieds/`],
      adLinkSelector: 'ul.ads a.ad-link',
      nextPageSelector: 'a.next[rel="next"]',
      maxPages: 50,
      detail: demoDetail,
      schedule,
      allowPrivateNetwork: true,
    }),
    sourceSchema.parse({
      id: 'demo-jobs',
      name: 'Demo jobs board (rendered by JavaScript)',
      type: 'browser',
      listingUrls: [`${origin}/jobs/`],
      adLinkSelector: 'a.ad-link',
      loadMoreSelector: 'button.load-more',
      maxPages: 50,
      detail: demoDetail,
      detailReadySelector: 'article.ad .ad-title',
      schedule,
      allowPrivateNetwork: true,
    }),
    sourceSchema.parse({
      id: 'demo-telegram',
      name: 'Demo Telegram channel (web preview)',
      type: 'telegram',
      baseUrl: `${origin}/t`,
      channels: [TELEGRAM_CHANNEL],
      maxPages: 5,
      schedule,
      allowPrivateNetwork: true,
    }),
    sourceSchema.parse({
      id: 'demo-feed',
      name: 'Demo RSS job feed',
      type: 'feed',
      feedUrls: [`${origin}/feed.xml`],
      detail: demoDetail,
      schedule,
      allowPrivateNetwork: true,
    }),
  ];
}

/**
 * The demo boards run on this machine and are ours: the per-host limits are relaxed for them so
 * `npm start` fills the dashboard in seconds (unless the configuration sets limits for the host).
 */
export function demoCrawlerConfig(config: AdwatchConfig): CrawlerConfig {
  const relaxed = { maxConcurrency: 8, minDelayMillis: 20 };
  return {
    ...config.crawler,
    hosts: { '127.0.0.1': relaxed, localhost: relaxed, ...config.crawler.hosts },
  };
}

/** Whether this configuration runs the demo: explicitly, or by default when no source is set. */
export function isDemo(config: AdwatchConfig): boolean {
  return config.demo.enabled ?? config.sources.length === 0;
}

/** Starts the demo boards; a port already in use is a clear error naming the setting to change. */
export async function startDemo(config: AdwatchConfig): Promise<DemoBoards> {
  try {
    return await startDemoBoards({
      port: config.demo.port,
      newAdEveryMillis: config.demo.newAdEveryMillis,
      initialHeldBack: config.demo.heldBackAds,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new ExternalError(
      ErrorCode.PortInUse,
      `port ${config.demo.port} on 127.0.0.1 is already in use, so the demo job boards cannot listen there; stop what uses it or set ADWATCH_DEMO_PORT (demo.port) to another port`,
      { retryable: false, cause: error },
    );
  }
}
