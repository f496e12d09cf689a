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

/** The classifier's verdict on one version of an ad, kept with the ad. */
export interface StoredClassification {
  score: number;
  band: string;
  flagged: boolean;
  lang: string;
  components: { rules: number; model: number };
  indicators: StoredIndicator[];
  facts: Record<string, unknown>;
  versions: Record<string, string>;
  /** The content hash of the ad text that was classified. */
  contentHash: string;
  classifiedAt: Date;
}

/** The fields read from an ad's page. */
export interface ExtractedAd {
  title: string;
  body: string;
  postedAt?: Date;
  location?: string;
  salaryText?: string;
  contactText?: string;
  employer?: string;
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
  flagged: boolean;
  score?: number;
  review: AdReview;
  /** Normalised contacts from the classification's facts (`tel:+374...`, `email:...`, `telegram:...`). */
  contacts?: string[];
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
  /** Hex SHA-256 of the body bytes exactly as received. */
  sha256: string;
  bodyBytes: number;
  fetcher: 'http' | 'browser';
  /** Small bodies are kept inline; large ones in GridFS (bodyFileId). */
  body?: Uint8Array;
  bodyFileId?: string;
  screenshot?: { sha256: string; fileId: string; bytes: number };
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
