import type { FetchedPage } from './fetch.types.js';
import { ErrorCode, ExternalError } from '../core/index.js';

const htmlTypes = /^(text\/html|application\/xhtml\+xml)\b/i;
const feedTypes =
  /^(application\/(rss|atom)\+xml|application\/xml|text\/xml|application\/rdf\+xml)\b/i;

/**
 * Turns a page that cannot be used into a classified error: error statuses (404/410 are "gone",
 * 429 and 5xx may pass), empty bodies and content types that are not what the source reads.
 */
export function ensureUsable(page: FetchedPage, expect: 'html' | 'feed' = 'html'): FetchedPage {
  if (page.status === 404 || page.status === 410) {
    throw new ExternalError(
      ErrorCode.FetchGone,
      `${page.finalUrl}: HTTP ${page.status} (removed)`,
      {
        retryable: false,
      },
    );
  }
  if (page.status < 200 || page.status >= 300) {
    const retryable = page.status === 429 || page.status >= 500;
    throw new ExternalError(ErrorCode.FetchHttpStatus, `${page.finalUrl}: HTTP ${page.status}`, {
      retryable,
    });
  }
  const type = (page.contentType ?? '').trim();
  const accepted = expect === 'html' ? htmlTypes : feedTypes;
  // A missing Content-Type is read as the expected type; so is text/html for a feed (misconfigured
  // servers) and XML for HTML (XHTML served as application/xml).
  if (type && !accepted.test(type) && !htmlTypes.test(type) && !feedTypes.test(type)) {
    throw new ExternalError(
      ErrorCode.FetchContentType,
      `${page.finalUrl}: skipped, content type "${type}" is not ${expect === 'html' ? 'HTML' : 'an RSS/Atom feed'}`,
      { retryable: false },
    );
  }
  if (isBlank(page.body)) {
    throw new ExternalError(
      ErrorCode.FetchEmpty,
      `${page.finalUrl}: empty page (HTTP ${page.status})`,
    );
  }
  return page;
}

/**
 * True for an empty body or one of white space only. Most pages start with a visible ASCII
 * character within a few bytes, which settles it without decoding the whole body.
 */
function isBlank(body: Buffer): boolean {
  for (const byte of body) {
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) continue;
    if (byte < 0x80) return false;
    break;
  }
  return body.toString('utf8').trim() === '';
}

/** Backwards-compatible name used by the first crawler. */
export const ensureOk = ensureUsable;
