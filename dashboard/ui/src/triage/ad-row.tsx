import { memo } from 'react';
import type { AdSummary } from '../api/types.js';
import { ScoreBadge } from '../components/score-badge.js';
import { ScorePartsCompact } from '../components/score-parts.js';
import { useI18n } from '../i18n/index.js';
import { hrefOf } from '../router.js';

export interface AdRowProps {
  ad: AdSummary;
  focused: boolean;
  selected: boolean;
  fresh: boolean;
  onFocus: (id: string) => void;
  onToggle: (id: string) => void;
  /** For a row that stands for a campaign's ads: whether they are shown, and the toggle. */
  expanded?: boolean;
  onExpand?: (ad: AdSummary) => void;
}

/** Indicator chips per row; the rest are counted, so rows stay one or two lines high. */
const maxChips = 3;

/** The DOM id of an ad's title link, which keyboard navigation focuses. */
export const linkId = (id: string) => `ad-link-${id}`;

/** One ad in the queue: everything an analyst needs to decide whether to open it. */
export const AdRow = memo(function AdRow({
  ad,
  focused,
  selected,
  fresh,
  onFocus,
  onToggle,
  expanded = false,
  onExpand,
}: AdRowProps) {
  const { t, formatDate } = useI18n();
  const campaignCount = ad.campaignId && ad.group && ad.group.count > 1 ? ad.group.count : 0;
  return (
    <tr
      className={`ad-row${focused ? ' focused' : ''}${selected ? ' selected' : ''}${fresh ? ' fresh' : ''}`}
      aria-current={focused ? 'true' : undefined}
      data-ad-id={ad.id}
      onClick={() => onFocus(ad.id)}
    >
      <td className="col-check">
        <input
          type="checkbox"
          checked={selected}
          onChange={() => onToggle(ad.id)}
          aria-label={t('triage.select', { title: ad.title })}
        />
      </td>
      <td className="col-score">
        <ScoreBadge score={ad.score} band={ad.band} />
        <ScorePartsCompact parts={ad.components} />
      </td>
      <td className="col-title">
        <a
          id={linkId(ad.id)}
          href={hrefOf({ name: 'ad', id: ad.id })}
          onFocus={() => onFocus(ad.id)}
        >
          {ad.title || '—'}
        </a>
        {fresh && <span className="badge fresh-badge">{t('triage.newBadge')}</span>}
        {campaignCount > 0 && ad.campaignId && (
          <span className="campaign-count">
            <button
              type="button"
              className="chip campaign-chip"
              aria-expanded={expanded}
              title={
                expanded
                  ? t('triage.campaignCollapse')
                  : t('triage.campaignExpand', { count: campaignCount })
              }
              onClick={(event) => {
                event.stopPropagation();
                onExpand?.(ad);
              }}
            >
              {expanded ? '▾' : '▸'} {t('triage.campaignCount', { count: campaignCount })}
            </button>{' '}
            <a className="small" href={hrefOf({ name: 'campaign', id: ad.campaignId })}>
              {t('triage.campaignOpen')}
            </a>
          </span>
        )}
        <div className="chips">
          {ad.indicators.slice(0, maxChips).map((indicator) => (
            <span key={indicator.id} className="chip" title={indicator.id}>
              {indicator.label}
            </span>
          ))}
          {ad.indicators.length > maxChips && (
            <span
              className="chip more"
              title={ad.indicators
                .slice(maxChips)
                .map((indicator) => indicator.label)
                .join('\n')}
            >
              +{ad.indicators.length - maxChips}
            </span>
          )}
        </div>
      </td>
      <td className="col-lang">
        <abbr
          title={
            ad.lang === 'hy' || ad.lang === 'ru' || ad.lang === 'en'
              ? t(`lang.${ad.lang}`)
              : t('lang.other')
          }
        >
          {ad.lang.toUpperCase()}
        </abbr>
      </td>
      <td className="col-source">{ad.sourceId}</td>
      <td className="col-date">
        <time dateTime={ad.firstSeenAt}>{formatDate(ad.firstSeenAt)}</time>
      </td>
      <td className="col-status">
        <span className={`status status-${ad.status}`}>{t(`status.${ad.status}`)}</span>
      </td>
      <td className="col-assignee">
        {ad.assignee ?? <span className="muted">{t('triage.unassigned')}</span>}
      </td>
    </tr>
  );
});

/** The ads of an expanded campaign row, under it: enough to see and open each one. */
export function CampaignSubRows({ ads, leadId }: { ads: AdSummary[] | 'loading'; leadId: string }) {
  const { t, formatDate } = useI18n();
  if (ads === 'loading')
    return (
      <tr className="campaign-sub">
        <td colSpan={8} className="muted">
          {t('common.loading')}
        </td>
      </tr>
    );
  return (
    <>
      {ads
        .filter((ad) => ad.id !== leadId)
        .map((ad) => (
          <tr key={ad.id} className="campaign-sub" data-ad-id={ad.id}>
            <td className="col-check" />
            <td className="col-score">
              <ScoreBadge score={ad.score} band={ad.band} />
            </td>
            <td className="col-title">
              <a href={hrefOf({ name: 'ad', id: ad.id })}>{ad.title || '—'}</a>
            </td>
            <td className="col-lang">{ad.lang.toUpperCase()}</td>
            <td className="col-source">{ad.sourceId}</td>
            <td className="col-date">
              <time dateTime={ad.firstSeenAt}>{formatDate(ad.firstSeenAt)}</time>
            </td>
            <td className="col-status">
              <span className={`status status-${ad.status}`}>{t(`status.${ad.status}`)}</span>
            </td>
            <td className="col-assignee">{ad.assignee ?? ''}</td>
          </tr>
        ))}
    </>
  );
}
