export type { FetchedPage, HttpFetchOptions, RobotsDecision } from './fetch.types.js';
export { fetchHttp } from './http.fetcher.js';
export { BrowserFetcher, type BrowserFetcherOptions } from './browser.fetcher.js';
export { canonicalUrl } from './canonical-url.js';
export { decodeHtml, type DecodedPage, type CharsetSource } from './decode.js';
export { parseListing, extractAd, type ListingPage } from './html.extractor.js';
export { ensureUsable, ensureOk } from './page.checks.js';
export { isPrivateAddress, assertPublicHost } from './ssrf.guard.js';
export {
  HostLimiter,
  LeaseChain,
  type HostLimiterOptions,
  type SlotAttempt,
} from './host.limiter.js';
export { RobotsPolicy } from './robots.policy.js';
export {
  createFetchers,
  ThrottledError,
  retryAfterMillis,
  productTokenOf,
  type Fetchers,
  type FetchersOptions,
  type PoliteRequest,
  type NetworkAccess,
} from './polite.fetcher.js';
export { sourceNetwork } from './source-network.js';
export {
  SkippedPageError,
  type SourceAdapter,
  type AdReference,
  type ListingScan,
  type AdFetchOptions,
} from './source.adapter.js';
export { assertWithinBudget, defaultMarkupBudget, type MarkupBudget } from './html-budget.js';
export { adapterFor } from './adapters.js';
