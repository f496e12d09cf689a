import type {
  AlertInfo,
  AlertKind,
  AlertStatus,
  WatchlistItem,
} from '../../../contract/alerts.contract.js';
import { api, queryString } from '../api/client.js';

export type {
  AlertDeliveryInfo,
  AlertInfo,
  AlertKind,
  AlertStatus,
  AlertTarget,
  WatchlistItem,
} from '../../../contract/alerts.contract.js';

/** What an alert is about, in the order the kind filter lists them. */
export const AlertKinds = [
  'new-campaign',
  'reused-contact',
  'surge',
  'watched',
] as const satisfies readonly AlertKind[];

const changed = 'adwatch:alerts-changed';

/** Tells the navigation badge that an alert changed, so it counts again at once. */
export function announceAlertsChanged(): void {
  window.dispatchEvent(new Event(changed));
}

export function onAlertsChanged(listener: () => void): () => void {
  window.addEventListener(changed, listener);
  return () => window.removeEventListener(changed, listener);
}

const alertPath = (id: string, action: string) => `/api/alerts/${encodeURIComponent(id)}/${action}`;

/** The alert and watch-list endpoints. */
export const alertEndpoints = {
  list: (filters: { status?: AlertStatus | ''; kind?: AlertKind | '' }, cursor: string | null) =>
    api<{ items: AlertInfo[]; nextCursor: string | null }>(
      `/api/alerts${queryString({ ...filters, cursor })}`,
    ),
  get: (id: string) => api<AlertInfo>(`/api/alerts/${encodeURIComponent(id)}`),
  openCount: () => api<{ open: number }>('/api/alerts/count'),
  acknowledge: (id: string) =>
    api<AlertInfo>(alertPath(id, 'acknowledge'), { method: 'POST', body: {} }),
  assign: (id: string, assignee: string | null) =>
    api<AlertInfo>(alertPath(id, 'assign'), { method: 'POST', body: { assignee } }),
  watchlist: () => api<{ items: WatchlistItem[] }>('/api/watchlist'),
  watch: (key: string, note: string) =>
    api<WatchlistItem>('/api/watchlist', { method: 'POST', body: { key, note } }),
  unwatch: (key: string) =>
    api<unknown>(`/api/watchlist/${encodeURIComponent(key)}`, { method: 'DELETE' }),
};
