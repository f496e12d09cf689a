import { describe, expect, it } from 'vitest';
import {
  LETTER,
  MARK,
  NO_SPACE,
  NUMBER,
  SPACE,
  SYMBOL,
  charFlags,
  codePointAt,
  isLetterOrDigitUnit,
} from '../../../classifiers/text/char-class.js';

// The regular expressions the table replaces: it must agree with them on every code point.
const REFERENCE: readonly [number, RegExp][] = [
  [LETTER, /^\p{L}$/u],
  [NUMBER, /^\p{N}$/u],
  [MARK, /^\p{M}$/u],
  [SYMBOL, /^[\p{So}\p{Sk}]$/u],
  [
    NO_SPACE,
    /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u,
  ],
  [SPACE, /^\s$/u],
];

describe('charFlags', () => {
  it('agrees with the Unicode property regexes on every BMP code point and on astral samples', () => {
    const astral = [0x1d400, 0x1d41a, 0x1f334, 0x1f600, 0x20000, 0x1f1e6, 0xe0001, 0x10ffff];
    const codePoints = [...Array.from({ length: 0x10000 }, (_, i) => i), ...astral];
    const wrong = codePoints.filter((cp) =>
      REFERENCE.some(
        ([flag, re]) => ((charFlags(cp) & flag) !== 0) !== re.test(String.fromCodePoint(cp)),
      ),
    );
    expect(wrong).toEqual([]);
  });

  it('reads surrogate pairs as one code point and lone surrogates as themselves', () => {
    expect(codePointAt('a𝐖', 1)).toBe(0x1d416);
    expect(codePointAt('\uD835', 0)).toBe(0xd835);
    expect(codePointAt('\uD835x', 0)).toBe(0xd835);
    expect(codePointAt('\uDC16', 0)).toBe(0xdc16);
  });
});

describe('isLetterOrDigitUnit', () => {
  it('says what /[\\p{L}\\d]/u says of every UTF-16 unit', () => {
    const re = /[\p{L}\d]/u;
    for (let unit = 0; unit <= 0xffff; unit++)
      if (isLetterOrDigitUnit(unit) !== re.test(String.fromCharCode(unit)))
        expect(unit.toString(16)).toBe('in agreement');
  });
});
