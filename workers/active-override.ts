import type { AdjustmentLang, IndicatorAdjustment, LexiconOverride } from '../classifiers/index.js';
import type { LexiconOverrideRecord, StoredAdjustment, Store } from '../store/index.js';

/** How long a worker keeps using the override it read before asking MongoDB again. */
export const OVERRIDE_REFRESH_MILLIS = 5_000;

/** A stored override version as the classifier applies it. */
export function toLexiconOverride(record: LexiconOverrideRecord | null): LexiconOverride | null {
  if (!record) return null;
  return {
    id: record._id,
    adjustments: toIndicatorAdjustments(record.adjustments),
    ...(record.flagThreshold !== undefined ? { flagThreshold: record.flagThreshold } : {}),
  };
}

/** Stored adjustments as the classifier applies them. */
export function toIndicatorAdjustments(
  adjustments: readonly StoredAdjustment[],
): IndicatorAdjustment[] {
  return adjustments.map((a) => ({
    indicatorId: a.indicatorId,
    // Stored only through the dashboard's routes, which accept the classifier's languages only.
    lang: a.lang as AdjustmentLang,
    ...(a.weight !== undefined ? { weight: a.weight } : {}),
    ...(a.disabled ? { disabled: true } : {}),
  }));
}

/**
 * Reads the override in force, at most once per `refreshMillis`: a version a supervisor saves (or
 * reverts) reaches every worker within that time, without a restart and without a query per ad.
 */
export function activeOverrideReader(
  store: Pick<Store, 'lexiconOverrides'>,
  refreshMillis = OVERRIDE_REFRESH_MILLIS,
  now: () => number = Date.now,
): () => Promise<LexiconOverride | null> {
  let cached: { value: Promise<LexiconOverride | null>; readAt: number } | undefined;
  return () => {
    const at = now();
    if (!cached || at - cached.readAt >= refreshMillis) {
      const value = store.lexiconOverrides.active().then(toLexiconOverride);
      // A failed read is not kept: the next ad asks again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
      cached = { value, readAt: at };
    }
    return cached.value;
  };
}
