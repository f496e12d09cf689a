import { Fragment, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import type { DecisionCounts, IndicatorQuality, IndicatorStats } from './quality.api.js';

export interface IndicatorTableProps {
  stats: IndicatorStats;
  onDismissed: (indicatorId: string) => void;
  onPropose: (indicatorId: string) => void;
}

/**
 * Risk indicators by precision on the decisions, lowest first, then the legitimacy signals (which
 * lower the score, so they work when found on dismissed ads) by their share dismissed.
 */
export function IndicatorTable({ stats, onDismissed, onPropose }: IndicatorTableProps) {
  const { t } = useI18n();
  if (stats.indicators.length === 0) return <p className="empty">{t('quality.none')}</p>;
  const risk = stats.indicators.filter((i) => i.dimension !== 'legitimacy');
  const legitimacy = stats.indicators
    .filter((i) => i.dimension === 'legitimacy')
    .sort((a, b) => b.dismissed / b.reviewed - a.dismissed / a.reviewed);
  return (
    <>
      <h2>{t('quality.riskTitle')}</h2>
      <Rows rows={risk} share="confirmed" onDismissed={onDismissed} onPropose={onPropose} />
      {legitimacy.length > 0 && (
        <>
          <h2>{t('quality.legitimacyTitle')}</h2>
          <p className="hint">{t('quality.legitimacyHelp')}</p>
          <Rows
            rows={legitimacy}
            share="dismissed"
            onDismissed={onDismissed}
            onPropose={onPropose}
          />
        </>
      )}
    </>
  );
}

interface RowsProps {
  rows: IndicatorQuality[];
  /** Which share the bar shows: confirmed (precision) or dismissed. */
  share: 'confirmed' | 'dismissed';
  onDismissed: (indicatorId: string) => void;
  onPropose: (indicatorId: string) => void;
}

function Rows({ rows, share, onDismissed, onPropose }: RowsProps) {
  const { t, formatNumber } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const percent = (counts: DecisionCounts) =>
    counts.reviewed === 0 ? '—' : `${formatNumber((100 * counts[share]) / counts.reviewed)} %`;
  return (
    <table className="data quality-table" data-testid={`quality-table-${share}`}>
      <thead>
        <tr>
          <th scope="col">{t('quality.indicator')}</th>
          <th scope="col" className="num">
            {t('quality.reviewed')}
          </th>
          <th scope="col" className="num">
            {t('quality.confirmed')}
          </th>
          <th scope="col" className="num">
            {t('quality.dismissed')}
          </th>
          <th scope="col">
            {t(share === 'confirmed' ? 'quality.precision' : 'quality.shareDismissed')}
          </th>
          <th scope="col" className="col-actions">
            <span className="sr-only">{t('quality.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Fragment key={row.id}>
            <tr data-indicator={row.id}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={open === row.id}
                  onClick={() => setOpen(open === row.id ? null : row.id)}
                >
                  {row.label}
                </button>{' '}
                <code className="muted small">{row.id}</code>
              </td>
              <td className="num">{formatNumber(row.reviewed)}</td>
              <td className="num">{formatNumber(row.confirmed)}</td>
              <td className="num">{formatNumber(row.dismissed)}</td>
              <td className="precision">
                <span
                  className="part-bar"
                  aria-hidden="true"
                  style={{ width: `${(100 * row[share]) / Math.max(1, row.reviewed)}px` }}
                />{' '}
                <span data-testid="precision">{percent(row)}</span>
              </td>
              <td className="row-actions">
                {row.dismissed > 0 && (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => onDismissed(row.id)}
                  >
                    {t('quality.showDismissed')}
                  </button>
                )}
                <button type="button" className="button small" onClick={() => onPropose(row.id)}>
                  {t('quality.propose')}
                </button>
              </td>
            </tr>
            {open === row.id && (
              <tr className="quality-breakdown">
                <td colSpan={6}>
                  <div className="ad-columns">
                    <Breakdown
                      title={t('quality.byLang')}
                      rows={row.byLang.map((c) => ({ ...c, key: c.lang }))}
                      percent={percent}
                    />
                    <Breakdown
                      title={t('quality.bySource')}
                      rows={row.bySource.map((c) => ({ ...c, key: c.source }))}
                      percent={percent}
                    />
                    <div>
                      <h3>{t('quality.reasons')}</h3>
                      <ul>
                        {row.reasons.map((r) => (
                          <li key={r.reason}>
                            {r.reason || t('quality.noReason')}: {formatNumber(r.count)}
                          </li>
                        ))}
                      </ul>
                    </div>
                  </div>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function Breakdown({
  title,
  rows,
  percent,
}: {
  title: string;
  rows: (DecisionCounts & { key: string })[];
  percent: (counts: DecisionCounts) => string;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <div>
      <h3>{title}</h3>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col" className="num">
              {t('quality.reviewed')}
            </th>
            <th scope="col" className="num">
              {t('quality.dismissed')}
            </th>
            <th scope="col" className="num">
              {t('quality.precision')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.key}</td>
              <td className="num">{formatNumber(row.reviewed)}</td>
              <td className="num">{formatNumber(row.dismissed)}</td>
              <td className="num">{percent(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
