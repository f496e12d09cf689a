import type { IndicatorDetail } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { dimensionName } from './dimension.js';
import { colourSlots } from './highlighted-text.js';

/** Why the ad was flagged: each indicator with its ILO dimension, weight and evidence count. */
export function IndicatorsPanel({ indicators }: { indicators: IndicatorDetail[] }) {
  const { t, formatNumber } = useI18n();
  const slots = colourSlots(indicators);
  return (
    <section className="panel" aria-labelledby="indicators-title">
      <h2 id="indicators-title">{t('ad.legend')}</h2>
      {indicators.length === 0 ? (
        <p className="muted">{t('ad.noIndicators')}</p>
      ) : (
        <ul className="indicators">
          {[...indicators]
            .sort((a, b) => b.weight - a.weight)
            .map((indicator) => (
              <li key={indicator.id}>
                <span className={`swatch ev-${slots.get(indicator.id) ?? 0}`} aria-hidden="true" />
                <div>
                  <strong>{indicator.label}</strong>
                  <div className="muted small">
                    {t('ad.dimension')}: {dimensionName(indicator.dimension, t)} · {t('ad.weight')}:{' '}
                    {formatNumber(indicator.weight, 2)} ·{' '}
                    {t('ad.evidence', { count: formatNumber(indicator.evidence?.length ?? 0) })}
                  </div>
                </div>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
