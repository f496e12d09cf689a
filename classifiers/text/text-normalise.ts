import {
  ARMENIAN_LOOKALIKE_TO_LATIN,
  ARMENIAN_TO_LATIN,
  CYRILLIC_LOOKALIKE_TO_LATIN,
  CYRILLIC_TO_LATIN,
  GREEK_LOOKALIKE_TO_LATIN,
  IN_WORD_LEET,
  LATIN_DIGRAPHS,
  LATIN_LOOKALIKE_TO_CYRILLIC,
  LATIN_TO_SKELETON,
} from './script-tables.js';
import { LETTER, MARK, NO_SPACE, NUMBER, SYMBOL, charFlags, codePointAt } from './char-class.js';
import { stemKeyIn } from './stem-key.js';

/** One word of an ad after folding, with where it came from. */
export interface FoldedWord {
  /** The folded word, e.g. "viza" for "V!ZA" or "վիզա". */
  word: string;
  /** Its matching key: the folded word without its inflection (see `stem-key.ts`). */
  key: string;
  /** The script most of its letters are in, and how many letters it has (for language detection). */
  script: Script;
  letters: number;
  /** Source range of the word (UTF-16 offsets), for evidence spans. */
  sourceStart: number;
  sourceEnd: number;
  /**
   * The folded form this word shares with every other occurrence of the same source word (one
   * object per distinct word while the fold cache holds it): matchers key per-word work on it.
   */
  form: FoldedWordForm;
}

/**
 * Text folded to the matching "skeleton": lower-case Latin-ish words. Lexicon entries go through
 * the same folding, so "виза", "vi!za", "v i z a", "Vіzа" (Cyrillic і, а) and "վիզա" all meet as
 * `viza`, and evidence can still point at the words as the ad wrote them.
 */
export interface FoldedText {
  source: string;
  words: FoldedWord[];
  /**
   * True when `words` are exactly the words the scanner found, each whole: none joined from
   * spaced-out letters, split by `Intl.Segmenter` or dropped for folding to nothing. The text
   * model then reads its tokens from these words (see `model.loader.ts`).
   */
  whole: boolean;
}

type CharClass = 'letter' | 'digit' | 'glue' | 'invisible' | 'space' | 'break';
export type Script = 'latin' | 'cyrillic' | 'armenian' | 'other';

interface SourceChar {
  base: string;
  cls: CharClass;
  script: Script;
  start: number;
  end: number;
}

const baseCache = new Map<string, string>();

/** NFKC, lower case, no combining marks: "𝐖" → "w", "É" → "e", "й" stays "й". */
function baseOf(ch: string): string {
  const cached = baseCache.get(ch);
  if (cached !== undefined) return cached;
  let base = ch.normalize('NFKC').toLowerCase();
  // Keep й/ё/ї whole (their marks carry meaning in Russian/Ukrainian); strip others ("vízа" → "viza").
  if (!/^[йёї]$/u.test(base))
    base = base
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC');
  if (baseCache.size < 20_000) baseCache.set(ch, base);
  return base;
}

function scriptOf(base: string): Script {
  const code = base.codePointAt(0) ?? 0;
  if (code < 0x250) return 'latin';
  if (code >= 0x400 && code < 0x530) return 'cyrillic';
  if ((code >= 0x530 && code < 0x590) || (code >= 0xfb13 && code <= 0xfb17)) return 'armenian';
  return 'other';
}

const GLUE = /^[!|$@€'’`*_~\p{So}\p{Sk}\u{FE0F}\u{200D}]$/u;
const INVISIBLE = /^[\u00AD\u200B\u200C\u2060\uFEFF]$/u;

function classify(base: string): CharClass {
  if (base.length === 0) return 'invisible';
  const code = base.charCodeAt(0);
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return 'letter';
    if (code >= 0x30 && code <= 0x39) return 'digit';
    if (code === 0x20) return 'space';
  }
  if (/^\p{L}/u.test(base)) return 'letter';
  if (/^\p{N}/u.test(base)) return 'digit';
  if (INVISIBLE.test(base)) return 'invisible';
  if (base === '\n' || base === '\r') return 'break';
  if (GLUE.test(base)) return 'glue';
  return 'space';
}

function readChars(source: string): SourceChar[] {
  const chars: SourceChar[] = [];
  let offset = 0;
  for (const ch of source) {
    const end = offset + ch.length;
    const code = ch.charCodeAt(0);
    // ASCII fast path: most ad text is ASCII or a single script, and the cache lookup dominates.
    const base = code < 0x80 ? ch.toLowerCase() : baseOf(ch);
    chars.push({ base, cls: classify(base), script: scriptOf(base), start: offset, end });
    offset = end;
  }
  return chars;
}

