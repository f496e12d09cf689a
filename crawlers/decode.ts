/**
 * Decodes a page's bytes to text using, in order: the charset in the Content-Type header, a
 * <meta charset> in the first 2 KB, else UTF-8. Unknown labels fall back to UTF-8.
 */
export function decodeHtml(
  body: Uint8Array,
  contentType?: string,
): { text: string; charset: string } {
  const declared = charsetFrom(contentType) ?? charsetInMeta(body);
  const charset = declared && isSupported(declared) ? declared.toLowerCase() : 'utf-8';
  return { text: new TextDecoder(charset).decode(body), charset };
}

function charsetFrom(contentType?: string): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
}

function charsetInMeta(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

function isSupported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
