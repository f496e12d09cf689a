/**
 * The only place adwatch touches `natural`. Importing it through here guarantees the dotenv
 * banner is silenced first (see `natural-quiet.ts`).
 */
import './natural-quiet.js';
import natural from 'natural';

/** English Porter stemmer ("recruiting" → "recruit"). */
export function stemEnglish(word: string): string {
  return natural.PorterStemmer.stem(word);
}

/** Russian Porter stemmer ("бесплатное" → "бесплатн"). */
export function stemRussian(word: string): string {
  return natural.PorterStemmerRu.stem(word);
}
