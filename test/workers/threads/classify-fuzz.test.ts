import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdText, EvidenceSpan, RiskAssessment } from '../../../classifiers/index.js';
import { configSchema } from '../../../config/index.js';
import { PipelineThreads } from '../../../workers/threads/index.js';
import { silentLogger } from '../../helpers/services.js';
import { FUZZ_ADS, fuzzAds } from '../../fixtures/fuzz-ads.js';

/**
 * Fuzzing the text pipeline (issue 12): the seeded corpus of test/fixtures/fuzz-ads.ts, each ad
 * classified through the worker threads with the product's time limit, so that an ad that makes
 * the classifier run away (as the long words and whitespace runs once did, for minutes) fails with
 * ADW_CLASSIFY_TIMEOUT, and every assessment must be sound. What each ad costs is a figure, not an
 * assertion: `npm run bench -- classify` prints the slowest ads of this corpus.
 */
const { timeoutMillis } = configSchema.parse({}).classifier;

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
      timeoutMillis,
      flagThreshold: 60,
      logger: silentLogger,
    });
  });
  afterAll(() => threads.close());

  it('classifies ads that used to backtrack through a whitespace run within the time limit', async () => {
    // Each took from a second (a girls word) to hours (a weight word) when a fact pattern tried
    // every split of the run between its `\s*` (classifiers/facts/person.extractor.ts).
    const hostile = ['рост', 'height', 'հասակ', 'вес', 'weight', 'քաշ', 'девушки', 'возраст'].map(
      (word): AdText => ({ title: 'Work', text: `${word}${' '.repeat(29_000)}x 18 25 55 170` }),
    );
    const assessments = await Promise.all(hostile.map((ad) => threads.classify(ad)));
    hostile.forEach((ad, i) => expectSound(ad, assessments[i]));
  });

  it(`classifies ${FUZZ_ADS} seeded random ads within the time limit, with evidence inside the text`, async () => {
    const inputs = fuzzAds();
    // A rejection (ADW_CLASSIFY_TIMEOUT among them) fails the test with its message.
    const assessments = await Promise.all(inputs.map((ad) => threads.classify(ad)));
    inputs.forEach((ad, i) => expectSound(ad, assessments[i]));
    const spans = assessments.flatMap((a) => spansOf([a.indicators, a.facts]));
    // The lexicon words make the fuzz reach evidence, not only the tokenizer.
    expect(spans.length).toBeGreaterThan(FUZZ_ADS);
    expect(assessments.some((a) => a.indicators.length > 0)).toBe(true);
  });
});
