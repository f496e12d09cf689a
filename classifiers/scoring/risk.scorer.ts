import type { IndicatorHit, Lang } from '../assessment.types.js';
import type { ModelReading } from '../model/text-model.js';
import type { Combination } from '../rules/rules.engine.js';
import {
  DIMENSION_BONUS_LOGIT,
  FULL_COVERAGE,
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

  // The model speaks in proportion to how much of the ad it can read: by language, and by the
  // share of words it knows (an Armenian ad labelled "en" still gets little say).
  const coverageFactor = Math.min(1, model.coverage / FULL_COVERAGE);
  const modelWeight = Math.round(100 * MODEL_WEIGHT_BY_LANG[lang] * coverageFactor) / 100;
  const centred = logit(model.probability) - logit(modelPrior);
  const effective = sigmoid(logit(modelPrior) + coverageFactor * centred);
  const shift = MODEL_LOGIT_SCALE * centred;
  const modelShift = modelWeight * Math.max(-MODEL_LOGIT_CLAMP, Math.min(MODEL_LOGIT_CLAMP, shift));
  return {
    rules: Math.round(100 * sigmoid(rulesLogit)),
    model: Math.round(100 * effective),
    modelWeight,
    score: Math.round(100 * sigmoid(rulesLogit + modelShift)),
  };
}
