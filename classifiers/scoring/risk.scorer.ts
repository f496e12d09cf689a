import type { IndicatorHit, Lang } from '../assessment.types.js';
import type { ModelReading } from '../model/text-model.js';
import type { Combination } from '../rules/rules.engine.js';
import {
  DIMENSION_BONUS_LOGIT,
  FULL_COVERAGE,
  FULL_SAY_WORDS,
  MODEL_LOGIT_CLAMP,
  MODEL_LOGIT_SCALE,
  MODEL_WEIGHT_BY_LANG,
  RULES_BIAS_LOGIT,
  logit,
  sigmoid,
} from './score.calibration.js';

export interface ScoreParts {
  /** 0–100: indicators and combinations alone. */
  rules: number;
  /** 0–100: the model's probability, pulled towards its prior when it knows few of the words. */
  model: number;
  modelWeight: number;
  /** Score points the model added (or, negative, removed) on top of the rules. */
  modelPoints: number;
  /** 0–100 integer: the final score. */
  score: number;
}

/**
 * Combines indicators (by ILO dimension and listed combinations) with the model's probability.
 * Works in log-odds so that evidence adds up and the result stays within 0–100.
 */
export function combineScore(
  hits: readonly IndicatorHit[],
  combinations: readonly Combination[],
  model: ModelReading,
  modelPrior: number,
  lang: Lang,
  wordCount: number,
): ScoreParts {
  let rulesLogit = RULES_BIAS_LOGIT;
  const dimensions = new Set<string>();
  const present = new Set<string>();
  for (const hit of hits) {
    rulesLogit += hit.weight;
    present.add(hit.id);
    if (hit.dimension !== 'legitimacy') dimensions.add(hit.dimension);
  }
  rulesLogit += DIMENSION_BONUS_LOGIT * Math.max(0, dimensions.size - 1);
  for (const c of combinations) if (c.ids.every((id) => present.has(id))) rulesLogit += c.bonus;

  // The model speaks in proportion to how much of the ad it can read: by language, by the share
  // of words it knows (an Armenian ad labelled "en" still gets little say), and by length: it
  // learnt from full job ads, and on a two-line post its probability is mostly its bias.
  const coverageFactor = Math.min(1, model.coverage / FULL_COVERAGE);
  const lengthFactor = Math.min(1, wordCount / FULL_SAY_WORDS);
  const modelWeight =
    Math.round(100 * MODEL_WEIGHT_BY_LANG[lang] * coverageFactor * lengthFactor) / 100;
  const centred = logit(model.probability) - logit(modelPrior);
  const effective = sigmoid(logit(modelPrior) + coverageFactor * centred);
  // A soft bound (tanh) rather than a clip: the model's order among ads is kept all the way to
  // its bound, so on English ads it ranks scams above legitimate ads instead of tying them.
  const modelShift =
    modelWeight * MODEL_LOGIT_CLAMP * Math.tanh((MODEL_LOGIT_SCALE * centred) / MODEL_LOGIT_CLAMP);
  const rules = Math.round(100 * sigmoid(rulesLogit));
  const score = Math.round(100 * sigmoid(rulesLogit + modelShift));
  return {
    rules,
    model: Math.round(100 * effective),
    modelWeight,
    modelPoints: score - rules,
    score,
  };
}
