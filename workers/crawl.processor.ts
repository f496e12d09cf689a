import type { Job } from 'bullmq';
import { type SourceConfig } from '../config/index.js';
import {
  adapterFor,
  ThrottledError,
  type AdReference,
  type FetchedPage,
} from '../crawlers/index.js';
import { sha256Hex, type AdRevisitState } from '../store/index.js';
import { fetchAdPages, storePages } from './ad-batch.steps.js';
import { queueClassification, type SkippedPage } from './extract.processor.js';
import { sourceOf, type ThreadedContext } from './pipeline.context.js';
import { jobIds, type AdToFetch, type CrawlJobData } from './jobs.js';
import { takeScreenshot } from './screenshot.taker.js';
import { describeError, ExternalError } from '../core/index.js';

/**
 * A scan walks a source's listings, captures ads that live on the listing itself (Telegram
 * posts, feed items) and queues the ad pages that are new or due for a revisit, in batches of
 * `crawler.adsPerJob`; an ads job fetches its pages (conditionally when fetched before), stores
 * the captures and extracts them; an ad job does the same for one page that failed in a batch.
 * All are safe to repeat.
 */
export function createCrawlProcessor(context: ThreadedContext) {
  return async (job: Job<CrawlJobData>): Promise<Record<string, unknown>> => {
    const { data } = job;
    if (data.kind === 'screenshot') return takeScreenshot(context, data.adId);
    const source = sourceOf(context, data.sourceId);
    if (data.kind === 'scan') return scan(context, source);
    try {
      if (data.kind === 'ads') {
        return await fetchAdPages(context, source, data.ads, {
          period: data.period,
          onFailure: 'requeue',
        });
      }
      if (data.failedInBatch) {
        const { code, message } = data.failedInBatch;
        throw new ExternalError(code, message, { retryable: false });
      }
      const ad: AdToFetch = { url: data.url, ...(data.firstFetch ? { firstFetch: true } : {}) };
      return await fetchAdPages(context, source, [ad], {
        period: data.period ?? 0,
        onFailure: 'throw',
      });
    } catch (error) {
      if (!(error instanceof ThrottledError)) {
        await context.store.sources.recordError(source.id, describeError(error), new Date());
      }
      throw error;
    }
  };
}

async function scan(
  context: ThreadedContext,
  source: SourceConfig,
): Promise<Record<string, unknown>> {
  const { store, queues, fetchers, logger, clock } = context;
  const startedAt = clock.now();
  await store.sources.recordScanStarted(source.id, startedAt);
  try {
    const revisitMillis = source.revisit.detailEverySecs * 1000;
    const period = revisitMillis > 0 ? Math.floor(startedAt.getTime() / revisitMillis) : 0;
    const isDue = (state: AdRevisitState | undefined) =>
      !state ||
      (revisitMillis > 0 &&
        startedAt.getTime() - (state.fetchState?.lastFetchedAt.getTime() ?? 0) >= revisitMillis);
    // A Chromium render costs far more than the round trips a batch saves: one page a job, so
    // that a browser source's pages still render in parallel.
    const adsPerJob = source.type === 'browser' ? 1 : context.config.crawler.adsPerJob;
    const handled = new Set<string>();
    const tally = { fresh: 0, due: 0, captured: 0, skipped: [] as SkippedPage[] };
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
        const outcome = await captureInline(context, source, ad, states.get(ad.url));
        if (outcome !== 'unchanged') tally.captured += 1;
        if (typeof outcome === 'object') tally.skipped.push(outcome);
      }
      const pages: AdToFetch[] = due
        .filter((ad) => !ad.inline)
        .map((ad) => ({ url: ad.url, ...(states.has(ad.url) ? {} : { firstFetch: true }) }));
      await queues.crawl.addBulk(
        batchesOf(pages, adsPerJob).map((ads) => ({
          name: 'ads',
          data: { kind: 'ads' as const, sourceId: source.id, ads, period },
          opts: {
            jobId: jobIds.adBatch(
              source.id,
              ads.map((ad) => ad.url),
              period,
            ),
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
      listing.complete || listing.covers ? source.revisit.goneAfterMissedScans : 0,
      listing.complete ? undefined : listing.covers,
    );
    await store.sources.recordScanSucceeded(source.id, {
      finishedAt: clock.now(),
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
      // Captured, but without an ad to read (photo-only posts): not errors of the source.
      skipped: tally.skipped,
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

/**
 * Stores an ad captured from its listing, unless it is byte for byte what was stored last; a
 * capture without an ad to read comes back as skipped.
 */
async function captureInline(
  context: ThreadedContext,
  source: SourceConfig,
  ad: AdReference,
  state: AdRevisitState | undefined,
): Promise<'unchanged' | 'captured' | SkippedPage> {
  const page = ad.inline as FetchedPage;
  const sha256 = sha256Hex(page.body);
  if (state?.fetchState?.sha256 === sha256) {
    await context.store.ads.recordUnchanged(source.id, ad.url, {
      lastFetchedAt: page.fetchedAt,
      sha256,
    });
    await queueClassification(context, [{ ...state, changed: false }]);
    return 'unchanged';
  }
  const { skipped } = await storePages(context, source, [
    { page: { ...page, url: ad.url }, kind: 'listing-fragment', sha256 },
  ]);
  return skipped[0] ?? 'captured';
}

function batchesOf<T>(items: T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
