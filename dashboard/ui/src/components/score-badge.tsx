import type { RiskBand } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/** The risk score in its band's colour; the band is also spoken, never conveyed by colour alone. */
export function ScoreBadge({ score, band }: { score: number; band: RiskBand | null }) {
  const { t, formatNumber } = useI18n();
  const safeBand = band ?? 'low';
  return (
    <span className={`score score-${safeBand}`} title={t(`band.${safeBand}`)}>
      {formatNumber(score)}
      <span className="visually-hidden"> {t(`band.${safeBand}`)}</span>
    </span>
  );
}
