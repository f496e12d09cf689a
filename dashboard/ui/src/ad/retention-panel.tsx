import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { AdRetention, SessionUser } from '../api/types.js';
import { describeError } from '../components/error-text.js';
import { useI18n } from '../i18n/index.js';

const path = (adId: string, rest: string) => `/api/ads/${encodeURIComponent(adId)}/${rest}`;

/**
 * Whether the retention policy may touch the ad (legal hold, cases) and what it already removed;
 * supervisors and admins place or lift the legal hold here, always with a reason.
 */
export function RetentionPanel({ adId, user }: { adId: string; user: SessionUser }) {
  const { t, formatDate } = useI18n();
  const [state, setState] = useState<AdRetention | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setState(await api<AdRetention>(path(adId, 'retention')));
    } catch (error) {
      setMessage({ ok: false, text: describeError(error, t) });
    }
  }, [adId, t]);

  useEffect(() => {
    setMessage(null);
    setReason('');
    void load();
  }, [load]);

  const change = async (method: 'POST' | 'DELETE') => {
    if (!reason.trim() || busy) return;
    setBusy(true);
    try {
      setState(
        await api<AdRetention>(path(adId, 'legal-hold'), {
          method,
          body: { reason: reason.trim() },
        }),
      );
      setReason('');
      setMessage({
        ok: true,
        text: t(method === 'POST' ? 'retention.placed' : 'retention.lifted'),
      });
    } catch (error) {
      setMessage({ ok: false, text: describeError(error, t) });
    } finally {
      setBusy(false);
    }
  };

  const mayHold = user.role === 'supervisor' || user.role === 'admin';
  const hold = state?.legalHold;
  return (
    <section className="panel" aria-labelledby="retention-title" data-testid="retention-panel">
      <h2 id="retention-title">{t('retention.title')}</h2>
      {state && (
        <>
          <p className={hold ? 'notice' : 'muted'} data-testid="legal-hold-state">
            {hold
              ? t('retention.held', {
                  date: formatDate(hold.at),
                  user: hold.by,
                  reason: hold.reason,
                })
              : t('retention.notHeld')}
          </p>
          {state.cases.length > 0 && (
            <p className="muted">
              {t('retention.inCases', { cases: state.cases.map((c) => c.name).join(', ') })}
            </p>
          )}
          {state.capturesDeletedAt && (
            <p className="muted">
              {t('retention.capturesDeleted', {
                date: formatDate(state.capturesDeletedAt),
                count: state.deletedCaptures,
              })}
            </p>
          )}
          {state.reducedAt && (
            <p className="muted">{t('retention.reduced', { date: formatDate(state.reducedAt) })}</p>
          )}
          {mayHold && (
            <form
              className="legal-hold-form"
              style={{ display: 'grid', gap: '6px' }}
              onSubmit={(event) => {
                event.preventDefault();
                void change(hold ? 'DELETE' : 'POST');
              }}
            >
              <div className="field">
                <label htmlFor="legal-hold-reason">{t('retention.reason')}</label>
                <textarea
                  id="legal-hold-reason"
                  rows={2}
                  maxLength={1000}
                  value={reason}
                  placeholder={t('retention.reasonHint')}
                  onChange={(event) => setReason(event.target.value)}
                />
              </div>
              <button
                type="submit"
                className={hold ? 'button' : 'button primary'}
                style={{ justifySelf: 'start' }}
                disabled={busy || reason.trim().length < 3}
              >
                {t(hold ? 'retention.lift' : 'retention.place')}
              </button>
            </form>
          )}
        </>
      )}
      {message && (
        <p className={message.ok ? 'muted' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
