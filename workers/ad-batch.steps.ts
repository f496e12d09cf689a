// The steps of a crawl job's batch of ad pages — fetch them, store them — used by the crawl
// processor (crawl.processor.ts); not a BullMQ processor itself.
import { type SourceConfig } from '../config/index.js';
import {
  adapterFor,
  decodeHtml,
  ThrottledError,
  type DecodedPage,
  type FetchedPage,
} from '../crawlers/index.js';
import {
  sha256Hex,
  type AdFetchState,
  type AdRevisitState,
  type CaptureRecord,
  type NewCapture,
} from '../store/index.js';
import {
  extractCaptures,
  fetchStateOf,
  queueClassification,
  type SkippedPage,
} from './extract.processor.js';
import type { PipelineContext, ThreadedContext } from './pipeline.context.js';
import { withBlockedNavigations } from './screenshot.taker.js';
import { jobIds, type AdToFetch } from './jobs.js';
import { AdwatchError, describeError } from '../core/index.js';

/** What a batch of ad pages came to; the crawl job's return value. */
export interface AdBatchResult extends Record<string, unknown> {
  captured: number;
  unchanged: number;
  /** Pages that failed and were queued again as jobs of their own. */
  requeued: number;
}

/** A fetched page to be stored as a capture (an ad page, or an ad read from its listing). */
export interface PageToStore {
  page: FetchedPage;
  kind: 'page' | 'listing-fragment';
  /** Hex SHA-256 of page.body, computed once by the caller. */
  sha256: string;
}

/**
 * Fetches ad pages one after another (conditionally when the ad is stored already), each page's
 * host slot handed over to the next request, then stores the new captures in one write and
 * extracts them. `onFailure: 'requeue'` (a batch job): a page that fails is queued again as a job
 * of its own, so the others are kept and retries stay per page; after a 429/503 the pages not yet
 * fetched are queued too, delayed as the site asked. `'throw'` (a one-page job): the error fails
 * the job, under the worker's retry policy.
 */
export async function fetchAdPages(
  context: ThreadedContext,
  source: SourceConfig,
  ads: AdToFetch[],
  options: { period: number; onFailure: 'requeue' | 'throw' },
): Promise<AdBatchResult> {
  const { store, fetchers } = context;
  // Also for first fetches: a job that runs twice then revisits instead of capturing again.
  const states = await store.ads.revisitStates(
    source.id,
    ads.map((ad) => ad.url),
  );
  const toStore: PageToStore[] = [];
  const fetched: AdToFetch[] = [];
  const failures: Array<{ ad: AdToFetch; error: unknown }> = [];
  let unchanged = 0;
  const unclassified: AdRevisitState[] = [];
  const chain = fetchers.chain();
  try {
    for (const [index, ad] of ads.entries()) {
      const fetchState = states.get(ad.url)?.fetchState;
      try {
        const page = await adapterFor(source).fetchAd(source, ad.url, fetchers, {
          headers: conditionalHeaders(fetchState),
          chain,
        });
        const sha256 = page.status === 304 ? undefined : sha256Hex(page.body);
        if (!sha256 || fetchState?.sha256 === sha256) {
          const observed = sha256
            ? fetchStateOf(page, sha256)
            : { ...fetchState, lastFetchedAt: page.fetchedAt };
          await store.ads.recordUnchanged(source.id, ad.url, observed);
          unchanged += 1;
          const state = states.get(ad.url);
          if (state && !state.classified) unclassified.push(state);
          continue;
        }
        toStore.push({ page, kind: 'page', sha256 });
        fetched.push(ad);
      } catch (error) {
        if (options.onFailure === 'throw') throw error;
        failures.push({ ad, error });
        if (error instanceof ThrottledError) {
          ads.slice(index + 1).forEach((rest) => failures.push({ ad: rest, error }));
          break;
        }
      }
    }
  } finally {
    await chain.release();
  }
  let captured = toStore.length;
  try {
    await storePages(context, source, toStore);
  } catch (error) {
    if (options.onFailure === 'throw') throw error;
    // The batch's captures are written together: one that cannot be stored (a large body whose
    // GridFS write is refused) would fail them all, batch after batch. Each page is queued again
    // as a job of its own instead, so the others are stored and the error is that page's.
    fetched.forEach((ad) => failures.push({ ad, error }));
    captured = 0;
  }
  await queueClassification(
    context,
    unclassified.map((state) => ({ ...state, changed: false })),
  );
  await requeue(context, source.id, options.period, failures);
  return { captured, unchanged, requeued: failures.length };
}

