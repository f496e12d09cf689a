// The pipeline's jobs as plain data: queue names, what each job carries, job ids. No BullMQ here;
// the BullMQ queues that carry these jobs are in pipeline.queues.ts.
import { createHash } from 'node:crypto';
import type { ErrorCode } from '../core/index.js';

/** The pipeline's queues, in the order work flows through them. */
export const QueueName = {
  Crawl: 'crawl',
  Extract: 'extract',
  Classify: 'classify',
  /** Campaign linking: one ad at a time across every process (a global concurrency of 1). */
  Link: 'link',
  /** Alert deliveries (one job per alert and channel) and the periodic surge check. */
  Alerts: 'alerts',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];
export const allQueueNames: QueueName[] = [
  QueueName.Crawl,
  QueueName.Extract,
  QueueName.Classify,
  QueueName.Link,
  QueueName.Alerts,
];

/** An ad page to fetch. `firstFetch`: the scan found no stored ad for the URL. */
export interface AdToFetch {
  url: string;
  firstFetch?: boolean;
}

/**
 * A crawl job scans a source's listing pages, fetches a batch of ad pages found by a scan
 * (`crawler.adsPerJob` of them, one after another; `period` is the scan's revisit period), fetches
 * one ad page (a page of a batch that failed, retried on its own), or takes the screenshot of a
 * flagged ad (in Chromium, which the crawl workers run).
 */
export type CrawlJobData =
  | { kind: 'scan'; sourceId: string }
  | { kind: 'ads'; sourceId: string; ads: AdToFetch[]; period: number }
  | ({
      kind: 'ad';
      sourceId: string;
      period?: number;
      /**
       * The page already failed in its batch with this error, which retrying cannot mend (a 404,
       * a PDF, a redirect loop): the job records it as its failure without fetching again.
       */
      failedInBatch?: { code: ErrorCode; message: string };
    } & AdToFetch)
  | { kind: 'screenshot'; adId: string };

export interface ExtractJobData {
  sourceId: string;
  url: string;
  captureId: string;
}

export interface ClassifyJobData {
  adId: string;
  contentHash: string;
}

/** Links a classified ad's text into campaigns (workers/link.processor.ts). */
export interface LinkJobData {
  adId: string;
  contentHash: string;
}

/** An alert job: deliver one alert to one channel, or look for surges of flagged ads. */
export type AlertJobData =
  | { kind: 'deliver'; alertId: string; channel: string }
  | { kind: 'surge' }
  /** The daily retention run (workers/retention.schedule.ts), on this queue of periodic jobs. */
  | { kind: 'retention' };

/** BullMQ job ids may not contain ":"; these are hex digests of the job's content. */
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

export const jobIds = {
  adFetch: (sourceId: string, url: string): string => `ad-${digest(sourceId, url)}`,
  /** One revisit of a known ad per revisit period. */
  adRevisit: (sourceId: string, url: string, period: number): string =>
    `revisit-${digest(sourceId, url)}-${period}`,
  /** A batch of ad pages of one scan: the same listing in the same revisit period, the same job. */
  adBatch: (sourceId: string, urls: string[], period: number): string =>
    `ads-${digest(sourceId, String(period), ...urls)}`,
  /** The job of one ad page on its own: a first fetch, or a revisit in the given period. */
  singleAd: (sourceId: string, ad: AdToFetch, period = 0): string =>
    ad.firstFetch ? jobIds.adFetch(sourceId, ad.url) : jobIds.adRevisit(sourceId, ad.url, period),
  /** The screenshot of a flagged ad showing the page of one capture (its latest then). */
  screenshot: (adId: string, ofCaptureId = ''): string =>
    ofCaptureId ? `screenshot-${adId}-${ofCaptureId}` : `screenshot-${adId}`,
  extract: (sourceId: string, url: string, bodySha256: string): string =>
    `extract-${digest(sourceId, url, bodySha256)}`,
  classify: (adId: string, contentHash: string): string =>
    `classify-${adId}-${contentHash.slice(0, 16)}`,
  link: (adId: string, contentHash: string): string => `link-${adId}-${contentHash.slice(0, 16)}`,
  scanScheduler: (sourceId: string): string => `scan-${sourceId}`,
  /** One delivery of an alert to a channel: the same alert is never sent twice to a channel. */
  alertDelivery: (alertId: string, channel: string): string =>
    `deliver-${alertId}-${digest(channel)}`,
  surgeScheduler: (): string => 'alert-surge-check',
  retentionScheduler: (): string => 'retention-run',
};

/** Parses queue names given on the command line (`--queues crawl,extract`). */
export function parseQueueNames(text: string): QueueName[] | string {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !allQueueNames.includes(name as QueueName));
  if (names.length === 0 || unknown.length > 0) {
    return `unknown queue${unknown.length > 1 ? 's' : ''} "${unknown.join(', ') || text}"; choose from ${allQueueNames.join(', ')}`;
  }
  return [...new Set(names)] as QueueName[];
}
