import type { ExtractedAd } from '../core/index.js';
import type { AdLinkState } from './campaign.types.js';

/** Where an ad stands in the analysts' review workflow. */
export const ReviewStatus = {
  New: 'new',
  InReview: 'in_review',
  Escalated: 'escalated',
  Confirmed: 'confirmed',
  Dismissed: 'dismissed',
} as const;
export type ReviewStatus = (typeof ReviewStatus)[keyof typeof ReviewStatus];

/** One piece of evidence: offsets into `title + "\n" + body` and the text found there. */
export interface StoredEvidenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface StoredIndicator {
  id: string;
  label: string;
  dimension: string;
  weight: number;
  evidence: StoredEvidenceSpan[];
}

/**
 * The two parts of a score. Older ads lack `modelWeight`; `modelPoints` comes with newer
 * classifiers only.
 */
export interface ScoreComponents {
  /** 0–100: the indicators alone. */
  rules: number;
  /** 0–100: the text model's scam probability. */
  model: number;
  /** 0–1: how much say the model had (it reads English). */
  modelWeight?: number;
  /** Signed score points the model added to or removed from the final score. */
  modelPoints?: number;
}

/** What an ad's classification was before `adwatch rescore` replaced it. */
export type PreviousClassification = Pick<
  StoredClassification,
  'score' | 'flagged' | 'versions' | 'classifiedAt'
>;

/** The classifier's verdict on one version of an ad, kept with the ad. */
export interface StoredClassification {
  score: number;
  band: string;
  flagged: boolean;
  lang: string;
  components: ScoreComponents;
  indicators: StoredIndicator[];
  facts: Record<string, unknown>;
  versions: Record<string, string>;
  /** The content hash of the ad text that was classified. */
  contentHash: string;
  classifiedAt: Date;
}

/** An earlier text of an ad that has since changed. */
export interface AdVersion extends ExtractedAd {
  contentHash: string;
  captureId?: string;
  seenUntil: Date;
}

