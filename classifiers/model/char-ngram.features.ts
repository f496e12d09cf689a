import type { FoldedText, FoldedWord } from '../text/text-normalise.js';
import type { SparseVector } from './logistic-regression.js';

/**
 * Features of the decisions model (`adwatch-char-lr/1`): character n-grams of the classifier's
 * folded words. Folding writes Armenian, Cyrillic and Latin in one Latin skeleton and undoes
 * disguises, so one feature meets the native spelling, its translit and its disguised forms in
 * every language, with no stemmer or word list per language. N-grams are hashed (FNV-1a, 32 bit)
 * into a fixed number of buckets: the model's size is bounded whatever the data.
 */
export interface CharNgramOptions {
  /** Shortest and longest n-gram, in characters of the word padded with a space at each end. */
  minN: number;
  maxN: number;
  /** The model has 2^hashBits weights. */
  hashBits: number;
}

/** Longest word read: longer runs of letters are hostile or broken text, not words. */
const MAX_WORD_CHARS = 40;

/** FNV-1a over UTF-16 code units of `text[from, to)`: deterministic on every platform. */
function fnv1a(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The hashed n-gram buckets of one folded word, each once per occurrence of the n-gram. */
export function wordBuckets(word: string, options: CharNgramOptions): number[] {
  const padded = ` ${word.length > MAX_WORD_CHARS ? word.slice(0, MAX_WORD_CHARS) : word} `;
  const mask = 2 ** options.hashBits - 1;
  const buckets: number[] = [];
  for (let n = options.minN; n <= options.maxN; n++)
    for (let i = 0; i + n <= padded.length; i++) buckets.push(fnv1a(padded, i, i + n) & mask);
  return buckets;
}

/**
 * The ad's feature vector: sublinear counts (1 + ln c) of its buckets, L2-normalised, indices
 * ascending. `known`, when given, says which buckets have a weight: `knownWords` counts the words
 * with at least one of them (the model's coverage of the ad).
 */
export function charNgramVector(
  words: readonly FoldedWord[],
  options: CharNgramOptions,
  known?: (bucket: number) => boolean,
): { vector: SparseVector; words: number; knownWords: number } {
  const counts = new Map<number, number>();
  let knownWords = 0;
  for (const word of words) {
    let isKnown = false;
    for (const bucket of wordBuckets(word.word, options)) {
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      if (!isKnown && known?.(bucket) === true) isKnown = true;
    }
    if (isKnown) knownWords++;
  }
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const values = new Float64Array(indices.length);
  let norm = 0;
  indices.forEach((bucket, k) => {
    const value = 1 + Math.log(counts.get(bucket) ?? 1);
    values[k] = value;
    norm += value * value;
  });
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let k = 0; k < values.length; k++) values[k] = (values[k] ?? 0) * scale;
  }
  return {
    vector: { indices: Int32Array.from(indices), values },
    words: words.length,
    knownWords,
  };
}

/** The source the classifier folds: `title + "\n" + text`, or `text` when there is no title. */
export function adSource(title: string, text: string): string {
  return title === '' ? text : `${title}\n${text}`;
}

export type { FoldedText };
