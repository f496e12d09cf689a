import type { Job } from 'bullmq';
import type { RiskAssessment } from '../classifiers/index.js';
import { classifiedText, needsScreenshot, type StoredClassification } from '../store/index.js';
import { activeOverrideReader } from './active-override.js';
import type { ThreadedContext } from './pipeline.context.js';
import type { ClassifyJobData } from './jobs.js';

/**
 * Scores the stored text of an ad (in a worker thread, within `classifier.timeoutMillis`) and
 * records the verdict with the text's content hash.
 */
export function createClassifyProcessor(context: ThreadedContext) {
  // The indicator adjustments and threshold a supervisor saved in the dashboard, if any.
  const activeOverride = activeOverrideReader(context.store);
  return async (job: Job<ClassifyJobData>): Promise<Record<string, unknown>> => {
    const ad = await context.store.ads.findById(job.data.adId);
    // The ad changed again since this job was queued: a newer job scores the newer text.
    if (!ad || ad.contentHash !== job.data.contentHash) return { skipped: true };
    const assessment = await context.threads.classify(
      { title: ad.title, text: classifiedText(ad) },
      await activeOverride(),
    );
    const classification = toStoredClassification(assessment, ad.contentHash, new Date());
    const saved = await context.store.ads.saveClassification(ad._id, classification);
    // Evidence for analysts: a flagged ad gets a full-page screenshot while it is still online,
    // and again when a changed text of it is flagged.
    if (saved && assessment.flagged && needsScreenshot(ad)) {
      await context.queues.addScreenshot(ad._id, ad.latestCaptureId);
    }
    // Every classified text is linked into campaigns (ordinary reposts form campaigns too).
    if (saved) await context.queues.addLink(ad._id, ad.contentHash);
    return { score: assessment.score, flagged: assessment.flagged };
  };
}

/** The classifier's verdict as it is kept on the ad, for the text with this content hash. */
export function toStoredClassification(
  assessment: RiskAssessment,
  contentHash: string,
  classifiedAt: Date,
): StoredClassification {
  return {
    score: assessment.score,
    band: assessment.band,
    flagged: assessment.flagged,
    lang: assessment.lang,
    components: assessment.components,
    indicators: assessment.indicators,
    facts: assessment.facts as unknown as Record<string, unknown>,
    versions: assessment.versions,
    contentHash,
    classifiedAt,
  };
}
