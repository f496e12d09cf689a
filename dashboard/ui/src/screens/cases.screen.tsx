import { useState, type FormEvent } from 'react';
import { endpoints, unwrapCase } from '../api/endpoints.js';
import { describeError } from '../components/error-text.js';
import { ScoreBadge } from '../components/score-badge.js';
import { useI18n } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import { useLoad } from './use-load.js';

/** All cases, and a form to open a new one. */
export function CasesScreen() {
  const { t, formatDate, formatNumber } = useI18n();
  const { data, error, reload } = useLoad(() => endpoints.cases().then((r) => r.cases), []);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    try {
      await endpoints.createCase(name.trim(), description.trim());
      setName('');
      setDescription('');
      await reload();
    } catch (failure) {
      setFormError(describeError(failure, t));
    }
  };

  return (
    <section className="page" aria-labelledby="cases-title">
      <div className="page-head">
        <h1 id="cases-title">{t('cases.title')}</h1>
      </div>
      <form
        className="inline-form"
        onSubmit={(event) => void create(event)}
        aria-label={t('cases.new')}
      >
        <label className="field">
          <span>{t('cases.name')}</span>
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={200}
          />
        </label>
        <label className="field grow">
          <span>{t('cases.description')}</span>
          <input
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            maxLength={2000}
          />
        </label>
        <button type="submit" className="button primary align-end" disabled={!name.trim()}>
          {t('cases.new')}
        </button>
      </form>
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && data.length === 0 && <p className="empty">{t('cases.empty')}</p>}
      {data && data.length > 0 && (
        <ul className="case-list">
          {data.map((item) => (
            <li key={item.id}>
              <a href={hrefOf({ name: 'case', id: item.id })}>
                <strong>{item.name}</strong>
              </a>{' '}
              <span className="badge">
                {t('cases.ads', { count: formatNumber(item.adIds.length) })}
              </span>
              {item.description && <div>{item.description}</div>}
              <div className="muted small">
                {t('cases.createdBy', { user: item.createdBy, date: formatDate(item.createdAt) })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One case with its ads; ads are added from the triage queue or by id, and removed here. */
export function CaseScreen({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const { data, error, reload } = useLoad(() => endpoints.caseById(id).then(unwrapCase), [id]);
  const [adIds, setAdIds] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);

  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      await reload();
    } catch (failure) {
      setActionError(describeError(failure, t));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const ids = adIds.split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) return;
    void act(async () => {
      await endpoints.addToCase(id, ids);
      setAdIds('');
    });
  };

  const [exporting, setExporting] = useState(false);
  const exportCase = async () => {
    setActionError(null);
    setExporting(true);
    try {
      await endpoints.exportPacket({ caseId: id });
    } catch (failure) {
      setActionError(describeError(failure, t));
    } finally {
      setExporting(false);
    }
  };

  const summaries = new Map((data?.ads ?? []).map((ad) => [ad.id, ad]));
  return (
    <section className="page" aria-labelledby="case-title">
      <nav className="ad-nav">
        <a href={hrefOf({ name: 'cases' })}>← {t('cases.back')}</a>
      </nav>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <div className="page-head">
            <h1 id="case-title">{data.name}</h1>
            <button
              type="button"
              className="button"
              disabled={exporting || data.adIds.length === 0}
              onClick={() => void exportCase()}
            >
              {exporting ? t('action.exporting') : t('cases.export')}
            </button>
          </div>
          {data.description && <p>{data.description}</p>}
          <p className="muted small">
            {t('cases.createdBy', { user: data.createdBy, date: formatDate(data.createdAt) })}
          </p>
          <form className="inline-form" onSubmit={add} aria-label={t('cases.addAds')}>
            <label className="field grow">
              <span>{t('cases.adIds')}</span>
              <input value={adIds} onChange={(event) => setAdIds(event.target.value)} />
            </label>
            <button type="submit" className="button align-end" disabled={!adIds.trim()}>
              {t('cases.addAds')}
            </button>
          </form>
          {actionError && (
            <p className="error" role="alert">
              {actionError}
            </p>
          )}
          {data.adIds.length === 0 ? (
            <p className="empty">{t('cases.noAds')}</p>
          ) : (
            <table className="data">
              <tbody>
                {data.adIds.map((adId) => {
                  const ad = summaries.get(adId);
                  return (
                    <tr key={adId}>
                      <td className="col-score">
                        {ad && <ScoreBadge score={ad.score} band={ad.band} />}
                      </td>
                      <td>
                        <a href={hrefOf({ name: 'ad', id: adId })}>{ad?.title || adId}</a>
                        {ad && (
                          <span className={`status status-${ad.status}`}>
                            {t(`status.${ad.status}`)}
                          </span>
                        )}
                      </td>
                      <td className="col-actions">
                        <button
                          type="button"
                          className="button small"
                          onClick={() => void act(() => endpoints.removeFromCase(id, adId))}
                        >
                          {t('cases.remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
