import iconv from 'iconv-lite';

/** How a page's character set was determined, kept with its capture. */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'utf8-valid' | 'fallback';

export interface DecodedPage {
  text: string;
  charset: string;
  source: CharsetSource;
}

const boms: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/**
 * Decodes a page's bytes to text. The charset comes from, in order: a byte-order mark, the
 * Content-Type header, a <meta charset> / http-equiv in the first 2 KB; otherwise UTF-8 when the
 * bytes are valid UTF-8, else the source's fallback (windows-1251 by default, common on Russian-
 * language sites). Unknown labels are ignored.
 */
export function decodeHtml(
  body: Uint8Array,
  contentType?: string,
  fallbackCharset = 'windows-1251',
): DecodedPage {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  for (const [mark, charset] of boms) {
    if (mark.every((byte, i) => bytes[i] === byte)) {
      return { text: iconv.decode(bytes.subarray(mark.length), charset), charset, source: 'bom' };
    }
  }
  const header = supported(charsetFrom(contentType));
  const fromHeader = header && decodeAs(bytes, header);
  if (header && fromHeader !== undefined)
    return { text: fromHeader, charset: header, source: 'header' };
  const meta = supported(charsetInMeta(bytes));
  const fromMeta = meta && decodeAs(bytes, meta);
  if (meta && fromMeta !== undefined) return { text: fromMeta, charset: meta, source: 'meta' };
  const utf8 = decodeAs(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8', source: 'utf8-valid' };
  const fallback = supported(fallbackCharset) ?? 'windows-1251';
  return { text: iconv.decode(bytes, fallback), charset: fallback, source: 'fallback' };
}

/**
 * The bytes as text in charset; undefined when it is UTF-8 and they are not. A UTF-8 label that
 * the bytes contradict is passed over: old sites send windows-1251 pages under a server-wide
 * `charset=utf-8` header, which would otherwise store the ad as replacement characters.
 */
function decodeAs(bytes: Buffer, charset: string): string | undefined {
  if (charset !== 'utf-8' && charset !== 'utf8') return iconv.decode(bytes, charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function charsetFrom(contentType?: string): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
}

function charsetInMeta(body: Buffer): string | undefined {
  const head = body.subarray(0, 2048).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

function supported(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const lower = label.toLowerCase();
  // A page that says UTF-16 in its markup cannot be read as ASCII-compatible: browsers ignore it.
  if (lower.startsWith('utf-16')) return 'utf-8';
  return iconv.encodingExists(lower) ? lower : undefined;
}
