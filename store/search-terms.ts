import type { ExtractedAd } from '../core/index.js';

/**
 * The words of an ad as the triage queue's text search matches them, kept on the ad
 * (`searchTerms`) and indexed for flagged ads together with the queue's order, so that a search
 * reads one page of index keys instead of every ad holding the word and sorting them.
 *
 * Folding, the same for the text and the query: compatibility decomposition, combining marks
 * removed (é → e, й → и, ё → е), lower case (Latin, Cyrillic and Armenian alike); words are runs
 * of letters and digits, matched whole and as written — no stemming, which MongoDB has for
 * neither Armenian nor translit and which would mix the languages.
 */
export function foldedWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && word.length <= maxTermLength);
}

/**
 * Longer "words" (encoded blobs, runs of digits) are nobody's search and would exceed MongoDB
 * 4.0's 1,024-byte index key: they are left out.
 */
const maxTermLength = 64;
/** A hostile page can hold any number of words; an ad keeps its first distinct ones. */
export const maxSearchTerms = 1_000;
/** A query's words; each is one index range, and a search of more words is not a search. */
export const maxQueryTerms = 16;

/** The distinct folded words of an ad's title and body, in order of appearance. */
export function adSearchTerms(ad: Pick<ExtractedAd, 'title' | 'body'>): string[] {
  return [...new Set(foldedWords(`${ad.title}\n${ad.body}`))].slice(0, maxSearchTerms);
}

/** The words of an analyst's query (an ad matches when it holds any of them). */
export function querySearchTerms(query: string): string[] {
  return [...new Set(foldedWords(query))].slice(0, maxQueryTerms);
}
