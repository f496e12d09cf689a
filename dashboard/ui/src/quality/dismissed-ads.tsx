import { useI18n } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../screens/use-load.js';
import { qualityApi, type QualityFilters } from './quality.api.js';

export interface DismissedAdsProps {
  indicatorId: string;
  label: string;
  filters: QualityFilters;
  onClose: () => void;
}

/**
 * The dismissed ads of one indicator, each linking to its ad page. A list of its own rather than
 * the triage queue: that queue shows flagged ads only, and a dismissed ad may since be unflagged.
 */
export function DismissedAds({ indicatorId, label, filters, onClose }: DismissedAdsProps) {
  const { t, formatDate } = useI18n();
  const { data, error } = useLoad(
    () => qualityApi.dismissed(indicatorId, filters),
    [indicatorId, filters],
  );
  return (
    <section
      className="panel"
      aria-labelledby="quality-dismissed-title"
      data-testid="dismissed-ads"
    >
      <div className="page-head">
        <h2 id="quality-dismissed-title">{t('quality.dismissedTitle', { indicator: label })}</h2>
        <button type="button" className="button small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && data.ads.length === 0 && <p className="empty">{t('quality.dismissedNone')}</p>}
      {data && data.ads.length > 0 && (
        <ul className="quality-dismissed">
          {data.ads.map((ad) => (
            <li key={ad.id}>
              <a href={hrefOf({ name: 'ad', id: ad.id })}>{ad.title || ad.id}</a>{' '}
              <span className="muted small">
                {ad.lang} · {ad.sourceId} · {ad.score}
              </span>
              <div className="small">
                {t('quality.decidedBy', { user: ad.decidedBy, date: formatDate(ad.decidedAt) })}:{' '}
                <strong>{ad.reason ?? t('quality.noReason')}</strong>
              </div>
              {ad.evidence.length > 0 && (
                <div className="small">
                  {ad.evidence.map((text) => (
                    <mark key={text}>{text}</mark>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
