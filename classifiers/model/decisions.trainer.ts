import { createHash } from 'node:crypto';
import { foldText } from '../text/text-normalise.js';
import { adSource, charNgramVector, type CharNgramOptions } from './char-ngram.features.js';
import type { LabelledAd } from './emscad.reader.js';
import { CHAR_MODEL_FORMAT, ROUTED_LANGS, type LangRoute } from './language-routed.model.js';
import {
  fitLogisticRegression,
  predictRaw,
  type LogisticRegressionOptions,
  type SparseVector,
} from './logistic-regression.js';
import { evaluate, type EvaluationFigures } from './metrics.js';
import type { TextModel } from './text-model.js';
import type { Lang } from '../assessment.types.js';

/** One analyst's decision on an ad: confirmed = 1 (risky), dismissed = 0. */
export interface DecisionExample {
  id: string;
  title: string;
  text: string;
  /** The ad's language as the classifier read it. */
  lang: string;
  label: 0 | 1;
  /** When the standing decision was taken (milliseconds since the epoch). */
  decidedAtMillis: number;
  reviewer: string;
}

export interface DecisionsTrainOptions extends CharNgramOptions, LogisticRegressionOptions {
  /** Newest share of decisions (by decision time) held out to measure. */
  heldOutPercent: number;
  /** A language needs this many decisions of each class to use the candidate. */
  minPerClass: number;
}

export const DEFAULT_DECISIONS_TRAIN_OPTIONS: DecisionsTrainOptions = {
  minN: 2,
  maxN: 4,
  hashBits: 18,
  l2: 1e-5,
  epochs: 200,
  learningRate: 0.05,
  heldOutPercent: 20,
  minPerClass: 50,
};

export interface ClassCounts {
  confirmed: number;
  dismissed: number;
}

export interface ReviewerShare {
  reviewer: string;
  decisions: number;
  /** Share of all decisions (0–1). */
  share: number;
  /** Weight of each of the reviewer's decisions in training (1 unless capped). */
  weight: number;
}

export interface HeldOutLanguage {
  candidate: EvaluationFigures;
  base: EvaluationFigures;
}

/** The model file of `adwatch train --from-decisions`. */
export interface DecisionsModelFile {
  format: typeof CHAR_MODEL_FORMAT;
  version: string;
  /** The version of the current model the candidate was measured against. */
  baseVersion: string;
  trainingData: {
    sha256: string;
    decisions: number;
    since: string | null;
    emscad: { sha256: string; rows: number; positives: number } | null;
    counts: Record<string, ClassCounts>;
    reviewers: ReviewerShare[];
  };
  options: DecisionsTrainOptions;
  languages: Record<string, LangRoute>;
  heldOut: {
    decisions: number;
    /** Decision time of the oldest held-out decision (a time from the data, not the clock). */
    from: string | null;
    byLang: Record<string, HeldOutLanguage>;
  };
  prior: number;
  bias: number;
  /** [bucket, weight] of every bucket with a weight, by bucket. */
  weights: [number, number][];
}

export interface DecisionsTrainingInput {
  decisions: readonly DecisionExample[];
  /** Further labelled English ads (EMSCAD), always in training, never held out. */
  emscad?: { ads: readonly LabelledAd[]; sha256: string };
  /** `--since` as given (recorded in the file). */
  since?: string;
  /** The current model: read by languages that keep it, and measured on the hold-out. */
  base: TextModel;
  options?: DecisionsTrainOptions;
}

/** Rounds to 6 significant digits: the file's bytes stay stable across platforms. */
const r6 = (x: number): number => Number(x.toPrecision(6));

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Decisions oldest first (by time, then ad id): the order everything below relies on. */
export function sortDecisions(decisions: readonly DecisionExample[]): DecisionExample[] {
  return [...decisions].sort((a, b) => a.decidedAtMillis - b.decidedAtMillis || byText(a.id, b.id));
}

