import { findEmailRanges } from '../facts/contacts.extractor.js';
import { stemEnglish, stemRussian } from './natural.adapter.js';

/**
 * Features for the text model: Porter-stemmed words (natural), word bigrams and title words.
 * Contacts are reduced to placeholders the same way EMSCAD anonymised them (#URL_…#, #EMAIL_…#,
 * #PHONE_…#), so "has a link" is a feature whether the ad came from EMSCAD or from a crawl.
 */

/** [cheap pre-test, pattern, replacement]: the pre-test spares most ads the slower pattern. */
// Applied after lower-casing the whole text once (cheaper than lower-casing every word).
const PLACEHOLDERS: readonly (readonly [string, RegExp, string])[] = [
  ['#', /#(url|email|phone)_[0-9a-f]+#/gu, ' _$1_ '],
  ['http', /\b(?:https?:\/\/|www\.)\S+/gu, ' _url_ '],
  ['www.', /\b(?:https?:\/\/|www\.)\S+/gu, ' _url_ '],
  ['', /\+?\d[\d\s().-]{7,}\d/gu, ' _phone_ '],
];

const WORD = /_(?:url|email|phone)_|[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
const CYRILLIC = /[\u0400-\u04FF]/u;
const LATIN = /^[a-z]/u;

const stemCache = new Map<string, string>();

function stem(word: string): string {
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

/** Stemmed word tokens of a text. */
export function modelTokens(text: string): string[] {
  let prepared = text;
  if (text.includes('@')) {
    // Replaced from the end so earlier ranges stay valid.
    for (const { start, end } of findEmailRanges(text).reverse())
      prepared = `${prepared.slice(0, start)} _email_ ${prepared.slice(end)}`;
  }
  prepared = prepared.toLowerCase();
  for (const [cue, re, replacement] of PLACEHOLDERS)
    if (prepared.includes(cue)) prepared = prepared.replace(re, replacement);
  const tokens: string[] = [];
  for (const m of prepared.matchAll(WORD)) tokens.push(stem(m[0]));
  return tokens;
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
