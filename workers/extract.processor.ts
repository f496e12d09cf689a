import type { Job } from 'bullmq';
import { describeError, ErrorCode, ExternalError } from '../config/index.js';
import { adapterFor, decodeHtml } from '../crawlers/index.js';
import { fetchStateOf } from './crawl.processor.js';
import { sourceOf, type PipelineContext } from './pipeline.context.js';
import { jobIds, type ExtractJobData } from './queues.js';

/** Reads a stored capture, extracts the ad, upserts it, and queues classification if it changed. */
export function createExtractProcessor(context: PipelineContext) {
  return async (job: Job<ExtractJobData>): Promise<Record<string, unknown>> => {
    const { store, queues } = context;
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
    let ad;
    try {
      const { text } = decodeHtml(body, capture.contentType, source.fallbackCharset);
      ad = adapterFor(source).extract(source, text, capture.finalUrl);
    } catch (error) {
      await store.sources.recordError(source.id, describeError(error), new Date());
      throw error;
    }
    const saved = await store.ads.saveExtracted({
      sourceId: source.id,
      url: job.data.url,
      ad,
      captureId: capture._id,
      seenAt: capture.fetchedAt,
      // A fragment of a listing carries the listing's validators, which say nothing about the ad.
      fetchState: fetchStateOf(capture, capture.sha256, capture.kind !== 'listing-fragment'),
    });
    if (saved.changed) {
      await queues.classify.add(
        'classify',
        { adId: saved.adId, contentHash: saved.contentHash },
        { jobId: jobIds.classify(saved.adId, saved.contentHash) },
      );
    }
    return { adId: saved.adId, created: saved.created, changed: saved.changed };
  };
}
