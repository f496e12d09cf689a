import type { CampaignAdRow } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { hrefOf } from '../router.js';

/**
 * The campaign's ads on a time axis, one lane per source: reposts across venues and bursts of
 * new variants show at a glance. Each dot links to its ad.
 */
export function CampaignTimeline({ ads }: { ads: CampaignAdRow[] }) {
  const { t, formatDate } = useI18n();
  if (ads.length === 0) return null;
  // When the venue says the ad was posted, else when adwatch first saw it.
  const times = ads.map((ad) => Date.parse(ad.postedAt ?? ad.firstSeenAt));
  const start = Math.min(...times);
  const span = Math.max(...times) - start || 1;
  const sources = [...new Set(ads.map((ad) => ad.sourceId))].sort();
  return (
    <figure className="campaign-timeline" aria-label={t('campaign.timelineLabel')}>
      {sources.map((source) => (
        <div key={source} className="timeline-lane">
          <span className="timeline-source small">{source}</span>
          <div className="timeline-track">
            {ads.map((ad, i) =>
              ad.sourceId === source ? (
                <a
                  key={ad.id}
                  className={`timeline-dot band-${ad.band}${ad.flagged ? ' flagged' : ''}`}
                  style={{ left: `${(((times[i] ?? start) - start) / span) * 100}%` }}
                  href={hrefOf({ name: 'ad', id: ad.id })}
                  title={`${formatDate(ad.postedAt ?? ad.firstSeenAt)} · ${ad.score} · ${ad.title}`}
                  aria-label={`${formatDate(ad.postedAt ?? ad.firstSeenAt)}: ${ad.title}`}
                />
              ) : null,
            )}
          </div>
        </div>
      ))}
      <figcaption className="timeline-axis small muted">
        <time>{formatDate(new Date(start).toISOString())}</time>
        <time>{formatDate(new Date(start + span).toISOString())}</time>
      </figcaption>
    </figure>
  );
}
