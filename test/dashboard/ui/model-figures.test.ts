import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECISIONS_TRAIN_OPTIONS,
  DEFAULT_MODEL_PATH,
  type DecisionsModelFile,
} from '../../../classifiers/index.js';
import { readFigures } from '../../../dashboard/ui/src/models/model-figures.reader.js';

const figures = (f: EvaluationLike) => ({
  n: f[0],
  positives: f[1],
  threshold: 0.5,
  precision: f[2],
  recall: f[3],
  f1: 0,
  rocAuc: f[4],
});
type EvaluationLike = [number, number, number, number, number];

/** A decisions model's figures as `adwatch train --from-decisions` writes them (no weights). */
const decisionsFigures: Omit<
  DecisionsModelFile,
  'weights' | 'format' | 'version' | 'prior' | 'bias'
> = {
  baseVersion: 'emscad-lr-1+89309f43de94',
  trainingData: {
    sha256: 'abc',
    decisions: 412,
    since: '2026-01-01T00:00:00.000Z',
    emscad: { sha256: 'def', rows: 837, positives: 388 },
    counts: { hy: { confirmed: 120, dismissed: 90 }, ru: { confirmed: 12, dismissed: 40 } },
    reviewers: [{ reviewer: 'anna', decisions: 412, share: 1, weight: 1 }],
  },
  options: DEFAULT_DECISIONS_TRAIN_OPTIONS,
  languages: {
    hy: { model: 'candidate', prior: 0.4 },
    ru: { model: 'base', reason: '12 confirmed and 40 dismissed decisions; needs 50 of each' },
  },
  heldOut: {
    decisions: 82,
    from: '2026-03-01T00:00:00.000Z',
    byLang: {
      hy: {
        candidate: figures([42, 20, 0.9, 0.8, 0.93]),
        base: figures([42, 20, 0.5, 0.4, 0.61]),
      },
    },
  },
};

describe('the model registry screen reads a model file’s figures', () => {
  it('shows the committed model’s overall held-out figures and training rows', () => {
    const file = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as Record<string, unknown>;
    const read = readFigures({ trainingData: file.trainingData, heldOut: file.heldOut });
    expect(read.trainingAds).toBe(837);
    expect(read.trainingPositives).toBe(388);
    expect(read.heldOut).toEqual([
      { lang: null, ads: 156, precision: 0.9643, recall: 0.871, rocAuc: 0.9871, base: null },
    ]);
    expect(read.languages).toEqual([]);
  });

  it('shows a decisions model per language next to the base model, and why a language keeps it', () => {
    const read = readFigures({ ...decisionsFigures });
    expect(read).toMatchObject({
      trainingDecisions: 412,
      emscadAds: 837,
      since: '2026-01-01T00:00:00.000Z',
      baseVersion: 'emscad-lr-1+89309f43de94',
    });
    expect(read.heldOut).toEqual([
      {
        lang: 'hy',
        ads: 42,
        precision: 0.9,
        recall: 0.8,
        rocAuc: 0.93,
        base: { ads: 42, precision: 0.5, recall: 0.4, rocAuc: 0.61 },
      },
    ]);
    expect(read.languages).toEqual([
      { lang: 'hy', model: 'candidate', reason: null, confirmed: 120, dismissed: 90 },
      {
        lang: 'ru',
        model: 'base',
        reason: '12 confirmed and 40 dismissed decisions; needs 50 of each',
        confirmed: 12,
        dismissed: 40,
      },
    ]);
    expect(read.other.map((o) => o.key)).toEqual(['options']);
  });

  it('keeps figures of unknown shape as text and ignores malformed ones', () => {
    const read = readFigures({ heldOut: 'n/a', trainingData: [1], note: 'retrained', f: { a: 1 } });
    expect(read.heldOut).toEqual([]);
    expect(read.trainingAds).toBeNull();
    expect(read.other).toEqual([
      { key: 'note', value: 'retrained' },
      { key: 'f', value: '{"a":1}' },
    ]);
  });
});
