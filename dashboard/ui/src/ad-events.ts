import type { AdDetail, AdSummary } from './api/types.js';

const changed = 'adwatch:ad-changed';

/** The queue row of an ad as the server returned it after a change. */
export function summaryOf(ad: AdDetail | AdSummary): AdSummary {
  return {
    id: ad.id,
    title: ad.title,
    score: ad.score,
    band: ad.band,
    lang: ad.lang,
    sourceId: ad.sourceId,
    url: ad.url,
    firstSeenAt: ad.firstSeenAt,
    status: ad.status,
    assignee: ad.assignee,
    indicators: ad.indicators.map((indicator) => ({ id: indicator.id, label: indicator.label })),
    components: ad.components,
    version: ad.version,
    campaignId: ad.campaignId,
  };
}

/** True when a response looks like an ad (the server returns the updated ad after a change). */
export function isAd(value: unknown): value is AdDetail {
  const ad = value as Partial<AdDetail> | null;
  return Boolean(
    ad &&
    typeof ad.id === 'string' &&
    typeof ad.version === 'number' &&
    Array.isArray(ad.indicators),
  );
}

/** Tells the queue that the ad view changed an ad, so the row updates without a reload. */
export function announceAdChanged(ad: AdSummary): void {
  window.dispatchEvent(new CustomEvent<AdSummary>(changed, { detail: ad }));
}

export function onAdChanged(listener: (ad: AdSummary) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<AdSummary>).detail);
  window.addEventListener(changed, handler);
  return () => window.removeEventListener(changed, handler);
}
