import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../config/index.js';
import { MODEL_FORMAT } from './model.trainer.js';
import { modelTokens } from './model.features.js';
import type { ModelReading, TextModel } from './text-model.js';

const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.string().min(1),
  prior: z.number().gt(0).lt(1),
  bias: z.number(),
  terms: z.array(z.tuple([z.string(), z.number(), z.number()])).min(1),
});

/**
 * Loads a model file written by `adwatch train`. Throws `ConfigError` naming the file if unusable.
 *
 * Scoring computes the same sublinear TF-IDF as training (`model.features.ts`), but looks terms up
 * by integer id, with bigrams in a two-level map, so no strings are built per ad: the model must
 * keep up with thousands of ads per second.
 */
export function loadTextModel(path: string): TextModel {
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
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `model file ${path}: not an ${MODEL_FORMAT} model (${parsed.error.issues[0]?.message ?? 'invalid'}); retrain it with \`adwatch train\`.`,
    );
  const file = parsed.data;
  const idf = new Float64Array(file.terms.length);
  const weight = new Float64Array(file.terms.length);
  const unigrams = new Map<string, number>();
  const titleWords = new Map<string, number>();
  const bigrams = new Map<string, Map<string, number>>();
  file.terms.forEach(([term, termIdf, termWeight], id) => {
    idf[id] = termIdf;
    weight[id] = termWeight;
    const space = term.indexOf(' ');
    if (term.startsWith('^')) titleWords.set(term.slice(1), id);
    else if (space === -1) unigrams.set(term, id);
    else {
      const first = term.slice(0, space);
      const next = bigrams.get(first) ?? new Map<string, number>();
      next.set(term.slice(space + 1), id);
      bigrams.set(first, next);
    }
  });

  return {
    version: file.version,
    prior: file.prior,
    read(title: string, text: string): ModelReading {
      const counts = new Map<number, number>();
      const add = (id: number | undefined): void => {
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      };
      for (const t of modelTokens(title)) add(titleWords.get(t));
      const tokens = modelTokens(`${title}\n${text}`);
      let words = 0;
      let knownWords = 0;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        const id = unigrams.get(t);
        add(id);
        if (i + 1 < tokens.length) add(bigrams.get(t)?.get(tokens[i + 1]));
        if (t !== '#' && !t.startsWith('_')) {
          words++;
          if (id !== undefined) knownWords++;
        }
      }
      let norm = 0;
      let dot = 0;
      for (const [id, count] of counts) {
        const value = (1 + Math.log(count)) * idf[id];
        norm += value * value;
        dot += value * weight[id];
      }
      const z = file.bias + (norm > 0 ? dot / Math.sqrt(norm) : 0);
      return {
        probability: 1 / (1 + Math.exp(-z)),
        coverage: words === 0 ? 0 : knownWords / words,
      };
    },
  };
}
