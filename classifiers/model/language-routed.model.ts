import { z } from 'zod';
import type { Lang } from '../assessment.types.js';
import { readLanguage } from '../text/language.detect.js';
import { foldText, type FoldedText } from '../text/text-normalise.js';
import { adSource, charNgramVector } from './char-ngram.features.js';
import type { ModelReading, TextModel } from './text-model.js';
import { ConfigError } from '../../core/index.js';

/** Format of models trained on analysts' decisions (`adwatch train --from-decisions`). */
export const CHAR_MODEL_FORMAT = 'adwatch-char-lr/1';

/** The languages a model file routes; an ad of another language is read by the base model. */
export const ROUTED_LANGS: readonly Lang[] = ['en', 'hy', 'ru', 'translit', 'mixed'];

const langRouteSchema = z.object({
  model: z.enum(['candidate', 'base']),
  /** The candidate's average probability on this language's training ads. */
  prior: z.number().gt(0).lt(1).optional(),
  reason: z.string().optional(),
});

const charModelSchema = z.object({
  format: z.literal(CHAR_MODEL_FORMAT),
  version: z.string().min(1),
  options: z.object({
    minN: z.number().int().min(1).max(8),
    maxN: z.number().int().min(1).max(8),
    hashBits: z.number().int().min(4).max(24),
  }),
  languages: z.record(z.string(), langRouteSchema),
  prior: z.number().gt(0).lt(1),
  bias: z.number(),
  // Checked by hand below, as in model.loader.ts: zod on a long array slows V8 for the process.
  weights: z.custom<unknown[]>((value) => Array.isArray(value), {
    message: 'weights must be an array of [bucket, weight]',
  }),
});

export type LangRoute = z.infer<typeof langRouteSchema>;

/**
 * Loads an `adwatch-char-lr/1` model: languages routed to the candidate are read with its
 * character n-gram weights, every other language by `base` (the current model). Throws
 * `ConfigError` naming `origin` if the JSON is not such a model.
 */
export function parseCharModel(json: unknown, origin: string, base: TextModel): TextModel {
  const parsed = charModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `model ${origin}: not an ${CHAR_MODEL_FORMAT} model (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}); retrain it with \`adwatch train --from-decisions\`.`,
    );
  }
  const file = parsed.data;
  const size = 2 ** file.options.hashBits;
  if (file.options.minN > file.options.maxN)
    throw new ConfigError(`model ${origin}: options.minN is above options.maxN.`);
  const weights = new Float64Array(size);
  const known = new Uint8Array(size);
  for (const [index, entry] of file.weights.entries()) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      !Number.isInteger(entry[0]) ||
      (entry[0] as number) < 0 ||
      (entry[0] as number) >= size ||
      typeof entry[1] !== 'number'
    )
      throw new ConfigError(
        `model ${origin}: not an ${CHAR_MODEL_FORMAT} model (weights[${index}] is not [bucket below ${size}, weight]); retrain it with \`adwatch train --from-decisions\`.`,
      );
    weights[entry[0] as number] = entry[1];
    known[entry[0] as number] = 1;
  }
  const routes = new Map<string, LangRoute>(Object.entries(file.languages));
  const isKnown = (bucket: number): boolean => known[bucket] === 1;

  const readCandidate = (folded: FoldedText, route: LangRoute): ModelReading => {
    const { vector, words, knownWords } = charNgramVector(folded.words, file.options, isKnown);
    let z = file.bias;
    for (let k = 0; k < vector.indices.length; k++)
      z += (weights[vector.indices[k] ?? 0] ?? 0) * (vector.values[k] ?? 0);
    return {
      probability: 1 / (1 + Math.exp(-z)),
      coverage: words === 0 ? 0 : knownWords / words,
      prior: route.prior ?? file.prior,
    };
  };
  const readFolded = (title: string, folded: FoldedText, lang?: Lang): ModelReading => {
    const language = lang ?? readLanguage(undefined, folded.words).lang;
    const route = routes.get(language);
    if (route?.model !== 'candidate') {
      const reading = base.readFolded(title, folded, language);
      return { ...reading, prior: reading.prior ?? base.prior };
    }
    return readCandidate(folded, route);
  };
  return {
    version: file.version,
    prior: file.prior,
    read: (title, text, lang) => readFolded(title, foldText(adSource(title, text)), lang),
    readFolded,
  };
}
