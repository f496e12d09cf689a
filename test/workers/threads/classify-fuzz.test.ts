import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdText, EvidenceSpan, RiskAssessment } from '../../../classifiers/index.js';
import { PipelineThreads } from '../../../workers/threads/index.js';
import { SeededRandom } from '../../../demo/seeded-random.js';
import { silentLogger } from '../../helpers/services.js';
import { adFieldLimits } from '../../../core/index.js';

/**
 * Fuzzing the text pipeline (issue 12): seeded pseudo-random ads, as long as a stored ad may be,
 * made of the things hostile or broken pages contain, each classified through the worker threads
 * with the time limit as its budget. A regression to super-linear cost shows as a timeout.
 */
const SEED = 20_260_412;
const ADS = 120;
/** Per-ad budget: a stored ad of the longest kind classifies in well under a tenth of it. */
const BUDGET_MILLIS = 3_000;

/** Code point ranges: letters of several scripts, digits, marks, controls, emoji, odd spaces. */
const RANGES: Array<[number, number]> = [
  [0x41, 0x5a], // Latin capitals
  [0x61, 0x7a], // Latin small letters
  [0x531, 0x556], // Armenian capitals
  [0x561, 0x587], // Armenian small letters and the ligature ech-yiwn
  [0x410, 0x44f], // Russian letters
  [0x400, 0x4ff], // all of Cyrillic
  [0x30, 0x39], // digits
  [0x21, 0x2f], // punctuation
  [0x300, 0x36f], // combining marks
  [0x0, 0x1f], // C0 controls
  [0x7f, 0x9f], // DEL and C1 controls
  [0x2000, 0x200f], // spaces, zero-width characters, bidi marks
  [0x2028, 0x202e], // line and paragraph separators, bidi embeddings
  [0x1f300, 0x1faff], // emoji (surrogate pairs)
  [0xd800, 0xdfff], // lone surrogates
  [0x4e00, 0x4fff], // CJK
  [0x600, 0x6ff], // Arabic
];

/** Words the classifier looks for, so that indicators and facts fire and have evidence. */
const LEXICON = [
  'Дубай',
  'девушки',
  'виза бесплатно',
  'паспорт',
  'աշխատանք',
  'Դուբայում',
  'աղջիկներ',
  'whatsapp',
  'WhatsApp +971 50 123 4567',
  '+374 94 551290',
  '@recruit_job',
  'https://t.me/hostess_jobs',
  'hr@club.ae',
  '18-25',
  '3000$ в месяц',
  '450,000 AMD per month',
  'free visa and tickets',
  'no experience needed',
  'hostess',
  '90-60-90',
  'рост 170',
  // Words that start fact patterns, so that whitespace runs and numbers follow them at random.
  'рост',
  'вес',
  'weight',
  'height',
  'քաշ',
  'հասակ',
  'возраст',
  'girls',
  'trebuyutsya devushki',
  'vatsap',
];

function letter(random: SeededRandom, range = random.pick(RANGES)): string {
  return String.fromCodePoint(random.int(range[0], range[1]));
}

function word(random: SeededRandom, length: number): string {
  const range = random.chance(0.8) ? random.pick(RANGES) : undefined;
  let out = '';
  for (let i = 0; i < length; i++) out += letter(random, range);
  return out;
}

/** One piece of an ad: mostly words and spaces, sometimes something hostile. */
function piece(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.45) return word(random, random.int(1, 12)) + random.pick([' ', ' ', '\n', ', ']);
  if (roll < 0.7) return `${random.pick(LEXICON)} `;
  if (roll < 0.75) return word(random, random.int(1_000, 20_000)); // a very long word
  if (roll < 0.8)
    return random
      .pick([' ', '\t', '\u00a0', '\u3000', '\n', '\r\n'])
      .repeat(random.int(1_000, 20_000));
  if (roll < 0.84) return `${word(random, 3)}\n`.repeat(random.int(100, 5_000)); // many lines
  if (roll < 0.88) return 'a' + letter(random, [0x300, 0x36f]).repeat(random.int(10, 500)); // stacked marks
  if (roll < 0.92) return '👩🏽‍🔧🇦🇲🏳️‍🌈'.repeat(random.int(1, 200)); // ZWJ, skin tones, flags
  if (roll < 0.96) return letter(random, [0x0, 0x1f]).repeat(random.int(1, 1_000));
  return `${random.int(0, 10 ** random.int(1, 15))}${random.pick(['$', ' AMD', ' руб', '€', '%', ''])} `;
}

