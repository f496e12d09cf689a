import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../api/endpoints.js';
import { describeError } from '../components/error-text.js';
import { EntityLink } from '../entity/entity-link.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import {
  alertEndpoints,
  AlertKinds,
  announceAlertsChanged,
  type AlertInfo,
  type AlertKind,
  type AlertStatus,
} from './alerts.api.js';

export const alertKindKeys: Record<AlertKind, MessageKey> = {
  'new-campaign': 'alertKind.new-campaign',
  'reused-contact': 'alertKind.reused-contact',
  surge: 'alertKind.surge',
  watched: 'alertKind.watched',
};

const statusTabs: Array<AlertStatus | ''> = ['open', 'acknowledged', ''];

/**
 * Alerts newest first: what fired, when, about what (links to the campaign, entity or ad), who
 * acknowledged it and who follows it up. `focusId` (from `#/alerts/<id>`, the link in deliveries)
 * is marked and shown even when the filters would hide it.
 */
export function AlertsScreen({ focusId }: { focusId: string | null }) {
  const { t, formatDate } = useI18n();
  const [status, setStatus] = useState<AlertStatus | ''>(focusId ? '' : 'open');
  const [kind, setKind] = useState<AlertKind | ''>('');
  const [items, setItems] = useState<AlertInfo[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [users, setUsers] = useState<string[]>([]);

  const load = useCallback(
    async (after: string | null) => {
      setError(null);
      try {
        const page = await alertEndpoints.list({ status, kind }, after);
        let list = page.items;
        if (!after && focusId && !list.some((a) => a.id === focusId))
          list = [await alertEndpoints.get(focusId), ...list];
        setItems((current) => (after ? [...(current ?? []), ...list] : list));
        setCursor(page.nextCursor);
      } catch (failure) {
        setError(describeError(failure, t));
      }
    },
    [status, kind, focusId, t],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  useEffect(() => {
    endpoints.assignable().then(
      (result) => setUsers(result.users.map((u) => u.username)),
      () => setUsers([]),
    );
  }, []);

  const act = async (change: () => Promise<AlertInfo>) => {
    setError(null);
    try {
      const updated = await change();
      setItems((current) => (current ?? []).map((a) => (a.id === updated.id ? updated : a)));
      announceAlertsChanged();
    } catch (failure) {
      setError(describeError(failure, t));
    }
  };

  return (
    <section className="page" aria-labelledby="alerts-title">
      <div className="page-head">
        <h1 id="alerts-title">{t('alerts.title')}</h1>
        <a className="button small" href={hrefOf({ name: 'watchlist' })}>
          {t('nav.watchlist')}
        </a>
      </div>
      <div className="tabs" role="group" aria-label={t('alerts.statusFilter')}>
        {statusTabs.map((value) => (
          <button
            key={value || 'all'}
            type="button"
            className="tab"
            aria-pressed={status === value}
            onClick={() => setStatus(value)}
          >
            {value ? t(`alerts.status.${value}`) : t('status.all')}
          </button>
        ))}
        <label className="field alert-kind-filter">
          <span>{t('alerts.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as AlertKind | '')}>
            <option value="">{t('common.any')}</option>
            {AlertKinds.map((k) => (
              <option key={k} value={k}>
                {t(alertKindKeys[k])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && <p className="muted">{t('common.loading')}</p>}
      {items && items.length === 0 && <p className="empty">{t('alerts.empty')}</p>}
      {items && items.length > 0 && (
        <table className="data alerts-table">
          <thead>
            <tr>
              <th scope="col">{t('alerts.kind')}</th>
              <th scope="col">{t('alerts.what')}</th>
              <th scope="col">{t('alerts.when')}</th>
              <th scope="col">{t('alerts.state')}</th>
              <th scope="col">{t('alerts.assignee')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('alerts.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((alert) => (
              <tr
                key={alert.id}
                className={`alert-row${alert.id === focusId ? ' focused' : ''}`}
                data-alert-id={alert.id}
              >
                <td>
                  <span className={`alert-kind alert-kind-${alert.kind}`}>
                    {t(alertKindKeys[alert.kind])}
                  </span>
                </td>
                <td>
                  <strong className="alert-title">{alert.title}</strong>
                  <div className="muted small">{alert.detail}</div>
                  <AlertTargetLinks alert={alert} />
                  <Deliveries alert={alert} />
                </td>
                <td className="nowrap">
                  <time dateTime={alert.firedAt}>{formatDate(alert.firedAt)}</time>
                </td>
                <td>
                  <span className={`status alert-status-${alert.status}`}>
                    {t(`alerts.status.${alert.status}`)}
                  </span>
                  {alert.acknowledgedBy && (
                    <div className="muted small">
                      {t('alerts.acknowledgedBy', {
                        user: alert.acknowledgedBy,
                        date: formatDate(alert.acknowledgedAt),
                      })}
                    </div>
                  )}
                </td>
                <td>
                  <select
                    aria-label={t('alerts.assignTo', { title: alert.title })}
                    value={alert.assignee ?? ''}
                    onChange={(e) =>
                      void act(() => alertEndpoints.assign(alert.id, e.target.value || null))
                    }
                  >
                    <option value="">{t('triage.unassigned')}</option>
                    {[...new Set([...users, ...(alert.assignee ? [alert.assignee] : [])])].map(
                      (user) => (
                        <option key={user} value={user}>
                          {user}
                        </option>
                      ),
                    )}
                  </select>
                </td>
                <td className="col-actions">
                  {alert.status === 'open' && (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void act(() => alertEndpoints.acknowledge(alert.id))}
                    >
                      {t('alerts.acknowledge')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="button small" onClick={() => void load(cursor)}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}

/** Links to what the alert is about. Campaign pages live at `#/campaigns/<id>`. */
function AlertTargetLinks({ alert }: { alert: AlertInfo }) {
  const { t } = useI18n();
  const { campaignId, entityKey, adId, dimension, value } = alert.target;
  if (!campaignId && !entityKey && !adId && !dimension) return null;
  return (
    <div className="alert-links small">
      {campaignId && (
        <a href={`#/campaigns/${encodeURIComponent(campaignId)}`}>{t('alerts.openCampaign')}</a>
      )}
      {entityKey && <EntityLink entityKey={entityKey}>{t('alerts.openEntity')}</EntityLink>}
      {adId && <a href={hrefOf({ name: 'ad', id: adId })}>{t('alerts.openAd')}</a>}
      {dimension && (
        <span className="fact">
          {t(`alerts.dimension.${dimension}`)}: {value}
        </span>
      )}
    </div>
  );
}

/** Where the alert was sent, and how that went. */
function Deliveries({ alert }: { alert: AlertInfo }) {
  const { t } = useI18n();
  if (alert.deliveries.length === 0) return null;
  return (
    <ul className="alert-deliveries small">
      {alert.deliveries.map((d) => (
        <li key={d.channel} title={d.lastError ?? undefined}>
          {d.channel}: {t(`alerts.delivery.${d.status}`)}
          {d.attempts > 1 ? ` (${t('alerts.attempts', { count: d.attempts })})` : ''}
        </li>
      ))}
    </ul>
  );
}
