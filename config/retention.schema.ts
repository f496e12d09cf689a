import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

const days = (fallback: number) => z.number().int().min(1).max(36_500).default(fallback);

/** A cron pattern (UTC): retention runs at a time of day, never at start-up. */
const cron = z.string().refine(
  (text) => {
    if (text.trim().split(/\s+/).length < 5) return false;
    try {
      CronExpressionParser.parse(text);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'is not a cron expression (UTC), e.g. "30 3 * * *" for 03:30 every day' },
);

/**
 * What adwatch keeps, and for how long (store/retention.repository.ts, workers/retention.runner.ts).
 * Ads in a case or under legal hold are never deleted or reduced, whatever these say. "Untouched"
 * ads were classified and never flagged (now or before a rescore, no flag screenshot, no alert)
 * and never reviewed (no decision, assignment, note or case, ever).
 */
export const retentionSchema = z
  .strictObject({
    /** Enforcement: false stops the scheduled job and `adwatch retention run` (reports still work). */
    enabled: z.boolean().default(true),
    /** When the scheduled job runs (cron, UTC). */
    cron: cron.default('30 3 * * *'),
    /** Ads read and changed per batch. */
    batchSize: z.number().int().min(1).max(10_000).default(500),
    /**
     * Untouched ads not seen for this many days lose their raw captures (page bytes, WARC
     * records) and screenshots; their text, score and hashes (captures' SHA-256 too) stay.
     */
    untouchedCapturesAfterDays: days(90),
    /** Untouched ads not seen for this many days are deleted whole (ads of a campaign excepted). */
    untouchedAdsAfterDays: days(365),
    /**
     * Ads dismissed this many days ago lose their personal data: contacts masked in the text, the
     * contact field and extracted contact facts, their entity links, earlier texts, captures and
     * screenshots. Score, indicators, decision and hashes stay.
     */
    dismissedPersonalDataAfterDays: days(180),
  })
  .prefault({})
  .superRefine((policy, ctx) => {
    if (policy.untouchedAdsAfterDays < policy.untouchedCapturesAfterDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['untouchedAdsAfterDays'],
        message: `(${policy.untouchedAdsAfterDays}) is shorter than untouchedCapturesAfterDays (${policy.untouchedCapturesAfterDays}); an ad cannot go before its captures`,
      });
    }
  });

export type RetentionConfig = z.output<typeof retentionSchema>;
