import { api, queryString } from '../api/client.js';

/** The period and slice the indicator-quality figures are about (ISO dates). */
export interface QualityFilters {
  from?: string;
  to?: string;
  lang?: string;
  source?: string;
}

export interface DecisionCounts {
  reviewed: number;
  confirmed: number;
  dismissed: number;
}

export interface IndicatorQuality extends DecisionCounts {
  id: string;
  label: string;
  dimension: string;
  byLang: (DecisionCounts & { lang: string })[];
  bySource: (DecisionCounts & { source: string })[];
  reasons: { reason: string; count: number }[];
}

/** GET /api/quality/indicators. */
export interface IndicatorStats {
  totals: DecisionCounts;
  /** Counted decisions that the demo seeded. */
  demo: number;
  indicators: IndicatorQuality[];
  reasons: { reason: string; count: number }[];
  dismissedEvidence: { indicatorId: string; text: string; ads: number }[];
}

export interface DismissedAdInfo {
  id: string;
  title: string;
  sourceId: string;
  lang: string;
  score: number;
  decidedAt: string;
  decidedBy: string;
  reason: string | null;
  evidence: string[];
}

export interface CurvePoint {
  threshold: number;
  flagged: number;
  precision: number | null;
  recall: number | null;
}

export interface LanguageCurve {
  lang: string;
  confirmed: number;
  dismissed: number;
  points: CurvePoint[];
}

export interface ThresholdInForce {
  threshold: number;
  configured: number;
  source: 'config' | 'override';
  versionId: string | null;
}

export interface Adjustment {
  indicatorId: string;
  lang: string;
  weight?: number;
  disabled?: boolean;
}

/** A proposed change: a new weight, the indicator off, or back to the shipped weight. */
export type AdjustmentChange = Adjustment & { reset?: boolean };

export interface OverrideVersion {
  id: string;
  seq: number;
  adjustments: Adjustment[];
  flagThreshold: number | null;
  change: 'adjust' | 'threshold' | 'revert';
  reverts: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

/** GET /api/quality/lexicon. */
export interface LexiconState {
  lexiconVersion: string;
  indicators: { id: string; label: string; dimension: string; weight: number }[];
  active: OverrideVersion | null;
  threshold: ThresholdInForce;
  history: OverrideVersion[];
}

export interface FlagFigures {
  flagged: number;
  flaggedConfirmed: number;
  precision: number | null;
  recall: number | null;
}

/** POST /api/quality/lexicon/preview. */
export interface PreviewFigures {
  ads: number;
  confirmed: number;
  dismissed: number;
  current: FlagFigures;
  proposed: FlagFigures;
  appear: number;
  appearConfirmed: number;
  disappear: number;
  disappearConfirmed: number;
  limited: boolean;
}

/** The languages the classifier tells apart. */
export const classifierLangs = ['hy', 'ru', 'en', 'translit', 'mixed'] as const;

export const qualityApi = {
  indicators: (filters: QualityFilters) =>
    api<IndicatorStats>(`/api/quality/indicators${queryString({ ...filters })}`),
  dismissed: (indicatorId: string, filters: QualityFilters) =>
    api<{ ads: DismissedAdInfo[] }>(
      `/api/quality/indicators/${encodeURIComponent(indicatorId)}/dismissed${queryString({ ...filters })}`,
    ),
  threshold: (filters: QualityFilters) =>
    api<ThresholdInForce & { curves: LanguageCurve[] }>(
      `/api/quality/threshold${queryString({ ...filters })}`,
    ),
  setThreshold: (threshold: number | null, note: string) =>
    api<ThresholdInForce>('/api/quality/threshold', {
      method: 'POST',
      body: { threshold, ...(note ? { note } : {}) },
    }),
  lexicon: () => api<LexiconState>('/api/quality/lexicon'),
  preview: (change: AdjustmentChange, filters: QualityFilters) =>
    api<PreviewFigures>(`/api/quality/lexicon/preview${queryString({ ...filters })}`, {
      method: 'POST',
      body: change,
    }),
  save: (change: AdjustmentChange, note: string) =>
    api<OverrideVersion>('/api/quality/lexicon', {
      method: 'POST',
      body: { change, ...(note ? { note } : {}) },
    }),
  revert: (id: string) =>
    api<OverrideVersion>(`/api/quality/lexicon/versions/${encodeURIComponent(id)}/revert`, {
      method: 'POST',
      body: {},
    }),
};