/** Splits sorted decisions into the older part (training) and the newest `percent` (held out). */
export function timeHoldOut(
  sorted: readonly DecisionExample[],
  percent: number,
): { train: DecisionExample[]; heldOut: DecisionExample[] } {
  const held = Math.floor((sorted.length * percent) / 100);
  return {
    train: sorted.slice(0, sorted.length - held),
    heldOut: sorted.slice(sorted.length - held),
  };
}

/**
 * Each reviewer's share of the decisions and the weight of their decisions in training. The rule:
 * with two or more reviewers, a reviewer with more than half of the decisions has each decision
 * weighted (others' decisions) / (theirs), so their decisions carry exactly half of the decision
 * weight and the rest the other half; everyone else's decisions weigh 1. With one reviewer
 * there is nobody to outweigh, and all weigh 1. EMSCAD ads are not decisions and weigh 1.
 */
export function reviewerShares(decisions: readonly DecisionExample[]): ReviewerShare[] {
  const counts = new Map<string, number>();
  for (const d of decisions) counts.set(d.reviewer, (counts.get(d.reviewer) ?? 0) + 1);
  const total = decisions.length;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
    .map(([reviewer, n]) => ({
      reviewer,
      decisions: n,
      share: r6(n / total),
      weight: counts.size >= 2 && n * 2 > total ? r6((total - n) / n) : 1,
    }));
}

/** Confirmed and dismissed decisions per language, languages sorted. */
export function classCounts(decisions: readonly DecisionExample[]): Record<string, ClassCounts> {
  const counts: Record<string, ClassCounts> = {};
  for (const d of [...decisions].sort((a, b) => byText(a.lang, b.lang))) {
    const c = (counts[d.lang] ??= { confirmed: 0, dismissed: 0 });
    if (d.label === 1) c.confirmed++;
    else c.dismissed++;
  }
  return counts;
}

/** The SHA-256 of the decisions (sorted) and of the EMSCAD file: what the model was trained on. */
export function trainingDataHash(
  sorted: readonly DecisionExample[],
  emscadSha256: string | undefined,
): string {
  const hash = createHash('sha256');
  hash.update(`emscad ${emscadSha256 ?? '-'}\n`);
  for (const d of sorted)
    hash.update(
      `${JSON.stringify([d.id, d.decidedAtMillis, d.reviewer, d.lang, d.label, d.title, d.text])}\n`,
    );
  return hash.digest('hex');
}

interface Example {
  vector: SparseVector;
  label: 0 | 1;
  weight: number;
}

function vectorOf(title: string, text: string, options: CharNgramOptions): SparseVector {
  return charNgramVector(foldText(adSource(title, text)).words, options).vector;
}

function fit(
  examples: readonly Example[],
  options: DecisionsTrainOptions,
): { weights: Float64Array; bias: number } {
  return fitLogisticRegression(
    examples.map((e) => e.vector),
    examples.map((e) => e.label),
    2 ** options.hashBits,
    options,
    examples.map((e) => e.weight),
  );
}

/**
 * Trains the candidate on analysts' decisions (and EMSCAD), measures it and the base model on
 * the newest decisions, and decides per language which model reads it. Deterministic: the same
 * decisions, EMSCAD file and options give the same file, byte for byte (full-batch training, no
 * random draw, no clock, sorted input, rounded numbers).
 */
