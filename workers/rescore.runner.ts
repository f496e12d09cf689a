import type { Classifier } from '../classifiers/index.js';
import {
  classifiedText,
  needsScreenshot,
  ReviewStatus,
  type RescoreCandidate,
  type Store,
} from '../store/index.js';
import { toStoredClassification } from './classify.processor.js';

export interface RescoreOptions {
  store: Store;
  /** Loaded once by the caller, with the configured flag threshold. */
  classifier: Classifier;
  /** Ads read and written per batch. */
  batchSize: number;
  /** Re-score every ad with a text, not only those scored by other classifier versions. */
  all?: boolean;
  /** Start after this ad id (ids sort as strings). */
  after?: string;
  /** Count what would change without writing anything or queuing screenshots. */
  dryRun?: boolean;
  /** Once aborted, the walk stops after the batch in progress. */
  signal?: AbortSignal;
  /** Queues the screenshot of a flagged ad that lacks one; without it none are queued. */
  queueScreenshot?: (adId: string, latestCaptureId?: string) => Promise<void>;
  /** Called after every batch with the counts so far. */
  onBatch?: (progress: Readonly<RescoreSummary>) => void;
  now?: () => Date;
}

/** What a rescore run did (or, with dryRun, would do). */
export interface RescoreSummary {
  versions: Classifier['versions'];
  dryRun: boolean;
  /** Ads due for re-scoring when the run started. */
  toRescore: number;
  /** Ads with a text in the part of the store the run walked. */
  scanned: number;
  /** Of those, the ones already scored by the current versions, left as they were. */
  upToDate: number;
  rescored: number;
  newlyFlagged: number;
  unflagged: number;
  /** Of the unflagged, those an analyst had already taken past "new": they leave the queue. */
  unflaggedReviewed: number;
  /** Re-scored with the same score and flag as before. */
  unchanged: number;
  /** Their text changed while being re-scored; the classify job of the new text scores them. */
  skipped: number;
  screenshotsQueued: number;
  /** The last ad id walked: `--after` it resumes there. */
  lastId: string | null;
  interrupted: boolean;
}

/**
 * Re-scores stored ads with the given classifier, in `_id` order and batches, writing what the
 * classify worker writes plus the replaced classification's summary. Only the classification
 * changes: review status, decisions and notes are not touched. Resumable: a run after an
 * interrupted one finds only the ads still scored by other versions.
 */
export async function rescoreAds(options: RescoreOptions): Promise<RescoreSummary> {
  const { store, classifier, dryRun = false } = options;
  const now = options.now ?? (() => new Date());
  const stale = options.all ? undefined : classifier.versions;
  const summary: RescoreSummary = {
    versions: classifier.versions,
    dryRun,
    toRescore: await store.ads.countRescoreCandidates({
      after: options.after,
      staleAgainst: stale,
    }),
    scanned: 0,
    upToDate: 0,
    rescored: 0,
    newlyFlagged: 0,
    unflagged: 0,
    unflaggedReviewed: 0,
    unchanged: 0,
    skipped: 0,
    screenshotsQueued: 0,
    lastId: null,
    interrupted: false,
  };
  let after = options.after;
  for (;;) {
    if (options.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
    const batch = await store.ads.rescoreCandidates(
      { after, staleAgainst: stale },
      options.batchSize,
    );
    if (batch.length === 0) break;
    // The classifier is synchronous: the ads are scored one after another, their writes overlap.
    await Promise.all(batch.map((ad) => rescoreOne(ad, options, summary, now())));
    after = batch[batch.length - 1]?._id;
    summary.lastId = after ?? null;
    options.onBatch?.(summary);
  }
  // Counted at the end, so that an interrupted run reports the part it walked.
  const walkedUpTo = summary.interrupted ? summary.lastId : undefined;
  summary.scanned =
    walkedUpTo === null
      ? 0
      : await store.ads.countRescoreCandidates({ after: options.after, upTo: walkedUpTo });
  summary.upToDate = Math.max(0, summary.scanned - summary.rescored - summary.skipped);
  return summary;
}

async function rescoreOne(
  ad: RescoreCandidate,
  options: RescoreOptions,
  summary: RescoreSummary,
  at: Date,
): Promise<void> {
  const { store, classifier, dryRun = false } = options;
  const assessment = classifier.assess({ title: ad.title, text: classifiedText(ad) });
  const before = ad.classification;
  if (!dryRun) {
    const saved = await store.ads.saveClassification(
      ad._id,
      toStoredClassification(assessment, ad.contentHash, at),
      before && {
        score: before.score,
        flagged: before.flagged,
        versions: before.versions,
        classifiedAt: before.classifiedAt,
      },
    );
    if (!saved) {
      summary.skipped++;
      return;
    }
  }
  summary.rescored++;
  const wasFlagged = before?.flagged ?? ad.flagged;
  if (assessment.flagged && !wasFlagged) summary.newlyFlagged++;
  if (!assessment.flagged && wasFlagged) {
    summary.unflagged++;
    if (ad.review.status !== ReviewStatus.New) summary.unflaggedReviewed++;
  }
  if (assessment.flagged === wasFlagged && assessment.score === before?.score) summary.unchanged++;
  if (!dryRun && assessment.flagged && needsScreenshot(ad) && options.queueScreenshot) {
    await options.queueScreenshot(ad._id, ad.latestCaptureId);
    summary.screenshotsQueued++;
  }
}