/** A string of about `length` UTF-16 units, cut like the store cuts (never inside a pair). */
function text(random: SeededRandom, length: number): string {
  let out = '';
  while (out.length < length) out += piece(random);
  let end = Math.min(out.length, length);
  const last = out.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff && end < out.length) end -= 1;
  return out.slice(0, end);
}

/** The longest text the classify worker is given: every stored field at its limit, joined. */
const { title: TITLE_LIMIT, ...textFields } = adFieldLimits;
const TEXT_LIMIT = Object.values(textFields).reduce((sum, limit) => sum + limit + 1, 0);

function ads(): AdText[] {
  const random = new SeededRandom(SEED);
  return Array.from({ length: ADS }, () => {
    const body = random.chance(0.05) ? '' : text(random, random.int(1, TEXT_LIMIT));
    return random.chance(0.2)
      ? { text: body }
      : { title: text(random, random.int(0, TITLE_LIMIT)), text: body };
  });
}

/** Every evidence span in an assessment (indicators and facts), wherever it sits. */
function spansOf(value: unknown, out: EvidenceSpan[] = []): EvidenceSpan[] {
  if (Array.isArray(value)) value.forEach((item) => spansOf(item, out));
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (
      typeof record.start === 'number' &&
      typeof record.end === 'number' &&
      typeof record.text === 'string'
    )
      out.push(record as unknown as EvidenceSpan);
    else Object.values(record).forEach((item) => spansOf(item, out));
  }
  return out;
}

function expectSound(ad: AdText, assessment: RiskAssessment): void {
  expect(Number.isInteger(assessment.score)).toBe(true);
  expect(assessment.score).toBeGreaterThanOrEqual(0);
  expect(assessment.score).toBeLessThanOrEqual(100);
  const source = ad.title === undefined ? ad.text : `${ad.title}\n${ad.text}`;
  for (const span of spansOf([assessment.indicators, assessment.facts])) {
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(source.length);
    expect(source.slice(span.start, span.end)).toBe(span.text);
  }
}

describe('the text pipeline under fuzzing', () => {
  let threads: PipelineThreads;
  beforeAll(() => {
    threads = new PipelineThreads({
      threads: 2,
      timeoutMillis: BUDGET_MILLIS,
      flagThreshold: 60,
      logger: silentLogger,
    });
  });
  afterAll(() => threads.close());

  it('classifies ads that used to backtrack through a whitespace run within the budget', async () => {
    // Each took from a second (a girls word) to hours (a weight word) when a fact pattern tried
    // every split of the run between its `\s*` (classifiers/facts/person.extractor.ts).
    const hostile = ['рост', 'height', 'հասակ', 'вес', 'weight', 'քաշ', 'девушки', 'возраст'].map(
      (word): AdText => ({ title: 'Work', text: `${word}${' '.repeat(29_000)}x 18 25 55 170` }),
    );
    const assessments = await Promise.all(hostile.map((ad) => threads.classify(ad)));
    hostile.forEach((ad, i) => expectSound(ad, assessments[i]));
  });

  it(`classifies ${ADS} seeded random ads within ${BUDGET_MILLIS} ms each, with evidence inside the text`, async () => {
    const inputs = ads();
    // A rejection (ADW_CLASSIFY_TIMEOUT among them) fails the test with its message.
    const assessments = await Promise.all(inputs.map((ad) => threads.classify(ad)));
    inputs.forEach((ad, i) => expectSound(ad, assessments[i]));
    const spans = assessments.flatMap((a) => spansOf([a.indicators, a.facts]));
    // The lexicon words make the fuzz reach evidence, not only the tokenizer.
    expect(spans.length).toBeGreaterThan(ADS);
    expect(assessments.some((a) => a.indicators.length > 0)).toBe(true);
  });
});
