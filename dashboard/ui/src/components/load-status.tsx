import { useI18n } from '../i18n/index.js';

/** What a part of a screen shows while its data loads: its error as an alert, else "Loading…". */
export function LoadStatus({ error, loaded }: { error: string | null; loaded: boolean }) {
  const { t } = useI18n();
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  return loaded ? null : <p className="muted">{t('common.loading')}</p>;
}
