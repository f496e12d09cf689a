/**
 * The only place adwatch touches `natural`. Importing it through here guarantees the dotenv
 * banner is silenced first (see `natural-quiet.ts`).
 */
import { createRequire } from 'node:module';
import './natural-quiet.js';

/** The part of `natural` adwatch uses. */
interface NaturalStemmers {
  PorterStemmer: { stem(word: string): string };
  PorterStemmerRu: { stem(word: string): string };
}

// Loaded through require so that TypeScript never reads natural's typings: they pull in its .ts
// sources, which do not compile under this project's settings (verbatimModuleSyntax).
const natural = createRequire(import.meta.url)('natural') as NaturalStemmers;

/** English Porter stemmer ("recruiting" → "recruit"). */
export function stemEnglish(word: string): string {
  return natural.PorterStemmer.stem(word);
}

/** Russian Porter stemmer ("бесплатное" → "бесплатн"). */
export function stemRussian(word: string): string {
  return natural.PorterStemmerRu.stem(word);
}
