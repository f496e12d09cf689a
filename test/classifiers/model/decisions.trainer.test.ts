import { describe, expect, it } from 'vitest';
import { createClassifier, DEFAULT_MODEL_PATH, loadTextModel } from '../../../classifiers/index.js';
import {
  reviewerShares,
  serialiseDecisionsModel,
  sortDecisions,
  timeHoldOut,
  trainFromDecisions,
  type DecisionExample,
  type DecisionsTrainOptions,
} from '../../../classifiers/model/decisions.trainer.js';
import { parseTextModel } from '../../../classifiers/model/model.loader.js';
import type { TextModel } from '../../../classifiers/model/text-model.js';

const base = loadTextModel(DEFAULT_MODEL_PATH);
const options: DecisionsTrainOptions = {
  minN: 2,
  maxN: 4,
  hashBits: 12,
  l2: 1e-5,
  epochs: 40,
  learningRate: 0.1,
  heldOutPercent: 20,
  minPerClass: 50,
};

/** Our own short Russian posts: risky offers and ordinary vacancies, varied by a counter. */
const RU_RISKY = [
  'Срочно девушки от 18 лет, работа за границей, билеты оплачиваем, пиши в лс',
  'Нужны курьеры, 900 $ в неделю, опыт не нужен, подробности в телеграм',
  'Ищу людей с банковской картой, доход каждый день, всё расскажу в личке',
];
const RU_PLAIN = [
  'Бухгалтер в офис в Ереване, договор, опыт от трёх лет, резюме на почту',
  'Магазин ищет продавца, график два через два, оформление по ТК',
  'Повар в кафе, официальное трудоустройство, обед за счёт компании',
];
const HY_RISKY = ['Աղջիկներ արտասահման, անվճար տոմս, գրեք անձնական'];
const HY_PLAIN = ['Հաշվապահ Երևանում, պայմանագիր, փորձ երեք տարի'];

function decisions(): DecisionExample[] {
  const out: DecisionExample[] = [];
  const day = 86_400_000;
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 120; i++) {
    const risky = i % 2 === 0;
    const texts = risky ? RU_RISKY : RU_PLAIN;
    out.push({
      id: `ru-${String(i).padStart(3, '0')}`,
      title: '',
      text: `${texts[i % 3] ?? ''} №${i}`,
      lang: 'ru',
      label: risky ? 1 : 0,
      decidedAtMillis: start + i * day,
      reviewer: i % 3 === 0 ? 'anna' : 'boris',
    });
  }
  for (let i = 0; i < 10; i++)
    out.push({
      id: `hy-${i}`,
      title: '',
      text: `${(i % 2 === 0 ? HY_RISKY : HY_PLAIN)[0] ?? ''} ${i}`,
      lang: 'hy',
      label: i % 2 === 0 ? 1 : 0,
      decidedAtMillis: start + (i * 12 + 5) * day,
      reviewer: 'anna',
    });
  return out;
}

describe('trainFromDecisions', () => {
  it('writes the same file, byte for byte, from the same decisions in any order', () => {
    const list = decisions();
    const first = serialiseDecisionsModel(trainFromDecisions({ decisions: list, base, options }));
    const second = serialiseDecisionsModel(
      trainFromDecisions({ decisions: [...list].reverse(), base, options }),
    );
    expect(second).toBe(first);
    const changed = list.map((d, i) => (i === 0 ? { ...d, label: 0 as const } : d));
    expect(
      serialiseDecisionsModel(trainFromDecisions({ decisions: changed, base, options })),
    ).not.toBe(first);
  });

  it('holds out the newest decisions by decision time', () => {
    const sorted = sortDecisions(decisions());
    const { train, heldOut } = timeHoldOut(sorted, 20);
    expect(heldOut).toHaveLength(26);
    const newestTrain = Math.max(...train.map((d) => d.decidedAtMillis));
    expect(Math.min(...heldOut.map((d) => d.decidedAtMillis))).toBeGreaterThanOrEqual(newestTrain);
    const file = trainFromDecisions({ decisions: decisions(), base, options });
    expect(file.heldOut.decisions).toBe(26);
    expect(file.heldOut.from).toBe(new Date(heldOut[0]?.decidedAtMillis ?? 0).toISOString());
    expect(file.heldOut.byLang.ru?.candidate.n).toBe(heldOut.filter((d) => d.lang === 'ru').length);
    expect(file.heldOut.byLang.ru?.base.n).toBe(file.heldOut.byLang.ru?.candidate.n);
  });

  it('keeps the current model for a language with fewer than 50 decisions of a class, saying why', () => {
    const file = trainFromDecisions({ decisions: decisions(), base, options });
    expect(file.languages.ru?.model).toBe('candidate');
    expect(file.languages.hy).toEqual({
      model: 'base',
      reason: '5 confirmed and 5 dismissed decisions; the candidate needs at least 50 of each',
    });
    expect(file.languages.en?.model).toBe('base');
    expect(file.trainingData.counts).toEqual({
      hy: { confirmed: 5, dismissed: 5 },
      ru: { confirmed: 60, dismissed: 60 },
    });
  });
});

