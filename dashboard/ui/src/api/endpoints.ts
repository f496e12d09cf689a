import { api, download, queryString } from './client.js';
import type {
  AdDetail,
  AdPage,
  AuditEntry,
  BulkResult,
  CaseInfo,
  EntityDetail,
  EntityGraphData,
  EntityInfo,
  HealthReport,
  IndicatorRef,
  Locale,
  ReviewStatus,
  CampaignDetail,
  CampaignInfo,
  CampaignReviewResult,
  Role,
  SessionInfo,
  UserInfo,
} from './types.js';

/** Filters of the triage queue, as query parameters of GET /api/ads. */
export interface AdFilters {
  status?: ReviewStatus | '';
  minScore?: string;
  maxScore?: string;
  indicator?: string;
  lang?: string;
  source?: string;
  from?: string;
  to?: string;
  assignee?: string;
  contact?: string;
  q?: string;
  /** `campaign`: a campaign's ads under one row. */
  group?: 'campaign' | 'none';
  /** Only the ads of this campaign (a grouped row expanded). */
  campaign?: string;
}

/** Typed wrappers over every endpoint the UI uses, so screens never build URLs by hand. */
export const endpoints = {
  login: (username: string, password: string) =>
    api<SessionInfo>('/api/login', {
      method: 'POST',
      body: { username, password },
      expectUnauthorized: true,
    }),
  logout: () => api<unknown>('/api/logout', { method: 'POST', body: {} }),
  session: () => api<SessionInfo>('/api/session', { expectUnauthorized: true }),
  setLocale: (locale: Locale) => api<unknown>('/api/me', { method: 'PATCH', body: { locale } }),

  ads: (filters: AdFilters, cursor: string | null, limit = 50, signal?: AbortSignal) =>
    api<AdPage>(`/api/ads${queryString({ ...filters, cursor, limit })}`, {
      ...(signal ? { signal } : {}),
    }),
  ad: (id: string, signal?: AbortSignal) =>
    api<AdDetail>(`/api/ads/${encodeURIComponent(id)}`, { ...(signal ? { signal } : {}) }),
  setStatus: (id: string, status: ReviewStatus, version: number, reason?: string) =>
    api<AdDetail>(`/api/ads/${encodeURIComponent(id)}/status`, {
      method: 'POST',
      body: { status, version, ...(reason ? { reason } : {}) },
    }),
  addNote: (id: string, text: string) =>
    api<AdDetail>(`/api/ads/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { text } }),
  assign: (id: string, assignee: string | null, version: number) =>
    api<AdDetail>(`/api/ads/${encodeURIComponent(id)}/assign`, {
      method: 'POST',
      body: { assignee, version },
    }),
  bulk: (body: {
    ids: string[];
    action: 'status' | 'assign';
    status?: ReviewStatus;
    reason?: string;
    assignee?: string | null;
  }) => api<BulkResult>('/api/ads/bulk', { method: 'POST', body }),

  campaigns: () => api<{ items: CampaignInfo[] }>('/api/campaigns'),
  campaign: (id: string) => api<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`),
  campaignReview: (
    id: string,
    body:
      | { action: 'status'; status: ReviewStatus; reason?: string }
      | { action: 'assign'; assignee: string | null },
  ) =>
    api<CampaignReviewResult>(`/api/campaigns/${encodeURIComponent(id)}/review`, {
      method: 'POST',
      body,
    }),
  entity: (key: string, cursor: string | null = null) =>
    api<EntityDetail>(`/api/entities/${encodeURIComponent(key)}${queryString({ cursor })}`),
  entityGraph: (key: string, hops = 2, limit = 200) =>
    api<EntityGraphData>(
      `/api/entities/${encodeURIComponent(key)}/graph${queryString({ hops, limit })}`,
    ),
  findEntities: (contact: string, signal?: AbortSignal) =>
    api<{ items: EntityInfo[] }>(`/api/entities${queryString({ contact })}`, {
      ...(signal ? { signal } : {}),
    }),

  dismissReasons: () => api<{ reasons: string[] }>('/api/dismiss-reasons'),
  indicators: () => api<{ indicators: IndicatorRef[] }>('/api/indicators'),
  assignable: () => api<{ users: { username: string }[] }>('/api/users/assignable'),

  cases: () => api<{ cases: CaseInfo[] }>('/api/cases'),
  caseById: (id: string) =>
    api<CaseInfo | { case: CaseInfo }>(`/api/cases/${encodeURIComponent(id)}`),
  createCase: (name: string, description: string) =>
    api<CaseInfo | { case: CaseInfo }>('/api/cases', {
      method: 'POST',
      body: { name, ...(description ? { description } : {}) },
    }),
  addToCase: (id: string, adIds: string[]) =>
    api<unknown>(`/api/cases/${encodeURIComponent(id)}/ads`, { method: 'POST', body: { adIds } }),
  removeFromCase: (id: string, adId: string) =>
    api<unknown>(`/api/cases/${encodeURIComponent(id)}/ads/${encodeURIComponent(adId)}`, {
      method: 'DELETE',
    }),

  users: () => api<{ users: UserInfo[] }>('/api/users'),
  addUser: (username: string, role: Role, password: string) =>
    api<unknown>('/api/users', { method: 'POST', body: { username, role, password } }),
  disableUser: (username: string) =>
    api<unknown>(`/api/users/${encodeURIComponent(username)}/disable`, {
      method: 'POST',
      body: {},
    }),
  unlockUser: (username: string) =>
    api<unknown>(`/api/users/${encodeURIComponent(username)}/unlock`, {
      method: 'POST',
      body: {},
    }),
  resetPassword: (username: string, password: string) =>
    api<unknown>(`/api/users/${encodeURIComponent(username)}/reset`, {
      method: 'POST',
      body: { password },
    }),

  audit: (
    filters: { user?: string; ad?: string; from?: string; to?: string },
    cursor: string | null,
  ) =>
    api<{ items: AuditEntry[]; nextCursor: string | null }>(
      `/api/audit${queryString({ ...filters, cursor })}`,
    ),
  health: () => api<HealthReport>('/api/health'),
  /** Downloads a signed evidence packet (ZIP) of these ads or of a case. */
  exportPacket: (selection: { adIds: string[] } | { caseId: string }) =>
    download('/api/exports', selection),
};

/** Some servers wrap a case as `{case}`; the UI accepts both shapes. */
export function unwrapCase(value: CaseInfo | { case: CaseInfo }): CaseInfo {
  return 'case' in value ? value.case : value;
}
