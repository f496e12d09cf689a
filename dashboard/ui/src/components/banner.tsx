import { useI18n } from '../i18n/index.js';

/**
 * A dismissible message above a screen's content: a status when kind is "ok", an alert otherwise;
 * with onReload, a button that reloads what the message is about (e.g. after a conflict).
 */
export function Banner({
  kind,
  text,
  onReload,
  onClose,
  testId,
}: {
  kind: 'ok' | 'error';
  text: string;
  onReload?: (() => void) | undefined;
  onClose: () => void;
  testId?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <div
      className={`banner ${kind}`}
      role={kind === 'ok' ? 'status' : 'alert'}
      data-testid={testId}
    >
      <span>{text}</span>
      {onReload && (
        <button type="button" className="button small primary" onClick={onReload}>
          {t('action.reload')}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label={t('common.close')}
        onClick={onClose}
      >
        ×
      </button>
    </div>
  );
}
