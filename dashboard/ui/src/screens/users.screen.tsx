import { useState, type FormEvent } from 'react';
import { endpoints } from '../api/endpoints.js';
import type { Role, SessionUser, UserInfo } from '../api/types.js';
import { describeError } from '../components/error-text.js';
import { Modal } from '../components/modal.js';
import { useI18n } from '../i18n/index.js';
import { useLoad } from './use-load.js';

const roles: Role[] = ['analyst', 'supervisor', 'admin'];

/** When the account's lock ends, while it is locked (lockedUntil stays set after it passes). */
function lockEnd(account: UserInfo, now: number): string | null {
  const until = account.lockedUntil;
  return until !== null && new Date(until).getTime() > now ? until : null;
}

/** Accounts: add, disable, unlock, reset a password (admins only; the server checks too). */
export function UsersScreen({ user }: { user: SessionUser }) {
  const { t, formatDate } = useI18n();
  const { data, error, reload } = useLoad(() => endpoints.users().then((r) => r.users), []);
  const [form, setForm] = useState({ username: '', role: 'analyst' as Role, password: '' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [resetting, setResetting] = useState<UserInfo | null>(null);
  const [disabling, setDisabling] = useState<UserInfo | null>(null);
  const [newPassword, setNewPassword] = useState('');

  const act = async (action: () => Promise<unknown>, ok: string) => {
    try {
      await action();
      setMessage({ kind: 'ok', text: ok });
      await reload();
    } catch (failure) {
      setMessage({ kind: 'error', text: describeError(failure, t) });
    }
  };

  // Locks are judged at render time: one that ends while the screen is open shows until the next
  // render (every action reloads the list).
  const now = Date.now();

  const add = (event: FormEvent) => {
    event.preventDefault();
    const username = form.username.trim();
    void act(
      async () => {
        await endpoints.addUser(username, form.role, form.password);
        setForm({ username: '', role: 'analyst', password: '' });
      },
      t('users.added', { user: username }),
    );
  };

  return (
    <section className="page" aria-labelledby="users-title">
      <div className="page-head">
        <h1 id="users-title">{t('users.title')}</h1>
      </div>
      <form className="inline-form" onSubmit={add} aria-label={t('users.add')}>
        <label className="field">
          <span>{t('users.username')}</span>
          <input
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
            required
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>{t('users.role')}</span>
          <select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('users.password')}</span>
          <input
            type="password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
            autoComplete="new-password"
          />
        </label>
        <button type="submit" className="button primary align-end">
          {t('users.add')}
        </button>
      </form>
      {message && (
        <p
          className={message.kind === 'error' ? 'error' : 'notice'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('users.username')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.createdAt')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {data.map((account) => (
              <tr key={account.username}>
                <th scope="row">{account.username}</th>
                <td>{t(`role.${account.role}`)}</td>
                <td>
                  <span className={account.disabled ? 'pill bad' : 'pill good'}>
                    {account.disabled ? t('users.disabled') : t('users.active')}
                  </span>
                  <LockPill until={lockEnd(account, now)} />
                </td>
                <td className="nowrap">{formatDate(account.createdAt)}</td>
                <td className="nowrap">
                  {account.lastLoginAt ? formatDate(account.lastLoginAt) : t('common.never')}
                </td>
                <td className="col-actions">
                  <button
                    type="button"
                    className="button small"
                    onClick={() => setResetting(account)}
                  >
                    {t('users.reset')}
                  </button>
                  {lockEnd(account, now) && user.role === 'admin' && (
                    <button
                      type="button"
                      className="button small"
                      onClick={() =>
                        void act(
                          () => endpoints.unlockUser(account.username),
                          t('users.unlockedDone', { user: account.username }),
                        )
                      }
                    >
                      {t('users.unlock')}
                    </button>
                  )}
                  {!account.disabled && account.username !== user.username && (
                    <button
                      type="button"
                      className="button small danger"
                      onClick={() => setDisabling(account)}
                    >
                      {t('users.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resetting && (
        <Modal title={t('users.reset')} onClose={() => setResetting(null)}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const target = resetting.username;
              setResetting(null);
              void act(
                () => endpoints.resetPassword(target, newPassword),
                t('users.resetDone', { user: target }),
              );
              setNewPassword('');
            }}
          >
            <label className="field">
              <span>{t('users.newPassword', { user: resetting.username })}</span>
              <input
                type="password"
                value={newPassword}
                onChange={(e) => setNewPassword(e.target.value)}
                required
                autoFocus
                autoComplete="new-password"
              />
            </label>
            <div className="modal-actions">
              <button type="button" className="button" onClick={() => setResetting(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button primary">
                {t('common.save')}
              </button>
            </div>
          </form>
        </Modal>
      )}
      {disabling && (
        <Modal title={t('users.disable')} onClose={() => setDisabling(null)}>
          <p>{t('users.confirmDisable', { user: disabling.username })}</p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setDisabling(null)} autoFocus>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => {
                const target = disabling.username;
                setDisabling(null);
                void act(
                  () => endpoints.disableUser(target),
                  t('users.disabledDone', { user: target }),
                );
              }}
            >
              {t('users.disable')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

/** "Locked until 14:05" (the full date on hover) while failed logins keep an account locked. */
function LockPill({ until }: { until: string | null }) {
  const { t, formatDate, formatTime } = useI18n();
  if (!until) return null;
  return (
    <span className="pill warn" title={t('users.lockedTitle', { date: formatDate(until) })}>
      {t('users.lockedUntil', { time: formatTime(until) })}
    </span>
  );
}
