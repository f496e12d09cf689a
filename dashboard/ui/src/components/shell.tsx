import type { ReactNode } from 'react';
import type { Locale, SessionUser } from '../api/types.js';
import { Locales } from '../api/types.js';
import { localeLabels, useI18n, type MessageKey } from '../i18n/index.js';
import { hrefOf, type Route } from '../router.js';
import { OpenAlertsBadge } from '../alerts/open-alerts-badge.js';

const navItems: { route: Route; label: MessageKey; minRole: 'analyst' | 'supervisor' | 'admin' }[] =
  [
    { route: { name: 'triage' }, label: 'nav.triage', minRole: 'analyst' },
    { route: { name: 'alerts', id: null }, label: 'nav.alerts', minRole: 'analyst' },
    { route: { name: 'cases' }, label: 'nav.cases', minRole: 'supervisor' },
    { route: { name: 'quality' }, label: 'nav.quality', minRole: 'supervisor' },
    { route: { name: 'models' }, label: 'nav.models', minRole: 'supervisor' },
    { route: { name: 'audit' }, label: 'nav.audit', minRole: 'supervisor' },
    { route: { name: 'health' }, label: 'nav.health', minRole: 'supervisor' },
    { route: { name: 'users' }, label: 'nav.users', minRole: 'admin' },
  ];

const rank = { analyst: 0, supervisor: 1, admin: 2 } as const;

/** Which top-level entry a route belongs to, for aria-current. */
function section(route: Route): Route['name'] {
  if (route.name === 'ad' || route.name === 'entity') return 'triage';
  if (route.name === 'case') return 'cases';
  if (route.name === 'watchlist') return 'alerts';
  return route.name;
}

export interface ShellProps {
  user: SessionUser;
  route: Route;
  onLocale: (locale: Locale) => void;
  onLogout: () => void;
  onHelp: () => void;
  children: ReactNode;
}

/** The frame of every signed-in screen: navigation the role may use, language, account. */
export function Shell({ user, route, onLocale, onLogout, onHelp, children }: ShellProps) {
  const { t, locale } = useI18n();
  const current = section(route);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <a className="brand" href="#/" aria-label={t('app.name')}>
          ad<span>watch</span>
        </a>
        <nav aria-label={t('nav.main')}>
          <ul>
            {navItems
              .filter((item) => rank[user.role] >= rank[item.minRole])
              .map((item) => (
                <li key={item.route.name}>
                  <a
                    href={hrefOf(item.route)}
                    aria-current={current === item.route.name ? 'page' : undefined}
                  >
                    {t(item.label)}
                    {item.route.name === 'alerts' && <OpenAlertsBadge />}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <div className="topbar-right">
          <div className="lang-switch" role="group" aria-label={t('nav.language')}>
            {Locales.map((code) => (
              <button
                key={code}
                type="button"
                lang={code}
                aria-pressed={locale === code}
                onClick={() => onLocale(code)}
              >
                {localeLabels[code]}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="icon-button"
            onClick={onHelp}
            title={t('nav.shortcuts')}
            aria-label={t('nav.shortcuts')}
          >
            ?
          </button>
          <span
            className="who"
            title={t('nav.signedInAs', { user: user.username, role: t(`role.${user.role}`) })}
          >
            {user.username} <span className="muted">· {t(`role.${user.role}`)}</span>
          </span>
          <button type="button" className="button small" onClick={onLogout}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <div id="main" className="content" tabIndex={-1}>
        {children}
      </div>
    </>
  );
}
