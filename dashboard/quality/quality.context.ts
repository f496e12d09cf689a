import { createClassifier, type Classifier } from '../../classifiers/index.js';
import type { DecisionFilter } from '../../store/index.js';
import type { DecisionQuery } from '../contract/quality.contract.js';

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
