export type { FetchedPage, HttpFetchOptions } from './fetch.types.js';
export { fetchHttp } from './http.fetcher.js';
export { BrowserFetcher, type BrowserFetcherOptions } from './browser.fetcher.js';
export { findChromium, launchChromium, chromiumArgs } from './browser.launcher.js';
export { canonicalUrl } from './canonical-url.js';
export { decodeHtml } from './decode.js';
export { parseListing, extractAd, type ListingPage } from './html.extractor.js';
export {
  scanSource,
  fetchAdPage,
  ensureOk,
  type SourceScan,
  type Fetchers,
} from './source.scanner.js';
