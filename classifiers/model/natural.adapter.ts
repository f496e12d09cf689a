/**
 * The only place adwatch touches `natural`. Importing it through here guarantees the dotenv
 * banner is silenced first (see `natural-quiet.ts`).
 */
import { createRequire } from 'node:module';
import './natural-quiet.js';

/** A stemmer module of `natural` (`lib/natural/stemmers/porter_stemmer*.js`). */
interface NaturalStemmer {
  stem(word: string): string;
}

// Loaded through require so that TypeScript never reads natural's typings: they pull in its .ts
// sources, which do not compile under this project's settings (verbatimModuleSyntax).
//
// Only the two stemmer files are loaded, not natural's index (the same objects it exports as
// `PorterStemmer` and `PorterStemmerRu`). The index loads every part of natural, and one of them
// invalidates V8's "ArrayConstructor" protector for the whole process, which made the classifier's
// plain string and array loops several times slower (seen with
// `node --trace-protector-invalidation`); it also cost 0.3 s at start-up.
const require = createRequire(import.meta.url);
const porterEnglish = require('natural/lib/natural/stemmers/porter_stemmer.js') as NaturalStemmer;
const porterRussian =
  require('natural/lib/natural/stemmers/porter_stemmer_ru.js') as NaturalStemmer;

/** English Porter stemmer ("recruiting" → "recruit"). */
export function stemEnglish(word: string): string {
  return porterEnglish.stem(word);
}

/** Russian Porter stemmer ("бесплатное" → "бесплатн"). */
export function stemRussian(word: string): string {
  return porterRussian.stem(word);
}
