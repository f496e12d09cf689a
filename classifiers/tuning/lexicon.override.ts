import type { IndicatorHit, Lang } from '../assessment.types.js';

/** The languages an adjustment may be limited to; `all` applies it whatever the ad's language. */
export type AdjustmentLang = Lang | 'all';

/**
 * One change a supervisor made to the shipped lexicon: a new weight for an indicator, or the
 * indicator switched off, in one language or in all.
 */
export interface IndicatorAdjustment {
  indicatorId: string;
  lang: AdjustmentLang;
  /** Replaces the indicator's shipped weight (same sign: a risk indicator stays a risk indicator). */
  weight?: number;
  /** The indicator no longer counts (it is left out of the assessment). */
  disabled?: boolean;
}

/**
 * Settings kept in MongoDB on top of the shipped lexicon and configuration: indicator adjustments
 * and the flag threshold. `id` names the saved version and is recorded on every assessment made
 * with it (`versions.override`).
 */
export interface LexiconOverride {
  id: string;
  adjustments: IndicatorAdjustment[];
  /** Replaces the configured flag threshold while this version is active. */
  flagThreshold?: number;
}

/**
 * The hits of an ad in language `lang` with the adjustments applied: a language-specific
 * adjustment wins over one for all languages. Disabled indicators are left out; the hits another
 * indicator cancelled stay cancelled (the rules engine decided that before the override).
 */
export function applyAdjustments(
  hits: readonly IndicatorHit[],
  lang: Lang,
  adjustments: readonly IndicatorAdjustment[],
): IndicatorHit[] {
  if (adjustments.length === 0) return [...hits];
  const out: IndicatorHit[] = [];
  for (const hit of hits) {
    const adjustment =
      adjustments.find((a) => a.indicatorId === hit.id && a.lang === lang) ??
      adjustments.find((a) => a.indicatorId === hit.id && a.lang === 'all');
    if (!adjustment) out.push(hit);
    else if (!adjustment.disabled)
      out.push(adjustment.weight === undefined ? hit : { ...hit, weight: adjustment.weight });
  }
  return out;
}
