import type { FoldedWord, FoldedWordForm } from './text-normalise.js';
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

export interface CompiledPhrase<T> {
  tokens: PhraseToken[];
  maxGap: number;
  owner: T;
}

/**
 * Matchers that can keep their memo on a word form at once. A classifier has four matchers and
 * one group of them (only the group's memo is used when it scores an ad); a matcher whose slot
 * another one took since just recomputes (tests build hundreds of matchers).
 */
const MEMO_SLOTS = 8;
let matchersCreated = 0;

/** The next memo slot, shared round-robin by matchers and matcher groups. */
function nextSlot(): number {
  return 2 * (matchersCreated++ % MEMO_SLOTS);
}

/** The memo array of a word form, created on first use. */
function slotsOf(form: FoldedWordForm): unknown[] {
  let slots = form.matcherSlots;
  if (slots === undefined) {
    slots = new Array<unknown>(2 * MEMO_SLOTS).fill(undefined);
    form.matcherSlots = slots;
  }
  return slots;
}

/**
 * Many-phrase matcher over folded words. Phrases are indexed by their first token, and the
 * phrases a word can start are remembered per distinct word (its shared `form`), so matching
 * costs one map lookup per word of the ad however many phrases are loaded.
 */
export class PhraseMatcher<T> {
  private readonly byKey = new Map<string, CompiledPhrase<T>[]>();
  private readonly byPrefix = new Map<string, CompiledPhrase<T>[]>();
  /** Where this matcher keeps its memo in `form.matcherSlots`: [owner token, candidates]. */
  private readonly slot = nextSlot();
  /**
   * Replaced whenever a phrase is added, which makes every memo of this matcher stale (and those
   * of the groups it is in, which compare it with the token they last saw).
   */
  token: object = {};

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
    this.token = {};
    return true;
  }

  /** All phrase matches in the ad's words, in word order. */
  match(words: readonly KeyedWord[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length; i++) {
      const candidates = this.candidates(words[i]);
      for (let c = 0; c < candidates.length; c++) tryAt(candidates[c], words, i, matches);
    }
    return matches;
  }

  /**
   * Phrases whose first token matches the word: exact keys first, then prefixes. Remembered on
   * the word's shared form (a form's word and key never change), so each distinct word is
   * looked up once, not at every occurrence.
   */
  private candidates(word: KeyedWord): readonly CompiledPhrase<T>[] {
    const form: FoldedWordForm = word.form;
    const slots = form.matcherSlots;
    if (slots !== undefined && slots[this.slot] === this.token)
      return slots[this.slot + 1] as CompiledPhrase<T>[];
    const list = this.findCandidates(word);
    const memo = slotsOf(form);
    memo[this.slot] = this.token;
    memo[this.slot + 1] = list;
    return list;
  }

  /** {@link candidates} without the memo. */
  findCandidates(word: KeyedWord): CompiledPhrase<T>[] {
    const list: CompiledPhrase<T>[] = [];
    for (const p of this.byKey.get(word.key) ?? [])
      if (tokenMatches(p.tokens[0], word)) list.push(p);
    if (this.byPrefix.size > 0)
      for (const p of this.byPrefix.get(word.word.slice(0, 3)) ?? [])
        if (tokenMatches(p.tokens[0], word)) list.push(p);
    return list;
  }
}

/** Adds to `out` the match of `phrase` whose first word is `words[start]`, if there is one. */
function tryAt<T>(
  phrase: CompiledPhrase<T>,
  words: readonly KeyedWord[],
  start: number,
  out: PhraseMatch<T>[],
): void {
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

function tokenMatches(token: PhraseToken, word: KeyedWord): boolean {
  return token.prefix ? word.word.startsWith(token.value) : word.key === token.value;
}

/** A phrase one word can start, and which matcher of a group it belongs to. */
interface GroupCandidate {
  matcher: number;
  phrase: CompiledPhrase<unknown>;
}

/**
 * Several matchers run in one pass over an ad's words: each word's candidates in all of them are
 * remembered together on the word's form, so a word that starts no phrase (most words) costs one
 * check instead of one per matcher. `match` gives, for each matcher, exactly what its own
 * `match` would give.
 */
export class PhraseMatcherGroup<M extends readonly PhraseMatcher<unknown>[]> {
  private readonly slot = nextSlot();
  private token = {};
  private readonly seen: object[];

  constructor(private readonly matchers: M) {
    this.seen = matchers.map((m) => m.token);
  }

  /** The matches of each matcher, in the matchers' order; each list in word order. */
  match(words: readonly KeyedWord[]): { [K in keyof M]: PhraseMatch<MatcherOwner<M[K]>>[] } {
    const { matchers } = this;
    // A phrase added to any matcher since makes the group's memos stale.
    for (let m = 0; m < matchers.length; m++)
      if (matchers[m].token !== this.seen[m]) {
        this.seen[m] = matchers[m].token;
        this.token = {};
      }
    const out: PhraseMatch<unknown>[][] = [];
    for (let m = 0; m < matchers.length; m++) out.push([]);
    for (let i = 0; i < words.length; i++) {
      const list = this.candidates(words[i]);
      for (let c = 0; c < list.length; c++) tryAt(list[c].phrase, words, i, out[list[c].matcher]);
    }
    return out as { [K in keyof M]: PhraseMatch<MatcherOwner<M[K]>>[] };
  }

  /** The word's candidates in every matcher, the first matcher's first (each in its own order). */
  private candidates(word: KeyedWord): readonly GroupCandidate[] {
    const slots = word.form.matcherSlots;
    if (slots !== undefined && slots[this.slot] === this.token)
      return slots[this.slot + 1] as GroupCandidate[];
    const list: GroupCandidate[] = [];
    this.matchers.forEach((m, matcher) => {
      for (const phrase of m.findCandidates(word)) list.push({ matcher, phrase });
    });
    const memo = slotsOf(word.form);
    memo[this.slot] = this.token;
    memo[this.slot + 1] = list;
    return list;
  }
}

type MatcherOwner<P> = P extends PhraseMatcher<infer T> ? T : never;
