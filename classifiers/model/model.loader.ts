import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MODEL_FORMAT } from './model.trainer.js';
import type { FoldedText, FoldedWordForm } from '../text/text-normalise.js';
import {
  modelRawTokens,
  prepareModelPieces,
  prepareModelText,
  scanTokens,
  type PreparedPiece,
  stemToken,
} from './model.features.js';
import { CHAR_MODEL_FORMAT, parseCharModel } from './language-routed.model.js';
import type { ModelReading, TextModel } from './text-model.js';
import { ConfigError } from '../../core/index.js';

const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.string().min(1),
  prior: z.number().gt(0).lt(1),
  bias: z.number(),
  // Checked by hand below: zod 4 parsing an array of more than about 10,000 items invalidates
  // V8's "ArrayConstructor" protector for the whole process (`--trace-protector-invalidation`),
  // after which plain array code everywhere runs slower, and a model has 20,000 terms.
  terms: z.custom<unknown[]>((value) => Array.isArray(value) && value.length > 0, {
    message: 'terms must be a non-empty array',
  }),
});

type ModelTerm = [term: string, idf: number, weight: number];

function isTerm(value: unknown): value is ModelTerm {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'number'
  );
}

/** The committed model: trained on EMSCAD (English), the base of models routed by language. */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./emscad-lr.model.json', import.meta.url));

/** Options of {@link parseTextModel} and {@link loadTextModel}. */
export interface ParseTextModelOptions {
  /**
   * The model that a model routed by language delegates to for the languages it was not trained
   * on. Default: the committed EMSCAD model ({@link DEFAULT_MODEL_PATH}).
   */
  base?: TextModel;
}

/** The model formats this version reads. */
export const SUPPORTED_MODEL_FORMATS: readonly string[] = [MODEL_FORMAT, CHAR_MODEL_FORMAT];

/**
 * Loads a model file written by `adwatch train` (any supported format). Throws `ConfigError`
 * naming the file if it cannot be read or is not a model.
 */
export function loadTextModel(path: string, options: ParseTextModelOptions = {}): TextModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `model file ${path}: cannot read it as JSON; run \`adwatch train\` to create it.`,
      {
        cause: error,
      },
    );
  }
  return parseTextModel(raw, `file ${path}`, options);
}

/**
 * Validates and loads a model of any supported format from parsed JSON (a model file's content,
 * or a model stored in the database). `origin` names where it came from in error messages
 * ("file /x/model.json", "registry model 42"). Throws `ConfigError` if it is not a usable model.
 */
export function parseTextModel(
  json: unknown,
  origin: string,
  options: ParseTextModelOptions = {},
): TextModel {
  const format =
    typeof json === 'object' && json !== null && 'format' in json ? json.format : undefined;
  if (format === MODEL_FORMAT) return tfidfModel(json, origin);
  if (format === CHAR_MODEL_FORMAT)
    return parseCharModel(json, origin, options.base ?? loadTextModel(DEFAULT_MODEL_PATH));
  throw new ConfigError(
    `model ${origin}: ${typeof format === 'string' ? `format "${format}" is not one this version reads` : 'no "format" field'} (supported: ${SUPPORTED_MODEL_FORMATS.join(', ')}); retrain it with \`adwatch train\`.`,
  );
}

/**
 * Loads an `adwatch-tfidf-lr/1` model (word TF-IDF, the committed EMSCAD model).
 *
 * Scoring computes the same sublinear TF-IDF as training (`model.features.ts`), but looks terms up
 * by integer id (a bigram by its pair of stem numbers), with what the model knows about each raw
 * token cached, so no strings are built per ad: the model must keep up with thousands of ads per
 * second.
 */
