import { type SourceConfig } from '../config/index.js';
import type { FetchedPage } from './fetch.types.js';
import type { LeaseChain } from './host.limiter.js';
import type { Fetchers } from './polite.fetcher.js';
import { AdwatchError, ErrorCode, type ExtractedAd } from '../core/index.js';

/** One ad found on a listing. */
export interface AdReference {
  /** Canonical URL of the ad. */
  url: string;
  /**
   * For venues whose listing holds the whole ad (Telegram posts, feed items without a page of
   * their own): the ad's fragment of the listing, captured as it was read. No detail fetch follows.
   */
  inline?: FetchedPage;
}

export interface ListingScan {
  ads: AdReference[];
  pagesFetched: number;
  /** Things an operator should know that did not stop the scan (e.g. endless pagination). */
  warnings: string[];
  /** Every listing page was read to its end: an ad missing from it is missing from the site. */
  complete: boolean;
  /**
   * For a scan that is not complete: whether it read every place an ad could be listed (e.g. a
   * Telegram channel's posts from the oldest one read up to the newest). An ad it covers but did
   * not list is missing from the site; the others are left alone.
   */
  covers?: (url: string) => boolean;
}

export interface AdFetchOptions {
  /** Conditional-request headers from the last capture. */
  headers?: Record<string, string>;
  screenshot?: boolean;
  /** Set when the caller fetches several ad pages one after another (see Fetchers.chain). */
  chain?: LeaseChain;
}

/**
 * A captured page that holds no ad to read (a Telegram post of photos without text): extraction
 * skips it with the reason. Not a fault of the source, and reading the same bytes again cannot
 * change it; workers record it as skipped, not as an error.
 */
export class SkippedPageError extends AdwatchError {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(ErrorCode.ExtractSkipped, `${url}: skipped, ${reason}`, { retryable: false });
  }
}

/**
 * What adwatch needs from a venue: find ads on its listings, fetch one ad's page, and read the
 * ad from a captured page. The four configured types (http, browser, telegram, feed) are built
 * on this; a site that needs code gets its own adapter.
 */
export interface SourceAdapter<S extends SourceConfig = SourceConfig> {
  /**
   * Reads the source's listings. Adapters that read several pages pass each page's ads to
   * onAds as soon as they have them, so ad fetches start while the listing is still being read.
   */
  scan(
    source: S,
    fetchers: Fetchers,
    onAds?: (ads: AdReference[]) => Promise<void>,
  ): Promise<ListingScan>;
  /** Fetches an ad page; a 304 answer to a conditional request is returned as is. */
  fetchAd(
    source: S,
    url: string,
    fetchers: Fetchers,
    options?: AdFetchOptions,
  ): Promise<FetchedPage>;
  /** Reads the ad from a captured page's decoded text; SkippedPageError when it holds none. */
  extract(source: S, html: string, url: string): ExtractedAd;
}