describe('reviewerShares', () => {
  const by = (reviewer: string, n: number): DecisionExample[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `${reviewer}-${i}`,
      title: '',
      text: 'x',
      lang: 'ru',
      label: 1,
      decidedAtMillis: i,
      reviewer,
    }));

  it('weights a reviewer with more than half of the decisions down to exactly half', () => {
    const shares = reviewerShares([...by('anna', 80), ...by('boris', 15), ...by('vera', 5)]);
    expect(shares).toEqual([
      { reviewer: 'anna', decisions: 80, share: 0.8, weight: 0.25 },
      { reviewer: 'boris', decisions: 15, share: 0.15, weight: 1 },
      { reviewer: 'vera', decisions: 5, share: 0.05, weight: 1 },
    ]);
    // anna's weight 80 × 0.25 = 20 equals everyone else's 20.
  });

  it('leaves a lone reviewer and balanced reviewers at weight 1', () => {
    expect(reviewerShares(by('anna', 10)).map((r) => r.weight)).toEqual([1]);
    expect(reviewerShares([...by('anna', 10), ...by('boris', 10)]).map((r) => r.weight)).toEqual([
      1, 1,
    ]);
  });

  it('changes the trained model when one reviewer dominates', () => {
    const list = decisions().map((d) => ({
      ...d,
      reviewer: d.id.endsWith('7') ? 'boris' : 'anna',
    }));
    const file = trainFromDecisions({ decisions: list, base, options });
    const anna = file.trainingData.reviewers.find((r) => r.reviewer === 'anna');
    expect(anna?.weight).toBeLessThan(1);
    const even = trainFromDecisions({ decisions: decisions(), base, options });
    expect(file.bias).not.toBe(even.bias);
  });
});

describe('a model trained on decisions, loaded', () => {
  const file = trainFromDecisions({ decisions: decisions(), base, options });
  const json: unknown = JSON.parse(serialiseDecisionsModel(file));

  it('reads routed languages with the candidate and the others with the base model', () => {
    const marker: TextModel = {
      version: 'marker',
      prior: 0.3,
      read: () => ({ probability: 0.123, coverage: 0.5 }),
      readFolded: () => ({ probability: 0.123, coverage: 0.5 }),
    };
    const model = parseTextModel(json, 'test', { base: marker });
    expect(model.version).toBe(file.version);
    const armenian = model.read('', 'Աղջիկներ արտասահման, անվճար տոմս', 'hy');
    expect(armenian).toEqual({ probability: 0.123, coverage: 0.5, prior: 0.3 });
    const risky = model.read('', 'Срочно девушки от 18 лет, билеты оплачиваем, пиши в лс', 'ru');
    const plain = model.read('', 'Бухгалтер в офис, договор, резюме на почту', 'ru');
    expect(risky.probability).not.toBe(0.123);
    expect(risky.probability).toBeGreaterThan(plain.probability);
    expect(risky.prior).toBe(file.languages.ru?.prior);
    // Without a language given, it reads it as the classifier does.
    expect(model.read('', 'Бухгалтер в офис, договор, резюме на почту')).toEqual(plain);
  });

  it('defaults its base to the committed EMSCAD model, and a classifier can use it', () => {
    const model = parseTextModel(json, 'test');
    const english = 'Hostess wanted, work from home, earn $500 a week, no experience needed.';
    expect(model.read('', english, 'en')).toEqual({ ...base.read('', english), prior: base.prior });
    const classifier = createClassifier({ model });
    expect(classifier.versions.model).toBe(file.version);
    const a = classifier.assess({ text: 'Срочно девушки от 18 лет, билеты оплачиваем, пиши в лс' });
    expect(a.lang).toBe('ru');
  });

  it('refuses a malformed weight, naming it', () => {
    const bad = JSON.parse(JSON.stringify(json)) as { weights: unknown[] };
    bad.weights[2] = [99_999_999, 0.5];
    expect(() => parseTextModel(bad, 'file bad.json')).toThrow(/file bad\.json.*weights\[2\]/u);
  });
});