/** Transliterates one word to Latin, folding look-alikes to the word's majority script first. */
function latinise(word: SourceChar[]): string {
  let latinLetters = 0;
  let cyrillic = 0;
  let armenian = 0;
  let letters = 0;
  let digits = 0;
  for (const c of word) {
    if (c.cls === 'letter') {
      letters++;
      if (c.script === 'latin') latinLetters++;
      else if (c.script === 'cyrillic') cyrillic++;
      else if (c.script === 'armenian') armenian++;
    } else if (c.cls === 'digit') digits++;
  }
  const majority: Script =
    cyrillic > latinLetters && cyrillic >= armenian
      ? 'cyrillic'
      : armenian > latinLetters
        ? 'armenian'
        : 'latin';
  // Digits are letters in disguise only inside mostly-letter words: "0pyt" yes, "3000$" no.
  const leet = letters >= 2 && letters > digits;
  let latin = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    let text: string;
    if (c.cls === 'glue') text = leet ? (IN_WORD_LEET[c.base] ?? '') : '';
    else if (c.cls === 'digit') {
      if (!leet) text = c.base;
      else if (majority === 'cyrillic' && LATIN_LOOKALIKE_TO_CYRILLIC[c.base])
        text = CYRILLIC_TO_LATIN[LATIN_LOOKALIKE_TO_CYRILLIC[c.base]] ?? c.base;
      else text = IN_WORD_LEET[c.base] ?? c.base;
    } else if (c.script === 'cyrillic')
      text =
        majority === 'latin' && CYRILLIC_LOOKALIKE_TO_LATIN[c.base] !== undefined
          ? CYRILLIC_LOOKALIKE_TO_LATIN[c.base]
          : (CYRILLIC_TO_LATIN[c.base] ?? c.base);
    else if (c.script === 'armenian') {
      if (majority === 'latin' && ARMENIAN_LOOKALIKE_TO_LATIN[c.base] !== undefined)
        text = ARMENIAN_LOOKALIKE_TO_LATIN[c.base];
      else if (c.base === 'ո' && word[i + 1]?.base === 'ւ') {
        // ու is one vowel, "u"; word-initial ո is pronounced and typed "vo" (որ → vor).
        latin += 'u';
        i++;
        continue;
      } else if (c.base === 'ո' && i === 0) text = 'vo';
      else text = ARMENIAN_TO_LATIN[c.base] ?? c.base;
    } else if (c.script === 'latin')
      text =
        majority === 'cyrillic' && LATIN_LOOKALIKE_TO_CYRILLIC[c.base] !== undefined
          ? (CYRILLIC_TO_LATIN[LATIN_LOOKALIKE_TO_CYRILLIC[c.base]] ?? c.base)
          : c.base;
    else text = GREEK_LOOKALIKE_TO_LATIN[c.base] ?? c.base;
    latin += text;
  }
  return latin;
}

// Digraphs by first letter, so most letters skip the digraph table entirely.
const DIGRAPHS_BY_FIRST = new Map<string, (readonly [string, string])[]>();
for (const digraph of LATIN_DIGRAPHS) {
  const list = DIGRAPHS_BY_FIRST.get(digraph[0][0]) ?? [];
  list.push(digraph);
  DIGRAPHS_BY_FIRST.set(digraph[0][0], list);
}

/** Longest piece `toSkeleton` appends at once (a letter or a digraph's folding). */
const MAX_SKELETON_PIECE = Math.max(
  1,
  ...Object.values(LATIN_TO_SKELETON).map((to) => to.length),
  ...[...DIGRAPHS_BY_FIRST.values()].flat().map(([, to]) => to.length),
);

/** Applies digraphs, single-letter folds and double-letter collapsing to one latinised word. */
function toSkeleton(latin: string): string {
  let out = '';
  // The last characters of `out`: asking `out` itself (a rope while it grows) flattens it on
  // every letter, which made a word of 100,000 letters take a minute.
  let tail = '';
  let i = 0;
  while (i < latin.length) {
    const ch = latin[i];
    let folded: string | undefined;
    for (const [from, to] of DIGRAPHS_BY_FIRST.get(ch) ?? [])
      if (latin.startsWith(from, i)) {
        folded = to;
        i += from.length;
        break;
      }
    if (folded === undefined) {
      folded = LATIN_TO_SKELETON[ch] ?? ch;
      i++;
    }
    // Doubled letters are one ("massazh" = "masaj"), except in numbers ("1000").
    if (tail.endsWith(folded) && !/[0-9]/u.test(folded)) continue;
    out += folded;
    tail = (tail + folded).slice(-MAX_SKELETON_PIECE);
  }
  return out;
}

