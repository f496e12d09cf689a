import { join } from 'node:path';
import type { Job } from 'bullmq';
import type { AdText, LexiconOverride, RiskAssessment } from '../classifiers/index.js';
import { classifiedText, needsScreenshot, type StoredClassification } from '../store/index.js';
import { MAX_SHADOW_SCORES, modelsInForceReader, type ModelsInForce } from './active-model.js';
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
  // The model a supervisor activated in the registry (else the committed one), and a candidate
  // in a shadow run; their files are copied under the data directory once per version.
  const modelsInForce = modelsInForceReader(
    context.store,
    join(context.config.dataDir, 'models-cache'),
  );
  return async (job: Job<ClassifyJobData>): Promise<Record<string, unknown>> => {
    const ad = await context.store.ads.findToClassify(job.data.adId);
    // The ad changed again since this job was queued: a newer job scores the newer text.
    if (!ad || ad.contentHash !== job.data.contentHash) return { skipped: true };
    const [override, models] = await Promise.all([activeOverride(), modelsInForce()]);
    const text = { title: ad.title, text: classifiedText(ad) };
    const assessment = await context.threads.classify(text, override, models.active);
    const classification = toStoredClassification(assessment, ad.contentHash, new Date());
    const saved = await context.store.ads.saveClassification(ad._id, classification, undefined, ad);
    // Evidence for analysts: a flagged ad gets a full-page screenshot while it is still online,
    // and again when a changed text of it is flagged.
    if (saved && assessment.flagged && needsScreenshot(ad)) {
      await context.queues.addScreenshot(ad._id, ad.latestCaptureId);
    }
    // Every classified text is linked into campaigns (ordinary reposts form campaigns too).
    if (saved) await context.queues.addLink(ad._id, ad.contentHash);
    // Last, and never failing the job: a shadow run only watches.
    if (saved && models.shadow && models.shadow.scored < MAX_SHADOW_SCORES) {
      await scoreInShadow(context, models.shadow, { ad, text, active: assessment, override }).catch(
        (error: unknown) =>
          context.logger.warn(
            { adId: ad._id, model: models.shadow?.version, error: String(error) },
            'shadow model could not score the ad',
          ),
      );
    }
    return { score: assessment.score, flagged: assessment.flagged };
  };
}

/**
 * Scores the ad with the shadow run's model and keeps that score apart, next to the active
 * model's verdict; the ad's classification and flag are the active model's alone.
 */
async function scoreInShadow(
  context: ThreadedContext,
  shadow: NonNullable<ModelsInForce['shadow']>,
  scoring: {
    ad: { _id: string; title: string; contentHash: string };
    text: AdText;
    active: RiskAssessment;
    override: LexiconOverride | null;
  },
): Promise<void> {
  const { ad, text, active, override } = scoring;
  const scored = await context.threads.classify(text, override, shadow);
  await context.store.models.recordShadowScore(
    {
      _id: `${shadow.version} ${ad._id}`,
      version: shadow.version,
      adId: ad._id,
      contentHash: ad.contentHash,
      title: ad.title,
      lang: scored.lang,
      score: scored.score,
      flagged: scored.flagged,
      activeVersion: active.versions.model,
      activeScore: active.score,
      activeFlagged: active.flagged,
      at: new Date(),
    },
    MAX_SHADOW_SCORES,
  );
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
