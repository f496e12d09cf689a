import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { endpoints } from '../api/endpoints.js';
import type { AuditEntry } from '../api/types.js';
import { dayBound } from '../components/day-bound.js';
import { describeError } from '../components/error-text.js';
import { useI18n } from '../i18n/index.js';

interface AuditFilters {
  user?: string;
  ad?: string;
  from?: string;
  to?: string;
}

/** The hash-chained audit trail, newest first, filtered by user, ad and time. */
export function AuditScreen() {
  const { t, formatDate, formatNumber } = useI18n();
  const [draft, setDraft] = useState({ user: '', ad: '', from: '', to: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      setLoading(true);
      setError(null);
      try {
        const page = await endpoints.audit(filters, from);
        setItems((previous) => (from ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (failure) {
        setError(describeError(failure, t));
      } finally {
        setLoading(false);
      }
    },
    [filters, t],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: AuditFilters = {};
    if (draft.user.trim()) next.user = draft.user.trim();
    if (draft.ad.trim()) next.ad = draft.ad.trim();
    const from = dayBound(draft.from, false);
    const to = dayBound(draft.to, true);
    if (from) next.from = from;
    if (to) next.to = to;
    setFilters(next);
  };

  const field = (key: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });

  return (
    <section className="page" aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">{t('audit.title')}</h1>
      </div>
      <form className="inline-form" onSubmit={apply} role="search" aria-label={t('filters.title')}>
        <label className="field">
          <span>{t('audit.user')}</span>
          <input value={draft.user} onChange={field('user')} />
        </label>
        <label className="field">
          <span>{t('audit.ad')}</span>
          <input value={draft.ad} onChange={field('ad')} />
        </label>
        <label className="field">
          <span>{t('audit.from')}</span>
          <input type="date" value={draft.from} onChange={field('from')} />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input type="date" value={draft.to} onChange={field('to')} />
        </label>
        <button type="submit" className="button primary align-end">
          {t('common.apply')}
        </button>
        <button
          type="button"
          className="button align-end"
          onClick={() => {
            setDraft({ user: '', ad: '', from: '', to: '' });
            setFilters({});
          }}
        >
          {t('common.clear')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <table className="data audit">
        <thead>
          <tr>
            <th scope="col">{t('audit.seq')}</th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.details')}</th>
            <th scope="col">{t('audit.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.seq}>
              <td className="num">{formatNumber(entry.seq)}</td>
              <td className="nowrap">
                <time dateTime={entry.at}>{formatDate(entry.at)}</time>
              </td>
              <td>{entry.actor}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td className="break">{entry.target ?? '—'}</td>
              <td className="details">
                {entry.details === undefined || entry.details === null
                  ? ''
                  : JSON.stringify(entry.details)}
              </td>
              <td className="hash" title={entry.hash}>
                {entry.hash.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && items.length === 0 && !error && <p className="empty">{t('audit.empty')}</p>}
      <div className="list-foot">
        {loading && <span className="muted">{t('common.loading')}</span>}
        {cursor && !loading && (
          <button type="button" className="button small" onClick={() => void load(cursor)}>
            {t('common.loadMore')}
          </button>
        )}
      </div>
    </section>
  );
}
