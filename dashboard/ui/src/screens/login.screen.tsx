import { useState, type FormEvent } from 'react';
import { ApiError, setCsrfToken } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import type { SessionUser } from '../api/types.js';
import { describeError } from '../components/error-text.js';
import { useI18n, type Translate } from '../i18n/index.js';

/** Minutes until a lockout ends, from whichever field the server sends. */
function lockoutMinutes(error: ApiError): number | null {
  const body = error.body as { error?: Record<string, unknown> } | null;
  const details = { ...(body as Record<string, unknown> | null), ...body?.error };
  const secs = [details.retryAfterSecs, details.retryAfterSeconds, details.retryAfter].find(
    (value): value is number => typeof value === 'number',
  );
  if (secs !== undefined) return Math.max(1, Math.ceil(secs / 60));
  const until = details.lockedUntil ?? details.until;
  if (typeof until === 'string') {
    const millis = Date.parse(until) - Date.now();
    if (Number.isFinite(millis)) return Math.max(1, Math.ceil(millis / 60_000));
  }
  return null;
}

/** The sentence for a failed sign-in. */
export function loginFailure(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return describeError(error, t);
  const code = error.code.toUpperCase();
  if (error.status === 423 || code.includes('LOCK')) {
    const minutes = lockoutMinutes(error);
    return minutes === null ? t('login.lockedOut') : t('login.lockedOutFor', { minutes });
  }
  if (code.includes('DISABLED')) return t('login.disabled');
  if (error.status === 429) return t('login.rateLimited');
  if (error.status === 401 || error.status === 400) return t('login.wrongPassword');
  return describeError(error, t);
}

export function LoginScreen({
  notice,
  onSignedIn,
}: {
  notice: string | null;
  onSignedIn: (user: SessionUser) => void;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await endpoints.login(username.trim(), password);
      setCsrfToken(session.csrfToken);
      onSignedIn(session.user);
    } catch (failure) {
      setError(loginFailure(failure, t));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form
        className="login-card"
        onSubmit={(event) => void submit(event)}
        aria-describedby="login-intro"
      >
        <div className="brand brand-large" aria-hidden="true">
          ad<span>watch</span>
        </div>
        <h1>{t('login.title')}</h1>
        <p id="login-intro" className="muted">
          {t('login.intro')}
        </p>
        {notice && !error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
            autoFocus
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