function tfidfModel(raw: unknown, origin: string): TextModel {
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `model ${origin}: not an ${MODEL_FORMAT} model (${parsed.error.issues[0]?.message ?? 'invalid'}); retrain it with \`adwatch train\`.`,
    );
  const file = parsed.data;
  const terms: ModelTerm[] = [];
  for (const [index, term] of file.terms.entries()) {
    if (!isTerm(term))
      throw new ConfigError(
        `model ${origin}: not an ${MODEL_FORMAT} model (terms[${index}] is not [term, idf, weight]); retrain it with \`adwatch train\`.`,
      );
    terms.push(term);
  }
  const idf = new Float64Array(terms.length);
  const weight = new Float64Array(terms.length);
  // Stems that occur in any term get a number; a bigram is then one lookup by number pair.
  const stemIds = new Map<string, number>();
  const stemId = (stem: string): number => {
    let id = stemIds.get(stem);
    if (id === undefined) {
      id = stemIds.size;
      stemIds.set(stem, id);
    }
    return id;
  };
  const unigrams = new Map<string, number>();
  const titleWords = new Map<string, number>();
  const pairs: [number, number, number][] = [];
  terms.forEach(([term, termIdf, termWeight], id) => {
    idf[id] = termIdf;
    weight[id] = termWeight;
    const space = term.indexOf(' ');
    if (term.startsWith('^')) titleWords.set(term.slice(1), id);
    else if (space === -1) {
      unigrams.set(term, id);
      stemId(term);
    } else pairs.push([stemId(term.slice(0, space)), stemId(term.slice(space + 1)), id]);
  });
  const bigrams = new PairTable(pairs);

  // What the model knows about one raw token, found once per distinct token (bounded cache).
  const tokenCache = new Map<string, TokenInfo>();
  const infoOf = (raw: string): TokenInfo => {
    let info = tokenCache.get(raw);
    if (info === undefined) {
      const stem = stemToken(raw);
      info = {
        stem: stemIds.get(stem) ?? -1,
        unigram: unigrams.get(stem) ?? -1,
        title: titleWords.get(stem) ?? -1,
        word: stem !== '#' && !stem.startsWith('_'),
      };
      if (tokenCache.size < 200_000) tokenCache.set(raw, info);
    }
    return info;
  };
  // Term counts of the ad being read, and the terms it touched in order of first touch (the order
  // of the sums below, so results are the same to the last bit as with a Map). Reset after use.
  const counts = new Int32Array(terms.length);
  let touched = new Int32Array(1024);
  let touchedCount = 0;
  const add = (id: number): void => {
    if (id < 0) return;
    if (counts[id]++ === 0) {
      if (touchedCount === touched.length) {
        const grown = new Int32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[touchedCount++] = id;
    }
  };

  let words = 0;
  let knownWords = 0;
  let previous: TokenInfo | undefined;
  /** Counts one token of the ad's text, in order. */
  const take = (info: TokenInfo): void => {
    if (previous !== undefined && previous.stem >= 0 && info.stem >= 0)
      add(bigrams.get(previous.stem, info.stem));
    add(info.unigram);
    if (info.word) {
      words++;
      if (info.unigram >= 0) knownWords++;
    }
    previous = info;
  };
  const takeAll = (prepared: string): void => {
    for (const raw of scanTokens(prepared)) take(infoOf(raw));
  };
  // Marks this model's memo on a folded word form: the token infos of the lower-cased word.
  const owner = {};
  const tokensOfForm = (
    form: FoldedWordForm,
    source: string,
    start: number,
    end: number,
  ): TokenInfo[] => {
    if (form.modelOwner === owner) return form.modelMemo as TokenInfo[];
    const infos = scanTokens(source.slice(start, end).toLowerCase()).map(infoOf);
    form.modelOwner = owner;
    form.modelMemo = infos;
    return infos;
  };
  /** The ad's tokens, from the folded words where the prepared text is the source's own. */
  const takeFolded = (folded: FoldedText, pieces: readonly PreparedPiece[]): void => {
    const { source, words: foldedWords } = folded;
    let w = 0;
    for (const piece of pieces) {
      if (piece.src < 0) {
        takeAll(piece.text ?? '');
        continue;
      }
      const from = piece.src;
      const to = piece.src + piece.end - piece.start;
      while (w < foldedWords.length && foldedWords[w].sourceEnd <= from) w++;
      for (let k = w; k < foldedWords.length && foldedWords[k].sourceStart < to; k++) {
        const word = foldedWords[k];
        if (word.sourceStart >= from && word.sourceEnd <= to) {
          const infos = tokensOfForm(word.form, source, word.sourceStart, word.sourceEnd);
          for (let t = 0; t < infos.length; t++) take(infos[t]);
        } else {
          // A word cut by a placeholder: the part inside this piece.
          takeAll(
            source
              .slice(Math.max(word.sourceStart, from), Math.min(word.sourceEnd, to))
              .toLowerCase(),
          );
        }
      }
    }
  };

  const reading = (): ModelReading => {
    let norm = 0;
    let dot = 0;
    for (let k = 0; k < touchedCount; k++) {
      const id = touched[k];
      const value = (1 + Math.log(counts[id])) * idf[id];
      counts[id] = 0;
      norm += value * value;
      dot += value * weight[id];
    }
    const z = file.bias + (norm > 0 ? dot / Math.sqrt(norm) : 0);
    return {
      probability: 1 / (1 + Math.exp(-z)),
      coverage: words === 0 ? 0 : knownWords / words,
    };
  };
  const start = (title: string): void => {
    touchedCount = 0;
    words = 0;
    knownWords = 0;
    previous = undefined;
    for (const t of modelRawTokens(title)) add(infoOf(t).title);
  };

  return {
    version: file.version,
    prior: file.prior,
    read(title: string, text: string): ModelReading {
      start(title);
      for (const raw of modelRawTokens(`${title}\n${text}`)) take(infoOf(raw));
      return reading();
    },
    readFolded(title: string, folded: FoldedText): ModelReading {
      const pieces = folded.whole ? prepareModelPieces(folded.source) : undefined;
      start(title);
      if (pieces !== undefined) takeFolded(folded, pieces);
      else takeAll(prepareModelText(folded.source));
      return reading();
    },
  };
}

