/**
 * Letter tables for folding Armenian, Cyrillic and look-alike letters into one Latin "skeleton"
 * alphabet, so that one lexicon entry matches native script, translit and homoglyph spellings.
 * Upper-case letters in the output are skeleton phonemes that have several Latin spellings:
 * S = sh/sch/ш/щ/շ, Z = zh/ж/ժ, C = ch/ч/չ/ճ, H = h/kh/x/х/խ/հ.
 */

/** Cyrillic (incl. Ukrainian) to Latin, after lower-casing. Soft and hard signs vanish. */
// prettier-ignore
export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'Z', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'H', ц: 'c', ч: 'C', ш: 'S', щ: 'S', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'u', я: 'a',
  і: 'i', ї: 'i', є: 'e', ґ: 'g',
};

/**
 * Armenian to Latin, after lower-casing, following the way Armenians type on phones
 * (աշխատանք → ashxatanq). The schwa ը is usually dropped or typed as "@", so it folds to nothing.
 * `ու` and a word-initial `ո` are handled in the normaliser because they depend on context.
 */
// prettier-ignore
export const ARMENIAN_TO_LATIN: Readonly<Record<string, string>> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: '', թ: 't', ժ: 'Z', ի: 'i',
  լ: 'l', խ: 'H', ծ: 'c', կ: 'k', հ: 'H', ձ: 'z', ղ: 'g', ճ: 'C', մ: 'm', յ: 'y', ն: 'n',
  շ: 'S', ո: 'o', չ: 'C', պ: 'p', ջ: 'j', ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'c',
  ւ: 'v', փ: 'p', ք: 'k', և: 'ev', օ: 'o', ֆ: 'f',
};

/** Single Latin letters whose spelling varies between English and translit. */
// prettier-ignore
export const LATIN_TO_SKELETON: Readonly<Record<string, string>> = {
  h: 'H', x: 'H', w: 'v', y: 'i', j: 'i', q: 'k',
};

/**
 * Latin digraphs folded to one skeleton letter, longest first. Applied to the Latin stream
 * before single letters, so "kh" and "x" both become H.
 */
// prettier-ignore
export const LATIN_DIGRAPHS: readonly (readonly [string, string])[] = [
  ['shch', 'S'], ['sch', 'S'], ['tch', 'C'], ['sh', 'S'], ['zh', 'Z'], ['ch', 'C'], ['kh', 'H'],
  ['ts', 'c'], ['tz', 'c'], ['gh', 'g'], ['dz', 'z'], ['ph', 'f'], ['th', 't'], ['ck', 'k'],
  ['ye', 'e'], ['yo', 'o'], ['yu', 'u'], ['ya', 'a'], ['je', 'e'], ['jo', 'o'], ['ju', 'u'], ['ja', 'a'],
];

/** Cyrillic letters that look like Latin ones, for Latin-majority words ("Dubаi" with Cyrillic а). */
// prettier-ignore
export const CYRILLIC_LOOKALIKE_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y', к: 'k', м: 'm', т: 't', н: 'h',
  в: 'b', і: 'i', ј: 'j', ѕ: 's', ԛ: 'q', ԝ: 'w',
};

/** Latin letters that look like Cyrillic ones, for Cyrillic-majority words ("вiза" with Latin i). */
// prettier-ignore
export const LATIN_LOOKALIKE_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н',
  b: 'в', i: 'и', '3': 'з', '0': 'о', '6': 'б', '4': 'ч', u: 'и', n: 'п', r: 'г',
};

/** Armenian letters that pass for Latin ones ("Dubօi"). */
// prettier-ignore
export const ARMENIAN_LOOKALIKE_TO_LATIN: Readonly<Record<string, string>> = {
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', ց: 'g', ք: 'p', զ: 'q', ա: 'w', լ: 'l', վ: 'u',
};

/**
 * Digits and symbols used as letters inside words ("v!za", "ca$h", "0pyt"). Only applied when a
 * word is mostly letters, so prices and ages are untouched. 4 = ч and 8 = ու in translit.
 */
// prettier-ignore
export const IN_WORD_LEET: Readonly<Record<string, string>> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'C', '5': 's', '7': 't', '8': 'u', '!': 'i', '|': 'i',
  $: 's', '@': 'a', '€': 'e',
};

/** Greek letters that pass for Latin ones. */
// prettier-ignore
export const GREEK_LOOKALIKE_TO_LATIN: Readonly<Record<string, string>> = {
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ѕ: 's',
};
