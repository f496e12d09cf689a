import type { FoldedWord } from './text-normalise.js';
import { foldPhrase } from './text-normalise.js';
import { stemKey } from './stem-key.js';

/** A word of the ad, folded, with its matching key. */
export type KeyedWord = FoldedWord;

/** A match of one phrase: first and last word index, and the phrase's owner. */
export interface PhraseMatch<T> {
  owner: T;
  firstWord: number;
  lastWord: number;
}

interface PhraseToken {
  /** Stem key for whole-word tokens, or the folded prefix for `prefix*` tokens. */
  value: string;
  prefix: boolean;
}

interface CompiledPhrase<T> {
  tokens: PhraseToken[];
  maxGap: number;
  owner: T;
}

/**
 * Many-phrase matcher over folded words. Phrases are indexed by their first token, so matching
 * costs one or two map lookups per word of the ad however many phrases are loaded.
 */
export class PhraseMatcher<T> {
  private readonly byKey = new Map<string, CompiledPhrase<T>[]>();
  private readonly byPrefix = new Map<string, CompiledPhrase<T>[]>();

  /**
   * Adds a phrase. Words match in any inflection; a word ending in `*` matches any word starting
   * with it. Up to `maxGap` other words may stand between consecutive phrase words.
   * Returns false when the phrase folds to nothing (e.g. only punctuation).
   */
  add(phrase: string, owner: T, maxGap = 1): boolean {
    const tokens: PhraseToken[] = [];
    for (const raw of phrase.trim().split(/\s+/u)) {
      const prefix = raw.length > 1 && raw.endsWith('*');
      const folded = foldPhrase(prefix ? raw.slice(0, -1) : raw);
      for (const part of folded.split(' ').filter((p) => p.length > 0))
        tokens.push({ value: prefix ? part : stemKey(part), prefix });
    }
    const first = tokens[0];
    if (first === undefined) return false;
    const compiled: CompiledPhrase<T> = { tokens, maxGap, owner };
    const index = first.prefix ? this.byPrefix : this.byKey;
    const slot = first.prefix ? first.value.slice(0, 3) : first.value;
    const list = index.get(slot) ?? [];
    // The same phrase for the same owner (e.g. "Dubai" and "Dubay" fold alike) is kept once.
    const signature = JSON.stringify(tokens);
    if (list.some((p) => p.owner === owner && JSON.stringify(p.tokens) === signature)) return true;
    list.push(compiled);
    index.set(slot, list);
    return true;
  }

  /** All phrase matches in the ad's words, in word order. */
  match(words: readonly KeyedWord[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      const exact = this.byKey.get(word.key);
      if (exact) for (const p of exact) this.tryAt(p, words, i, matches);
      if (this.byPrefix.size > 0) {
        const prefixed = this.byPrefix.get(word.word.slice(0, 3));
        if (prefixed) for (const p of prefixed) this.tryAt(p, words, i, matches);
      }
    }
    return matches;
  }

  private tryAt(
    phrase: CompiledPhrase<T>,
    words: readonly KeyedWord[],
    start: number,
    out: PhraseMatch<T>[],
  ): void {
    if (!tokenMatches(phrase.tokens[0], words[start])) return;
    let at = start;
    for (let t = 1; t < phrase.tokens.length; t++) {
      const token = phrase.tokens[t];
      let found = -1;
      for (let j = at + 1; j <= at + 1 + phrase.maxGap && j < words.length; j++)
        if (tokenMatches(token, words[j])) {
          found = j;
          break;
        }
      if (found === -1) return;
      at = found;
    }
    out.push({ owner: phrase.owner, firstWord: start, lastWord: at });
  }
}

function tokenMatches(token: PhraseToken, word: KeyedWord): boolean {
  return token.prefix ? word.word.startsWith(token.value) : word.key === token.value;
}
