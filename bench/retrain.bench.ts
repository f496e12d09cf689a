/**
 * `npm run bench -- retrain [--data DIR] [--min-per-class N]`: what `adwatch train
 * --from-decisions` makes of real labelled ads taken as pseudo-decisions, with its time-based
 * hold-out, per language, against the committed EMSCAD model.
 *
 * Data (default `../shared/data/`): `emscad/train.csv` (837 English ads, 388 scams) and
 * `real-ads/` (staff.am ads, all legitimate: hy, en, ru; Russian Telegram recruitment spam, all
 * risky; ordinary Telegram chat, none risky). None of them has decision times or reviewers: each
 * ad gets a pseudo decision time from a hash of its id, so "the newest 20%" is a deterministic,
 * hash-chosen 20% here, and one pseudo reviewer. Language is the classifier's reading of the text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createClassifier,
  DEFAULT_DECISIONS_TRAIN_OPTIONS,
  DEFAULT_MODEL_PATH,
  loadTextModel,
  readEmscad,
  trainFromDecisions,
  type DecisionExample,
} from '../classifiers/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(repoRoot, '..', 'shared', 'data') },
    'min-per-class': {
      type: 'string',
      default: String(DEFAULT_DECISIONS_TRAIN_OPTIONS.minPerClass),
    },
  },
});
const dataDir = values.data;
const classifier = createClassifier();

/** A pseudo decision time: a hash of the id spread over 2026 (deterministic, not a real time). */
function pseudoTime(id: string): number {
  const digest = createHash('sha256').update(id).digest();
  return (
    Date.UTC(2026, 0, 1) + (digest.readUInt32BE(0) % 365) * 86_400_000 + digest.readUInt16BE(4)
  );
}

function example(id: string, title: string, text: string, label: 0 | 1): DecisionExample {
  const lang = classifier.assess({ title, text }).lang;
  return { id, title, text, lang, label, decidedAtMillis: pseudoTime(id), reviewer: 'pseudo' };
}

interface RealAd {
  id: string;
  title?: string;
  text: string;
}

function readJsonl(name: string): RealAd[] {
  return readFileSync(join(dataDir, 'real-ads', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RealAd);
}

const emscad = readEmscad(readFileSync(join(dataDir, 'emscad', 'train.csv'), 'utf8'), 'train.csv');
const decisions: DecisionExample[] = [
  ...emscad.map((ad) => example(`emscad-${ad.id}`, ad.title, ad.text, ad.label)),
  ...readJsonl('staffam-legit.dev.jsonl').map((ad) => example(ad.id, ad.title ?? '', ad.text, 0)),
  ...readJsonl('telegram-recruitment.dev.jsonl').map((ad) => example(ad.id, '', ad.text, 1)),
  ...readJsonl('telegram-chat.dev.jsonl').map((ad) => example(ad.id, '', ad.text, 0)),
];

const base = loadTextModel(DEFAULT_MODEL_PATH);
const started = performance.now();
const model = trainFromDecisions({
  decisions,
  base,
  options: { ...DEFAULT_DECISIONS_TRAIN_OPTIONS, minPerClass: Number(values['min-per-class']) },
});
const seconds = (performance.now() - started) / 1000;

const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  — ');
console.log(
  `retrain: ${decisions.length} pseudo-decisions (EMSCAD train.csv + real-ads dev files), ` +
    `trained twice (hold-out fold, then all) in ${seconds.toFixed(1)} s; ${model.weights.length} weights`,
);
console.log('counts by language (classifier-read):');
for (const [lang, c] of Object.entries(model.trainingData.counts))
  console.log(
    `  ${lang.padEnd(8)} risky ${String(c.confirmed).padStart(4)}  not ${String(c.dismissed).padStart(4)}`,
  );
console.log(`routing (at least ${values['min-per-class']} of each class):`);
for (const [lang, route] of Object.entries(model.languages))
  console.log(`  ${lang.padEnd(8)} ${route.model}${route.reason ? ` — ${route.reason}` : ''}`);
console.log(
  `held out: ${model.heldOut.decisions} pseudo-decisions (newest by pseudo time = a hash-chosen 20%); ` +
    'model probability ≥ 0.5 counts as risky',
);
console.log('  lang      n  risky | candidate P     R   AUC | EMSCAD model P     R   AUC');
for (const [lang, h] of Object.entries(model.heldOut.byLang))
  console.log(
    `  ${lang.padEnd(8)}${String(h.candidate.n).padStart(4)} ${String(h.candidate.positives).padStart(5)} |` +
      `  ${f(h.candidate.precision)} ${f(h.candidate.recall)} ${f(h.candidate.rocAuc)} |` +
      `     ${f(h.base.precision)} ${f(h.base.recall)} ${f(h.base.rocAuc)}`,
  );
