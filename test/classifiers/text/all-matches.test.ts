import { describe, expect, it } from 'vitest';
import { allMatches } from '../../../classifiers/text/all-matches.js';

describe('allMatches', () => {
  it('gives the matches matchAll gives, empty ones and surrogate pairs included', () => {
    const patterns = [
      /\d+/gu,
      /\p{L}*/gu,
      /(?:)/gu,
      /(?:)/g,
      /a|/giu,
      /(?<=\p{Lu}\p{Ll}+\s)(?:[Ss]treet|[Ss]t\.)/gu,
      /(\d{2})\s?(?:[-–—]|to)\s?(\d{2})/giu,
      /\b(?:LLC|Ltd)\b\.?/gu,
      new RegExp('x*', 'gv'),
    ];
    const texts = [
      '',
      'a',
      'Abovyan Street 12, 18-25 years, LLC.',
      '𝐀𝐁 \uD835 \uDC00 😀😀 aXa',
      'девушки 18–25 лет, ул. Абовяна',
      'xxaxx',
    ];
    for (const re of patterns)
      for (const text of texts) {
        const expected = [...text.matchAll(re)].map((m) => [m.index, ...m]);
        expect(allMatches(re, text).map((m) => [m.index, ...m])).toEqual(expected);
        // And the regex is left as it was found, ready for the next use.
        expect(re.lastIndex).toBe(0);
      }
  });
});
