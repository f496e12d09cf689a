import type { Job } from 'bullmq';
import { describeError, InputError, type SourceConfig } from '../config/index.js';
import { fetchAdPage, scanSource } from '../crawlers/index.js';
import type { PipelineContext } from './pipeline.context.js';
import { jobIds, type CrawlJobData } from './queues.js';

/**
 * A scan walks a source's listing pages and queues a fetch for every ad URL not stored yet; an ad
 * job fetches one page, stores the capture and queues its extraction. Both are safe to repeat.
 */
export function createCrawlProcessor(context: PipelineContext) {
  return async (job: Job<CrawlJobData>): Promise<Record<string, unknown>> => {
    const source = sourceOf(context, job.data.sourceId);
    if (job.data.kind === 'scan') return scan(context, source);
    return fetchAd(context, source, job.data.url);
  };
}

async function scan(
  context: PipelineContext,
  source: SourceConfig,
): Promise<Record<string, unknown>> {
  const { store, queues, fetchers, logger } = context;
  const startedAt = new Date();
  await store.sources.recordScanStarted(source.id, startedAt);
  try {
    const { adUrls, listingPagesFetched } = await scanSource(source, fetchers);
    const known = await store.ads.knownUrls(source.id, adUrls);
    const fresh = adUrls.filter((url) => !known.has(url));
    await queues.crawl.addBulk(
      fresh.map((url) => ({
        name: 'ad',
        data: { kind: 'ad' as const, sourceId: source.id, url },
        opts: { jobId: jobIds.adFetch(source.id, url) },
      })),
    );
    await store.sources.recordScanSucceeded(source.id, {
      finishedAt: new Date(),
      adsFound: adUrls.length,
      newAds: fresh.length,
    });
    logger.info(
      { source: source.id, found: adUrls.length, new: fresh.length, listingPagesFetched },
      'scan finished',
    );
    return { adsFound: adUrls.length, newAds: fresh.length, listingPagesFetched };
  } catch (error) {
    await store.sources.recordError(source.id, describeError(error), new Date());
    throw error;
  }
}

async function fetchAd(
  context: PipelineContext,
  source: SourceConfig,
  url: string,
): Promise<Record<string, unknown>> {
  const { store, queues, fetchers } = context;
  try {
    const page = await fetchAdPage(source, url, fetchers);
    const capture = await store.captures.insert({
      sourceId: source.id,
      url,
      finalUrl: page.finalUrl,
      redirects: page.redirects,
      fetchedAt: page.fetchedAt,
      status: page.status,
      headers: page.headers,
      ...(page.contentType ? { contentType: page.contentType } : {}),
      ...(page.remoteAddress ? { remoteAddress: page.remoteAddress } : {}),
      fetcher: page.fetcher,
      body: page.body,
      ...(page.screenshot ? { screenshot: page.screenshot } : {}),
    });
    await queues.extract.add(
      'extract',
      { sourceId: source.id, url, captureId: capture._id },
      { jobId: jobIds.extract(source.id, url, capture.sha256) },
    );
    return { captureId: capture._id, sha256: capture.sha256 };
  } catch (error) {
    await store.sources.recordError(source.id, describeError(error), new Date());
    throw error;
  }
}

/** The configured source a job names; a job for a source no longer configured cannot succeed. */
export function sourceOf(context: PipelineContext, sourceId: string): SourceConfig {
  const source = context.sources.get(sourceId);
  if (!source) {
    throw new InputError(`source "${sourceId}" is not configured any more; the job is dropped`);
  }
  return source;
}