/** A folded source word; see {@link FoldedWord.form}. */
export interface FoldedWordForm {
  text: string;
  key: string;
  script: Script;
  letters: number;
  /**
   * The word hides its spelling: letters of two scripts ("рабoта" with a Latin o) or a symbol or
   * emoji between its letters ("Dub🌴ai", "v!za"); apostrophes do not count.
   */
  disguised: boolean;
  /** Per-word memo of the phrase matchers: the word's key in each stem family (`phrase.matcher.ts`). */
  familyKeys: (string | undefined)[] | undefined;
  /** Per-word memo of the phrase matchers (see `phrase.matcher.ts`); created on first use. */
  matcherSlots: unknown[] | undefined;
  /** Per-word memo of language detection (see `language.detect.ts`); −1 until first used. */
  languageCue: number;
  /** Per-word memo of a text model (see `model.loader.ts`): the model it is for, and the memo. */
  modelOwner: unknown;
  modelMemo: unknown;
}

/** Folds one word (a run of source characters) without a cache. */
function foldChars(word: SourceChar[]): FoldedWordForm {
  const text = toSkeleton(latinise(word));
  const counts = { latin: 0, cyrillic: 0, armenian: 0, other: 0 };
  for (const c of word) if (c.cls === 'letter') counts[c.script]++;
  const letters = counts.latin + counts.cyrillic + counts.armenian + counts.other;
  const script = (Object.keys(counts) as Script[]).reduce((a, b) =>
    counts[b] > counts[a] ? b : a,
  );
  // Armenian text attaches its endings to Latin names ("Excel-ը"): only Cyrillic mixes count.
  const mixed = counts.cyrillic > 0 && counts.latin + counts.armenian > 0;
  return {
    text,
    key: stemKeyIn(text, script === 'cyrillic' ? 'ru' : script === 'armenian' ? 'hy' : 'en'),
    script,
    letters,
    disguised: mixed || hasGlueInside(word),
    familyKeys: undefined,
    matcherSlots: undefined,
    languageCue: -1,
    modelOwner: undefined,
    modelMemo: undefined,
  };
}

/** A symbol or emoji (not an apostrophe) with letters on both sides. */
function hasGlueInside(word: SourceChar[]): boolean {
  let seenLetter = false;
  let pendingGlue = false;
  for (const c of word) {
    if (c.cls === 'letter') {
      if (pendingGlue) return true;
      seenLetter = true;
    } else if (c.cls === 'glue' && seenLetter && !APOSTROPHES.has(c.base)) pendingGlue = true;
  }
  return false;
}

/** Glue that is no disguise: apostrophes, the @ of e-mail addresses, the _ of handles. */
const APOSTROPHES = new Set(["'", '’', '`', '@', '_', '\\']);

const wordCache = new Map<string, FoldedWordForm>();

/** Folds one source word the long way, without any cache (exported for tests). */
export function foldWordUncached(word: string): FoldedWordForm {
  return foldChars(readChars(word).filter((c) => c.cls !== 'invisible'));
}

/** Whether a word is only ASCII digits: numbers are the words a cache has not seen most often. */
function isAsciiNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return word.length > 0;
}

/**
 * The fold of a word of ASCII digits, as {@link foldWordUncached} makes it, without its work:
 * digits are no letters in disguise in a word without letters ("3000" stays "3000"), no digraph
 * or single-letter fold applies to them, doubled digits stay, and a key that starts with a digit
 * keeps its endings; the word has no letters, which the script count reads as "latin".
 */
function numberForm(word: string): FoldedWordForm {
  return {
    text: word,
    key: word,
    script: 'latin',
    letters: 0,
    disguised: false,
    familyKeys: undefined,
    matcherSlots: undefined,
    languageCue: -1,
    modelOwner: undefined,
    modelMemo: undefined,
  };
}

/** Folds one source word, cached: ad vocabularies are Zipfian, so most words were seen before. */
function foldWord(word: string): FoldedWordForm {
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const form = isAsciiNumber(word) ? numberForm(word) : foldWordUncached(word);
  // Bounded so that a worker scoring millions of ads keeps constant memory.
  if (wordCache.size < 200_000) wordCache.set(word, form);
  return form;
}

/**
 * A first, direct-mapped cache in front of {@link foldWord}, looked up by the hash the scanner
 * computes while it reads the word: a word seen before is found without slicing it out of the ad
 * and hashing it again (a `Map` lookup by a sliced key cost a third of folding). Each slot holds
 * one word and its form; a word that finds another word in its slot takes the `Map` path.
 */
