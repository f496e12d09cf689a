import { z } from 'zod';
import { dateTimeQuery, timestamp } from './common.contract.js';

/** Indicator quality: statistics from analysts' decisions, lexicon overrides, flag threshold. */

/** Languages the classifier tells apart, which an adjustment or a curve may name. */
export const classifierLangs = ['hy', 'ru', 'en', 'translit', 'mixed'] as const;

/** Which decisions count: made in [from, to], on ads in one language or from one source. */
export const decisionQuery = z.strictObject({
  from: dateTimeQuery.optional(),
  to: dateTimeQuery.optional(),
  lang: z.string().max(20).optional(),
  source: z.string().max(100).optional(),
});
export type DecisionQuery = z.infer<typeof decisionQuery>;

export const indicatorIdParams = z.object({ id: z.string().min(1).max(100) });
export const versionIdParams = z.object({ id: z.string().regex(/^o[0-9]{1,9}$/) });

const counts = {
  reviewed: z.number().int(),
  confirmed: z.number().int(),
  dismissed: z.number().int(),
};
export const decisionCounts = z.object(counts);
export type DecisionCounts = z.infer<typeof decisionCounts>;

const reasonCount = z.object({ reason: z.string(), count: z.number().int() });

export const indicatorQuality = z.object({
  id: z.string(),
  label: z.string(),
  dimension: z.string(),
  ...counts,
  byLang: z.array(z.object({ lang: z.string(), ...counts })),
  bySource: z.array(z.object({ source: z.string(), ...counts })),
  reasons: z.array(reasonCount),
});
export type IndicatorQuality = z.infer<typeof indicatorQuality>;

export const indicatorStats = z.object({
  totals: decisionCounts,
  demo: z.number().int().describe('counted decisions that the demo seeded'),
  indicators: z.array(indicatorQuality).describe('lowest precision first'),
  reasons: z.array(reasonCount),
  dismissedEvidence: z.array(
    z.object({ indicatorId: z.string(), text: z.string(), ads: z.number().int() }),
  ),
});
export type IndicatorStats = z.infer<typeof indicatorStats>;

export const dismissedAdInfo = z.object({
  id: z.string(),
  title: z.string(),
  sourceId: z.string(),
  lang: z.string(),
  score: z.number(),
  decidedAt: timestamp,
  decidedBy: z.string(),
  reason: z.string().nullable(),
  evidence: z.array(z.string()),
});
export type DismissedAdInfo = z.infer<typeof dismissedAdInfo>;
export const dismissedAds = z.object({ ads: z.array(dismissedAdInfo) });

const thresholdFields = {
  threshold: z.number(),
  configured: z.number(),
  source: z.enum(['config', 'override']),
  versionId: z.string().nullable(),
};
export const thresholdInForce = z.object(thresholdFields);
export type ThresholdInForce = z.infer<typeof thresholdInForce>;

export const curvePoint = z.object({
  threshold: z.number().int(),
  flagged: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});
export type CurvePoint = z.infer<typeof curvePoint>;

export const languageCurve = z.object({
  lang: z.string(),
  confirmed: z.number().int(),
  dismissed: z.number().int(),
  points: z.array(curvePoint).describe('one per whole threshold 0–100'),
});
export type LanguageCurve = z.infer<typeof languageCurve>;

export const thresholdReport = z.object({ ...thresholdFields, curves: z.array(languageCurve) });

export const adjustment = z.object({
  indicatorId: z.string(),
  lang: z.string(),
  weight: z.number().optional(),
  disabled: z.boolean().optional(),
});
export type Adjustment = z.infer<typeof adjustment>;

/** One proposed change: a new weight, the indicator off, or back to the shipped weight. */
export const adjustmentChange = z.strictObject({
  indicatorId: z.string().min(1).max(100),
  lang: z.enum(['all', ...classifierLangs]),
  weight: z.number().min(-10).max(10).optional(),
  disabled: z.boolean().optional(),
  reset: z.boolean().optional(),
});
export type AdjustmentChange = z.infer<typeof adjustmentChange>;

export const saveChangeBody = z.strictObject({
  change: adjustmentChange,
  note: z.string().max(500).optional(),
});
export const revertBody = z.strictObject({ note: z.string().max(500).optional() });
export const thresholdBody = z.strictObject({
  threshold: z.number().int().min(0).max(100).nullable(),
  note: z.string().max(500).optional(),
});

export const overrideVersion = z.object({
  id: z.string(),
  seq: z.number().int(),
  adjustments: z.array(adjustment),
  flagThreshold: z.number().nullable(),
  change: z.enum(['adjust', 'threshold', 'revert']),
  reverts: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: timestamp,
});
export type OverrideVersion = z.infer<typeof overrideVersion>;

export const thresholdSaved = z.object({ ...thresholdFields, version: overrideVersion });

export const lexiconState = z.object({
  lexiconVersion: z.string(),
  indicators: z.array(
    z.object({ id: z.string(), label: z.string(), dimension: z.string(), weight: z.number() }),
  ),
  active: overrideVersion.nullable(),
  threshold: thresholdInForce,
  history: z.array(overrideVersion),
});
export type LexiconState = z.infer<typeof lexiconState>;

export const flagFigures = z.object({
  flagged: z.number().int(),
  flaggedConfirmed: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});
export type FlagFigures = z.infer<typeof flagFigures>;

export const previewFigures = z.object({
  ads: z.number().int(),
  confirmed: z.number().int(),
  dismissed: z.number().int(),
  current: flagFigures,
  proposed: flagFigures,
  appear: z.number().int(),
  appearConfirmed: z.number().int(),
  disappear: z.number().int(),
  disappearConfirmed: z.number().int(),
  limited: z.boolean().describe('only the most recently decided ads were re-scored'),
  adjustments: z.array(adjustment),
});
export type PreviewFigures = z.infer<typeof previewFigures>;
