import { z } from 'zod';
import {
  assignee,
  cursor,
  dateTimeQuery,
  queryInt,
  queryNumber,
  reviewStatus,
  riskBand,
  timestamp,
} from './common.contract.js';

/** The triage queue, the ad view, review decisions and the ad's raw capture and evidence export. */

export const maxPageSize = 200;
const shortText = z.string().max(200);

export const adIdParams = z.object({ id: z.string().min(1).max(64) });

/** The triage filter as query parameters: dates as text, one contact, `q` for the full text. */
export const adListQuery = z.strictObject({
  status: reviewStatus.optional(),
  minScore: queryNumber(0, 100).optional(),
  maxScore: queryNumber(0, 100).optional(),
  indicator: shortText.optional(),
  lang: shortText.optional(),
  source: shortText.optional(),
  from: dateTimeQuery.optional(),
  to: dateTimeQuery.optional(),
  assignee: shortText.optional(),
  contact: shortText.optional(),
  q: shortText.optional(),
  campaign: z
    .string()
    .regex(/^c-[0-9a-f]{12}$/)
    .optional(),
  group: z.enum(['campaign', 'none']).default('none'),
  cursor: cursor.optional(),
  limit: queryInt(1, maxPageSize, 50),
});
export type AdListQuery = z.input<typeof adListQuery>;

export const indicatorRef = z.object({ id: z.string(), label: z.string() });
export type IndicatorRef = z.infer<typeof indicatorRef>;

/**
 * The two parts of a score: the indicators alone and the English text model, both 0–100. Older
 * ads lack modelWeight (0–1, the model's say); only newer classifiers give modelPoints (signed
 * points the model added to or removed from the final score).
 */
export const scoreParts = z.object({
  rules: z.number(),
  model: z.number(),
  modelWeight: z.number().optional(),
  modelPoints: z.number().optional(),
});
export type ScoreParts = z.infer<typeof scoreParts>;

/** One row of the triage queue. */
export const adSummary = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number(),
  band: riskBand,
  lang: z.string(),
  sourceId: z.string(),
  url: z.string(),
  firstSeenAt: timestamp,
  status: reviewStatus,
  assignee: z.string().nullable(),
  indicators: z.array(indicatorRef),
  /** Null for an ad that was never classified. */
  components: scoreParts.nullable(),
  version: z.number().int(),
  /** The campaign the ad belongs to (variants of one template), or null. */
  campaignId: z.string().nullable(),
  /** In the queue grouped by campaign: the ads of the row's campaign matching the filters. */
  group: z.object({ count: z.number().int(), open: z.number().int() }).optional(),
});
export type AdSummary = z.infer<typeof adSummary>;

export const statusCounts = z.record(reviewStatus, z.number().int());
export type StatusCounts = z.infer<typeof statusCounts>;

export const adPage = z.object({
  items: z.array(adSummary),
  nextCursor: z.string().nullable(),
  counts: statusCounts,
  /**
   * Statuses whose count stopped at the server's cap: there are more than `counts[status]` ads
   * ("more than N"). Every other count is exact.
   */
  countsCapped: z.array(reviewStatus),
});
export type AdPage = z.infer<typeof adPage>;

export const evidenceSpan = z.object({ start: z.number(), end: z.number(), text: z.string() });
export type EvidenceSpan = z.infer<typeof evidenceSpan>;

export const indicatorDetail = indicatorRef.extend({
  dimension: z.string(),
  weight: z.number(),
  evidence: z.array(evidenceSpan),
});
export type IndicatorDetail = z.infer<typeof indicatorDetail>;

/**
 * Extracted facts as the classifier stored them; every field may be missing on older ads, so the
 * UI reads them defensively. Fields not named here are passed on as they are.
 */