const RANGE_SLOTS = 1 << 14;
const rangeWords: (string | undefined)[] = new Array<string | undefined>(RANGE_SLOTS).fill(
  undefined,
);
const rangeForms: (FoldedWordForm | undefined)[] = new Array<FoldedWordForm | undefined>(
  RANGE_SLOTS,
).fill(undefined);

/** {@link foldWord} of `source.slice(start, end)`, whose code points hash to `hash`. */
function foldRange(source: string, start: number, end: number, hash: number): FoldedWordForm {
  const slot = (hash ^ (hash >>> 14)) & (RANGE_SLOTS - 1);
  const known = rangeWords[slot];
  if (known !== undefined && known.length === end - start && source.startsWith(known, start))
    return rangeForms[slot] as FoldedWordForm;
  const word = source.slice(start, end);
  const form = foldWord(word);
  rangeWords[slot] = word;
  rangeForms[slot] = form;
  return form;
}

const WORD_CHAR = LETTER | NUMBER | MARK;

/** Invisible characters kept inside a word: soft hyphen, zero-width space/joiners, word joiner, BOM. */
function isInvisible(cp: number): boolean {
  return cp === 0xad || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff;
}

/** "Glue" inside disguised words: `!|$@€'’\`*_~`, symbols and emoji. */
function isGlue(cp: number, flags: number): boolean {
  return (
    (flags & SYMBOL) !== 0 ||
    cp === 0x21 ||
    cp === 0x7c ||
    cp === 0x24 ||
    cp === 0x40 ||
    cp === 0x20ac ||
    cp === 0x27 ||
    cp === 0x2019 ||
    cp === 0x60 ||
    cp === 0x2a ||
    cp === 0x5f ||
    cp === 0x7e
  );
}

/**
 * Calls `found` for each word of `source`: a letter, digit or mark, then letters, digits, marks
 * and invisible characters, with "glue" (!, $, @, emoji...) kept inside when a letter or digit
 * follows ("v!za", "Dub🌴ai"). `noSpace` tells whether the word has letters of a script written
 * without spaces. Finds exactly what the regular expression
 * `[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}<invisible>]|<glue>(?=[\p{L}\p{N}\p{M}<invisible>]))*`
 * finds, scanned by hand with a character table because the regex cost as much as all other
 * folding together.
 */
function scanWords(
  source: string,
  found: (start: number, end: number, noSpace: boolean, hash: number) => void,
): void {
  const n = source.length;
  let i = 0;
  while (i < n) {
    let cp = source.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) cp = codePointAt(source, i);
    let flags = charFlags(cp);
    if ((flags & WORD_CHAR) === 0) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let noSpace = flags & NO_SPACE;
    // A hash of the word's code points, for the fold cache's first look (see `foldRange`).
    let hash = cp;
    i += cp > 0xffff ? 2 : 1;
    while (i < n) {
      cp = source.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff) cp = codePointAt(source, i);
      flags = charFlags(cp);
      const size = cp > 0xffff ? 2 : 1;
      if ((flags & WORD_CHAR) === 0 && !isInvisible(cp)) {
        if (!isGlue(cp, flags) || i + size >= n) break;
        const next = codePointAt(source, i + size);
        if ((charFlags(next) & WORD_CHAR) === 0 && !isInvisible(next)) break;
      }
      noSpace |= flags & NO_SPACE;
      hash = (Math.imul(hash, 31) + cp) | 0;
      i += size;
    }
    found(start, i, noSpace !== 0, hash);
  }
}

interface RawWord {
  word: string;
  start: number;
}

/** A word found in the ad, already folded. */
interface ScannedWord {
  start: number;
  end: number;
  form: FoldedWordForm;
}

/**
 * Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
 * Myanmar: `NO_SPACE` in `char-class.ts`). For them, a run of letters is a phrase, not a
 * word, and only Unicode word segmentation (UAX #29, `Intl.Segmenter`) can split it. Armenian,
 * Cyrillic and Latin take the scanner above, which finds the same words as `Intl.Segmenter`
 * there (a test checks this) at a small fraction of the cost: segmenting a 2 KB ad takes about
 * 600 µs, three times the classifier's whole budget per ad (see classifiers/README.md, "Speed").
 */
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Words of a run by `Intl.Segmenter`, with source offsets. */
export function segmentWords(text: string, offset = 0): RawWord[] {
  const words: RawWord[] = [];
  for (const s of segmenter.segment(text))
    if (s.isWordLike) words.push({ word: s.segment, start: offset + s.index });
  return words;
}

