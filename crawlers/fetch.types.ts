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
  contentType?: string;
  remoteAddress?: string;
  /** UTC time the first request was sent. */
  fetchedAt: Date;
  body: Buffer;
  fetcher: 'http' | 'browser';
  /** PNG of the rendered page (browser fetches only). */
  screenshot?: Buffer;
}

export interface HttpFetchOptions {
  userAgent: string;
  timeoutMillis: number;
  maxBodyBytes: number;
  maxRedirects: number;
  /** Conditional-request headers and the like. */
  headers?: Record<string, string>;
}