export const adFacts = z.looseObject({
  phones: z.array(z.looseObject({ e164: z.string() })).optional(),
  emails: z.array(z.looseObject({ email: z.string() })).optional(),
  handles: z.array(z.looseObject({ platform: z.string(), handle: z.string() })).optional(),
  salary: z
    .looseObject({
      amount: z.number().optional(),
      currency: z.string().optional(),
      period: z.string().optional(),
      monthlyUsd: z.number().optional(),
    })
    .optional(),
  ages: z.array(z.unknown()).optional(),
  destinations: z
    .array(z.looseObject({ country: z.string(), city: z.string().optional() }))
    .optional(),
  category: z.string().optional(),
});
export type AdFacts = z.infer<typeof adFacts>;

export const captureInfo = z.object({
  id: z.string(),
  url: z.string(),
  finalUrl: z.string(),
  fetchedAt: timestamp,
  sha256: z.string(),
  status: z.number().int(),
  hasScreenshot: z.boolean(),
});
export type CaptureInfo = z.infer<typeof captureInfo>;

export const adVersionInfo = z.object({
  contentHash: z.string(),
  title: z.string(),
  body: z.string(),
  seenUntil: timestamp,
});
export type AdVersionInfo = z.infer<typeof adVersionInfo>;

/** What the ad's classification was before `adwatch rescore` replaced it. */
export const previousClassification = z.object({
  score: z.number(),
  flagged: z.boolean(),
  versions: z.record(z.string(), z.string()),
  classifiedAt: timestamp,
});
export type PreviousClassification = z.infer<typeof previousClassification>;

export const historyEntry = z.object({
  at: timestamp,
  user: z.string(),
  action: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
  note: z.string().optional(),
  assignee: z.string().nullable().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const relatedAd = z.object({
  id: z.string(),
  title: z.string(),
  score: z.number(),
  shared: z.array(z.object({ kind: z.string(), value: z.string() })),
});
export type RelatedAd = z.infer<typeof relatedAd>;

/** Everything the ad view shows. */
export const adDetail = adSummary.extend({
  text: z.string(),
  /** Fields cut when stored, with their length as extracted; the capture holds the whole page. */
  truncated: z.record(z.string(), z.number()).nullable(),
  indicators: z.array(indicatorDetail),
  facts: adFacts,
  capture: captureInfo.nullable(),
  versions: z.array(adVersionInfo),
  previousClassification: previousClassification.nullable(),
  lastSeenAt: timestamp,
  /** Entity keys of the ad (`tel:+374...`, `employer:...`): each has an entity page. */
  contacts: z.array(z.string()),
  takenDown: z.boolean(),
  history: z.array(historyEntry),
  related: z.array(relatedAd),
});
export type AdDetail = z.infer<typeof adDetail>;

export const dismissReasons = z.object({ reasons: z.array(z.string()) });
export const indicatorList = z.object({ indicators: z.array(indicatorRef) });
export const assignableUsers = z.object({ users: z.array(z.object({ username: z.string() })) });

export const statusBody = z.object({
  status: reviewStatus,
  version: z.number().int().min(0),
  reason: z.string().max(200).optional(),
});
export type StatusBody = z.input<typeof statusBody>;

export const noteBody = z.object({ text: z.string().min(1).max(10_000) });
export type NoteBody = z.input<typeof noteBody>;

export const assignBody = z.object({ assignee, version: z.number().int().min(0) });
export type AssignBody = z.input<typeof assignBody>;

export const maxBulkIds = 500;
export const bulkBody = z.object({
  ids: z.array(z.string().max(64)).min(1).max(maxBulkIds),
  action: z.enum(['status', 'assign']),
  status: reviewStatus.optional(),
  reason: z.string().max(200).optional(),
  assignee: assignee.optional(),
});
export type BulkBody = z.input<typeof bulkBody>;

export const bulkResult = z.object({ updated: z.number().int(), conflicts: z.array(z.string()) });
export type BulkResult = z.infer<typeof bulkResult>;

const exportId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** The ads (or the case) to put in a signed evidence packet. */
export const exportBody = z.strictObject({
  adIds: z
    .array(exportId)
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'adIds must not repeat an id')
    .optional(),
  caseId: exportId.optional(),
});
export type ExportBody = z.input<typeof exportBody>;
