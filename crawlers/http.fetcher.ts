import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FetchedPage, HttpFetchOptions } from './fetch.types.js';
import { checkLiteralHost, guardedLookup, privateAllowedFor } from './ssrf.guard.js';
import { ErrorCode, ExternalError } from '../core/index.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

// Keep-alive pools, one per network policy, so a socket opened for a source that may reach
// private addresses is never reused by one that may not.
const agents = {
  public: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
  private: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
};

/**
 * GETs a URL with node's own HTTP client so that the exact bytes, headers, remote address and
 * redirect chain are kept as evidence. Every hop (redirects included) passes the SSRF guard and
 * connects to the address that was checked; private addresses only on the source's own hosts
 * (`privateHosts`, else the first URL's host), never on a host a redirect names. Limits: redirects (and loops), time to first byte,
 * total time, body size and decompressed size. Failures are classified ExternalErrors.
 */
export async function fetchHttp(url: string, options: HttpFetchOptions): Promise<FetchedPage> {
  const fetchedAt = new Date();
  const deadline = Date.now() + options.timeoutMillis;
  const redirects: string[] = [];
  const privateHosts = options.privateHosts ?? [new URL(url).host];
  let current = url;
  for (;;) {
    const response = await requestOnce(current, options, privateHosts, deadline);
    const location = response.headers.location;
    if (redirectStatuses.has(response.status) && location) {
      const next = safeRedirect(url, current, location);
      if (redirects.length >= options.maxRedirects) {
        throw new ExternalError(
          ErrorCode.FetchRedirects,
          `${url}: more than ${options.maxRedirects} redirects (last to ${next}); raise crawler.maxRedirects if the site needs more`,
          { retryable: false },
        );
      }
      redirects.push(current);
      if (redirects.includes(next)) {
        throw new ExternalError(ErrorCode.FetchRedirects, `${url}: redirect loop through ${next}`, {
          retryable: false,
        });
      }
      current = next;
      continue;
    }
    return { ...response, url, finalUrl: current, redirects, fetchedAt, fetcher: 'http' };
  }
}

function safeRedirect(url: string, current: string, location: string): string {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new ExternalError(ErrorCode.FetchRedirects, `${url}: unusable redirect "${location}"`, {
      retryable: false,
    });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new ExternalError(
      ErrorCode.FetchRedirects,
      `${url}: redirect to a non-HTTP URL (${next.protocol})`,
      { retryable: false },
    );
  }
  next.hash = '';
  return next.toString();
}

type RawResponse = Pick<
  FetchedPage,
  | 'status'
  | 'headers'
  | 'contentType'
  | 'remoteAddress'
  | 'body'
  | 'transmittedBody'
  | 'requestHeaders'
>;

function requestOnce(
  url: string,
  options: HttpFetchOptions,
  privateHosts: readonly string[],
  deadline: number,
): Promise<RawResponse> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') {
    return Promise.reject(
      new ExternalError(ErrorCode.FetchFailed, `${url}: only http and https URLs are fetched`, {
        retryable: false,
      }),
    );
  }
  const allowPrivate = privateAllowedFor(
    target,
    options.allowPrivateNetwork ?? false,
    privateHosts,
  );
  try {
    checkLiteralHost(target, allowPrivate, options.trustedAddresses);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const requestHeaders: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'hy,ru;q=0.9,en;q=0.8',
    'accept-encoding': 'gzip, deflate, br',
    ...options.headers,
  };
  const agent = options.trustedAddresses?.length
    ? undefined // never share sockets with a test's exceptions
    : agents[allowPrivate ? 'private' : 'public'][secure ? 'https' : 'http'];
  const remaining = Math.max(1, deadline - Date.now());
  const firstByteMillis = Math.min(options.firstByteTimeoutMillis ?? remaining, remaining);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: 'GET',
        headers: requestHeaders,
        agent,
        lookup: guardedLookup(url, allowPrivate, options.trustedAddresses),
      },
      (response) => {
        clearTimeout(firstByte);
        readBody(url, response, options).then((raw) => resolve({ ...raw, requestHeaders }), reject);
      },
    );
    const fail = (error: ExternalError) => req.destroy(error);
    const firstByte = setTimeout(
      () =>
        fail(
          new ExternalError(
            ErrorCode.FetchTimeout,
            `${url}: no response headers within ${firstByteMillis} ms (slow server)`,
          ),
        ),
      firstByteMillis,
    );
    const total = setTimeout(
      () =>
        fail(
          new ExternalError(
            ErrorCode.FetchTimeout,
            `${url}: no complete response within ${options.timeoutMillis} ms (slow server)`,
          ),
        ),
      remaining,
    );
    req.once('close', () => {
      clearTimeout(firstByte);
      clearTimeout(total);
    });
    req.once('error', (error) => reject(classifyNetworkError(url, error)));
    req.end();
  });
}

