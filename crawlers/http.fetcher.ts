import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ErrorCode, ExternalError } from '../config/index.js';
import type { FetchedPage, HttpFetchOptions } from './fetch.types.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a URL with node's own HTTP client so that the exact bytes, headers, remote address and
 * redirect chain are kept as evidence. Follows redirects up to the limit; stops reading past
 * maxBodyBytes. Network failures are retryable ExternalErrors.
 */
export async function fetchHttp(url: string, options: HttpFetchOptions): Promise<FetchedPage> {
  const fetchedAt = new Date();
  const redirects: string[] = [];
  let current = url;
  for (;;) {
    const response = await requestOnce(current, options);
    const location = response.headers.location;
    if (redirectStatuses.has(response.status) && location) {
      if (redirects.length >= options.maxRedirects) {
        throw new ExternalError(
          ErrorCode.FetchFailed,
          `${url}: more than ${options.maxRedirects} redirects (last to ${location})`,
          { retryable: false },
        );
      }
      redirects.push(current);
      const next = new URL(location, current).toString();
      if (redirects.includes(next)) {
        throw new ExternalError(ErrorCode.FetchFailed, `${url}: redirect loop through ${next}`, {
          retryable: false,
        });
      }
      current = next;
      continue;
    }
    return { ...response, url, finalUrl: current, redirects, fetchedAt, fetcher: 'http' };
  }
}

type RawResponse = Pick<
  FetchedPage,
  'status' | 'headers' | 'contentType' | 'remoteAddress' | 'body'
>;

function requestOnce(url: string, options: HttpFetchOptions): Promise<RawResponse> {
  const target = new URL(url);
  const request =
    target.protocol === 'https:'
      ? httpsRequest
      : target.protocol === 'http:'
        ? httpRequest
        : undefined;
  if (!request) {
    return Promise.reject(
      new ExternalError(ErrorCode.FetchFailed, `${url}: only http and https URLs are fetched`, {
        retryable: false,
      }),
    );
  }
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'GET',
        headers: {
          'user-agent': options.userAgent,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          'accept-language': 'hy,ru;q=0.9,en;q=0.8',
          ...options.headers,
        },
        timeout: options.timeoutMillis,
      },
      (response) => void readBody(url, response, options.maxBodyBytes).then(resolve, reject),
    );
    const deadline = setTimeout(
      () =>
        req.destroy(
          new ExternalError(
            ErrorCode.FetchFailed,
            `${url}: no complete response within ${options.timeoutMillis} ms`,
          ),
        ),
      options.timeoutMillis,
    );
    req.once('close', () => clearTimeout(deadline));
    req.once('timeout', () =>
      req.destroy(
        new ExternalError(
          ErrorCode.FetchFailed,
          `${url}: no response within ${options.timeoutMillis} ms`,
        ),
      ),
    );
    req.once('error', (error) =>
      reject(
        error instanceof ExternalError
          ? error
          : new ExternalError(ErrorCode.FetchFailed, `${url}: ${error.message}`, { cause: error }),
      ),
    );
    req.end();
  });
}

function readBody(
  url: string,
  response: IncomingMessage,
  maxBodyBytes: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        response.destroy();
        reject(
          new ExternalError(
            ErrorCode.FetchTooLarge,
            `${url}: body larger than ${maxBodyBytes} bytes`,
            {
              retryable: false,
            },
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    response.once('error', (error) =>
      reject(
        new ExternalError(ErrorCode.FetchFailed, `${url}: ${error.message}`, { cause: error }),
      ),
    );
    response.once('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      resolve({
        status: response.statusCode ?? 0,
        headers,
        ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
        ...(response.socket?.remoteAddress ? { remoteAddress: response.socket.remoteAddress } : {}),
        body: Buffer.concat(chunks),
      });
    });
  });
}
