import { sourceSchema, type AdwatchConfig, type SourceConfig } from '../../config/index.js';
import { startDemoBoards, type DemoBoards } from '../../test/fixtures/demo-boards/index.js';

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
  ];
}

/** Whether this configuration runs the demo: explicitly, or by default when no source is set. */
export function isDemo(config: AdwatchConfig): boolean {
  return config.demo.enabled ?? config.sources.length === 0;
}

export async function startDemo(config: AdwatchConfig): Promise<DemoBoards> {
  return startDemoBoards({
    port: config.demo.port,
    newAdEveryMillis: config.demo.newAdEveryMillis,
  });
}
