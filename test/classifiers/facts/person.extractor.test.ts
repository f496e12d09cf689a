import { describe, expect, it } from 'vitest';
import { extractAges, extractAppearance } from '../../../classifiers/facts/person.extractor.js';

const ages = (text: string) => extractAges(text).map(({ min, max }) => ({ min, max }));

describe('extractAges', () => {
  it('reads age ranges in Russian, English and Armenian', () => {
    expect(ages('девушки 18-25 лет')).toEqual([{ min: 18, max: 25 }]);
    expect(ages('aged 20 to 30')).toEqual([{ min: 20, max: 30 }]);
    expect(ages('18-25 տարեկան աղջիկներ')).toEqual([{ min: 18, max: 25 }]);
    expect(ages('от 18 до 30 лет')).toEqual([{ min: 18, max: 30 }]);
  });

  it('reads lower and upper bounds on their own', () => {
    expect(ages('с 16 лет')).toEqual([{ min: 16, max: undefined }]);
    expect(ages('до 25 лет')).toEqual([{ min: undefined, max: 25 }]);
    expect(ages('18+')).toEqual([{ min: 18, max: undefined }]);
  });

  it('reads a range written right after "girls"', () => {
    expect(ages('Girls 18-25, free visa')).toEqual([{ min: 18, max: 25 }]);
  });

  it('ignores salary ranges and years', () => {
    expect(ages('salary 2000-3000$, since 2015')).toEqual([]);
  });
});

describe('extractAppearance', () => {
  it('finds height, weight and body measurements', () => {
    expect(extractAppearance('рост от 170 см, вес до 55 кг, 90-60-90').map((a) => a.kind)).toEqual([
      'height',
      'weight',
      'measurements',
    ]);
  });

  it('does not read phone fragments as measurements', () => {
    expect(extractAppearance('tel 094 55-12-90')).toEqual([]);
  });
});

/**
 * Hostile text (issue 12): separators written `\s*:?\s*` let the regex engine try every split of
 * a whitespace run between the two `\s*` (every split in three with a third: a weight word, 4,000
 * spaces and a number took 24 s; a stored ad's 30,000 spaces, hours). Each space now has one place
 * in the pattern. How long such ads take is tested through the worker threads with a time limit
 * (test/workers/threads/classify-fuzz.test.ts), since a regex cannot be interrupted in process.
 */
describe('person facts across whitespace runs', () => {
  const run = ' '.repeat(300);

  it('reads the facts when a run separates them from their word', () => {
    expect(extractAppearance(`рост:${run}170 см`).map((a) => a.kind)).toEqual(['height']);
    expect(extractAppearance(`вес${run}до${run}55 кг`).map((a) => a.kind)).toEqual(['weight']);
    expect(extractAppearance(`height${run}: min.${run}165`).map((a) => a.kind)).toEqual(['height']);
    expect(ages(`девушки${run},${run}18-25`)).toEqual([{ min: 18, max: 25 }]);
    expect(ages(`возраст${run}:${run}от 18 до 30`)).toEqual([{ min: 18, max: 30 }]);
  });

  it('reads nothing when no number follows the run', () => {
    for (const word of ['рост', 'height', 'вес', 'weight', 'քաշ', 'հասակ'])
      expect(extractAppearance(`${word}${run}x 18 25 55`)).toEqual([]);
    expect(ages(`девушки${run}x 18-25`)).toEqual([]);
  });
});
