import { foldText } from '../text/text-normalise.js';
import { Slot } from './ad.contacts.js';
import type { SlotRange } from './ad.contacts.js';

/** One token of an ad: a folded word or a slot, with the source range it stands for. */
export interface AdToken {
  text: string;
  start: number;
  end: number;
  /** Index of the sentence (or line) it belongs to; sentences are numbered from 0. */
  sentence: number;
}

/** The text an ad is compared by: its title, if any, as a line of its own before the body. */
export function adSource(ad: { title?: string; text: string }): string {
  return ad.title === undefined || ad.title === '' ? ad.text : `${ad.title}\n${ad.text}`;
}

/** Whether the characters between two tokens end a sentence: . ! ? ; … ։ (Armenian), a line break. */
function endsSentence(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    switch (source.charCodeAt(i)) {
      case 0x0a: // line feed
      case 0x0d: // carriage return
      case 0x21: // !
      case 0x3f: // ?
      case 0x3b: // ;
      case 0x2026: // …
      case 0x0589: // ։ Armenian full stop
      case 0x2022: // • bullet
        return true;
      case 0x2e: // "." ends a sentence, unless it alone joins two words or numbers (8.5, т.е)
        if (to - from > 1) return true;
        break;
      default:
    }
  }
  return false;
}

/**
 * The token for a folded word: the word itself, or {@link Slot.Number} when it is a number. The
 * fold leaves the Armenian ligature և as "եւ" (its NFKC form, which its letter table misses):
 * written here as the "ev" that translit types.
 */
function wordToken(folded: string): string {
  const word = folded.includes('եւ') ? folded.replaceAll('եւ', 'ev') : folded;
  let digits = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
  }
  if (digits === 0) return word;
  // Folding has already read digits inside letters as letters (0pyt → opyt); what is left with
  // digits is a number, perhaps with a unit glued on ("3000usd", "18let").
  return digits === word.length ? Slot.Number : word.replace(/[0-9]+/gu, '#');
}

/**
 * Tokens of an ad for near-duplicate comparison: the classifier's folding (one Latin skeleton for
 * Armenian, Cyrillic, translit and look-alike letters, emoji inside words dropped), with contacts
 * and numbers replaced by slots (phones by the number slot), a run of numbers read as one
 * ("2 000" = "2000"), and each token tagged with its sentence. `ranges` are the ad's contact ranges (`findContacts`).
 */
export function tokenizeAd(source: string, ranges: readonly SlotRange[]): AdToken[] {
  const state: TokenState = { source, tokens: [], sentence: 0, lastEnd: 0 };
  let r = 0;
  for (const word of foldText(source).words) {
    while (r < ranges.length && ranges[r].end <= word.sourceStart) {
      // A contact with no word inside (an all-symbol link is impossible, but be safe).
      if (ranges[r].start >= state.lastEnd)
        push(state, ranges[r].slot, ranges[r].start, ranges[r].end);
      r++;
    }
    const range = ranges[r];
    if (range !== undefined && range.start <= word.sourceStart) {
      if (range.start >= state.lastEnd) push(state, range.slot, range.start, range.end);
      continue;
    }
    push(state, wordToken(word.word), word.sourceStart, word.sourceEnd);
  }
  for (; r < ranges.length; r++)
    if (ranges[r].start >= state.lastEnd)
      push(state, ranges[r].slot, ranges[r].start, ranges[r].end);
  return state.tokens;
}

/** What {@link tokenizeAd} has read so far. */
interface TokenState {
  source: string;
  tokens: AdToken[];
  sentence: number;
  lastEnd: number;
}

/**
 * Adds a token (a module function, not a closure in `tokenizeAd`: tsx wraps every named closure
 * in a naming call each time it is made).
 */
function push(state: TokenState, slotOrWord: string, start: number, end: number): void {
  const { tokens } = state;
  if (tokens.length > 0 && endsSentence(state.source, state.lastEnd, start)) state.sentence++;
  // A phone number reads as a number: fake and foreign-format numbers, which the phone parser
  // rejects, then read the same as valid ones.
  const text = slotOrWord === Slot.Phone ? Slot.Number : slotOrWord;
  const last = tokens[tokens.length - 1];
  if (text === Slot.Number && last?.text === Slot.Number && last.sentence === state.sentence)
    last.end = end;
  else tokens.push({ text, start, end, sentence: state.sentence });
  state.lastEnd = end;
}
