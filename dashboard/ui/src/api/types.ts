/** Shapes of the dashboard's JSON API, as the UI reads them (see the API contract in issue 5). */

export const ReviewStatuses = ['new', 'in_review', 'escalated', 'confirmed', 'dismissed'] as const;
/** Where an ad stands in the review workflow. */
export type ReviewStatus = (typeof ReviewStatuses)[number];

/** Risk band computed by the classifier. */
export type RiskBand = 'low' | 'medium' | 'high';

/** Account roles, least to most privileged. */
export type Role = 'analyst' | 'supervisor' | 'admin';

/** UI languages. */
export const Locales = ['en', 'hy', 'ru'] as const;
export type Locale = (typeof Locales)[number];

export interface SessionUser {
  username: string;
  role: Role;
  locale: Locale;
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
}

export interface IndicatorRef {
  id: string;
  label: string;
}

/**
 * The two parts of a score: the indicators alone and the English text model, both 0–100. Older
 * ads lack modelWeight (0–1, the model's say); only newer classifiers give modelPoints (signed
 * points the model added to or removed from the final score).
 */
export interface ScoreParts {
  rules: number;
  model: number;
  modelWeight?: number;
  modelPoints?: number;
}

/** What the ad's classification was before `adwatch rescore` replaced it. */
export interface PreviousClassification {
  score: number;
  flagged: boolean;
  versions: Record<string, string>;
  classifiedAt: string;
}

/** One row of the triage queue. */
export interface AdSummary {
  id: string;
  title: string;
  score: number;
  band: RiskBand;
  lang: string;
  sourceId: string;
  url: string;
  firstSeenAt: string;
  status: ReviewStatus;
  assignee: string | null;
  indicators: IndicatorRef[];
  /** Null for an ad that was never classified. */
  components: ScoreParts | null;
  version: number;
  /** The campaign the ad belongs to (variants of one template), or null. */
  campaignId: string | null;
  /** In the queue grouped by campaign: the ads of the row's campaign matching the filters. */
  group?: { count: number; open: number };
}

export type StatusCounts = Record<ReviewStatus, number>;

export interface AdPage {
  items: AdSummary[];
  nextCursor: string | null;
  counts: StatusCounts;
}

export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface IndicatorDetail extends IndicatorRef {
  dimension: string;
  weight: number;
  evidence: EvidenceSpan[];
}

/** Extracted facts; every field may be missing on older ads, so the UI reads them defensively. */
export interface AdFacts {
  phones?: { e164: string }[];
  emails?: { email: string }[];
  handles?: { platform: string; handle: string }[];
  salary?: { amount?: number; currency?: string; period?: string; monthlyUsd?: number };
  ages?: unknown[];
  destinations?: { country: string; city?: string }[];
  category?: string;
}

export interface CaptureInfo {
  id: string;
  url: string;
  finalUrl: string;
  fetchedAt: string;
  sha256: string;
  status: number;
  hasScreenshot: boolean;
}

export interface AdVersionInfo {
  contentHash: string;
  title: string;
  body: string;
  seenUntil: string;
}

export interface HistoryEntry {
  at: string;
  user: string;
  action: string;
  from?: string;
  to?: string;
  reason?: string;
  note?: string;
  assignee?: string | null;
}

export interface RelatedAd {
  id: string;
  title: string;
  score: number;
  shared: { kind: string; value: string }[];
}

/** Everything the ad view shows. */
export interface AdDetail extends Omit<AdSummary, 'indicators'> {
  text: string;
  /** Fields cut when stored, with their length as extracted; the capture holds the whole page. */
  truncated: Record<string, number> | null;
  indicators: IndicatorDetail[];
  facts: AdFacts;
  capture: CaptureInfo | null;
  versions: AdVersionInfo[];
  previousClassification: PreviousClassification | null;
  lastSeenAt: string;
  takenDown: boolean;
  history: HistoryEntry[];
  related: RelatedAd[];
  /** Entity keys of the ad (`tel:+374...`, `employer:...`): each has an entity page. */
  contacts?: string[];
}

export interface BulkResult {
  updated: number;
  conflicts: number | string[];
}

export interface CaseInfo {
  id: string;
  name: string;
  description?: string;
  adIds: string[];
  createdBy: string;
  createdAt: string;
  /** Some servers embed the ads' summaries; the UI uses them when present. */
  ads?: AdSummary[];
}

export interface UserInfo {
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  /** When the lock from failed logins ends; may be past (kept until a login, unlock or reset). */
  lockedUntil: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
  hash: string;
}

export interface QueueHealth {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

export interface HealthReport {
  queues: Record<string, QueueHealth>;
  sources: {
    id: string;
    lastScanAt: string | null;
    lastError: string | null;
    consecutiveFailures: number;
    healthy: boolean;
  }[];
  workers: { name: string; addr: string; age: number }[];
  store: { ads: number; flagged: number; captures: number };
}

export type EntityKind = 'phone' | 'email' | 'handle' | 'link' | 'employer';

/** A contact across ads (GET /api/entities/:key). */
export interface EntityInfo {
  key: string;
  kind: EntityKind;
  platform: string | null;
  display: string;
  firstSeen: string;
  lastSeen: string;
  adCount: number;
  flaggedCount: number;
  maxScore: number;
}

export interface EntityAdRow {
  id: string;
  title: string;
  score: number;
  band: RiskBand;
  flagged: boolean;
  status: ReviewStatus;
  sourceId: string;
  url: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface CoEntity {
  key: string;
  kind: EntityKind;
  display: string;
  count: number;
}

export interface EntityDetail {
  entity: EntityInfo;
  sources: string[];
  ads: { items: EntityAdRow[]; nextCursor: string | null };
  coOccurring: CoEntity[];
}

export interface EntityGraphData {
  nodes: {
    id: string;
    type: 'ad' | 'entity';
    label: string;
    kind?: EntityKind;
    score?: number;
    band?: RiskBand;
    flagged?: boolean;
  }[];
  edges: { source: string; target: string }[];
  truncated: boolean;
}

/** A campaign as GET /api/campaigns lists it. */
export interface CampaignInfo {
  id: string;
  firstAdId: string;
  adCount: number;
  flaggedCount: number;
  minScore: number;
  maxScore: number;
  firstSeen: string;
  lastSeen: string;
  sources: string[];
  contacts: { key: string; display: string }[];
}

export type TemplatePartKind = 'shared' | 'varying' | 'slot';

export interface CampaignAdRow {
  id: string;
  title: string;
  score: number;
  band: RiskBand;
  flagged: boolean;
  sourceId: string;
  url: string;
  firstSeenAt: string;
  postedAt?: string;
  status: ReviewStatus;
  contacts: string[];
}

/** GET /api/campaigns/:id: figures, ads earliest first, statuses and the template. */
export interface CampaignDetail extends CampaignInfo {
  statuses: Partial<Record<ReviewStatus, number>>;
  ads: CampaignAdRow[];
  truncated: boolean;
  template: { adId: string; parts: { text: string; kind: TemplatePartKind; share: number }[] };
}

export interface CampaignReviewResult {
  updated: number;
  skipped: string[];
}
