import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import type { CampaignDetail, ReviewStatus, SessionUser } from '../api/types.js';
import { ReviewStatuses } from '../api/types.js';
import { Banner } from '../components/banner.js';
import { describeError } from '../components/error-text.js';
import { ScoreBadge } from '../components/score-badge.js';
import { useAsk } from '../components/use-ask.js';
import { EntityLink } from '../entity/entity-link.js';
import { useI18n } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import { CampaignTimeline } from './campaign-timeline.js';

const bandOf = (score: number) => (score >= 70 ? 'high' : score >= 40 ? 'medium' : 'low');

/**
 * A campaign: ads that are variants of one template. Its figures, the template with the parts
 * that vary marked, its ads on a timeline, and decisions applied to all its undecided ads.
 */
export function CampaignScreen({ id, user }: { id: string; user: SessionUser }) {
  const { t, formatDate, formatNumber } = useI18n();
  const [detail, setDetail] = useState<CampaignDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { ask, dialog } = useAsk();

  const load = useCallback(async () => {
    setError(null);
    try {
      setDetail(await endpoints.campaign(id));
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 404
          ? t('campaign.notFound')
          : describeError(failure, t),
      );
    }
  }, [id, t]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (detail) document.title = `${t('campaign.title')} ${detail.id} · adwatch`;
    return () => {
      document.title = 'adwatch';
    };
  }, [detail, t]);

  const undecided =
    detail?.ads.filter((ad) => ad.flagged && ad.status !== 'confirmed' && ad.status !== 'dismissed')
      .length ?? 0;

  const decide = async (status: ReviewStatus) => {
    let reason: string | undefined;
    if (status === 'dismissed') {
      const answer = await ask('dismiss', { count: undecided });
      if (!answer) return;
      reason = answer;
    }
    await run(() =>
      endpoints.campaignReview(id, { action: 'status', status, ...(reason ? { reason } : {}) }),
    );
  };

  const assignAll = async () => {
    const assignee = await ask('assign', { count: undecided });
    if (assignee === null) return;
    await run(() => endpoints.campaignReview(id, { action: 'assign', assignee: assignee || null }));
  };

  const addToCase = async () => {
    if (!detail) return;
    const chosen = await ask('case', { count: detail.ads.length });
    if (!chosen) return;
    setBusy(true);
    try {
      await endpoints.addToCase(
        chosen.id,
        detail.ads.map((ad) => ad.id),
      );
      setBanner({ kind: 'ok', text: t('cases.added', { name: chosen.name }) });
    } catch (failure) {
      setBanner({ kind: 'error', text: describeError(failure, t) });
    } finally {
      setBusy(false);
    }
  };

  const run = async (action: () => Promise<{ updated: number; skipped: string[] }>) => {
    setBusy(true);
    try {
      const result = await action();
      setBanner({
        kind: 'ok',
        text:
          result.skipped.length > 0
            ? t('campaign.appliedSkipped', {
                count: result.updated,
                skipped: result.skipped.length,
              })
            : t('campaign.applied', { count: result.updated }),
      });
      await load();
    } catch (failure) {
      setBanner({ kind: 'error', text: describeError(failure, t) });
    } finally {
      setBusy(false);
    }
  };

  const supervises = user.role === 'supervisor' || user.role === 'admin';
  return (
    <article className="campaign-view" aria-labelledby="campaign-title">
      <nav className="ad-nav">
        <a href={hrefOf({ name: 'triage' })}>← {t('ad.back')}</a>
      </nav>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {banner && <Banner kind={banner.kind} text={banner.text} onClose={() => setBanner(null)} />}
      {!detail && !error && <p className="muted">{t('common.loading')}</p>}
      {detail && (
        <>
          <header className="ad-head">
            <ScoreBadge score={detail.maxScore} band={bandOf(detail.maxScore)} />
            <h1 id="campaign-title" tabIndex={-1}>
              {t('campaign.title')} <code>{detail.id}</code>
            </h1>
          </header>
          <p className="ad-meta">
            <span>{t('campaign.ads', { count: formatNumber(detail.adCount) })}</span>
            <span>{t('entity.flagged', { count: detail.flaggedCount })}</span>
            <span>{t('campaign.scoreRange', { min: detail.minScore, max: detail.maxScore })}</span>
            <span className="muted">
              {t('ad.firstSeen', { date: formatDate(detail.firstSeen) })}
            </span>
            <span className="muted">{t('ad.lastSeen', { date: formatDate(detail.lastSeen) })}</span>
          </p>
          <p className="ad-meta">
            <span>{t('entity.sources')}:</span>
            {detail.sources.map((source) => (
              <span key={source} className="fact">
                {source}
              </span>
            ))}
          </p>
          <p className="ad-meta" aria-label={t('campaign.statuses')}>
            {ReviewStatuses.filter((s) => detail.statuses[s]).map((s) => (
              <span key={s} className={`status status-${s}`}>
                {t(`status.${s}`)}: {detail.statuses[s]}
              </span>
            ))}
          </p>
          <div className="toolbar campaign-actions" role="group" aria-label={t('campaign.actions')}>
            <span className="muted">{t('campaign.undecided', { count: undecided })}</span>
            <button
              type="button"
              className="button"
              disabled={busy || undecided === 0}
              onClick={() => void decide('escalated')}
            >
              {t('campaign.escalateAll')}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={busy || undecided === 0}
              onClick={() => void decide('confirmed')}
            >
              {t('campaign.confirmAll')}
            </button>
            <button
              type="button"
              className="button danger"
              disabled={busy || undecided === 0}
              onClick={() => void decide('dismissed')}
            >
              {t('campaign.dismissAll')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || undecided === 0}
              onClick={() => void assignAll()}
            >
              {t('campaign.assignAll')}
            </button>
            {supervises && (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void addToCase()}
              >
                {t('campaign.addToCase')}
              </button>
            )}
          </div>
          <div className="ad-columns">
            <div className="ad-main">
              <section className="panel" aria-labelledby="template-title">
                <h2 id="template-title">{t('campaign.template')}</h2>
                <p className="muted small">{t('campaign.templateHelp')}</p>
                {/* Scraped text is only ever rendered as text nodes. */}
                <div className="ad-text template-text">
                  {detail.template.parts.map((part, i) =>
                    part.kind === 'shared' ? (
                      <span key={i}>{part.text}</span>
                    ) : (
                      <mark
                        key={i}
                        className={`template-${part.kind}`}
                        title={
                          part.kind === 'slot'
                            ? t('campaign.slot')
                            : t('campaign.varying', { share: Math.round(part.share * 100) })
                        }
                      >
                        {part.text}
                      </mark>
                    ),
                  )}
                </div>
                <p className="legend small">
                  <mark className="template-varying">{t('campaign.legendVarying')}</mark>{' '}
                  <mark className="template-slot">{t('campaign.legendSlot')}</mark>
                </p>
              </section>
              <section className="panel" aria-labelledby="campaign-ads-title">
                <h2 id="campaign-ads-title">{t('campaign.timeline')}</h2>
                <CampaignTimeline ads={detail.ads} />
                <ol className="entity-ads">
                  {detail.ads.map((ad) => (
                    <li key={ad.id}>
                      <time className="muted small" dateTime={ad.firstSeenAt}>
                        {formatDate(ad.firstSeenAt)}
                      </time>{' '}
                      <ScoreBadge score={ad.score} band={ad.band} />{' '}
                      <a href={hrefOf({ name: 'ad', id: ad.id })}>{ad.title || ad.id}</a>{' '}
                      <span className={`status status-${ad.status}`}>
                        {t(`status.${ad.status}`)}
                      </span>{' '}
                      <span className="muted small">
                        {ad.sourceId}
                        {ad.flagged ? '' : ` · ${t('entity.notFlagged')}`}
                      </span>
                    </li>
                  ))}
                </ol>
                {detail.truncated && <p className="muted">{t('campaign.truncated')}</p>}
              </section>
            </div>
            <aside className="ad-side">
              <section className="panel" aria-labelledby="campaign-contacts-title">
                <h2 id="campaign-contacts-title">{t('campaign.contacts')}</h2>
                {detail.contacts.length === 0 ? (
                  <p className="muted">{t('campaign.noContacts')}</p>
                ) : (
                  <ul className="related">
                    {detail.contacts.map((contact) => (
                      <li key={contact.key}>
                        <EntityLink entityKey={contact.key}>{contact.display}</EntityLink>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </aside>
          </div>
        </>
      )}
      {dialog}
    </article>
  );
}
