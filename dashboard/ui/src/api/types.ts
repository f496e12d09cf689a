/**
 * Shapes of the dashboard's JSON API, as the UI reads them: types of the API contract
 * (dashboard/contract, docs/dashboard.md), which the server validates and serialises with. Only
 * types cross over (`import type`): the contract's zod schemas stay out of the browser bundle.
 */
import type { ReviewStatus, Locale } from '../../../contract/common.contract.js';

export type {
  ApiErrorBody,
  Locale,
  ReviewStatus,
  RiskBand,
  Role,
} from '../../../contract/common.contract.js';
export type { SessionInfo, SessionUser } from '../../../contract/auth.contract.js';
export type {
  AdDetail,
  AdFacts,
  AdPage,
  AdSummary,
  AdVersionInfo,
  BulkResult,
  CaptureInfo,
  EvidenceSpan,
  HistoryEntry,
  IndicatorDetail,
  IndicatorRef,
  PreviousClassification,
  RelatedAd,
  ScoreParts,
  StatusCounts,
} from '../../../contract/ads.contract.js';
export type { AuditEntry, CaseInfo, UserInfo } from '../../../contract/admin.contract.js';
export type { AdRetention } from '../../../contract/retention.contract.js';
export type { HealthReport, QueueHealth } from '../../../contract/operations.contract.js';
export type {
  CoEntity,
  EntityAdRow,
  EntityDetail,
  EntityGraphData,
  EntityInfo,
  EntityKind,
} from '../../../contract/entities.contract.js';
export type {
  CampaignAdRow,
  CampaignDetail,
  CampaignInfo,
  CampaignReviewResult,
  TemplatePartKind,
} from '../../../contract/campaigns.contract.js';

/** The review statuses in workflow order (the filters and decision buttons list them). */
export const ReviewStatuses = [
  'new',
  'in_review',
  'escalated',
  'confirmed',
  'dismissed',
] as const satisfies readonly ReviewStatus[];

/** UI languages, in the order the language menu offers them. */
export const Locales = ['en', 'hy', 'ru'] as const satisfies readonly Locale[];
