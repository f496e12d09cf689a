import type { AdRecord, CaptureRecord } from '../store/index.js';
import type { ReviewHistoryEntry } from './packet.types.js';
import type { WaczCaptureIndex } from './wacz.writer.js';

/** ad.json: the ad's extracted text, structured facts, URLs, sightings and earlier versions. */
export function adDocument(ad: AdRecord): Record<string, unknown> {
  return {
    id: ad._id,
    sourceId: ad.sourceId,
    url: ad.url,
    title: ad.title,
    body: ad.body,
    postedAt: ad.postedAt ?? null,
    location: ad.location ?? null,
    salaryText: ad.salaryText ?? null,
    contactText: ad.contactText ?? null,
    employer: ad.employer ?? null,
    contentHash: ad.contentHash,
    facts: ad.classification?.facts ?? null,
    firstSeenAt: ad.firstSeenAt,
    lastSeenAt: ad.lastSeenAt,
    captureIds: ad.captureIds,
    latestCaptureId: ad.latestCaptureId ?? null,
    versions: ad.versions,
    // Present when the crawlers recorded that the ad was taken down.
    takedown: optionalField(ad, 'takedown') ?? optionalField(ad, 'removedAt') ?? null,
  };
}

/** classification.json: the score, band and each indicator with its evidence spans. */
export function classificationDocument(ad: AdRecord): Record<string, unknown> {
  const c = ad.classification;
  if (!c) return { adId: ad._id, classified: false };
  return {
    adId: ad._id,
    classified: true,
    score: c.score,
    band: c.band,
    flagged: c.flagged,
    language: c.lang,
    components: c.components,
    // Evidence offsets point into this text (title, newline, then the classified fields).
    evidenceTextBasis:
      'title + "\\n" + [body, employer, location, salaryText, contactText].filter(Boolean).join("\\n")',
    indicators: c.indicators,
    versions: c.versions,
    contentHash: c.contentHash,
    classifiedAt: c.classifiedAt,
  };
}

/** review.json: the current status and every recorded step with its user and time. */
export function reviewDocument(
  ad: AdRecord,
  history: ReviewHistoryEntry[],
): Record<string, unknown> {
  const assignments = history.filter((h) => h.assignee !== undefined);
  return {
    adId: ad._id,
    status: ad.review.status,
    version: ad.review.version,
    users: [...new Set(history.flatMap((h) => [h.user, ...(h.assignee ? [h.assignee] : [])]))],
    assignments,
    history,
  };
}

/** One capture's entry in capture.json: how, when and from where the page was fetched. */
export function captureDocument(
  capture: CaptureRecord,
  inArchive: WaczCaptureIndex | undefined,
): Record<string, unknown> {
  const requestHeaders = capture.requestHeaders ?? {};
  const userAgent = Object.entries(requestHeaders).find(
    ([name]) => name.toLowerCase() === 'user-agent',
  )?.[1];
  return {
    id: capture._id,
    sourceId: capture.sourceId,
    url: capture.url,
    finalUrl: capture.finalUrl,
    redirects: capture.redirects,
    status: capture.status,
    requestHeaders,
    headers: capture.headers,
    contentType: capture.contentType ?? null,
    fetchedAt: capture.fetchedAt,
    remoteAddress: capture.remoteAddress ?? null,
    sha256: capture.sha256,
    bodyBytes: capture.bodyBytes,
    transmitted: capture.transmitted ?? null,
    screenshotSha256: capture.screenshot?.sha256 ?? null,
    fetcher: capture.fetcher,
    userAgent: userAgent ?? optionalField(capture, 'userAgent') ?? null,
    browserBuild:
      capture.fetcher === 'browser'
        ? (optionalField(capture, 'browserVersion') ?? optionalField(capture, 'browser') ?? null)
        : null,
    robots: optionalField(capture, 'robots') ?? null,
    warc: capture.warc
      ? {
          sha256: capture.warc.sha256,
          bytes: capture.warc.bytes,
          recordIds: capture.warc.recordIds,
          payloadDigest: capture.warc.payloadDigest,
          inArchive: inArchive
            ? { file: 'archive/data.warc', offset: inArchive.offset, length: inArchive.length }
            : null,
        }
      : null,
  };
}

/** A field that newer crawler versions store on the record and older ones do not. */
function optionalField(record: object, name: string): unknown {
  return (record as Record<string, unknown>)[name] ?? undefined;
}
