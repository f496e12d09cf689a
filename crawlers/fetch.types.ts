/** What robots.txt said about one URL, kept with the capture of that URL. */
export interface RobotsDecision {
  allowed: boolean;
  robotsUrl: string;
  /** HTTP status of robots.txt; 0 when it could not be fetched. */
  status: number;
  fetchedAt: Date;
  /** Crawl-delay for our product token, if the file sets one. */
  crawlDelaySecs?: number;
}

/** Everything one fetch of one page returned, exactly as received. */
export interface FetchedPage {
  /** URL requested. */
  url: string;
  /** URL of the last response after redirects. */
  finalUrl: string;
  /** URLs redirected through, in order (empty when none). */
  redirects: string[];
  status: number;
  headers: Record<string, string>;
  /** The request line's method and the headers sent with the last request (for the WARC record). */
  requestHeaders: Record<string, string>;
  contentType?: string;
  remoteAddress?: string;
  /** UTC time the first request was sent. */
  fetchedAt: Date;
  /** Body bytes as received, after removing any Content-Encoding (gzip, br, deflate). */
  body: Buffer;
  /**
   * The body exactly as it came over the wire when the server compressed it (headers say how,
   * in Content-Encoding): the WARC response record keeps these bytes. Absent when the body was
   * sent uncompressed, for browser renders, and for ads cut out of a listing page.
   */
  transmittedBody?: Buffer;
  fetcher: 'http' | 'browser';
  /** PNG of the rendered page (browser fetches only). */
  screenshot?: Buffer;
  /**
   * Navigations the page attempted after it loaded (meta refresh, script), which were blocked so
   * that the capture shows this page (browser fetches only; absent when there were none).
   */
  blockedNavigations?: string[];
  robots?: RobotsDecision;
}

export interface HttpFetchOptions {
  userAgent: string;
  /** Whole fetch, all redirects included. */
  timeoutMillis: number;
  /** Until the response headers arrive, per request. */
  firstByteTimeoutMillis?: number;
  maxBodyBytes: number;
  /** Limit on a compressed body once decompressed. */
  maxDecompressedBytes?: number;
  maxRedirects: number;
  /** Reach private, loopback and link-local addresses (demo and tests only). */
  allowPrivateNetwork?: boolean;
  /**
   * With allowPrivateNetwork: the only hosts (`host:port`) that may be private, the source's own;
   * a redirect elsewhere must reach a public address. Default: the host of the URL fetched.
   */
  privateHosts?: readonly string[];
  /** Private addresses to treat as public anyway (tests stand in a local server for a site). */
  trustedAddresses?: readonly string[];
  /** Conditional-request headers and the like. */
  headers?: Record<string, string>;
}

/**
 * A part of a fetched page captured as a page of its own (a channel's post, a feed's item): the
 * fetch's metadata with the part's bytes. The transmitted bytes are those of the whole page, so
 * the part has none.
 */
export function pageFragment(page: FetchedPage, body: Buffer, contentType: string): FetchedPage {
  const fragment: FetchedPage = { ...page, body, contentType };
  delete fragment.transmittedBody;
  return fragment;
}
