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
}: AdRowProps) {
  const { t, formatDate } = useI18n();
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
