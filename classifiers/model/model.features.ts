import { findEmailRanges } from '../facts/contacts.extractor.js';
import { allMatches } from '../text/all-matches.js';
import { LETTER, NUMBER, charFlags, codePointAt } from '../text/char-class.js';
import { stemEnglish, stemRussian } from './natural.adapter.js';

/**
 * Features for the text model: Porter-stemmed words (natural), word bigrams and title words.
 * Contacts are reduced to placeholders the same way EMSCAD anonymised them (#URL_…#, #EMAIL_…#,
 * #PHONE_…#), so "has a link" is a feature whether the ad came from EMSCAD or from a crawl.
 */

/** Phone numbers as EMSCAD anonymised them (any run of digits, spaces and `().-`). */
const PHONE_PLACEHOLDER = /\+?\d[\d\s().-]{7,}\d/gu;

/** [cheap pre-test, pattern, replacement]: the pre-test spares most ads the slower pattern. */
// Applied after lower-casing the whole text once (cheaper than lower-casing every word).
const PLACEHOLDERS: readonly (readonly [string, RegExp, string])[] = [
  ['#', /#(url|email|phone)_[0-9a-f]+#/gu, ' _$1_ '],
  ['http', /\b(?:https?:\/\/|www\.)\S+/gu, ' _url_ '],
  ['www.', /\b(?:https?:\/\/|www\.)\S+/gu, ' _url_ '],
  ['', PHONE_PLACEHOLDER, ' _phone_ '],
];

const CYRILLIC = /[\u0400-\u04FF]/u;
const LATIN = /^[a-z]/u;

const stemCache = new Map<string, string>();

/**
 * Longest token the stemmers see. No word of any language is this long; a longer token is a
 * run of letters (hostile or broken text) that the Porter stemmers' regular expressions take
 * quadratic time on (a 40,000-letter word: seconds), so it stays as it is and is not cached.
 */
export const MAX_STEMMED_CHARS = 64;

/** Stems one raw token (see {@link modelRawTokens}): Porter for English and Russian; cached. */
export function stemToken(word: string): string {
  if (word.length > MAX_STEMMED_CHARS) return word;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let result: string;
  if (word.startsWith('_')) result = word;
  else if (/^\d/u.test(word)) result = '#';
  else if (LATIN.test(word)) result = stemEnglish(word);
  else if (CYRILLIC.test(word)) result = stemRussian(word);
  else result = word;
  // Bounded, so a long-running worker does not grow with every new word it meets.
  if (stemCache.size < 200_000) stemCache.set(word, result);
  return result;
}

const PLACEHOLDER_TOKENS = ['_url_', '_email_', '_phone_'] as const;

/**
 * Raw (lower-cased, unstemmed) word tokens of a text: placeholders, runs of letters and digits,
 * and apostrophe-joined letter runs ("don't"). The same tokens as the regular expression
 * `_(?:url|email|phone)_|[\p{L}\p{N}]+(?:['’]\p{L}+)*` would find, but scanned by hand with a
 * character table: the regex spent as long on a 2 KB ad as the rest of the model together.
 */
export function modelRawTokens(text: string): string[] {
  return scanTokens(prepareModelText(text));
}

/** The tokens of text already prepared (see {@link prepareModelText}). */
export function scanTokens(prepared: string): string[] {
  const tokens: string[] = [];
  const n = prepared.length;
  let i = 0;
  while (i < n) {
    const code = prepared.charCodeAt(i);
    if (code === 0x5f /* _ */) {
      const placeholder = PLACEHOLDER_TOKENS.find((p) => prepared.startsWith(p, i));
      if (placeholder !== undefined) {
        tokens.push(placeholder);
        i += placeholder.length;
      } else i++;
      continue;
    }
    const cp = code >= 0xd800 && code <= 0xdbff ? codePointAt(prepared, i) : code;
    if ((charFlags(cp) & (LETTER | NUMBER)) === 0) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i = skipWhile(prepared, i, LETTER | NUMBER);
    // (?:['’]\p{L}+)*: an apostrophe counts only when a letter follows it.
    for (;;) {
      const q = prepared.charCodeAt(i);
      if ((q !== 0x27 && q !== 0x2019) || i + 1 >= n) break;
      if ((charFlags(codePointAt(prepared, i + 1)) & LETTER) === 0) break;
      i = skipWhile(prepared, i + 1, LETTER);
    }
    tokens.push(prepared.slice(start, i));
  }
  return tokens;
}

/** The index after the run of code points, from `i`, that have any of `flags`. */
function skipWhile(text: string, i: number, flags: number): number {
  let at = i;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    const cp = code >= 0xd800 && code <= 0xdbff ? codePointAt(text, at) : code;
    if ((charFlags(cp) & flags) === 0) break;
    at += cp > 0xffff ? 2 : 1;
  }
  return at;
}

/** Lower-cases the text and puts placeholders in place of e-mails, links and phone numbers. */
export function prepareModelText(text: string): string {
  let prepared = text;
  if (text.includes('@')) {
    // Replaced from the end so earlier ranges stay valid.
    for (const { start, end } of findEmailRanges(text).reverse())
      prepared = `${prepared.slice(0, start)} _email_ ${prepared.slice(end)}`;
  }
  prepared = prepared.toLowerCase();
  for (const [cue, re, replacement] of PLACEHOLDERS)
    if (prepared.includes(cue)) prepared = prepared.replace(re, replacement);
  return prepared;
}

