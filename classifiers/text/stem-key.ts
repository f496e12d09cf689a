/**
 * Inflection stripping per language on skeleton words (see `text-normalise.ts`), so that
 * inflected forms meet their lexicon entry within one language: визу/визы/vizu → viz,
 * աշխատանքներ → aSHatank, dancers → dancer. Each language strips only its own endings, once:
 * an English word never loses a Russian or Armenian ending and so never meets a word of another
 * language through a shared stem ("company" and "компания" used to meet at "comp").
 *
 * Why not natural's Russian and English stemmers: matching runs on the folded skeleton, where
 * translit, look-alike letters and Cyrillic meet, and those stemmers need the native script.
 * They also strip derivations (Porter: "computer" → "comput" = "compute"), which a lexicon of
 * trafficking indicators does not want; the lexicon lists derived forms it means.
 */

/** A language's inflection, as matching applies it. `tr` is translit: Russian and Armenian endings. */
export type StemFamily = 'en' | 'ru' | 'hy' | 'tr';

// Skeleton spellings of the endings (ы→i, я→a, й→i, х→H, ը→"", doubled letters merged).
// prettier-ignore
const RUSSIAN = [
  // nouns and adjectives
  'iami', 'ami', 'ogo', 'ego', 'omu', 'emu', 'imi', 'aH', 'iH', 'eH', 'om', 'em', 'am', 'ov', 'ev',
  'ei', 'oi', 'ie', 'ia', 'iu', 'oe', 'ee', 'ui', 'ek', 'a', 'e', 'i', 'o', 'u',
  // verbs: -аем/-ает/-ают, reflexive -ся (-ается, -ются folded with ц), infinitive
  'aeca', 'auca', 'ica', 'ca', 'aem', 'aet', 'aut', 'aete', 'ete', 'ite', 'at', 'it', 'et', 'ut', 'em', 'im',
].sort((a, b) => b.length - a.length);

// prettier-ignore
const ARMENIAN = [
  // plural with case: -ների, -ներին, -ներից, -ներում, -ներով; -երի, ...
  'neric', 'nerum', 'nerov', 'nerin', 'neri', 'ner', 'eric', 'erum', 'erov', 'erin', 'eri', 'er',
  // case: -ից, -ում, -ով, -ին, -ի. The article ը folds to nothing; the article -ն and the
  // possessives -ս, -դ are left alone: too many stems end in those letters (Ռուսաստան, մերս-ում).
  'ic', 'um', 'ov', 'in', 'i',
].sort((a, b) => b.length - a.length);

const TRANSLIT = [...new Set([...RUSSIAN, ...ARMENIAN])].sort((a, b) => b.length - a.length);

const MIN_STEM_LENGTH = 3;

const caches: Record<StemFamily, Map<string, string>> = {
  en: new Map(),
  ru: new Map(),
  hy: new Map(),
  tr: new Map(),
};

/** Longest listed ending removed once, keeping at least {@link MIN_STEM_LENGTH} letters. */
function stripOnce(word: string, endings: readonly string[]): string {
  for (const ending of endings)
    if (word.length - ending.length >= MIN_STEM_LENGTH && word.endsWith(ending))
      return word.slice(0, word.length - ending.length);
  return word;
}

/**
 * English inflection only (plural, -ed, -ing, a silent final e), never derivation. The skeleton
 * merges doubled letters, so "hostess" is "hostes" and could be "hoste" + s: a final -s after
 * "e" is kept unless the -es follows a sibilant (skeleton C = ch, S = sh), which keeps
 * "hostess" apart from "host" at the price of "dances" not meeting "dance" (list both forms).
 */
function englishKey(word: string): string {
  const n = word.length;
  if (n > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}i`;
  if (n > 4 && /[sCSxz]es$/u.test(word)) return word.slice(0, -2);
  if (n > 3 && word.endsWith('s')) return /[esiu]s$/u.test(word) ? word : word.slice(0, -1);
  if (n > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (n > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (n > 3 && word.endsWith('e')) return word.slice(0, -1);
  return word;
}

/**
 * Armenian stacks its endings (աշխատանք-ներ-ից, Թուրքիա-յ-ում, -ություն/-ության): strip up to
 * three, so that every inflected form meets its dictionary form at the same key.
 */
function armenianKey(word: string): string {
  let key = word;
  for (let i = 0; i < 3; i++) {
    const noun = /ut[au]n$/u.test(key) ? key.slice(0, -2) : key;
    const next = stripOnce(noun, ARMENIAN);
    if (next === key) break;
    key = next;
  }
  return key;
}

function computeKey(word: string, family: StemFamily): string {
  switch (family) {
    case 'en':
      return englishKey(word);
    case 'ru':
      return stripOnce(word, RUSSIAN);
    case 'hy':
      return armenianKey(word);
    case 'tr':
      return stripOnce(word, TRANSLIT);
  }
}

/** The matching key of one skeleton word in one language's inflection. Numbers keep their form. */
export function stemKeyIn(word: string, family: StemFamily): string {
  const cache = caches[family];
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  const first = word.charCodeAt(0);
  const key = first >= 0x30 && first <= 0x39 ? word : computeKey(word, family);
  // Bounded: ad vocabularies are Zipfian, and a leak here would grow with every ad scored.
  if (cache.size < 100_000) cache.set(word, key);
  return key;
}
