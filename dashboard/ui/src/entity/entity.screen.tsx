import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import type { EntityAdRow, EntityDetail, EntityKind } from '../api/types.js';
import { describeError } from '../components/error-text.js';
import { ScoreBadge } from '../components/score-badge.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import { EntityGraph } from './entity-graph.js';
import { EntityLink } from './entity-link.js';

export const entityKindKeys: Record<EntityKind, MessageKey> = {
  phone: 'entityKind.phone',
  email: 'entityKind.email',
  handle: 'entityKind.handle',
  link: 'entityKind.link',
  employer: 'entityKind.employer',
};

/** A contact across ads: its figures, its ads newest first, what it shares ads with, its graph. */
export function EntityScreen({ entityKey }: { entityKey: string }) {
  const { t, formatDate } = useI18n();
  const [detail, setDetail] = useState<EntityDetail | null>(null);
  const [ads, setAds] = useState<EntityAdRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const result = await endpoints.entity(entityKey);
      setDetail(result);
      setAds(result.ads.items);
      setCursor(result.ads.nextCursor);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 404
          ? t('entity.notFound')
          : describeError(failure, t),
      );
    }
  }, [entityKey, t]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (detail) document.title = `${detail.entity.display} · adwatch`;
    return () => {
      document.title = 'adwatch';
    };
  }, [detail]);

  const more = async () => {
    if (!cursor) return;
    try {
      const result = await endpoints.entity(entityKey, cursor);
      setAds((current) => [...current, ...result.ads.items]);
      setCursor(result.ads.nextCursor);
    } catch (failure) {
      setError(describeError(failure, t));
    }
  };

  const entity = detail?.entity;
  return (
    <article className="entity-view" aria-labelledby="entity-title">
      <nav className="ad-nav">
        <a href={hrefOf({ name: 'triage' })}>← {t('ad.back')}</a>
      </nav>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!detail && !error && <p className="muted">{t('common.loading')}</p>}
      {detail && entity && (
        <>
          <header className="ad-head">
            <ScoreBadge
              score={entity.maxScore}
              band={entity.maxScore >= 70 ? 'high' : entity.maxScore >= 40 ? 'medium' : 'low'}
            />
            <h1 id="entity-title" tabIndex={-1}>
              <span className="entity-kind">
                {t(entityKindKeys[entity.kind])}
                {entity.platform ? ` (${entity.platform})` : ''}
              </span>{' '}
              {entity.display}
            </h1>
          </header>
          <p className="ad-meta">
            <span>{t('entity.ads', { count: entity.adCount })}</span>
            <span>{t('entity.flagged', { count: entity.flaggedCount })}</span>
            <span>{t('entity.maxScore', { score: entity.maxScore })}</span>
            <span className="muted">
              {t('ad.firstSeen', { date: formatDate(entity.firstSeen) })}
            </span>
            <span className="muted">{t('ad.lastSeen', { date: formatDate(entity.lastSeen) })}</span>
          </p>
          <p className="ad-meta">
            <span>{t('entity.sources')}:</span>
            {detail.sources.map((source) => (
              <span key={source} className="fact">
                {source}
              </span>
            ))}
          </p>
          <div className="ad-columns">
            <div className="ad-main">
              <EntityGraph entityKey={entity.key} />
              <section className="panel" aria-labelledby="entity-ads-title">
                <h2 id="entity-ads-title">{t('entity.adsTitle')}</h2>
                <ol className="entity-ads">
                  {ads.map((ad) => (
                    <li key={ad.id}>
                      <time className="muted small">{formatDate(ad.firstSeenAt)}</time>{' '}
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
                {cursor && (
                  <button type="button" className="button small" onClick={() => void more()}>
                    {t('entity.more')}
                  </button>
                )}
              </section>
            </div>
            <aside className="ad-side">
              <section className="panel" aria-labelledby="co-title">
                <h2 id="co-title">{t('entity.coOccurring')}</h2>
                {detail.coOccurring.length === 0 ? (
                  <p className="muted">{t('entity.noCoOccurring')}</p>
                ) : (
                  <ul className="related">
                    {detail.coOccurring.map((other) => (
                      <li key={other.key}>
                        <span className="muted small">{t(entityKindKeys[other.kind])}</span>{' '}
                        <EntityLink entityKey={other.key}>{other.display}</EntityLink>{' '}
                        <span className="muted small">
                          {t('entity.sharedAds', { count: other.count })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </aside>
          </div>
        </>
      )}
    </article>
  );
}
