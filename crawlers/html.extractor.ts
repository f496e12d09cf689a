import type { CheerioAPI } from 'cheerio';
import { type HttpSourceConfig } from '../config/index.js';
import { canonicalUrl } from './canonical-url.js';
import { loadWithinBudget } from './html-budget.js';
import { blockText, inlineText, nodeText } from './html-text.js';
import { readJobPosting } from './json-ld.reader.js';
import { ErrorCode, ExternalError, type ExtractedAd } from '../core/index.js';

export type DetailSelectors = HttpSourceConfig['detail'];

export interface ListingPage {
  /** Canonical URLs of the ads linked from the page, in page order, without duplicates. */
  adUrls: string[];
  nextUrl?: string;
}

/** Reads ad links and the next-page link from a listing page. */
export function parseListing(
  html: string,
  pageUrl: string,
  selectors: { adLink: string; nextPage?: string },
): ListingPage {
  const $ = loadWithinBudget(html, pageUrl);
  const adUrls = new Set<string>();
  $(selectors.adLink).each((_, element) => {
    const href = $(element).attr('href');
    const url = href ? safeUrl(href, pageUrl) : undefined;
    if (url) adUrls.add(url);
  });
  const nextHref = selectors.nextPage ? $(selectors.nextPage).first().attr('href') : undefined;
  const nextUrl = nextHref ? safeUrl(nextHref, pageUrl) : undefined;
  return { adUrls: [...adUrls], ...(nextUrl ? { nextUrl } : {}) };
}

/**
 * Reads an ad's fields from its detail page with the source's selectors (after a schema.org
 * JobPosting in JSON-LD when `jsonLd` is set; the selectors fill what it lacks). Text only:
 * markup, scripts and styles are dropped. A page without title or body fails with
 * ADW_EXTRACT_FAILED, a page over the markup budget with ADW_PAGE_TOO_COMPLEX.
 */
export function extractAd(
  html: string,
  url: string,
  detail: DetailSelectors,
  options: { jsonLd?: boolean } = {},
): ExtractedAd {
  const $ = loadWithinBudget(html, url);
  const posting = options.jsonLd ? readJobPosting($, url) : {};
  $('script, style, noscript, template').remove();
  const title = posting.title ?? textOf($, detail.title);
  const body = posting.body ?? blockText($, detail.body);
  if (!title || !body) {
    throw new ExternalError(
      ErrorCode.ExtractFailed,
      `${url}: no ${!title ? `title (${detail.title})` : `body (${detail.body})`} on the page; check the source's detail selectors`,
      { retryable: false },
    );
  }
  const ad: ExtractedAd = { ...posting, title, body };
  const postedAt = posting.postedAt ?? (detail.date ? dateOf($, detail.date) : undefined);
  if (postedAt) ad.postedAt = postedAt;
  const optional = {
    location: detail.location,
    salaryText: detail.salary,
    contactText: detail.contact,
    employer: detail.employer,
  };
  for (const [field, selector] of Object.entries(optional)) {
    if (ad[field as keyof typeof optional] !== undefined) continue;
    const value = selector ? textOf($, selector) : undefined;
    if (value) Object.assign(ad, { [field]: value });
  }
  return ad;
}

function textOf($: CheerioAPI, selector: string): string | undefined {
  return inlineText($(selector));
}

function dateOf($: CheerioAPI, selector: string): Date | undefined {
  const element = $(selector).first();
  const raw = element.attr('datetime') ?? nodeText(element).trim();
  const date = raw ? new Date(raw) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function safeUrl(href: string, base: string): string | undefined {
  try {
    const url = canonicalUrl(href, base);
    return url.startsWith('http:') || url.startsWith('https:') ? url : undefined;
  } catch {
    return undefined;
  }
}