/**
 * Inserts the captures (evidence first, one write), then extracts the ads from the pages already
 * in memory. If extraction fails for a page, or saving the ads fails, its capture stays and an
 * extract job is queued, so that the failure is retried, classified and recorded as before. Pages
 * that hold no ad (a photo-only post) keep their capture and are returned as skipped.
 */
export async function storePages(
  context: ThreadedContext,
  source: SourceConfig,
  pages: PageToStore[],
): Promise<{ captures: CaptureRecord[]; skipped: SkippedPage[] }> {
  if (pages.length === 0) return { captures: [], skipped: [] };
  const decoded = pages.map(({ page }) =>
    decodeHtml(page.body, page.contentType, source.fallbackCharset),
  );
  const captures = await context.store.captures.insertMany(
    pages.map((item, i) => ({
      capture: captureOf(source, item, decoded[i]),
      known: { sha256: item.sha256 },
    })),
  );
  const items = captures.map((capture, i) => ({
    url: pages[i].page.url,
    capture,
    text: decoded[i].text,
  }));
  let failed: typeof items;
  let skipped: SkippedPage[] = [];
  try {
    ({ failed, skipped } = await extractCaptures(context, source, items));
  } catch (error) {
    // The captures are stored; extract jobs read them again and retry under the normal policy.
    context.logger.warn(
      { source: source.id, pages: items.length },
      `saving the batch's ads failed, queued for extraction: ${describeError(error)}`,
    );
    failed = items;
  }
  await context.queues.extract.addBulk(
    failed.map(({ url, capture }) => ({
      name: 'extract',
      data: { sourceId: source.id, url, captureId: capture._id },
      opts: { jobId: jobIds.extract(source.id, url, capture.sha256) },
    })),
  );
  if (skipped.length > 0) {
    context.logger.info({ source: source.id, skipped }, 'pages without an ad skipped');
  }
  return { captures, skipped };
}

function captureOf(source: SourceConfig, item: PageToStore, decoded: DecodedPage): NewCapture {
  const { page } = item;
  return withBlockedNavigations(
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
      ...(page.transmittedBody ? { transmittedBody: page.transmittedBody } : {}),
      ...(page.screenshot ? { screenshot: page.screenshot } : {}),
      ...(page.robots ? { robots: page.robots } : {}),
      charset: decoded.charset,
      charsetSource: decoded.source,
      kind: item.kind,
    },
    page.blockedNavigations,
  );
}

/**
 * Queues each failed page as a job of its own: after the site's Retry-After, else one backoff. A
 * page whose error retrying cannot mend is not fetched again: its job records that error.
 */
async function requeue(
  context: PipelineContext,
  sourceId: string,
  period: number,
  failures: Array<{ ad: AdToFetch; error: unknown }>,
): Promise<void> {
  if (failures.length === 0) return;
  await context.queues.crawl.addBulk(
    failures.map(({ ad, error }) => {
      const final = error instanceof AdwatchError && !error.retryable;
      return {
        name: 'ad',
        data: {
          kind: 'ad' as const,
          sourceId,
          period,
          ...ad,
          ...(final ? { failedInBatch: { code: error.code, message: error.message } } : {}),
        },
        opts: {
          jobId: jobIds.singleAd(sourceId, ad, period),
          delay: final
            ? 0
            : error instanceof ThrottledError
              ? error.retryAfterMillis
              : context.config.queues.backoffMillis,
        },
      };
    }),
  );
}

function conditionalHeaders(state: AdFetchState | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (state?.etag) headers['if-none-match'] = state.etag;
  if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
  return headers;
}