export function trainFromDecisions(input: DecisionsTrainingInput): DecisionsModelFile {
  const options = input.options ?? DEFAULT_DECISIONS_TRAIN_OPTIONS;
  const sorted = sortDecisions(input.decisions);
  const vectors = new Map(sorted.map((d) => [d, vectorOf(d.title, d.text, options)]));
  const emscad = (input.emscad?.ads ?? []).map((ad) => ({
    vector: vectorOf(ad.title, ad.text, options),
    label: ad.label,
    weight: 1,
  }));
  const examplesOf = (decisions: readonly DecisionExample[]): Example[] => {
    const weightOf = new Map(reviewerShares(decisions).map((r) => [r.reviewer, r.weight]));
    return [
      ...decisions.map((d) => ({
        vector: vectors.get(d) as SparseVector,
        label: d.label,
        weight: weightOf.get(d.reviewer) ?? 1,
      })),
      ...emscad,
    ];
  };

  // Measure: trained on the older decisions, read on the newest.
  const { train, heldOut } = timeHoldOut(sorted, options.heldOutPercent);
  const measured = fit(examplesOf(train), options);
  const byLang: Record<string, HeldOutLanguage> = {};
  for (const lang of [...new Set(heldOut.map((d) => d.lang))].sort(byText)) {
    const slice = heldOut.filter((d) => d.lang === lang);
    const labels = slice.map((d) => d.label);
    byLang[lang] = {
      candidate: evaluate(
        slice.map((d) =>
          predictRaw(vectors.get(d) as SparseVector, measured.weights, measured.bias),
        ),
        labels,
      ),
      base: evaluate(
        slice.map((d) => input.base.read(d.title, d.text, d.lang as Lang).probability),
        labels,
      ),
    };
  }

  // Ship: trained on every decision.
  const final = fit(examplesOf(sorted), options);
  const probability = (d: DecisionExample): number =>
    predictRaw(vectors.get(d) as SparseVector, final.weights, final.bias);
  const counts = classCounts(sorted);
  const languages: Record<string, LangRoute> = {};
  for (const lang of ROUTED_LANGS) {
    const c = counts[lang] ?? { confirmed: 0, dismissed: 0 };
    if (c.confirmed < options.minPerClass || c.dismissed < options.minPerClass) {
      languages[lang] = {
        model: 'base',
        reason: `${c.confirmed} confirmed and ${c.dismissed} dismissed decisions; the candidate needs at least ${options.minPerClass} of each`,
      };
      continue;
    }
    const ofLang = sorted.filter((d) => d.lang === lang);
    languages[lang] = {
      model: 'candidate',
      prior: r6(ofLang.reduce((sum, d) => sum + probability(d), 0) / ofLang.length),
    };
  }
  const all = examplesOf(sorted);
  const prior =
    all.length === 0
      ? 0.5
      : r6(
          all.reduce((sum, e) => sum + predictRaw(e.vector, final.weights, final.bias), 0) /
            all.length,
        );
  const weights: [number, number][] = [];
  final.weights.forEach((w, bucket) => {
    const rounded = r6(w);
    if (rounded !== 0) weights.push([bucket, rounded]);
  });
  const sha256 = trainingDataHash(sorted, input.emscad?.sha256);
  return {
    format: CHAR_MODEL_FORMAT,
    version: `decisions-char-lr-1+${sha256.slice(0, 12)}`,
    baseVersion: input.base.version,
    trainingData: {
      sha256,
      decisions: sorted.length,
      since: input.since ?? null,
      emscad: input.emscad
        ? {
            sha256: input.emscad.sha256,
            rows: input.emscad.ads.length,
            positives: input.emscad.ads.filter((a) => a.label === 1).length,
          }
        : null,
      counts,
      reviewers: reviewerShares(sorted),
    },
    options,
    languages,
    heldOut: {
      decisions: heldOut.length,
      from: heldOut[0] ? new Date(heldOut[0].decidedAtMillis).toISOString() : null,
      byLang,
    },
    prior: Math.min(0.999999, Math.max(0.000001, prior)),
    bias: r6(final.bias),
    weights,
  };
}

/** The file's content: a readable header, then one weight a line. */
export function serialiseDecisionsModel(model: DecisionsModelFile): string {
  const { weights, ...header } = model;
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const body = weights.map((w) => `    ${JSON.stringify(w)}`).join(',\n');
  return `${head},\n  "weights": [${weights.length > 0 ? `\n${body}\n  ` : ''}]\n}\n`;
}
