import type { Job } from 'bullmq';
import { describeError, type SourceConfig } from '../config/index.js';
import {
  adapterFor,
  decodeHtml,
  ThrottledError,
  type AdReference,
  type FetchedPage,
} from '../crawlers/index.js';
import {
  sha256Hex,
  type AdFetchState,
  type AdRevisitState,
  type CaptureRecord,
} from '../store/index.js';
import { extractCapture, fetchStateOf } from './extract.processor.js';
import { sourceOf, type PipelineContext } from './pipeline.context.js';
import { jobIds, type CrawlJobData } from './queues.js';
import { takeScreenshot } from './screenshot.processor.js';

/**
 * A scan walks a source's listings, captures ads that live on the listing itself (Telegram
 * posts, feed items) and queues a fetch for every ad page that is new or due for a revisit; an
 * ad job fetches one page (conditionally when it was fetched before), stores the capture and
 * queues its extraction. All are safe to repeat.
 */
export function createCrawlProcessor(context: PipelineContext) {
  return async (job: Job<CrawlJobData>): Promise<Record<string, unknown>> => {
    if (job.data.kind === 'screenshot') return takeScreenshot(context, job.data.adId);
    const source = sourceOf(context, job.data.sourceId);
    if (job.data.kind === 'scan') return scan(context, source);
    return fetchAd(context, source, job.data.url, job.data.firstFetch === true);
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
    const revisitMillis = source.revisit.detailEverySecs * 1000;
    const period = revisitMillis > 0 ? Math.floor(startedAt.getTime() / revisitMillis) : 0;
    const isDue = (state: AdRevisitState | undefined) =>
      !state ||
      (revisitMillis > 0 &&
        startedAt.getTime() - (state.fetchState?.lastFetchedAt.getTime() ?? 0) >= revisitMillis);
    const handled = new Set<string>();
    const tally = { fresh: 0, due: 0, captured: 0 };
    // Called per listing page (and once more at the end), so ad fetches overlap the listing walk.
    const handle = async (refs: AdReference[]) => {
      const batch = refs.filter((ref) => !handled.has(ref.url));
      if (batch.length === 0) return;
      batch.forEach((ref) => handled.add(ref.url));
      const states = await store.ads.revisitStates(
        source.id,
        batch.map((ref) => ref.url),
      );
      const due = batch.filter((ad) => isDue(states.get(ad.url)));
      tally.fresh += batch.filter((ad) => !states.has(ad.url)).length;
      tally.due += due.length;
      for (const ad of due.filter((ref) => ref.inline)) {
        if (await captureInline(context, source, ad, states.get(ad.url))) tally.captured += 1;
      }
      await queues.crawl.addBulk(
        due
          .filter((ad) => !ad.inline)
          .map((ad) => ({
            name: 'ad',
            data: {
              kind: 'ad' as const,
              sourceId: source.id,
              url: ad.url,
              ...(states.has(ad.url) ? {} : { firstFetch: true }),
            },
            opts: {
              jobId: states.has(ad.url)
                ? jobIds.adRevisit(source.id, ad.url, period)
                : jobIds.adFetch(source.id, ad.url),
            },
          })),
      );
    };
    const listing = await adapterFor(source).scan(source, fetchers, handle);
    await handle(listing.ads);
    const urls = listing.ads.map((ad) => ad.url);
    const fresh = tally.fresh;
    const { gone } = await store.ads.recordListing(
      source.id,
      urls,
      startedAt,
      listing.complete ? source.revisit.goneAfterMissedScans : 0,
    );
    await store.sources.recordScanSucceeded(source.id, {
      finishedAt: new Date(),
      adsFound: urls.length,
      newAds: fresh,
      warnings: listing.warnings,
      complete: listing.complete,
    });
    const summary = {
      adsFound: urls.length,
      newAds: fresh,
      revisits: tally.due - fresh,
      capturedFromListing: tally.captured,
      listingPagesFetched: listing.pagesFetched,
      gone,
      warnings: listing.warnings,
    };
    if (listing.warnings.length)
      logger.warn({ source: source.id, warnings: listing.warnings }, 'scan warnings');
    logger.info({ source: source.id, ...summary }, 'scan finished');
    return summary;
  } catch (error) {
    if (!(error instanceof ThrottledError)) {
      await store.sources.recordError(source.id, describeError(error), new Date());
    }
    throw error;
  }
}

