import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import type { AdDetail, ReviewStatus, SessionUser } from '../api/types.js';
import { announceAdChanged, isAd, summaryOf } from '../ad-events.js';
import { Banner } from '../components/banner.js';
import { conflictUser, describeError } from '../components/error-text.js';
import { ScoreBadge } from '../components/score-badge.js';
import { ScoreParts } from '../components/score-parts.js';
import { useShortcuts } from '../components/shortcuts.js';
import { useAsk } from '../components/use-ask.js';
import { useI18n } from '../i18n/index.js';
import { hrefOf, navigate } from '../router.js';
import { CapturePanel } from './capture-panel.js';
import { FactsPanel } from './facts-panel.js';
import { HighlightedText } from './highlighted-text.js';
import { HistoryPanel } from './history-panel.js';
import { IndicatorsPanel } from './indicators-panel.js';
import { RelatedPanel } from './related-panel.js';
import { RetentionPanel } from './retention-panel.js';
import { VersionsPanel } from './versions-panel.js';

interface Banner {
  kind: 'ok' | 'error' | 'conflict';
  text: string;
}

const decisions: {
  status: ReviewStatus;
  key: string;
  label: 'action.start' | 'action.escalate' | 'action.confirm' | 'action.dismiss';
}[] = [
  { status: 'in_review', key: 'i', label: 'action.start' },
  { status: 'escalated', key: 'e', label: 'action.escalate' },
  { status: 'confirmed', key: 'c', label: 'action.confirm' },
  { status: 'dismissed', key: 'd', label: 'action.dismiss' },
];

export interface AdScreenProps {
  id: string;
  user: SessionUser;
  /** The queue's order, for j/k between ads. */
  queueIds: string[];
}

