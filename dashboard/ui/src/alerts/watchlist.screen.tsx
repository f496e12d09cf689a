import { useState, type FormEvent } from 'react';
import type { SessionUser } from '../api/types.js';
import { describeError } from '../components/error-text.js';
import { EntityLink } from '../entity/entity-link.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../screens/use-load.js';
import { alertEndpoints } from './alerts.api.js';

/** Key prefixes an entry can have: translated kinds, and messengers by their (proper) names. */
const keyTypes: Array<{ prefix: string; key?: MessageKey; name?: string }> = [
  { prefix: 'tel', key: 'entityKind.phone' },
  { prefix: 'email', key: 'entityKind.email' },
  { prefix: 'employer', key: 'entityKind.employer' },
  { prefix: 'link', key: 'entityKind.link' },
  { prefix: 'telegram', name: 'Telegram' },
  { prefix: 'whatsapp', name: 'WhatsApp' },
  { prefix: 'viber', name: 'Viber' },
  { prefix: 'instagram', name: 'Instagram' },
  { prefix: 'vk', name: 'VK' },
  { prefix: 'facebook', name: 'Facebook' },
];

/**
 * Contacts and employers to watch: a flagged ad carrying one raises an alert. Analysts see the
 * list; supervisors and admins add (with a note) and remove entries.
 */
export function WatchlistScreen({ user }: { user: SessionUser }) {
  const { t, formatDate } = useI18n();
  const { data, error, reload } = useLoad(
    () => alertEndpoints.watchlist().then((r) => r.items),
    [],
  );
  const [type, setType] = useState('tel');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const canEdit = user.role === 'supervisor' || user.role === 'admin';

  const act = async (change: () => Promise<unknown>) => {
    setFormError(null);
    try {
      await change();
      await reload();
    } catch (failure) {
      setFormError(describeError(failure, t));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await alertEndpoints.watch(`${type}:${value.trim()}`, note.trim());
      setValue('');
      setNote('');
    });
  };

  return (
    <section className="page" aria-labelledby="watchlist-title">
      <nav className="ad-nav">
        <a href={hrefOf({ name: 'alerts', id: null })}>← {t('nav.alerts')}</a>
      </nav>
      <div className="page-head">
        <h1 id="watchlist-title">{t('watchlist.title')}</h1>
      </div>
      <p className="muted">{t('watchlist.intro')}</p>
      {canEdit && (
        <form className="inline-form" onSubmit={add} aria-label={t('watchlist.add')}>
          <label className="field">
            <span>{t('watchlist.type')}</span>
            <select value={type} onChange={(e) => setType(e.target.value)}>
              {keyTypes.map((k) => (
                <option key={k.prefix} value={k.prefix}>
                  {k.key ? t(k.key) : k.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('watchlist.value')}</span>
            <input
              value={value}
              onChange={(e) => setValue(e.target.value)}
              required
              maxLength={250}
            />
          </label>
          <label className="field grow">
            <span>{t('watchlist.note')}</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          </label>
          <button type="submit" className="button primary align-end" disabled={!value.trim()}>
            {t('watchlist.add')}
          </button>
        </form>
      )}
      {(formError ?? error) && (
        <p className="error" role="alert">
          {formError ?? error}
        </p>
      )}
      {data && data.length === 0 && <p className="empty">{t('watchlist.empty')}</p>}
      {data && data.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('watchlist.entry')}</th>
              <th scope="col">{t('watchlist.note')}</th>
              <th scope="col">{t('watchlist.added')}</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">{t('alerts.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.map((entry) => (
              <tr key={entry.key}>
                <td>
                  <EntityLink entityKey={entry.key}>{entry.key}</EntityLink>
                </td>
                <td>{entry.note}</td>
                <td className="muted small">
                  {t('watchlist.addedBy', { user: entry.addedBy, date: formatDate(entry.addedAt) })}
                </td>
                {canEdit && (
                  <td className="col-actions">
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void act(() => alertEndpoints.unwatch(entry.key))}
                    >
                      {t('watchlist.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
