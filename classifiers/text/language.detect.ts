import type { Lang } from '../assessment.types.js';
import type { FoldedWord } from './text-normalise.js';
import { foldPhrase } from './text-normalise.js';

// Frequent short words that tell English from Armenian or Russian typed in Latin letters.
// Compared with the ad's folded words (see text-normalise.ts), so the lists are folded too.
// prettier-ignore
const ENGLISH_WORDS = [
  'the', 'and', 'for', 'with', 'you', 'we', 'to', 'of', 'in', 'is', 'are', 'our', 'will', 'be',
  'your', 'this', 'that', 'an', 'a', 'on', 'as', 'at', 'from', 'or', 'have', 'work', 'job',
];
// prettier-ignore
const TRANSLIT_WORDS = [
  // Russian
  'i', 'v', 'na', 's', 'dlya', 'dlia', 'ot', 'bez', 'po', 'ili', 'kak', 'chto', 'rabota', 'rabotu',
  'zarplata', 'opyt', 'opyta', 'trebuyutsya', 'trebuutsa', 'nuzhny', 'devushki', 'zvonite', 'pishite',
  'vakansiya', 'mesyac', 'v mesyac', 'nas', 'vas', 'vy', 'my', 'est', 'tolko', 'srochno', 'oplata',
  // Armenian
  'ev', 'u', 'e', 'en', 'hamar', 'ashxatanq', 'ashxatanqi', 'ashxatavarc', 'ashxatavardz', 'kam', 'vor',
  'mer', 'aravel', 'pahanjvum', 'pahanjvum', 'dimel', 'karox', 'karogh', 'chka', 'tarekan', 'amsakan',
  'axjikner', 'aghjikner', 'hetevyal', 'ka', 'chi', 'enq', 'eq', 'zangel', 'grel', 'hamapatasxan',
];

const ENGLISH = new Set(ENGLISH_WORDS.map(foldPhrase));
// A word in both lists (e.g. "i", "e") says nothing: keep it out of the translit side.
const TRANSLIT = new Set(TRANSLIT_WORDS.map(foldPhrase).filter((w) => !ENGLISH.has(w)));

const CUE_ENGLISH = 1;
const CUE_TRANSLIT = 2;

/**
 * The ad's language or script: hy, ru, en, translit (Armenian or Russian in Latin letters) or
 * mixed (no script has 60% of the letters, or English and translit are both substantial).
 */
export function detectLanguage(hint: string | undefined, words: readonly FoldedWord[]): Lang {
  return readLanguage(hint, words).lang;
}

/** The ad's language, and whether its Latin-script words are translit. */
export interface LanguageReading {
  lang: Lang;
  /**
   * The Latin words are (mostly) Armenian or Russian typed in Latin letters: they are matched
   * against Russian, Armenian and translit terms as well as English ones.
   */
  translit: boolean;
}

/** {@link detectLanguage}, with whether the ad's Latin words are translit. */
export function readLanguage(
  hint: string | undefined,
  words: readonly FoldedWord[],
): LanguageReading {
  // Letters by script, summed over words (folding already counted them, once per distinct word).
  let latin = 0;
  let cyrillic = 0;
  let armenian = 0;
  for (const w of words)
    if (w.script === 'cyrillic') cyrillic += w.letters;
    else if (w.script === 'armenian') armenian += w.letters;
    else if (w.script === 'latin') latin += w.letters;
  const letters = latin + cyrillic + armenian;
  // Too little text to tell: trust the source's hint if it is one of ours.
  if (letters < 12 && isLang(hint)) return { lang: hint, translit: hint === 'translit' };
  if (letters === 0) return { lang: isLang(hint) ? hint : 'en', translit: false };
  const own = armenian / letters >= 0.6 ? 'hy' : cyrillic / letters >= 0.6 ? 'ru' : undefined;
  // A mostly Armenian or Cyrillic ad has English words (headings, brand names), not translit.
  if (own !== undefined) return { lang: own, translit: false };
  let english = 0;
  let translit = 0;
  for (const { form } of words) {
    // Remembered per distinct word: two set lookups for each of an ad's words add up.
    if (form.languageCue < 0)
      form.languageCue = ENGLISH.has(form.text)
        ? CUE_ENGLISH
        : TRANSLIT.has(form.text)
          ? CUE_TRANSLIT
          : 0;
    if (form.languageCue === CUE_ENGLISH) english++;
    else if (form.languageCue === CUE_TRANSLIT) translit++;
  }
  // Cues of both kinds are counted over all Latin words, so a short translit line inside an
  // English ad does not make its English words translit; Latin text without a single English
  // cue ("besplatnoe zhilye", "Hostess Dubai urgent") may be translit and is read as both.
  const typedTranslit = english === 0 || (translit >= 2 && translit > english * 0.5);
  if (latin / letters < 0.6) return { lang: 'mixed', translit: typedTranslit };
  if (translit > english)
    return { lang: english >= translit * 0.5 ? 'mixed' : 'translit', translit: true };
  if (translit > 2 && translit >= english * 0.5) return { lang: 'mixed', translit: true };
  return { lang: 'en', translit: typedTranslit };
}

function isLang(value: string | undefined): value is Lang {
  return (
    value === 'hy' || value === 'ru' || value === 'en' || value === 'translit' || value === 'mixed'
  );
}
