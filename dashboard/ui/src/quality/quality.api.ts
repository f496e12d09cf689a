import type {
  Adjustment,
  AdjustmentChange,
  CurvePoint,
  DecisionCounts,
  DismissedAdInfo,
  FlagFigures,
  IndicatorQuality,
  IndicatorStats,
  LanguageCurve,
  LexiconState,
  OverrideVersion,
  PreviewFigures,
  ThresholdInForce,
} from '../../../contract/quality.contract.js';
import { api, queryString } from '../api/client.js';

/** The period and slice the indicator-quality figures are about (ISO dates). */
export interface QualityFilters {
  from?: string;
  to?: string;
  lang?: string;
  source?: string;
}

export type {
  Adjustment,
  AdjustmentChange,
  CurvePoint,
  DecisionCounts,
  DismissedAdInfo,
  FlagFigures,
  IndicatorQuality,
  IndicatorStats,
  LanguageCurve,
  LexiconState,
  OverrideVersion,
  PreviewFigures,
  ThresholdInForce,
};

/** The languages the classifier tells apart (as the contract's `classifierLangs`). */
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
