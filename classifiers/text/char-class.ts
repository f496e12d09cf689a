/**
 * Unicode character classes of code points, looked up in a table instead of tested with `\p{…}`
 * regular expressions. The word scanners of the folder (`text-normalise.ts`,
 * `model.features.ts`) walk every character of every ad: with a Unicode-property regex that walk
 * cost about as much as all the rest of folding, with this table it is a few array reads per
 * character. Each entry is computed on first use with the very regexes it replaces, so the
 * classes are exactly those of the engine's Unicode tables, and nothing is computed at start-up.
 */

/** `\p{L}` */
export const LETTER = 1;
/** `\p{N}` */
export const NUMBER = 2;
/** `\p{M}` */
export const MARK = 4;
/** `\p{So}` or `\p{Sk}`: symbols and emoji, "glue" inside disguised words. */
export const SYMBOL = 8;
/** Scripts written without spaces between words (see `NO_SPACE_SCRIPT` in `text-normalise.ts`). */
export const NO_SPACE = 16;
/** `\s` */
export const SPACE = 32;
const KNOWN = 128;

const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_SYMBOL = /^[\p{So}\p{Sk}]$/u;
const IS_NO_SPACE =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;
const IS_SPACE = /^\s$/u;

// One byte per code point (1.1 MB): filled lazily, so only the characters ads use are computed.
const table = new Uint8Array(0x110000);

function compute(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  return (
    KNOWN |
    (IS_LETTER.test(ch) ? LETTER : 0) |
    (IS_NUMBER.test(ch) ? NUMBER : 0) |
    (IS_MARK.test(ch) ? MARK : 0) |
    (IS_SYMBOL.test(ch) ? SYMBOL : 0) |
    (IS_NO_SPACE.test(ch) ? NO_SPACE : 0) |
    (IS_SPACE.test(ch) ? SPACE : 0)
  );
}

/** The class bits of one code point (a lone surrogate is its own code point, as with `/u`). */
export function charFlags(codePoint: number): number {
  let flags = table[codePoint];
  if (flags === 0) {
    flags = compute(codePoint);
    table[codePoint] = flags;
  }
  return flags;
}

/**
 * The code point at `index` of `text`, like `text.codePointAt(index)` but cheaper for the common
 * case of a character outside the surrogate range. `index` must be inside the string.
 */
export function codePointAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff || index + 1 >= text.length) return code;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff
    ? (code - 0xd800) * 0x400 + next - 0xdc00 + 0x10000
    : code;
}

/**
 * Whether one UTF-16 unit is `[\p{L}\d]` (an ASCII digit or a letter; a lone surrogate is
 * neither), as `/[\p{L}\d]/u.test(text[i])` says, without making a string and running a regex.
 */
export function isLetterOrDigitUnit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (charFlags(code) & LETTER) !== 0;
}
