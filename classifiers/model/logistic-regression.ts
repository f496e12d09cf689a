/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface LogisticRegressionOptions {
  /** L2 penalty on the weights (not the bias). */
  l2: number;
  epochs: number;
  learningRate: number;
}

/**
 * L2-regularised logistic regression fitted by full-batch Adam. Full batch and a fixed number of
 * epochs make training deterministic without a random seed: the same data gives the same
 * weights, bit for bit, which `adwatch train` relies on to reproduce the committed model.
 * `sampleWeights` (default 1 each) scale each row's share of the gradient.
 */
export function fitLogisticRegression(
  rows: readonly SparseVector[],
  labels: readonly (0 | 1)[],
  featureCount: number,
  options: LogisticRegressionOptions,
  sampleWeights?: readonly number[],
): { weights: Float64Array; bias: number } {
  const weights = new Float64Array(featureCount);
  let bias = 0;
  const m = new Float64Array(featureCount + 1);
  const v = new Float64Array(featureCount + 1);
  const grad = new Float64Array(featureCount + 1);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const n = rows.length;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    grad.fill(0);
    for (let r = 0; r < n; r++) {
      const row = rows[r];
      const residual = predictRaw(row, weights, bias) - (labels[r] as number);
      const error = sampleWeights === undefined ? residual : residual * sampleWeights[r];
      for (let k = 0; k < row.indices.length; k++)
        grad[row.indices[k]] += (error * row.values[k]) / n;
      grad[featureCount] += error / n;
    }
    for (let j = 0; j < featureCount; j++) grad[j] += options.l2 * weights[j];
    const correction1 = 1 - beta1 ** epoch;
    const correction2 = 1 - beta2 ** epoch;
    for (let j = 0; j <= featureCount; j++) {
      const g = grad[j];
      m[j] = beta1 * m[j] + (1 - beta1) * g;
      v[j] = beta2 * v[j] + (1 - beta2) * g * g;
      const step =
        (options.learningRate * (m[j] / correction1)) / (Math.sqrt(v[j] / correction2) + 1e-8);
      if (j === featureCount) bias -= step;
      else weights[j] = weights[j] - step;
    }
  }
  return { weights, bias };
}

/** The model's probability for one row. */
export function predictRaw(row: SparseVector, weights: Float64Array, bias: number): number {
  let z = bias;
  for (let k = 0; k < row.indices.length; k++) z += weights[row.indices[k]] * row.values[k];
  return 1 / (1 + Math.exp(-z));
}
