import { createHash } from 'node:crypto';
import {
  type BrowserSourceConfig,
  type HttpSourceConfig,
  type SourceConfig,
} from '../config/index.js';
import { decodeHtml } from './decode.js';
import type { FetchedPage } from './fetch.types.js';
import { extractAd, parseListing } from './html.extractor.js';
import { ensureUsable } from './page.checks.js';
import type { Fetchers } from './polite.fetcher.js';
import type { AdFetchOptions, AdReference, ListingScan, SourceAdapter } from './source.adapter.js';
import { sourceNetwork } from './source-network.js';
import { ErrorCode } from '../core/index.js';

/** Static HTML boards: listing pages by "next" link or numbered URL pattern, detail pages by GET. */
export const httpAdapter: SourceAdapter<HttpSourceConfig> = {
  async scan(source, fetchers, onAds) {
    const scan: ListingScan = { ads: [], pagesFetched: 0, warnings: [], complete: true };
    const found = new Set<string>();
    for (const start of listingStarts(source)) {
      await walkListing(source, fetchers, start, scan, found, onAds);
    }
    scan.ads = [...found].map((url) => ({ url }));
    return scan;
  },
  fetchAd: fetchStaticAd,
  extract: (source, html, url) => extractAd(html, url, source.detail, { jsonLd: source.jsonLd }),
};

/** Pages rendered by JavaScript: listings and ads are read in Chromium, under the same politeness. */
export const browserAdapter: SourceAdapter<BrowserSourceConfig> = {
  async scan(source, fetchers) {
    const found = new Set<string>();
    for (const listingUrl of source.listingUrls) {
      const { value: urls } = await fetchers.polite(listingUrl, sourceNetwork(source), () =>
        fetchers.browser.listAdUrls(listingUrl, {
          adLinkSelector: source.adLinkSelector,
          maxLoads: source.maxPages - 1,
          infiniteScroll: source.infiniteScroll,
          waitUntil: source.waitUntil,
          ...sourceNetwork(source),
          ...(source.listingReadySelector ? { readySelector: source.listingReadySelector } : {}),
          ...(source.loadMoreSelector ? { loadMoreSelector: source.loadMoreSelector } : {}),
        }),
      );
      urls.forEach((url) => found.add(url));
    }
    return {
      ads: [...found].map((url) => ({ url })),
      pagesFetched: source.listingUrls.length,
      warnings: [],
      complete: true,
    };
  },
  async fetchAd(source, url, fetchers, options: AdFetchOptions = {}) {
    const { value: page, robots } = await fetchers.polite(url, sourceNetwork(source), () =>
      fetchers.browser.render(url, {
        readySelector: source.detailReadySelector ?? source.detail.title,
        screenshot: options.screenshot ?? true,
        waitUntil: source.waitUntil,
        settleMillis: source.settleMillis,
        ...sourceNetwork(source),
      }),
    );
    return ensureUsable({ ...page, robots });
  },
  extract: (source, html, url) => extractAd(html, url, source.detail, { jsonLd: source.jsonLd }),
};

/**
 * An ad page by plain GET through the polite fetcher (conditionally when options carry validators);
 * a 304 is returned as is, anything else must be a usable page. Static boards and feeds use it.
 */
export async function fetchStaticAd(
  source: SourceConfig,
  url: string,
  fetchers: Fetchers,
  options: AdFetchOptions = {},
): Promise<FetchedPage> {
  const page = await fetchers.http(url, {
    ...sourceNetwork(source),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.chain ? { chain: options.chain } : {}),
  });
  return page.status === 304 ? page : ensureUsable(page);
}

function listingStarts(source: HttpSourceConfig): string[] {
  return source.pageUrlPattern ? [source.pageUrlPattern] : source.listingUrls;
}

/**
 * Follows one listing to its end. Stops, with a warning, on a page seen before (same URL or same
 * ads as the previous page) or at maxPages while more pages are offered: then the scan is not
 * complete and nothing is marked gone.
 */
async function walkListing(
  source: HttpSourceConfig,
  fetchers: Fetchers,
  start: string,
  scan: ListingScan,
  found: Set<string>,
  onAds?: (ads: AdReference[]) => Promise<void>,
): Promise<void> {
  const pattern = source.pageUrlPattern;
  const visited = new Set<string>();
  let previousDigest = '';
  let url: string | undefined = pattern ? pageUrl(pattern, source.firstPage) : start;
  for (let index = 0; url; index++) {
    if (index >= source.maxPages) {
      scan.complete = false;
      scan.warnings.push(
        `${ErrorCode.PaginationEndless}: ${start}: stopped after maxPages (${source.maxPages}) with more pages offered (next: ${url})`,
      );
      return;
    }
    visited.add(url);
    let page: FetchedPage;
    try {
      page = await fetchers.http(url, sourceNetwork(source));
      // Numbered pages end with a 404 (or an empty page) past the last one.
      if (pattern && index > 0 && (page.status === 404 || page.status === 410)) return;
      ensureUsable(page);
    } catch (error) {
      if (pattern && index > 0 && (error as { code?: string }).code === ErrorCode.FetchEmpty)
        return;
      throw error;
    }
    scan.pagesFetched += 1;
    const listing = parseListing(
      decodeHtml(page.body, page.contentType, source.fallbackCharset).text,
      page.finalUrl,
      {
        adLink: source.adLinkSelector,
        ...(source.nextPageSelector && !pattern ? { nextPage: source.nextPageSelector } : {}),
      },
    );
    const digest = createHash('sha256').update(listing.adUrls.join('\n')).digest('hex');
    if (index > 0 && (digest === previousDigest || listing.adUrls.length === 0)) {
      if (listing.adUrls.length > 0) {
        scan.warnings.push(
          `${ErrorCode.PaginationEndless}: ${url} repeats the previous page; stopped there`,
        );
      }
      return;
    }
    previousDigest = digest;
    const fresh = listing.adUrls.filter((adUrl) => !found.has(adUrl));
    fresh.forEach((adUrl) => found.add(adUrl));
    if (onAds && fresh.length) await onAds(fresh.map((adUrl) => ({ url: adUrl })));
    const next: string | undefined = pattern
      ? pageUrl(pattern, source.firstPage + index + 1)
      : listing.nextUrl;
    if (next && visited.has(next)) {
      scan.warnings.push(
        `${ErrorCode.PaginationEndless}: ${url} links back to ${next}, already read; stopped there`,
      );
      return;
    }
    url = next;
  }
}

function pageUrl(pattern: string, page: number): string {
  return pattern.replace(/\{page\}/g, String(page));
}
