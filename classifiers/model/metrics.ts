/** Held-out evaluation figures, as reported in classifiers/README.md. */
export interface EvaluationFigures {
  n: number;
  positives: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
}

/** ROC-AUC by the rank-sum (Mann–Whitney) formula, ties counted half. */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (order[k]?.[1] === 1) {
        rankSum += averageRank;
        positives++;
      }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function evaluate(
  scores: readonly number[],
  labels: readonly (0 | 1)[],
  threshold = 0.5,
): EvaluationFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    if (predicted && labels[i] === 1) tp++;
    else if (predicted) fp++;
    else if (labels[i] === 1) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (x: number): number => Math.round(x * 10_000) / 10_000;
  return {
    n: scores.length,
    positives: labels.filter((l) => l === 1).length,
    threshold,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    rocAuc: round(rocAuc(scores, labels)),
  };
}
