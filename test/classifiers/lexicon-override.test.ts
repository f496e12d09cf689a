import { describe, expect, it } from 'vitest';
import { applyAdjustments, createClassifier, type IndicatorHit } from '../../classifiers/index.js';

const hit = (id: string, weight: number): IndicatorHit => ({
  id,
  label: id,
  dimension: 'deception',
  weight,
  evidence: [{ start: 0, end: 1, text: 'x' }],
});

describe('lexicon overrides', () => {
  it('applies a language-specific adjustment before one for all languages, and leaves others alone', () => {
    const hits = [hit('pay', 1), hit('abroad', 0.3), hit('urgent', 0.5)];
    const adjustments = [
      { indicatorId: 'abroad', lang: 'all' as const, weight: 2 },
      { indicatorId: 'abroad', lang: 'ru' as const, disabled: true },
      { indicatorId: 'pay', lang: 'hy' as const, weight: 0.1 },
    ];
    expect(applyAdjustments(hits, 'ru', adjustments).map((h) => [h.id, h.weight])).toEqual([
      ['pay', 1],
      ['urgent', 0.5],
    ]);
    expect(applyAdjustments(hits, 'en', adjustments).map((h) => [h.id, h.weight])).toEqual([
      ['pay', 1],
      ['abroad', 2],
      ['urgent', 0.5],
    ]);
    expect(applyAdjustments(hits, 'hy', adjustments).map((h) => [h.id, h.weight])).toEqual([
      ['pay', 0.1],
      ['abroad', 2],
      ['urgent', 0.5],
    ]);
    // The hits given are not changed.
    expect(hits[1]?.weight).toBe(0.3);
  });

  it('scores with the override, names its version, and leaves the shipped classifier as it was', () => {
    const shipped = createClassifier();
    const ad = {
      title: 'Hostess',
      text: 'Girls 18-25 wanted for a club in Dubai, free visa and flights, 5000 USD a month, WhatsApp only.',
    };
    const before = shipped.assess(ad);
    const tuned = shipped.withOverride({
      id: 'o7',
      adjustments: before.indicators.map((h) => ({
        indicatorId: h.id,
        lang: 'all' as const,
        disabled: true,
      })),
      flagThreshold: 99,
    });
    const after = tuned.assess(ad);
    expect(after.indicators).toEqual([]);
    expect(after.score).toBeLessThan(before.score);
    expect(after.flagged).toBe(after.score >= 99);
    expect(after.versions).toEqual({ ...shipped.versions, override: 'o7' });
    expect(tuned.flagThreshold).toBe(99);
    expect(shipped.assess(ad)).toEqual(before);
    expect(shipped.withOverride(null).assess(ad)).toEqual(before);
    expect(shipped.indicators.find((i) => i.id === 'work-abroad')?.weight).toBeGreaterThan(0);
  });
});
