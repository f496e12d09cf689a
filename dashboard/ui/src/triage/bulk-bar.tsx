import type { ReviewStatus } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

export interface BulkBarProps {
  count: number;
  canCase: boolean;
  onStatus: (status: ReviewStatus) => void;
  onAssign: () => void;
  onCase: () => void;
  onClear: () => void;
}

const statusActions: [
  ReviewStatus,
  'action.start' | 'action.escalate' | 'action.confirm' | 'action.dismiss',
][] = [
  ['in_review', 'action.start'],
  ['escalated', 'action.escalate'],
  ['confirmed', 'action.confirm'],
  ['dismissed', 'action.dismiss'],
];

/** Actions on the selected ads; the same keys as for one ad apply to the selection. */
export function BulkBar({ count, canCase, onStatus, onAssign, onCase, onClear }: BulkBarProps) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.label')}>
      <strong>{t('bulk.selected', { count: formatNumber(count) })}</strong>
      {statusActions.map(([status, label]) => (
        <button
          key={status}
          type="button"
          className={status === 'dismissed' ? 'button small danger' : 'button small'}
          onClick={() => onStatus(status)}
        >
          {t(label)}
        </button>
      ))}
      <button type="button" className="button small" onClick={onAssign}>
        {t('bulk.assign')}
      </button>
      {canCase && (
        <button type="button" className="button small" onClick={onCase}>
          {t('bulk.addToCase')}
        </button>
      )}
      <button type="button" className="link-button" onClick={onClear}>
        {t('bulk.clear')}
      </button>
    </div>
  );
}