/**
 * A stretch of prepared text, `[start, end)` in it: when `src` ≥ 0, the lower-cased copy of
 * `source[src, src + end - start)`; when `src` is −1, `text`, put in by a placeholder.
 */
export interface PreparedPiece {
  start: number;
  end: number;
  src: number;
  text: string | undefined;
}

/** "http" or "www." in any case: lower-casing can make them only from ASCII letters. */
const LINK_CUE = /http|www\./i;

/**
 * {@link prepareModelText} as pieces that say where each stretch of the result came from, so a
 * caller can take the tokens of unchanged stretches from words it already has, without the text
 * being lower-cased or put together. Every placeholder is put in as " _name_ ", with a space at
 * each end, so no token and no placeholder crosses from one piece into the next: the tokens of the
 * prepared text are the tokens of its pieces, one after the other.
 *
 * Undefined (use prepareModelText) when the pieces could not say this simply and exactly: a "_"
 * in the source (the scanner reads "_url_" as a placeholder, not a word; the EMSCAD placeholders
 * have one too), a "Σ" (lower-cased by its context), an "İ" (lower-cased to two units), a link
 * (its placeholder is found in the lower-cased text), or overlapping e-mail ranges. Otherwise the
 * phone numbers are found in the source with the e-mails replaced, not lower-cased: lower-casing
 * changes no digit, space or `().-+`, and makes none.
 */
export function prepareModelPieces(source: string): PreparedPiece[] | undefined {
  if (source.includes('_') || source.includes('\u03a3') || source.includes('\u0130'))
    return undefined;
  if (LINK_CUE.test(source)) return undefined;
  let text = source;
  let pieces: PreparedPiece[] = [{ start: 0, end: source.length, src: 0, text: undefined }];
  if (source.includes('@')) {
    const ranges = findEmailRanges(source);
    for (let k = 1; k < ranges.length; k++)
      if (ranges[k].start < ranges[k - 1].end) return undefined;
    // Disjoint and in order: replacing them from the end, as prepareModelText does, is the same.
    if (ranges.length > 0)
      [text, pieces] = splice(
        text,
        pieces,
        ranges.map(({ start, end }) => ({ start, end, insert: ' _email_ ' })),
      );
  }
  const edits = allMatches(PHONE_PLACEHOLDER, text).map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    insert: ' _phone_ ',
  }));
  if (edits.length > 0) [, pieces] = splice(text, pieces, edits);
  return pieces;
}

/** Replaces disjoint, ordered ranges of `text`, carrying the pieces' origins along. */
function splice(
  text: string,
  pieces: readonly PreparedPiece[],
  edits: readonly { start: number; end: number; insert: string }[],
): [string, PreparedPiece[]] {
  const parts: string[] = [];
  const out: PreparedPiece[] = [];
  let length = 0;
  let p = 0;
  // Copies text[from, to) and the parts of pieces inside it.
  const keep = (from: number, to: number): void => {
    if (to <= from) return;
    parts.push(text.slice(from, to));
    while (p < pieces.length && pieces[p].end <= from) p++;
    for (let q = p; q < pieces.length && pieces[q].start < to; q++) {
      const piece = pieces[q];
      const a = Math.max(piece.start, from);
      const b = Math.min(piece.end, to);
      if (b <= a) continue;
      out.push({
        start: length + a - from,
        end: length + b - from,
        src: piece.src < 0 ? -1 : piece.src + a - piece.start,
        text: piece.text?.slice(a - piece.start, b - piece.start),
      });
    }
    length += to - from;
  };
  let at = 0;
  for (const edit of edits) {
    keep(at, edit.start);
    parts.push(edit.insert);
    out.push({ start: length, end: length + edit.insert.length, src: -1, text: edit.insert });
    length += edit.insert.length;
    at = edit.end;
  }
  keep(at, text.length);
  return [parts.join(''), out];
}

/** Stemmed word tokens of a text. */
export function modelTokens(text: string): string[] {
  return modelRawTokens(text).map(stemToken);
}

/**
 * Term counts for one ad: unigrams, bigrams (`a b`) and title unigrams (`^a`). Callers that only
 * need known terms pass `known` to skip building strings that the model would ignore anyway.
 */
export function termCounts(
  title: string,
  text: string,
  known?: ReadonlySet<string>,
): Map<string, number> {
  return countTerms(modelTokens(title), modelTokens(`${title}\n${text}`), known);
}

/** {@link termCounts} from tokens already made: title tokens, and tokens of title + text. */
export function countTerms(
  titleTokens: readonly string[],
  tokens: readonly string[],
  known?: ReadonlySet<string>,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string): void => {
    if (known && !known.has(term)) return;
    counts.set(term, (counts.get(term) ?? 0) + 1);
  };
  for (const t of titleTokens) add(`^${t}`);
  for (let i = 0; i < tokens.length; i++) {
    add(tokens[i]);
    if (i + 1 < tokens.length) add(`${tokens[i]} ${tokens[i + 1]}`);
  }
  return counts;
}

/** Sublinear TF-IDF, L2-normalised: the vector the logistic regression reads. */
export function tfidfVector(
  counts: Map<string, number>,
  idf: ReadonlyMap<string, number>,
): Map<string, number> {
  const vector = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    const w = idf.get(term);
    if (w === undefined) continue;
    const value = (1 + Math.log(count)) * w;
    vector.set(term, value);
    norm += value * value;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (const [term, value] of vector) vector.set(term, value * scale);
  }
  return vector;
}
