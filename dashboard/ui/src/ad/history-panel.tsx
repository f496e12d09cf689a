import type { HistoryEntry, ReviewStatus } from '../api/types.js';
import { ReviewStatuses } from '../api/types.js';
import { useI18n, type Translate } from '../i18n/index.js';

function statusName(value: string | undefined, t: Translate): string {
  return value && (ReviewStatuses as readonly string[]).includes(value)
    ? t(`status.${value as ReviewStatus}`)
    : (value ?? '—');
}

/** One history entry as a sentence. */
function describe(entry: HistoryEntry, t: Translate): string {
  if (entry.action === 'status' || entry.action.endsWith('status')) {
    return t('history.status', { from: statusName(entry.from, t), to: statusName(entry.to, t) });
  }
  if (entry.action === 'note') return t('history.note');
  if (entry.action === 'assign' || entry.action === 'unassign') {
    return entry.assignee
      ? t('history.assign', { assignee: entry.assignee })
      : t('history.unassign');
  }
  return entry.action;
}

/** Every decision, note and assignment on the ad, newest first. */
export function HistoryPanel({ history }: { history: HistoryEntry[] }) {
  const { t, formatDate } = useI18n();
  const entries = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('ad.history')}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t('ad.noHistory')}</p>
      ) : (
        <ol className="history">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <div>
                <strong>{entry.user}</strong> {describe(entry, t)}
                {entry.reason && (
                  <span className="muted"> · {t('history.reason', { reason: entry.reason })}</span>
                )}
              </div>
              {entry.note && <blockquote className="note">{entry.note}</blockquote>}
              <time className="muted small" dateTime={entry.at}>
                {formatDate(entry.at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