/** A raw token as the model sees it: stem number, term ids (−1: not a term), real word or not. */
interface TokenInfo {
  stem: number;
  unigram: number;
  title: number;
  word: boolean;
}

/**
 * Term ids of bigrams by their pair of stem numbers: an open-addressing table in typed arrays,
 * looked up once per pair of tokens of every ad (several times cheaper than a `Map` by number).
 */
class PairTable {
  private readonly mask: number;
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly ids: Int32Array;

  constructor(pairs: readonly (readonly [number, number, number])[]) {
    let size = 16;
    while (size < pairs.length * 2) size *= 2;
    this.mask = size - 1;
    this.firsts = new Int32Array(size).fill(-1);
    this.seconds = new Int32Array(size);
    this.ids = new Int32Array(size);
    for (const [first, second, id] of pairs) {
      let slot = PairTable.hash(first, second) & this.mask;
      while (
        this.firsts[slot] !== -1 &&
        !(this.firsts[slot] === first && this.seconds[slot] === second)
      )
        slot = (slot + 1) & this.mask;
      // A pair listed twice keeps its last id, as the Map this replaces did.
      this.firsts[slot] = first;
      this.seconds[slot] = second;
      this.ids[slot] = id;
    }
  }

  /** The term id of the bigram of two stem numbers (both ≥ 0), or −1. */
  get(first: number, second: number): number {
    let slot = PairTable.hash(first, second) & this.mask;
    for (;;) {
      const f = this.firsts[slot];
      if (f === -1) return -1;
      if (f === first && this.seconds[slot] === second) return this.ids[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  private static hash(first: number, second: number): number {
    return Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77);
  }
}
