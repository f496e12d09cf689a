import { createHash } from 'node:crypto';
import { WARCRecord, WARCSerializer } from 'warcio';
import { sha256Hex } from './ids.js';

/** What one fetch needs to become a WARC request/response pair. */
export interface WarcExchange {
  /** The URL whose response the body is (the final URL after redirects). */
  url: string;
  /** UTC time the request was sent. */
  fetchedAt: Date;
  /** Request headers as sent (User-Agent, conditional headers...). */
  requestHeaders: Record<string, string>;
  status: number;
  /** Response headers as received. */
  headers: Record<string, string>;
  remoteAddress?: string;
  /** Response body bytes as received, after transfer decoding and any Content-Encoding. */
  body: Uint8Array;
  /** Hex SHA-256 of body when the caller has it already (the capture hash): not computed again. */
  bodySha256?: string;
  /**
   * The body as transmitted when the server compressed it (headers carry its Content-Encoding),
   * with its hex SHA-256: the response record then holds these bytes, as sent.
   */
  transmitted?: { body: Uint8Array; sha256: string };
}

/** The serialised pair and the ids and digest a verifier needs to find and check it. */
export interface WarcRecords {
  /** `request` record followed by `response` record, WARC/1.1, uncompressed. */
  bytes: Uint8Array;
  requestId: string;
  responseId: string;
  /**
   * `sha256:<hex>` of the response payload: the capture's body SHA-256, or the transmitted
   * bytes' when the server compressed the body.
   */
  payloadDigest: string;
}

/**
 * Serialises one fetch as a WARC/1.1 request record and response record (ISO 28500), with
 * SHA-256 block and payload digests written in hex so that the payload digest can be compared
 * with the capture's SHA-256 directly. The body is already de-chunked by Node, so a
 * `Transfer-Encoding` header would make readers de-chunk it again: it is dropped and the real
 * `Content-Length` set; every other header is kept as received. When the server compressed the
 * body, the payload is the compressed bytes as transmitted (Content-Encoding kept, as a replay
 * tool expects); when only the decoded body is known (a browser render, an ad cut out of a
 * listing), a Content-Encoding header is renamed `X-Adwatch-Decoded-Content-Encoding` so that
 * readers do not decode the payload a second time.
 *
 * The digests are computed here with node:crypto (the payload digest is the capture's SHA-256
 * when the caller passes it) and handed to warcio, whose serializer computes only the digests a
 * record lacks: the body is hashed once for the payload and once for the block, natively.
 */
export async function buildWarcRecords(exchange: WarcExchange): Promise<WarcRecords> {
  const date = exchange.fetchedAt.toISOString();
  const payload = exchange.transmitted?.body ?? exchange.body;
  const responseHeaders = Object.entries(exchange.headers)
    .filter(([name]) => !['transfer-encoding', 'content-length'].includes(name.toLowerCase()))
    .map(([name, value]): [string, string] =>
      !exchange.transmitted && name.toLowerCase() === 'content-encoding'
        ? [decodedEncodingHeader, value]
        : [name, value],
    );
  responseHeaders.push(['content-length', String(payload.byteLength)]);
  const response = WARCRecord.create(
    {
      url: exchange.url,
      date,
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: `HTTP/1.1 ${exchange.status} ${statusText(exchange.status)}`,
      httpHeaders: responseHeaders,
      warcHeaders: exchange.remoteAddress ? { 'WARC-IP-Address': exchange.remoteAddress } : {},
    },
    [payload],
  );
  const responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? '';
  const target = new URL(exchange.url);
  const request = WARCRecord.create(
    {
      url: exchange.url,
      date,
      type: 'request',
      warcVersion: 'WARC/1.1',
      statusline: `GET ${target.pathname}${target.search} HTTP/1.1`,
      httpHeaders: { host: target.host, ...exchange.requestHeaders },
      warcHeaders: { 'WARC-Concurrent-To': responseId },
    },
    [],
  );
  setDigests(request, emptySha256);
  const payloadSha256 = exchange.transmitted
    ? exchange.transmitted.sha256
    : (exchange.bodySha256 ?? sha256Hex(exchange.body));
  setDigests(response, payloadSha256, payload);
  const digest = { algo: 'sha-256', prefix: 'sha256:', base32: false } as const;
  const [requestBytes, responseBytes] = await Promise.all([
    WARCSerializer.serialize(request, { gzip: false, digest }),
    WARCSerializer.serialize(response, { gzip: false, digest }),
  ]);
  const bytes = new Uint8Array(requestBytes.byteLength + responseBytes.byteLength);
  bytes.set(requestBytes, 0);
  bytes.set(responseBytes, requestBytes.byteLength);
  return {
    bytes,
    requestId: request.warcHeaders.headers.get('WARC-Record-ID') ?? '',
    responseId,
    payloadDigest: response.warcHeaders.headers.get('WARC-Payload-Digest') ?? '',
  };
}

const emptySha256 = sha256Hex(new Uint8Array(0));
/** Names the Content-Encoding a stored body no longer has (it was decoded before storing). */
const decodedEncodingHeader = 'x-adwatch-decoded-content-encoding';
const encoder = new TextEncoder();

/**
 * Sets WARC-Payload-Digest and WARC-Block-Digest (hex, `sha256:` prefix). The block is the HTTP
 * header block exactly as warcio's serializer writes it (status line, headers, blank line)
 * followed by the payload.
 */
function setDigests(record: WARCRecord, payloadSha256: string, payload?: Uint8Array): void {
  const block = createHash('sha256').update(
    encoder.encode(`${record.httpHeaders?.toString() ?? ''}\r\n`),
  );
  if (payload) block.update(payload);
  record.warcHeaders.headers.set('WARC-Payload-Digest', `sha256:${payloadSha256}`);
  record.warcHeaders.headers.set('WARC-Block-Digest', `sha256:${block.digest('hex')}`);
}

const reasons: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusText(status: number): string {
  return reasons[status] ?? 'Unknown';
}
