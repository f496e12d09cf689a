import type { Job } from 'bullmq';
import { type SourceConfig } from '../config/index.js';
import { decodeHtml, SkippedPageError } from '../crawlers/index.js';
import type { FetchedPage } from '../crawlers/index.js';
import type {
  AdFetchState,
  CaptureRecord,
  SaveExtractedAdInput,
  SaveExtractedAdResult,
} from '../store/index.js';
import { sourceOf, type PipelineContext, type ThreadedContext } from './pipeline.context.js';
import { jobIds, type ExtractJobData } from './jobs.js';
import { describeError, ErrorCode, ExternalError, type ExtractedAd } from '../core/index.js';

/**
 * Reads a stored capture, extracts the ad, upserts it, and queues classification if it changed.
 * Crawl jobs extract what they capture themselves ({@link extractCaptures}); this queue is for
 * re-extraction and for captures whose extraction failed in the crawl job. A page that holds no
 * ad (SkippedPageError) completes the job with the reason; any other failure is recorded on the
 * source.
 */
export function createExtractProcessor(context: ThreadedContext) {
  return async (job: Job<ExtractJobData>): Promise<Record<string, unknown>> => {
    const { store } = context;
    const source = sourceOf(context, job.data.sourceId);
    const capture = await store.captures.findById(job.data.captureId);
    if (!capture) {
      throw new ExternalError(
        ErrorCode.NotFound,
        `capture ${job.data.captureId} is missing from the store`,
        { retryable: false },
      );
    }
    const body = await store.captures.body(capture);
    try {
      const { text } = decodeHtml(body, capture.contentType, source.fallbackCharset);
      return await extractCapture(context, source, job.data.url, capture, text);
    } catch (error) {
      if (error instanceof SkippedPageError) {
        return { skipped: true, reason: error.reason, captureId: capture._id };
      }
      await store.sources.recordError(source.id, describeError(error), new Date());
      throw error;
    }
  };
}

/**
 * Extracts the ad from a capture's decoded text (in a worker thread, within the time limit),
 * saves it and queues its classification.
 */
async function extractCapture(
  context: ThreadedContext,
  source: SourceConfig,
  url: string,
  capture: CaptureRecord,
  text: string,
): Promise<Record<string, unknown>> {
  const ad = await context.threads.extract(source, text, capture.finalUrl);
  const saved = await context.store.ads.saveExtracted(saveInputOf(source, url, capture, ad));
  await queueClassification(context, [saved]);
  return { adId: saved.adId, created: saved.created, changed: saved.changed };
}

/** A capture whose ad is to be read, with the page's decoded text. */
export interface CaptureToExtract {
  url: string;
  capture: CaptureRecord;
  text: string;
}

/** A captured page without an ad to read, and why. */
export interface SkippedPage {
  url: string;
  captureId: string;
  reason: string;
}

/**
 * extractCapture for several captures (a batch of ad pages): the ads are saved in one write and
 * their classifications queued in one call. Returns the captures whose ad could not be read
 * (failed) and those that hold none (skipped).
 */
export async function extractCaptures(
  context: ThreadedContext,
  source: SourceConfig,
  items: CaptureToExtract[],
): Promise<{ failed: CaptureToExtract[]; skipped: SkippedPage[] }> {
  const inputs: SaveExtractedAdInput[] = [];
  const failed: CaptureToExtract[] = [];
  const skipped: SkippedPage[] = [];
  const outcomes = await Promise.allSettled(
    items.map((item) => context.threads.extract(source, item.text, item.capture.finalUrl)),
  );
  for (const [i, outcome] of outcomes.entries()) {
    const item = items[i];
    if (outcome.status === 'fulfilled') {
      inputs.push(saveInputOf(source, item.url, item.capture, outcome.value));
    } else if (outcome.reason instanceof SkippedPageError) {
      skipped.push({ url: item.url, captureId: item.capture._id, reason: outcome.reason.reason });
    } else {
      failed.push(item);
    }
  }
  await queueClassification(context, await context.store.ads.saveExtractedMany(inputs));
  return { failed, skipped };
}

function saveInputOf(
  source: SourceConfig,
  url: string,
  capture: CaptureRecord,
  ad: ExtractedAd,
): SaveExtractedAdInput {
  return {
    sourceId: source.id,
    url,
    ad,
    captureId: capture._id,
    seenAt: capture.fetchedAt,
    // A fragment of a listing carries the listing's validators, which say nothing about the ad.
    fetchState: fetchStateOf(capture, capture.sha256, capture.kind !== 'listing-fragment'),
  };
}

/**
 * Ads whose text is new or changed are (re)classified, and so are unchanged ads whose
 * classification never got stored: a worker killed between saving an ad and queueing its
 * classification leaves one, and the job that runs again finds the text unchanged. The job id
 * is the text's, so a classification already queued is not queued twice.
 */
export async function queueClassification(
  context: PipelineContext,
  saved: Array<Pick<SaveExtractedAdResult, 'adId' | 'contentHash' | 'changed' | 'classified'>>,
): Promise<void> {
  const due = saved.filter((s) => s.changed || !s.classified);
  if (due.length === 0) return;
  await context.queues.classify.addBulk(
    due.map(({ adId, contentHash }) => ({
      name: 'classify',
      data: { adId, contentHash },
      opts: { jobId: jobIds.classify(adId, contentHash) },
    })),
  );
}

/** Validators and hash of a fetched page, as the ad keeps them for its next revisit. */
export function fetchStateOf(
  page: Pick<FetchedPage, 'fetchedAt' | 'headers'>,
  sha256: string,
  withValidators = true,
): AdFetchState {
  return {
    lastFetchedAt: page.fetchedAt,
    sha256,
    ...(withValidators && page.headers.etag ? { etag: page.headers.etag } : {}),
    ...(withValidators && page.headers['last-modified']
      ? { lastModified: page.headers['last-modified'] }
      : {}),
  };
}
