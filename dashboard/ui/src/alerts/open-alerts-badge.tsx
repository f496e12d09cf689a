import { useI18n } from '../i18n/index.js';
import { useOpenAlerts } from './use-open-alerts.js';

/** The number of open alerts beside "Alerts" in the navigation; nothing while there are none. */
export function OpenAlertsBadge() {
  const { t, formatNumber } = useI18n();
  const open = useOpenAlerts();
  if (!open) return null;
  return (
    <span
      className="nav-count"
      data-testid="open-alerts"
      title={t('nav.openAlerts', { count: open })}
      aria-label={t('nav.openAlerts', { count: open })}
    >
      {formatNumber(open)}
    </span>
  );
}