/** Joins runs of four or more single letters on one line ("W h a t s A p p", "v.i.z.a"). */
function mergeSpaced(words: ScannedWord[], source: string): (ScannedWord | SourceChar[])[] {
  // One UTF-16 unit that is a letter (a lone surrogate is not one).
  const single = (w: ScannedWord): boolean =>
    w.end - w.start === 1 && (charFlags(source.charCodeAt(w.start)) & LETTER) !== 0;
  const out: (ScannedWord | SourceChar[])[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j + 1 < words.length) {
      const a = words[j];
      const b = words[j + 1];
      const gap = b.start - (a.start + 1);
      if (!single(a) || !single(b) || gap > 3 || hasLineBreak(source, a.start + 1, b.start)) break;
      j++;
    }
    // A one-letter word of another script just before the run is a preposition ("в W h a t s"),
    // not part of the disguised word.
    const first = words[i];
    const second = words[i + 1];
    if (
      j - i + 1 >= 5 &&
      second &&
      scriptOf(baseOf(source.slice(first.start, first.end))) !==
        scriptOf(baseOf(source.slice(second.start, second.end)))
    ) {
      out.push(first);
      i++;
    }
    if (j - i + 1 >= 4) {
      out.push(
        words.slice(i, j + 1).map((w) => {
          const base = baseOf(source[w.start]);
          return { base, cls: 'letter', script: scriptOf(base), start: w.start, end: w.start + 1 };
        }),
      );
      i = j + 1;
    } else {
      out.push(words[i]);
      i++;
    }
  }
  return out;
}

function hasLineBreak(source: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return true;
  }
  return false;
}

/** Folds text to the matching skeleton (see {@link FoldedText}). */
export function foldText(source: string): FoldedText {
  // Most ads have no spaced-out word: fold straight into the result, and only when a run of four
  // single letters shows up (the least "W h a t s" needs) take the path that can join them.
  const state: FoldState = { source, words: [], singles: 0, spaced: false, whole: true };
  scanWords(source, (start, end, noSpace, hash) => {
    if (!noSpace) take(state, start, end, foldRange(source, start, end, hash));
    else {
      state.whole = false;
      for (const w of segmentWords(source.slice(start, end), start))
        take(state, w.start, w.start + w.word.length, foldWord(w.word));
    }
  });
  return state.spaced ? foldSpacedText(source) : { source, words: state.words, whole: state.whole };
}

/** What {@link foldText} has found so far. */
interface FoldState {
  source: string;
  words: FoldedWord[];
  /** Single letters in a row, and whether four came in a row (a spaced-out word, perhaps). */
  singles: number;
  spaced: boolean;
  whole: boolean;
}

/**
 * Adds one folded word (a module function rather than an arrow in `foldText`: tsx names every
 * named function expression with a call, on every ad).
 */
function take(state: FoldState, start: number, end: number, form: FoldedWordForm): void {
  const single = end - start === 1 && (charFlags(state.source.charCodeAt(start)) & LETTER) !== 0;
  state.singles = single ? state.singles + 1 : 0;
  if (state.singles >= 4) state.spaced = true;
  if (form.text.length > 0) state.words.push(foldedWord(form, start, end));
  else state.whole = false;
}

/** {@link foldText} for text with runs of single letters, which may be spaced-out words. */
function foldSpacedText(source: string): FoldedText {
  const raw: ScannedWord[] = [];
  scanWords(source, (start, end, noSpace) => {
    if (noSpace)
      for (const w of segmentWords(source.slice(start, end), start))
        raw.push({ start: w.start, end: w.start + w.word.length, form: foldWord(w.word) });
    else raw.push({ start, end, form: foldWord(source.slice(start, end)) });
  });
  const words: FoldedWord[] = [];
  for (const item of mergeSpaced(raw, source)) {
    if (!Array.isArray(item)) {
      if (item.form.text.length > 0) words.push(foldedWord(item.form, item.start, item.end));
      continue;
    }
    const form = foldChars(item);
    // The whole source word is the evidence, including letters that fold to nothing (ը).
    if (form.text.length > 0)
      words.push(foldedWord(form, item[0]?.start ?? 0, item[item.length - 1]?.end ?? 0));
  }
  return { source, words, whole: false };
}

function foldedWord(form: FoldedWordForm, sourceStart: number, sourceEnd: number): FoldedWord {
  return {
    word: form.text,
    key: form.key,
    script: form.script,
    letters: form.letters,
    sourceStart,
    sourceEnd,
    form,
  };
}

/** Folds a lexicon phrase: the same folding as ads, without offsets. */
export function foldPhrase(phrase: string): string {
  return foldText(phrase)
    .words.map((w) => w.word)
    .join(' ');
}