/** Stores an ad captured from its listing, unless it is byte for byte what was stored last. */
async function captureInline(
  context: PipelineContext,
  source: SourceConfig,
  ad: AdReference,
  state: AdRevisitState | undefined,
): Promise<boolean> {
  const page = ad.inline as FetchedPage;
  const sha256 = sha256Hex(page.body);
  if (state?.fetchState?.sha256 === sha256) {
    await context.store.ads.recordUnchanged(source.id, ad.url, {
      lastFetchedAt: page.fetchedAt,
      sha256,
    });
    return false;
  }
  await storeCapture(context, source, { ...page, url: ad.url }, 'listing-fragment', sha256);
  return true;
}

async function fetchAd(
  context: PipelineContext,
  source: SourceConfig,
  url: string,
  firstFetch: boolean,
): Promise<Record<string, unknown>> {
  const { store, fetchers } = context;
  try {
    const state = firstFetch
      ? undefined
      : (await store.ads.revisitStates(source.id, [url])).get(url);
    const page = await adapterFor(source).fetchAd(source, url, fetchers, {
      headers: conditionalHeaders(state?.fetchState),
    });
    if (page.status === 304) {
      await store.ads.recordUnchanged(source.id, url, {
        ...state?.fetchState,
        lastFetchedAt: page.fetchedAt,
      });
      return { unchanged: true, status: 304 };
    }
    const sha256 = sha256Hex(page.body);
    if (state?.fetchState?.sha256 === sha256) {
      await store.ads.recordUnchanged(source.id, url, fetchStateOf(page, sha256));
      return { unchanged: true, sha256 };
    }
    const capture = await storeCapture(context, source, page, 'page', sha256);
    return { captureId: capture._id, sha256: capture.sha256 };
  } catch (error) {
    if (!(error instanceof ThrottledError)) {
      await store.sources.recordError(source.id, describeError(error), new Date());
    }
    throw error;
  }
}

/**
 * Inserts the capture (evidence first), then extracts the ad from the page already in memory: one
 * job per ad, no re-read. If extraction fails the capture stays, and an extract job is queued
 * so that the failure is retried, classified and recorded as before.
 */
async function storeCapture(
  context: PipelineContext,
  source: SourceConfig,
  page: FetchedPage,
  kind: 'page' | 'listing-fragment',
  sha256: string,
): Promise<CaptureRecord> {
  const decoded = decodeHtml(page.body, page.contentType, source.fallbackCharset);
  const capture = await context.store.captures.insert(
    {
      sourceId: source.id,
      url: page.url,
      finalUrl: page.finalUrl,
      redirects: page.redirects,
      fetchedAt: page.fetchedAt,
      status: page.status,
      headers: page.headers,
      requestHeaders: page.requestHeaders,
      ...(page.contentType ? { contentType: page.contentType } : {}),
      ...(page.remoteAddress ? { remoteAddress: page.remoteAddress } : {}),
      fetcher: page.fetcher,
      body: page.body,
      ...(page.screenshot ? { screenshot: page.screenshot } : {}),
      ...(page.robots ? { robots: page.robots } : {}),
      charset: decoded.charset,
      charsetSource: decoded.source,
      kind,
    },
    { sha256 },
  );
  try {
    await extractCapture(context, source, page.url, capture, decoded.text);
  } catch {
    await context.queues.extract.add(
      'extract',
      { sourceId: source.id, url: page.url, captureId: capture._id },
      { jobId: jobIds.extract(source.id, page.url, capture.sha256) },
    );
  }
  return capture;
}

function conditionalHeaders(state: AdFetchState | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (state?.etag) headers['if-none-match'] = state.etag;
  if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
  return headers;
}
