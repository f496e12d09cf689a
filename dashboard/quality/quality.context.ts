import { createClassifier, type Classifier } from '../../classifiers/index.js';
import type { DecisionFilter } from '../../store/index.js';

/** Languages the classifier tells apart, which an adjustment or a curve may name. */
export const classifierLangs = ['hy', 'ru', 'en', 'translit', 'mixed'] as const;

/** The period and slice a statistics request names (all optional). */
export const decisionQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    lang: { type: 'string', maxLength: 20 },
    source: { type: 'string', maxLength: 100 },
  },
} as const;

export interface DecisionQuery {
  from?: string;
  to?: string;
  lang?: string;
  source?: string;
}

export function decisionFilter(query: DecisionQuery): DecisionFilter {
  return {
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
    ...(query.lang ? { lang: query.lang } : {}),
    ...(query.source ? { source: query.source } : {}),
  };
}

/**
 * The classifier the previews re-score with, loaded on first use (a second or so, and memory the
 * dashboard does not need until a supervisor asks), then kept.
 */
export function lazyClassifier(flagThreshold: number): () => Classifier {
  let loaded: Classifier | undefined;
  return () => {
    loaded ??= createClassifier({ flagThreshold });
    return loaded;
  };
}
