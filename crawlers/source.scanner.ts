import { ErrorCode, ExternalError, type SourceConfig } from '../config/index.js';
import type { BrowserFetcher } from './browser.fetcher.js';
import { decodeHtml } from './decode.js';
import type { FetchedPage } from './fetch.types.js';
import { parseListing } from './html.extractor.js';

/** How pages are fetched: plain HTTP, or a real browser for pages rendered by JavaScript. */
export interface Fetchers {
  http(url: string): Promise<FetchedPage>;
  browser: BrowserFetcher;
}

export interface SourceScan {
  /** Canonical URLs of every ad linked from the source's listing pages. */
  adUrls: string[];
  listingPagesFetched: number;
}

/**
 * Walks a source's listing pages (following "next" links or "load more" up to maxPages) and
 * returns the ad URLs found. Fetches listing pages only, never ad pages.
 */
export async function scanSource(source: SourceConfig, fetchers: Fetchers): Promise<SourceScan> {
  const found = new Set<string>();
  let pages = 0;
  for (const listingUrl of source.listingUrls) {
    if (source.type === 'browser') {
      const urls = await fetchers.browser.listAdUrls(listingUrl, {
        adLinkSelector: source.adLinkSelector,
        maxLoads: source.maxPages - 1,
        ...(source.listingReadySelector ? { readySelector: source.listingReadySelector } : {}),
        ...(source.loadMoreSelector ? { loadMoreSelector: source.loadMoreSelector } : {}),
      });
      urls.forEach((url) => found.add(url));
      pages += 1;
      continue;
    }
    const visited = new Set<string>();
    for (let url: string | undefined = listingUrl; url && visited.size < source.maxPages;) {
      visited.add(url);
      const page = ensureOk(await fetchers.http(url));
      pages += 1;
      const listing = parseListing(decodeHtml(page.body, page.contentType).text, page.finalUrl, {
        adLink: source.adLinkSelector,
        ...(source.nextPageSelector ? { nextPage: source.nextPageSelector } : {}),
      });
      listing.adUrls.forEach((adUrl) => found.add(adUrl));
      url = listing.nextUrl && !visited.has(listing.nextUrl) ? listing.nextUrl : undefined;
    }
  }
  return { adUrls: [...found], listingPagesFetched: pages };
}

/** Fetches one ad page the way its source needs (HTTP, or rendered in Chromium). */
export async function fetchAdPage(
  source: SourceConfig,
  url: string,
  fetchers: Fetchers,
  options: { screenshot?: boolean } = {},
): Promise<FetchedPage> {
  if (source.type === 'browser') {
    return ensureOk(
      await fetchers.browser.render(url, {
        readySelector: source.detailReadySelector ?? source.detail.title,
        screenshot: options.screenshot ?? true,
      }),
    );
  }
  return ensureOk(await fetchers.http(url));
}

/** Turns an HTTP error status into an error that says whether trying later may help. */
export function ensureOk(page: FetchedPage): FetchedPage {
  if (page.status >= 200 && page.status < 300) return page;
  const retryable = page.status === 429 || page.status >= 500;
  throw new ExternalError(ErrorCode.FetchHttpStatus, `${page.finalUrl}: HTTP ${page.status}`, {
    retryable,
  });
}