/** One flagged ad: the evidence, the capture and the decision. */
export function AdScreen({ id, user, queueIds }: AdScreenProps) {
  const { t, formatDate, formatNumber } = useI18n();
  const [ad, setAd] = useState<AdDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [busy, setBusy] = useState(false);
  const { ask, dialog } = useAsk();

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setAd(await endpoints.ad(id));
    } catch (error) {
      setLoadError(
        error instanceof ApiError && error.status === 404
          ? t('ad.notFound')
          : describeError(error, t),
      );
    }
  }, [id, t]);

  useEffect(() => {
    void load();
  }, [load]);

  // Screen readers announce the ad once it is there; keyboard focus starts at its title.
  const loadedId = ad?.id;
  useEffect(() => {
    if (loadedId) document.getElementById('ad-title')?.focus({ preventScroll: true });
  }, [loadedId]);

  useEffect(() => {
    if (ad) document.title = `${ad.title} · adwatch`;
    return () => {
      document.title = 'adwatch';
    };
  }, [ad]);

  const changed = (result: unknown, text: string) => {
    if (isAd(result)) {
      setAd(result);
      announceAdChanged(summaryOf(result));
    } else {
      void load();
    }
    setBanner({ kind: 'ok', text });
  };

  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) {
      const by = conflictUser(error);
      setBanner({
        kind: 'conflict',
        text: by ? t('conflict.byUser', { user: by }) : t('conflict.unknown'),
      });
    } else {
      setBanner({ kind: 'error', text: describeError(error, t) });
    }
  };

  const run = async (action: () => Promise<unknown>, text: string) => {
    setBusy(true);
    try {
      changed(await action(), text);
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const decide = async (status: ReviewStatus) => {
    if (!ad || busy) return;
    let reason: string | undefined;
    if (status === 'dismissed') {
      reason = (await ask('dismiss')) ?? undefined;
      if (!reason) return;
    }
    await run(
      () => endpoints.setStatus(ad.id, status, ad.version, reason),
      t('action.done', { status: t(`status.${status}`) }),
    );
  };

  const note = async () => {
    if (!ad) return;
    const text = await ask('note');
    if (text) await run(() => endpoints.addNote(ad.id, text), t('common.saved'));
  };

  const assign = async () => {
    if (!ad) return;
    const answer = await ask('assign', { current: ad.assignee });
    if (answer === null) return;
    await run(() => endpoints.assign(ad.id, answer || null, ad.version), t('common.saved'));
  };

  const addToCase = async () => {
    if (!ad) return;
    const chosen = await ask('case');
    if (!chosen) return;
    try {
      await endpoints.addToCase(chosen.id, [ad.id]);
      setBanner({ kind: 'ok', text: t('cases.added', { name: chosen.name }) });
    } catch (error) {
      failed(error);
    }
  };

  const exportEvidence = async () => {
    if (!ad) return;
    setBanner({ kind: 'ok', text: t('action.exporting') });
    try {
      await endpoints.exportPacket({ adIds: [ad.id] });
      setBanner({ kind: 'ok', text: t('action.exported') });
    } catch (error) {
      failed(error);
    }
  };

  const reload = async () => {
    await load();
    setBanner(null);
  };

  const index = queueIds.indexOf(id);
  const previousId = index > 0 ? queueIds[index - 1] : undefined;
  const nextId = index >= 0 ? queueIds[index + 1] : undefined;

  useShortcuts({
    j: () => nextId && navigate({ name: 'ad', id: nextId }),
    k: () => previousId && navigate({ name: 'ad', id: previousId }),
    i: () => void decide('in_review'),
    e: () => void decide('escalated'),
    c: () => void decide('confirmed'),
    d: () => void decide('dismissed'),
    n: () => void note(),
    a: () => void assign(),
    Escape: () => navigate({ name: 'triage' }),
  });

  return (
    <article className="ad-view" aria-labelledby="ad-title">
      <nav className="ad-nav" aria-label={t('ad.back')}>
        <a href={hrefOf({ name: 'triage' })}>← {t('ad.back')}</a>
        <span className="spacer" />
        {previousId ? (
          <a href={hrefOf({ name: 'ad', id: previousId })} title="k">
            ↑ {t('ad.prev')}
          </a>
        ) : null}
        {nextId ? (
          <a href={hrefOf({ name: 'ad', id: nextId })} title="j">
            ↓ {t('ad.next')}
          </a>
        ) : null}
      </nav>

      {loadError && (
        <p className="error" role="alert">
          {loadError}{' '}
          <button type="button" className="button small" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {!ad && !loadError && <p className="muted">{t('common.loading')}</p>}

      {ad && (
        <>
          <header className="ad-head">
            <ScoreBadge score={ad.score} band={ad.band} />
            <h1 id="ad-title" tabIndex={-1}>
              {ad.title || '—'}
            </h1>
          </header>
          <ScoreParts parts={ad.components} previous={ad.previousClassification} />
          <p className="ad-meta">
            <span className={`status status-${ad.status}`}>{t(`status.${ad.status}`)}</span>
            {ad.takenDown && (
              <span
                className="badge taken-down"
                title={t('ad.takenDownHint', { date: formatDate(ad.lastSeenAt) })}
              >
                {t('ad.takenDown')}
              </span>
            )}
            <span>
              {ad.assignee ? t('ad.assignedTo', { user: ad.assignee }) : t('triage.unassigned')}
            </span>
            <span className="muted">{ad.sourceId}</span>
            <span className="muted">{ad.lang.toUpperCase()}</span>
            <span className="muted">{t('ad.firstSeen', { date: formatDate(ad.firstSeenAt) })}</span>
            <span className="muted">{t('ad.lastSeen', { date: formatDate(ad.lastSeenAt) })}</span>
          </p>
          {ad.takenDown && (
            <p className="notice">{t('ad.takenDownHint', { date: formatDate(ad.lastSeenAt) })}</p>
          )}
          {ad.truncated && (
            <p className="notice">
              {t('ad.truncated', {
                fields: Object.entries(ad.truncated)
                  .map(([field, length]) => `${field} (${formatNumber(length)})`)
                  .join(', '),
              })}
            </p>
          )}

          <div className="decision-bar" role="toolbar" aria-label={t('ad.actions')}>
            {decisions.map((decision) => (
              <button
                key={decision.status}
                type="button"
                className={
                  decision.status === 'dismissed'
                    ? 'button danger'
                    : decision.status === 'escalated'
                      ? 'button primary'
                      : 'button'
                }
                disabled={busy || ad.status === decision.status}
                onClick={() => void decide(decision.status)}
                aria-keyshortcuts={decision.key}
              >
                {t(decision.label)} <kbd>{decision.key}</kbd>
              </button>
            ))}
            <button
              type="button"
              className="button"
              onClick={() => void note()}
              aria-keyshortcuts="n"
            >
              {t('action.note')} <kbd>n</kbd>
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void assign()}
              aria-keyshortcuts="a"
            >
              {t('action.assign')} <kbd>a</kbd>
            </button>
            {user.role !== 'analyst' && (
              <button type="button" className="button" onClick={() => void addToCase()}>
                {t('action.addToCase')}
              </button>
            )}
            <button type="button" className="button" onClick={() => void exportEvidence()}>
              {t('action.export')}
            </button>
          </div>

          {banner && (
            <Banner
              kind={banner.kind === 'ok' ? 'ok' : 'error'}
              text={banner.text}
              onReload={banner.kind === 'conflict' ? () => void reload() : undefined}
              onClose={() => setBanner(null)}
              testId={banner.kind === 'conflict' ? 'conflict' : undefined}
            />
          )}

          <div className="ad-columns">
            <div className="ad-main">
              <section className="panel" aria-labelledby="text-title">
                <h2 id="text-title">{t('ad.text')}</h2>
                <HighlightedText text={ad.text} indicators={ad.indicators} />
              </section>
              <VersionsPanel ad={ad} />
              <CapturePanel ad={ad} />
            </div>
            <aside className="ad-side">
              <IndicatorsPanel indicators={ad.indicators} />
              <FactsPanel facts={ad.facts ?? {}} contacts={ad.contacts ?? []} />
              <RelatedPanel related={ad.related} />
              <HistoryPanel history={ad.history} />
              <RetentionPanel adId={ad.id} user={user} />
            </aside>
          </div>
        </>
      )}
      {dialog}
    </article>
  );
}
