/** The fields read from an ad's page. */
export interface ExtractedAd {
  title: string;
  body: string;
  postedAt?: Date;
  location?: string;
  salaryText?: string;
  contactText?: string;
  employer?: string;
  /** View count shown with the post (Telegram channels), when the venue shows one. */
  views?: number;
  /**
   * Fields cut to {@link adFieldLimits} when stored, with their length as extracted (UTF-16
   * units); the whole text stays in the page capture.
   */
  truncated?: Partial<Record<LimitedAdField, number>>;
}

/** Most characters kept of each extracted field: enough for any real ad, bounded for hostile pages. */
export const adFieldLimits = {
  title: 500,
  body: 30_000,
  location: 500,
  salaryText: 500,
  contactText: 2_000,
  employer: 500,
} as const;
export type LimitedAdField = keyof typeof adFieldLimits;

/**
 * The ad with every field over its limit cut (never inside a surrogate pair) and the cut recorded
 * in `truncated`; the same ad when nothing is too long.
 */
export function limitAdFields<T extends ExtractedAd>(ad: T): T {
  let truncated: ExtractedAd['truncated'];
  const limited: T = { ...ad };
  for (const field of Object.keys(adFieldLimits) as LimitedAdField[]) {
    const value = ad[field];
    const limit = adFieldLimits[field];
    if (typeof value !== 'string' || value.length <= limit) continue;
    const end = /[\uD800-\uDBFF]/u.test(value.charAt(limit - 1)) ? limit - 1 : limit;
    limited[field] = value.slice(0, end);
    truncated = { ...truncated, [field]: value.length };
  }
  return truncated ? { ...limited, truncated: { ...ad.truncated, ...truncated } } : ad;
}
