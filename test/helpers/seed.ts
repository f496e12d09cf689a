import type {
  NewCapture,
  SaveExtractedAdResult,
  Store,
  StoredClassification,
} from '../../store/index.js';
import type { ExtractedAd } from '../../core/index.js';

/** What a test ad's page and text are: the capture's fields can be overridden. */
export interface CapturedAdInput {
  sourceId: string;
  url: string;
  /** The page's HTML, stored as the capture's body. */
  html: string;
  seenAt: Date;
  ad: ExtractedAd;
  /** Capture fields that differ from a plain 200 HTML page fetched over HTTP. */
  capture?: Partial<NewCapture>;
}

/**
 * Stores a page capture and the ad extracted from it, as the crawl step does (no classification):
 * the ad id, content hash, and the capture's id.
 */
export async function storeCapturedAd(
  store: Store,
  input: CapturedAdInput,
): Promise<SaveExtractedAdResult & { captureId: string }> {
  const capture = await store.captures.insert({
    sourceId: input.sourceId,
    url: input.url,
    finalUrl: input.url,
    redirects: [],
    fetchedAt: input.seenAt,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    contentType: 'text/html; charset=utf-8',
    fetcher: 'http',
    body: Buffer.from(input.html),
    ...input.capture,
  });
  const saved = await store.ads.saveExtracted({
    sourceId: input.sourceId,
    url: input.url,
    ad: input.ad,
    captureId: capture._id,
    seenAt: input.seenAt,
  });
  return { ...saved, captureId: capture._id };
}

/** A classification as a test needs it: a score (flagged from 60), facts, everything else plain. */
export function testClassification(
  contentHash: string,
  score: number,
  facts: Record<string, unknown> = {},
  classifiedAt = new Date('2026-02-01T00:00:00Z'),
): StoredClassification {
  return {
    score,
    band: score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low',
    flagged: score >= 60,
    lang: 'en',
    components: { rules: score, model: 0 },
    indicators: [],
    facts,
    versions: { classifier: 'test' },
    contentHash,
    classifiedAt,
  };
}
