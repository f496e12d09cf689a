import { createHash } from 'node:crypto';
import type { LabelledAd } from './emscad.reader.js';
import { fitLogisticRegression } from './logistic-regression.js';
import type { SparseVector } from './logistic-regression.js';
import type { EvaluationFigures } from './metrics.js';
import { evaluate } from './metrics.js';
import { termCounts, tfidfVector } from './model.features.js';

/** Model file format identifier; bump when the file layout or the feature extraction changes. */
export const MODEL_FORMAT = 'adwatch-tfidf-lr/1';

export interface TrainOptions {
  /** A term must occur in at least this many training ads. */
  minDf: number;
  /** Keep at most this many terms (highest document frequency first). */
  maxFeatures: number;
  l2: number;
  epochs: number;
  learningRate: number;
  /** Percentage of ads (chosen by a hash of their id) held out for evaluation. */
  heldOutPercent: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  minDf: 3,
  maxFeatures: 20_000,
  l2: 1e-5,
  epochs: 300,
  learningRate: 0.05,
  heldOutPercent: 20,
};

/** The model file: everything needed to score, and where it came from. */
export interface ModelFile {
  format: string;
  version: string;
  trainingData: { sha256: string; rows: number; positives: number };
  options: TrainOptions;
  heldOut: EvaluationFigures;
  prior: number;
  bias: number;
  /** [term, idf, weight], sorted by term. */
  terms: [string, number, number][];
}

/** Rounds to 6 significant digits: the file stays small and its bytes stable across platforms. */
const r6 = (x: number): number => Number(x.toPrecision(6));

interface FittedModel {
  idf: Map<string, number>;
  weights: Map<string, number>;
  bias: number;
}

function fit(ads: readonly LabelledAd[], options: TrainOptions): FittedModel {
  const counts = ads.map((ad) => termCounts(ad.title, ad.text));
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const vocabulary = [...df.entries()]
    .filter(([, n]) => n >= options.minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxFeatures)
    .map(([term]) => term)
    .sort();
  const index = new Map(vocabulary.map((t, i) => [t, i]));
  const idf = new Map(
    vocabulary.map((t) => [t, r6(Math.log((1 + ads.length) / (1 + (df.get(t) ?? 0))) + 1)]),
  );
  const rows: SparseVector[] = counts.map((c) => {
    const entries = [...tfidfVector(c, idf)].sort(
      (a, b) => (index.get(a[0]) ?? 0) - (index.get(b[0]) ?? 0),
    );
    return {
      indices: Int32Array.from(entries.map(([t]) => index.get(t) ?? 0)),
      values: Float64Array.from(entries.map(([, v]) => v)),
    };
  });
  const { weights, bias } = fitLogisticRegression(
    rows,
    ads.map((a) => a.label),
    vocabulary.length,
    options,
  );
  return {
    idf,
    weights: new Map(vocabulary.map((t, i) => [t, r6(weights[i])])),
    bias: r6(bias),
  };
}

/** Probability from a fitted model; the same arithmetic as the runtime model. */
export function predict(
  model: Pick<FittedModel, 'idf' | 'weights' | 'bias'>,
  title: string,
  text: string,
): number {
  let z = model.bias;
  for (const [term, value] of tfidfVector(termCounts(title, text), model.idf))
    z += (model.weights.get(term) ?? 0) * value;
  return 1 / (1 + Math.exp(-z));
}

/** Whether an ad belongs to the held-out part: a stable hash of its id, not a random draw. */
export function isHeldOut(id: string, percent: number): boolean {
  const digest = createHash('sha256').update(id).digest();
  return digest.readUInt32BE(0) % 100 < percent;
}

/**
 * Trains on all but the held-out part to measure, then on everything for the model to ship.
 * Deterministic: the same CSV bytes give the same model file bytes.
 */
export function trainModel(
  ads: readonly LabelledAd[],
  dataSha256: string,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): ModelFile {
  const train = ads.filter((a) => !isHeldOut(a.id, options.heldOutPercent));
  const test = ads.filter((a) => isHeldOut(a.id, options.heldOutPercent));
  const measured = fit(train, options);
  const heldOut = evaluate(
    test.map((a) => predict(measured, a.title, a.text)),
    test.map((a) => a.label),
  );
  const final = fit(ads, options);
  const prior = r6(ads.reduce((sum, a) => sum + predict(final, a.title, a.text), 0) / ads.length);
  return {
    format: MODEL_FORMAT,
    version: `emscad-lr-1+${dataSha256.slice(0, 12)}`,
    trainingData: {
      sha256: dataSha256,
      rows: ads.length,
      positives: ads.filter((a) => a.label === 1).length,
    },
    options,
    heldOut,
    prior,
    bias: final.bias,
    terms: [...final.weights.keys()].map((t) => [
      t,
      final.idf.get(t) ?? 0,
      final.weights.get(t) ?? 0,
    ]),
  };
}

/** Serialises a model file: a readable header, then one term per line (small, diffable diffs). */
export function serialiseModel(model: ModelFile): string {
  const { terms, ...header } = model;
  const head = JSON.stringify(header, null, 2).slice(0, -2); // drop the closing "\n}"
  const body = terms.map((t) => `    ${JSON.stringify(t)}`).join(',\n');
  return `${head},\n  "terms": [\n${body}\n  ]\n}\n`;
}
