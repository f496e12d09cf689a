import { createHash } from 'node:crypto';

/** Hex SHA-256 of text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The stable id of the ad at a source's canonical URL: the same inputs always give the same id. */
export function adIdFor(sourceId: string, canonicalUrl: string): string {
  return sha256Hex(`${sourceId}\n${canonicalUrl}`).slice(0, 24);
}
