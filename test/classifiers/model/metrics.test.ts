import { describe, expect, it } from 'vitest';
import { evaluate, rocAuc } from '../../../classifiers/model/metrics.js';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0.5 for ties and 0 for a reversed one', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts one misordered pair out of four as 0.75', () => {
    expect(rocAuc([0.1, 0.6, 0.5, 0.9], [0, 0, 1, 1])).toBe(0.75);
  });
});

describe('evaluate', () => {
  it('computes precision, recall and F1 at the threshold', () => {
    const figures = evaluate([0.9, 0.8, 0.7, 0.2, 0.1], [1, 1, 0, 1, 0]);
    expect(figures).toMatchObject({
      n: 5,
      positives: 3,
      precision: 0.6667,
      recall: 0.6667,
      f1: 0.6667,
    });
  });
});
