import { useEffect } from 'react';
import { endpoints } from '../api/endpoints.js';
import type { SessionUser } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { useLoad } from './use-load.js';

const refreshMillis = 15_000;

/** Queues, sources, workers and store counts for operators; refreshes itself. */
export function HealthScreen({ user }: { user: SessionUser }) {
  const { t, formatDate, formatNumber } = useI18n();
  const { data, error, reload } = useLoad(() => endpoints.health(), []);
  useEffect(() => {
    const timer = setInterval(() => void reload(), refreshMillis);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <section className="page" aria-labelledby="health-title">
      <div className="page-head">
        <h1 id="health-title">{t('health.title')}</h1>
        <button type="button" className="button small" onClick={() => void reload()}>
          {t('common.refresh')}
        </button>
        {user.role === 'admin' && (
          <a className="button small" href="/admin/queues" target="_blank" rel="noreferrer">
            {t('health.bullBoard')}
          </a>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p className="muted">{t('common.loading')}</p>}
      {data && (
        <div className="health-grid">
          <section className="panel" aria-labelledby="store-title">
            <h2 id="store-title">{t('health.store')}</h2>
            <div className="stats">
              <div>
                <span className="stat">{formatNumber(data.store.ads)}</span>
                <span className="muted">{t('health.storeAds')}</span>
              </div>
              <div>
                <span className="stat">{formatNumber(data.store.flagged)}</span>
                <span className="muted">{t('health.storeFlagged')}</span>
              </div>
              <div>
                <span className="stat">{formatNumber(data.store.captures)}</span>
                <span className="muted">{t('health.storeCaptures')}</span>
              </div>
            </div>
          </section>
          <section className="panel wide" aria-labelledby="queues-title">
            <h2 id="queues-title">{t('health.queues')}</h2>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('health.queue')}</th>
                  <th scope="col" className="num">
                    {t('health.waiting')}
                  </th>
                  <th scope="col" className="num">
                    {t('health.active')}
                  </th>
                  <th scope="col" className="num">
                    {t('health.delayed')}
                  </th>
                  <th scope="col" className="num">
                    {t('health.completed')}
                  </th>
                  <th scope="col" className="num">
                    {t('health.failed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(data.queues).map(([name, queue]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td className="num">{formatNumber(queue.waiting)}</td>
                    <td className="num">{formatNumber(queue.active)}</td>
                    <td className="num">{formatNumber(queue.delayed)}</td>
                    <td className="num">{formatNumber(queue.completed)}</td>
                    <td className={queue.failed > 0 ? 'num bad' : 'num'}>
                      {formatNumber(queue.failed)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel wide" aria-labelledby="sources-title">
            <h2 id="sources-title">{t('health.sources')}</h2>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('health.source')}</th>
                  <th scope="col">{t('health.state')}</th>
                  <th scope="col">{t('health.lastScan')}</th>
                  <th scope="col" className="num">
                    {t('health.failures')}
                  </th>
                  <th scope="col">{t('health.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sources.map((source) => (
                  <tr key={source.id}>
                    <th scope="row">{source.id}</th>
                    <td>
                      <span className={source.healthy ? 'pill good' : 'pill bad'}>
                        {source.healthy ? t('health.healthy') : t('health.unhealthy')}
                      </span>
                    </td>
                    <td className="nowrap">
                      {source.lastScanAt ? formatDate(source.lastScanAt) : t('common.never')}
                    </td>
                    <td className="num">{formatNumber(source.consecutiveFailures)}</td>
                    <td className="break">{source.lastError ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel wide" aria-labelledby="workers-title">
            <h2 id="workers-title">{t('health.workers')}</h2>
            {data.workers.length === 0 ? (
              <p className="muted">{t('health.noWorkers')}</p>
            ) : (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('health.worker')}</th>
                    <th scope="col">{t('health.addr')}</th>
                    <th scope="col">{t('health.age')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.workers.map((worker, index) => (
                    <tr key={`${worker.name}-${worker.addr}-${index}`}>
                      <th scope="row">{worker.name}</th>
                      <td>{worker.addr}</td>
                      <td>{t('health.ageSecs', { secs: formatNumber(worker.age) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </section>
  );
}
