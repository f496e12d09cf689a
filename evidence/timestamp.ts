import { randomBytes } from 'node:crypto';
import { ErrorCode, ExternalError } from '../core/index.js';

/**
 * RFC 3161 timestamps over a manifest: the request is built and the response read with a minimal
 * DER codec (only the few structures needed). The TSA's own signature is checked by `openssl ts
 * -verify` with the TSA's certificate chain, which adwatch does not have; adwatch checks that the
 * token was granted and covers the manifest's SHA-256, and reads its time.
 */

/** DER of AlgorithmIdentifier { id-sha256, NULL }. */
const sha256Algorithm = Buffer.from('300d06096086480165030402010500', 'hex');

/** A TimeStampReq (RFC 3161 §2.4.1) for a SHA-256 digest, asking for the TSA certificate. */
export function timestampRequest(sha256: Buffer, nonce: Buffer): Buffer {
  const imprint = der(0x30, Buffer.concat([sha256Algorithm, der(0x04, sha256)]));
  return der(
    0x30,
    Buffer.concat([
      der(0x02, Buffer.from([1])),
      imprint,
      der(0x02, nonce),
      der(0x01, Buffer.from([0xff])),
    ]),
  );
}

/** Asks the TSA for a timestamp token over the digest; returns the DER TimeStampResp. */
export async function requestTimestamp(
  url: string,
  sha256: Buffer,
  options: { timeoutMillis?: number } = {},
): Promise<Buffer> {
  // Positive and minimal as a DER INTEGER: first byte 0x01-0x7f.
  const nonce = randomBytes(8);
  nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/timestamp-query',
        accept: 'application/timestamp-reply',
      },
      body: new Uint8Array(timestampRequest(sha256, nonce)),
      signal: AbortSignal.timeout(options.timeoutMillis ?? 30_000),
    });
  } catch (error) {
    throw new ExternalError(
      ErrorCode.TimestampFailed,
      `timestamp authority ${url} did not answer (${(error as Error).message}); check evidence.timestampAuthorityUrl or unset it`,
      { cause: error },
    );
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) {
    throw new ExternalError(
      ErrorCode.TimestampFailed,
      `timestamp authority ${url} answered HTTP ${response.status}`,
    );
  }
  const checked = readTimestampResponse(body, sha256);
  if (!checked.granted || !checked.coversDigest || !body.includes(der(0x02, nonce))) {
    throw new ExternalError(
      ErrorCode.TimestampFailed,
      `timestamp authority ${url} did not grant a token for this manifest (status ${checked.status ?? 'unreadable'})`,
      { retryable: false },
    );
  }
  return body;
}

/** What a TimeStampResp says about a digest. */
export interface TimestampCheck {
  status: number | null;
  granted: boolean;
  /** The token's message imprint is the given SHA-256. */
  coversDigest: boolean;
  /** The token's genTime, ISO 8601, when readable. */
  time: string | null;
}

/** Reads a DER TimeStampResp (RFC 3161 §2.4.2) and checks it against a SHA-256 digest. */
export function readTimestampResponse(response: Buffer, sha256: Buffer): TimestampCheck {
  const unreadable: TimestampCheck = {
    status: null,
    granted: false,
    coversDigest: false,
    time: null,
  };
  try {
    const outer = tlv(response, 0);
    const statusInfo = tlv(response, outer.start);
    const status = tlv(response, statusInfo.start);
    if (outer.tag !== 0x30 || statusInfo.tag !== 0x30 || status.tag !== 0x02) return unreadable;
    const value = response
      .subarray(status.start, status.end)
      .readUIntBE(0, status.end - status.start);
    const token = response.subarray(statusInfo.end, outer.end);
    const imprint = Buffer.concat([sha256Algorithm, der(0x04, sha256)]);
    const at = token.indexOf(imprint);
    return {
      status: value,
      granted: (value === 0 || value === 1) && token.length > 0,
      coversDigest: at >= 0,
      time: at >= 0 ? generalizedTimeAfter(token, at + imprint.length) : null,
    };
  } catch {
    return unreadable;
  }
}

/** The first GeneralizedTime after offset (TSTInfo's genTime follows the imprint and serial). */
function generalizedTimeAfter(buf: Buffer, offset: number): string | null {
  for (let i = offset; i < buf.length - 16; i++) {
    if (buf[i] !== 0x18) continue;
    const length = buf[i + 1] ?? 0;
    const text = buf.subarray(i + 2, i + 2 + length).toString('latin1');
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
    if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}Z`;
  }
  return null;
}

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function tlv(buf: Buffer, offset: number): { tag: number; start: number; end: number } {
  const tag = buf[offset];
  let length = buf[offset + 1];
  if (tag === undefined || length === undefined) throw new Error('truncated DER');
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = buf.subarray(start, start + count).readUIntBE(0, count);
    start += count;
  }
  if (start + length > buf.length) throw new Error('truncated DER');
  return { tag, start, end: start + length };
}
