import { useCallback, useEffect, useMemo, useState } from 'react';
import { setCsrfToken, setUnauthorizedHandler } from './api/client.js';
import { endpoints } from './api/endpoints.js';
import type { Locale, SessionUser } from './api/types.js';
import { HelpOverlay } from './components/help-overlay.js';
import { useShortcuts } from './components/shortcuts.js';
import { Shell } from './components/shell.js';
import { createI18n, I18nContext } from './i18n/index.js';
import { useRoute } from './router.js';
import { AdScreen } from './ad/ad.screen.js';
import { AlertsScreen } from './alerts/alerts.screen.js';
import { WatchlistScreen } from './alerts/watchlist.screen.js';
import { CampaignScreen } from './campaign/campaign.screen.js';
import { EntityScreen } from './entity/entity.screen.js';
import { AuditScreen } from './screens/audit.screen.js';
import { CaseScreen, CasesScreen } from './screens/cases.screen.js';
import { HealthScreen } from './screens/health.screen.js';
import { LoginScreen } from './screens/login.screen.js';
import { UsersScreen } from './screens/users.screen.js';
import { TriageScreen } from './triage/triage.screen.js';
import { QualityScreen } from './quality/quality.screen.js';
import { ModelsScreen } from './models/models.screen.js';

/** What each role may open; the server checks again on every request. */
export function canSee(
  user: SessionUser,
  screen: 'cases' | 'audit' | 'health' | 'users' | 'quality' | 'models',
): boolean {
  if (screen === 'users') return user.role === 'admin';
  return user.role === 'supervisor' || user.role === 'admin';
}

/** The browser's language when nobody is signed in yet. */
function browserLocale(): Locale {
  const language = navigator.language.slice(0, 2);
  return language === 'hy' || language === 'ru' ? language : 'en';
}

export function App() {
  const [user, setUser] = useState<SessionUser | null | 'probing'>('probing');
  const [locale, setLocale] = useState<Locale>(browserLocale);
  const [notice, setNotice] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [queueIds, setQueueIds] = useState<string[]>([]);
  const route = useRoute();
  const i18n = useMemo(() => createI18n(locale), [locale]);

  const signedIn = useCallback((next: SessionUser) => {
    setUser(next);
    setLocale(next.locale);
    setNotice(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setUser(null);
      setNotice(createI18n(locale).t('login.sessionExpired'));
    });
    return () => setUnauthorizedHandler(null);
  }, [locale]);

  useEffect(() => {
    endpoints.session().then(
      (session) => {
        setCsrfToken(session.csrfToken);
        signedIn(session.user);
      },
      () => setUser(null),
    );
  }, [signedIn]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useShortcuts({ '?': () => setHelpOpen(true) }, user !== null && user !== 'probing');

  const changeLocale = async (next: Locale) => {
    setLocale(next);
    if (user && user !== 'probing') {
      setUser({ ...user, locale: next });
      await endpoints.setLocale(next).catch(() => undefined);
    }
  };

  const logout = async () => {
    await endpoints.logout().catch(() => undefined);
    setCsrfToken(null);
    setUser(null);
    window.location.hash = '#/';
  };

  let content;
  if (user === 'probing') {
    content = <p className="centre muted">{i18n.t('common.loading')}</p>;
  } else if (user === null) {
    content = <LoginScreen notice={notice} onSignedIn={signedIn} />;
  } else {
    const forbidden = <p className="error">{i18n.t('errors.forbidden')}</p>;
    const inQueue = route.name === 'triage' || route.name === 'ad';
    content = (
      <Shell
        user={user}
        route={route}
        onLocale={(next) => void changeLocale(next)}
        onLogout={() => void logout()}
        onHelp={() => setHelpOpen(true)}
      >
        {/* The queue stays mounted behind the ad view so filters, scroll and focus survive. */}
        {inQueue && (
          <TriageScreen
            user={user}
            active={route.name === 'triage'}
            hidden={route.name !== 'triage'}
            onQueue={setQueueIds}
            openAdId={route.name === 'ad' ? route.id : null}
          />
        )}
        {route.name === 'ad' && (
          <AdScreen key={route.id} id={route.id} user={user} queueIds={queueIds} />
        )}
        {route.name === 'entity' && <EntityScreen key={route.key} entityKey={route.key} />}
        {route.name === 'alerts' && <AlertsScreen key={route.id ?? ''} focusId={route.id} />}
        {route.name === 'watchlist' && <WatchlistScreen user={user} />}
        {route.name === 'campaign' && <CampaignScreen key={route.id} id={route.id} user={user} />}
        {route.name === 'cases' && (canSee(user, 'cases') ? <CasesScreen /> : forbidden)}
        {route.name === 'case' &&
          (canSee(user, 'cases') ? <CaseScreen id={route.id} /> : forbidden)}
        {route.name === 'audit' && (canSee(user, 'audit') ? <AuditScreen /> : forbidden)}
        {route.name === 'quality' && (canSee(user, 'quality') ? <QualityScreen /> : forbidden)}
        {route.name === 'models' && (canSee(user, 'models') ? <ModelsScreen /> : forbidden)}
        {route.name === 'health' &&
          (canSee(user, 'health') ? <HealthScreen user={user} /> : forbidden)}
        {route.name === 'users' &&
          (canSee(user, 'users') ? <UsersScreen user={user} /> : forbidden)}
      </Shell>
    );
  }

  return (
    <I18nContext.Provider value={i18n}>
      {content}
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </I18nContext.Provider>
  );
}