/** Names the failure: our own errors pass through, TLS problems get their own code. */
function classifyNetworkError(url: string, error: Error): ExternalError {
  if (error instanceof ExternalError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (
    /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) ||
    /certificate|ssl|tls/i.test(error.message)
  ) {
    return new ExternalError(ErrorCode.FetchTls, `${url}: TLS failed (${code || error.message})`, {
      cause: error,
    });
  }
  return new ExternalError(ErrorCode.FetchFailed, `${url}: ${code || error.message}`, {
    cause: error,
  });
}

function decompressorFor(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function readBody(
  url: string,
  response: IncomingMessage,
  options: HttpFetchOptions,
): Promise<Omit<RawResponse, 'requestHeaders'>> {
  return new Promise((resolve, reject) => {
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (declared > options.maxBodyBytes) {
      response.destroy();
      reject(tooLarge(url, `body of ${declared} bytes`, options.maxBodyBytes, 'maxBodyBytes'));
      return;
    }
    const remoteAddress = response.socket?.remoteAddress;
    const decompressor = decompressorFor(response.headers['content-encoding']);
    const maxOut = decompressor
      ? (options.maxDecompressedBytes ?? options.maxBodyBytes * 3)
      : options.maxBodyBytes;
    const chunks: Buffer[] = [];
    // With a Content-Encoding, the compressed bytes are kept too: they are what was transmitted.
    const wireChunks: Buffer[] | undefined = decompressor ? [] : undefined;
    let received = 0;
    let produced = 0;
    let settled = false;
    const failOnce = (error: Error) => {
      if (settled) return;
      settled = true;
      response.destroy();
      decompressor?.destroy();
      reject(error instanceof ExternalError ? error : classifyNetworkError(url, error));
    };
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > options.maxBodyBytes) {
        failOnce(tooLarge(url, 'body', options.maxBodyBytes, 'maxBodyBytes'));
        return;
      }
      wireChunks?.push(chunk);
    });
    const output = decompressor ? response.pipe(decompressor) : response;
    output.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > maxOut) {
        failOnce(tooLarge(url, 'decompressed body', maxOut, 'maxDecompressedBytes'));
        return;
      }
      chunks.push(chunk);
    });
    response.once('error', failOnce);
    decompressor?.once('error', (error: Error) =>
      failOnce(
        new ExternalError(
          ErrorCode.FetchFailed,
          `${url}: corrupt compressed body (${error.message})`,
          {
            cause: error,
            retryable: false,
          },
        ),
      ),
    );
    output.once('end', () => {
      if (settled) return;
      settled = true;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      resolve({
        status: response.statusCode ?? 0,
        headers,
        ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
        ...(remoteAddress ? { remoteAddress } : {}),
        body: Buffer.concat(chunks),
        ...(wireChunks ? { transmittedBody: Buffer.concat(wireChunks) } : {}),
      });
    });
  });
}

function tooLarge(url: string, what: string, limit: number, setting: string): ExternalError {
  return new ExternalError(
    ErrorCode.FetchTooLarge,
    `${url}: ${what} larger than ${limit} bytes; raise crawler.${setting} if the site's pages are really that large`,
    { retryable: false },
  );
}