/** One ad, unique on (sourceId, url). */
export interface AdRecord extends ExtractedAd {
  _id: string;
  sourceId: string;
  /** Canonical URL of the ad's page. */
  url: string;
  contentHash: string;
  latestCaptureId?: string;
  captureIds: string[];
  versions: AdVersion[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  updatedAt: Date;
  classification?: StoredClassification;
  /**
   * The classification `adwatch rescore` replaced (the last one only), so that a flag that came
   * or went with a classifier upgrade can be traced.
   */
  previousClassification?: PreviousClassification;
  flagged: boolean;
  score?: number;
  review: AdReview;
  /** Normalised contacts from the classification's facts (`tel:+374...`, `email:...`, `telegram:...`). */
  contacts?: string[];
  /** The folded words of title and body the triage queue's text search matches (search-terms.ts). */
  searchTerms?: string[];
  /** What the last fetch of the ad's page returned, for conditional re-fetches. */
  fetchState?: AdFetchState;
  /** Last time a re-fetch found the page unchanged (304 or the same bytes), and how often. */
  lastCheckedAt?: Date;
  unchangedObservations?: number;
  /** Complete scans in a row whose listings no longer showed the ad. */
  missedScans?: number;
  /** Set when the ad has been missing from its listings for `goneAfterMissedScans` scans. */
  goneAt?: Date;
  takenDown?: boolean;
  /** Capture holding the full-page screenshot taken when the ad (its latest text) was flagged. */
  screenshotCaptureId?: string;
  /**
   * The page capture whose text that screenshot shows (the latest capture when it was taken): a
   * changed ad that is flagged again gets a screenshot of its own; earlier ones stay in captureIds.
   */
  screenshotOfCaptureId?: string;
  /** The campaign the ad belongs to (store/campaign.types.ts); absent while it is alone. */
  campaignId?: string;
  /** The text fingerprint campaign linking compares (never sent to the dashboard). */
  link?: AdLinkState;
  /** Set by a supervisor: retention never deletes or reduces the ad while it is there. */
  legalHold?: LegalHold;
  /** What the retention policy removed from the ad (store/retention.repository.ts). */
  retention?: AdRetentionState;
}

/** Why and by whom an ad is kept whatever the retention policy says. */
export interface LegalHold {
  reason: string;
  by: string;
  at: Date;
}

/** A capture retention deleted: its hashes stay with the ad, so the bytes can still be matched. */
export interface DeletedCapture {
  id: string;
  sha256: string;
  fetchedAt: Date;
  bytes: number;
  screenshotSha256?: string;
  warcSha256?: string;
}

/** Traces of retention on an ad that it kept. */
export interface AdRetentionState {
  /** When its captures were deleted, and under which rule. */
  capturesDeletedAt?: Date;
  capturesRule?: string;
  deletedCaptures?: DeletedCapture[];
  /** When its personal data was reduced, and the text (content hash) that was reduced. */
  reducedAt?: Date;
  reducedContentHash?: string;
}

/** Whether a flagged ad still needs a screenshot of its latest text. */
export function needsScreenshot(
  ad: Pick<AdRecord, 'screenshotCaptureId' | 'screenshotOfCaptureId' | 'latestCaptureId'>,
): boolean {
  if (!ad.screenshotCaptureId) return true;
  // Ads screenshotted before screenshotOfCaptureId existed keep the one they have.
  return ad.screenshotOfCaptureId !== undefined && ad.screenshotOfCaptureId !== ad.latestCaptureId;
}

/** Validators and hash of the ad page's last fetch. */
export interface AdFetchState {
  lastFetchedAt: Date;
  etag?: string;
  lastModified?: string;
  sha256?: string;
}

/** What robots.txt said when a capture was fetched. */
export interface CaptureRobotsDecision {
  allowed: boolean;
  robotsUrl: string;
  status: number;
  fetchedAt: Date;
  crawlDelaySecs?: number;
}

/** Review state kept on the ad; `version` grows with every change (optimistic concurrency). */
export interface AdReview {
  status: ReviewStatus;
  version: number;
  assignee?: string | null;
  changedBy?: string;
  changedAt?: Date;
}

/** An immutable record of one fetch of one page. */
export interface CaptureRecord {
  _id: string;
  sourceId: string;
  url: string;
  finalUrl: string;
  redirects: string[];
  fetchedAt: Date;
  status: number;
  headers: Record<string, string>;
  contentType?: string;
  remoteAddress?: string;
  /** Hex SHA-256 of the body bytes as received, after removing any Content-Encoding. */
  sha256: string;
  bodyBytes: number;
  /**
   * When the server compressed the body (Content-Encoding in headers): hex SHA-256 and size of
   * the bytes as transmitted, which the WARC response record holds.
   */
  transmitted?: { sha256: string; bytes: number };
  fetcher: 'http' | 'browser';
  /** Small bodies are kept inline; large ones in GridFS (bodyFileId). */
  body?: Uint8Array;
  bodyFileId?: string;
  screenshot?: { sha256: string; fileId: string; bytes: number };
  /** The robots.txt decision the fetch was made under. */
  robots?: CaptureRobotsDecision;
  /** Character set the body was decoded with, and how it was found. */
  charset?: string;
  charsetSource?: string;
  /** Why this capture was taken: an ad page, an ad captured from its listing, a flag screenshot. */
  kind?: 'page' | 'listing-fragment' | 'screenshot';
  /** Request headers as sent (User-Agent, conditional headers). */
  requestHeaders?: Record<string, string>;
  /**
   * Navigations the page attempted after its first load (meta refresh, script) that the browser
   * blocked, so that the capture and its screenshot show the ad, not where it tried to go.
   */
  blockedNavigations?: string[];
  /** The fetch as a WARC/1.1 request + response pair, in GridFS (see store/warc.ts). */
  warc?: CaptureWarc;
}

/** Where a capture's WARC records are and how to check them. */
export interface CaptureWarc {
  fileId: string;
  /** Hex SHA-256 of the serialised records. */
  sha256: string;
  bytes: number;
  recordIds: { request: string; response: string };
  /**
   * `sha256:<hex>` of the response payload: the capture's body SHA-256, or `transmitted.sha256`
   * when the server compressed the body.
   */
  payloadDigest: string;
}

/** What adwatch knows about the health of one source. */
export interface SourceState {
  _id: string;
  lastScanAt?: Date;
  lastScanFinishedAt?: Date;
  lastScanAdsFound?: number;
  lastScanNewAds?: number;
  lastError?: string;
  lastErrorAt?: Date;
  consecutiveFailures: number;
  /** The most recent errors, newest last (at most five). */
  lastErrors?: Array<{ message: string; at: Date }>;
  /** Warnings of the last scan (e.g. endless pagination). */
  lastScanWarnings?: string[];
  lastScanComplete?: boolean;
}

/**
 * The text the classifier reads for an ad, after `title + "\n"`: evidence offsets point into
 * `title + "\n" + classifiedText(ad)`, so the dashboard rebuilds the same string to highlight them.
 */
export function classifiedText(ad: ExtractedAd): string {
  return [ad.body, ad.employer, ad.location, ad.salaryText, ad.contactText]
    .filter(Boolean)
    .join('\n');
}

/** Normalised contact keys of an ad's facts, for the multikey `contacts` index. */
export function contactKeys(facts: Record<string, unknown>): string[] {
  const keys = new Set<string>();
  const list = (name: string): Record<string, unknown>[] =>
    Array.isArray(facts[name]) ? (facts[name] as Record<string, unknown>[]) : [];
  for (const phone of list('phones')) {
    if (typeof phone.e164 === 'string') keys.add(`tel:${phone.e164}`);
  }
  for (const email of list('emails')) {
    if (typeof email.email === 'string') keys.add(`email:${email.email.toLowerCase()}`);
  }
  for (const handle of list('handles')) {
    if (typeof handle.platform === 'string' && typeof handle.handle === 'string' && handle.handle)
      keys.add(`${handle.platform}:${handle.handle.toLowerCase()}`);
  }
  return [...keys].sort();
}
