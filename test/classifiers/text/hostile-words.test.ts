import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../../classifiers/index.js';
import { MAX_STEMMED_CHARS, stemToken } from '../../../classifiers/model/model.features.js';
import { foldWordUncached } from '../../../classifiers/text/text-normalise.js';

/**
 * Hostile text (issue 12): a word of hundreds of thousands of letters is folded, stemmed and
 * classified correctly. How long it takes (it used to be quadratic: a minute for 200,000
 * letters) is measured by `npm run bench -- classify`, which prints the slowest hostile ad.
 */
describe('very long words', () => {
  it('folds a word of 100,000 letters like its short form (doubled letters collapse)', () => {
    for (const unit of ['ab', 'жк', 'քր', 'aб']) {
      const long = unit.repeat(50_000);
      const short = foldWordUncached(unit.repeat(3)).key;
      const key = foldWordUncached(long).key;
      expect(key.length).toBeGreaterThan(short.length);
      expect(key.startsWith(short)).toBe(true);
    }
    expect(foldWordUncached('z'.repeat(200_000)).key).toBe(foldWordUncached('zz').key);
  });

  it('does not stem tokens longer than any word, and does not keep them', () => {
    const long = 'z'.repeat(MAX_STEMMED_CHARS + 1);
    expect(stemToken(long)).toBe(long);
    expect(stemToken('recruiting')).toBe('recruit');
  });

  it('classifies an ad made of very long words, with evidence inside the text', () => {
    const classifier = createClassifier();
    for (const word of ['z'.repeat(200_000), 'ab'.repeat(100_000), 'ж'.repeat(200_000)]) {
      const title = word.slice(0, 1_000);
      const text = `Girls 18-25 for a club in Dubai, free visa and tickets. ${word} WhatsApp +971 50 123 4567`;
      const assessment = classifier.assess({ title, text });
      const full = `${title}\n${text}`;
      for (const indicator of assessment.indicators)
        for (const span of indicator.evidence)
          expect(full.slice(span.start, span.end)).toBe(span.text);
      expect(assessment.indicators.length).toBeGreaterThan(0);
    }
  });
});
