/**
 * Light, script-independent suffix stripping on skeleton words (see `text-normalise.ts`), so that
 * inflected forms meet their lexicon entry: визу/визы/vizu → viz, աշխատանքներ/ashxatanqneri →
 * aSHatank, dancers/dancer/dance → danc. Real stemmers (natural's Porter for English and Russian)
 * need the native script; ads in translit or with look-alike letters do not have it, so matching
 * uses this stripper on both the lexicon and the ad, while the model (English) uses Porter.
 */

// Skeleton spellings of Russian, Armenian and English endings (ы→i, я→a, ը→"", doubled letters merged).
// prettier-ignore
const SUFFIXES = [
  // Armenian plural, case and article endings: -ներ, -ների, -ներին, -ով, -ում, -ից, -ին, -ի, -ն.
  'nerov', 'nerin', 'neri', 'ner', 'erov', 'erin', 'eri', 'er', 'ov', 'um', 'ic', 'in', 'n',
  // Russian noun, adjective and reflexive endings.
  'iami', 'ami', 'ogo', 'ego', 'omu', 'emu', 'imi', 'ah', 'om', 'ev', 'ei', 'oi', 'ih', 'im', 'ie',
  'ia', 'iu', 'oe', 'ee', 'ui', 'ca', 'sa', 'at', 'it', 'et', 'ut',
  // English.
  'ings', 'ing', 'ers', 'ed', 'es', 's', 'ly',
  // Vowel endings shared by all three.
  'a', 'e', 'i', 'o', 'u',
].sort((a, b) => b.length - a.length);

const MIN_STEM_LENGTH = 3;

const cache = new Map<string, string>();

/** The matching key of one skeleton word: the word without its known endings. */
export function stemKey(word: string): string {
  const cached = cache.get(word);
  if (cached !== undefined) return cached;
  // Strip repeatedly: Armenian stacks endings (Թուրքիա-յ-ում → turkia+um → turki → turk), and
  // both the lexicon and the ad go through the same loop, so they meet at the same key.
  let key = word;
  if (!/^[0-9]/u.test(word)) {
    let stripped = true;
    while (stripped) {
      stripped = false;
      for (const suffix of SUFFIXES)
        if (key.length - suffix.length >= MIN_STEM_LENGTH && key.endsWith(suffix)) {
          key = key.slice(0, key.length - suffix.length);
          stripped = true;
          break;
        }
    }
  }
  // Bounded: ad vocabularies are Zipfian, and a leak here would grow with every ad scored.
  if (cache.size < 100_000) cache.set(word, key);
  return key;
}
