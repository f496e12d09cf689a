import type { ModelList, ModelView, ShadowReport } from '../../../contract/models.contract.js';
import { api } from '../api/client.js';

export type { ModelList, ModelView, ShadowReport };

/** One ad flagged by one model only, as the shadow report lists it. */
export type ShadowDifference = ShadowReport['differences'][number];

const path = (version: string) => `/api/models/${encodeURIComponent(version)}`;

/** The model registry's routes (dashboard/contract/models.contract.ts); supervisors only. */
export const modelsApi = {
  list: () => api<ModelList>('/api/models'),
  shadow: (version: string) => api<ShadowReport>(`${path(version)}/shadow`),
  startShadow: (version: string) =>
    api<ModelView>(`${path(version)}/shadow`, { method: 'POST', body: {} }),
  activate: (version: string) =>
    api<ModelView>(`${path(version)}/activate`, { method: 'POST', body: {} }),
  rollback: () => api<ModelView>('/api/models/rollback', { method: 'POST', body: {} }),
};
