import type { FoldedWord, FoldedWordForm } from './text-normalise.js';
import { foldText } from './text-normalise.js';
import { stemKeyIn } from './stem-key.js';
import type { StemFamily } from './stem-key.js';

/** A word of the ad, folded, with its matching key. */
export type KeyedWord = FoldedWord;

/** A match of one phrase: first and last word index, and the phrase's owner. */
export interface PhraseMatch<T> {
  owner: T;
  firstWord: number;
  lastWord: number;
}

/**
 * The language a lexicon term is written in, which decides the words it may match: `en` matches
 * Latin-script words; `ru` Cyrillic words, `hy` Armenian words, and both also Latin words of an
 * ad typed in translit; `tr` (a term written in translit) only Latin words of a translit ad;
 * `any` every word (numbers and symbols, or a term the lexicon puts under `any`).
 */
export type TermLang = 'en' | 'ru' | 'hy' | 'tr' | 'any';

interface PhraseToken {
  /** Stem key for whole-word tokens (folded word for `any`), or the folded prefix for `prefix*`. */
  value: string;
  prefix: boolean;
  lang: TermLang;
}

export interface CompiledPhrase<T> {
  tokens: PhraseToken[];
  maxGap: number;
  owner: T;
}

/** The term languages whose terms a word may match, by the word's script and the ad's mode. */
const LANGS_OF_CYRILLIC: readonly TermLang[] = ['ru', 'any'];
const LANGS_OF_ARMENIAN: readonly TermLang[] = ['hy', 'any'];
const LANGS_OF_LATIN: readonly TermLang[] = ['en', 'any'];
const LANGS_OF_TRANSLIT: readonly TermLang[] = ['en', 'tr', 'ru', 'hy', 'any'];
const LANGS_OF_OTHER: readonly TermLang[] = ['any'];

function langsOf(word: KeyedWord, translit: boolean): readonly TermLang[] {
  if (word.letters === 0) return LANGS_OF_OTHER;
  switch (word.script) {
    case 'cyrillic':
      return LANGS_OF_CYRILLIC;
    case 'armenian':
      return LANGS_OF_ARMENIAN;
    case 'latin':
      return translit ? LANGS_OF_TRANSLIT : LANGS_OF_LATIN;
    default:
      return LANGS_OF_OTHER;
  }
}

/** Bit of each term language, for the per-token check in {@link tokenMatches}. */
const LANG_BIT: Readonly<Record<TermLang, number>> = { en: 1, ru: 2, hy: 4, tr: 8, any: 16 };
const maskOf = (langs: readonly TermLang[]): number =>
  langs.reduce((mask, lang) => mask | LANG_BIT[lang], 0);
const MASK_CYRILLIC = maskOf(LANGS_OF_CYRILLIC);
const MASK_ARMENIAN = maskOf(LANGS_OF_ARMENIAN);
const MASK_LATIN = maskOf(LANGS_OF_LATIN);
const MASK_TRANSLIT = maskOf(LANGS_OF_TRANSLIT);
const MASK_OTHER = maskOf(LANGS_OF_OTHER);

/** {@link langsOf} as a bit mask. */
function maskOfWord(word: KeyedWord, translit: boolean): number {
  if (word.letters === 0) return MASK_OTHER;
  switch (word.script) {
    case 'cyrillic':
      return MASK_CYRILLIC;
    case 'armenian':
      return MASK_ARMENIAN;
    case 'latin':
      return translit ? MASK_TRANSLIT : MASK_LATIN;
    default:
      return MASK_OTHER;
  }
}

/** Index of each stem family in a form's `familyKeys`. */
const FAMILY_SLOT: Readonly<Record<Exclude<TermLang, 'any'>, number>> = {
  en: 0,
  ru: 1,
  hy: 2,
  tr: 3,
};

/** The key of a word of the ad for terms of one language, remembered on the word's form. */
function wordKeyIn(word: KeyedWord, lang: TermLang): string {
  if (lang === 'any') return word.word;
  const form = word.form;
  let keys = form.familyKeys;
  if (keys === undefined) {
    keys = [undefined, undefined, undefined, undefined];
    form.familyKeys = keys;
  }
  const slot = FAMILY_SLOT[lang];
  return (keys[slot] ??= stemKeyIn(word.word, FAMILY[lang]));
}

const FAMILY: Readonly<Record<Exclude<TermLang, 'any'>, StemFamily>> = {
  en: 'en',
  ru: 'ru',
  hy: 'hy',
  tr: 'tr',
};

/** The key a word has for terms of one language. */
function keyIn(word: string, lang: TermLang): string {
  return lang === 'any' ? word : stemKeyIn(word, FAMILY[lang]);
}

/**
 * The language of each word of a term (see {@link TermLang}): a Cyrillic word is Russian, an
 * Armenian word Armenian; a Latin word is translit when the whole term is Latin and the lexicon
 * files it under translit, Russian or Armenian, and English otherwise — also the brand name in a
 * Russian phrase ("только в whatsapp"), which ads write in Latin letters whatever their language.
 */
function tokenLangs(words: readonly KeyedWord[], declared: TermLang | undefined): TermLang[] {
  const allLatin = words.every((w) => w.letters === 0 || w.script === 'latin');
  const latinLang: TermLang =
    allLatin && (declared === 'tr' || declared === 'ru' || declared === 'hy') ? 'tr' : 'en';
  return words.map((w) => {
    if (declared === 'any' || w.letters === 0) return 'any';
    if (w.script === 'cyrillic') return 'ru';
    if (w.script === 'armenian') return 'hy';
    return w.script === 'latin' ? latinLang : 'any';
  });
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
  return 4 * (matchersCreated++ % MEMO_SLOTS);
}

/** The memo array of a word form, created on first use. */
function slotsOf(form: FoldedWordForm): unknown[] {
  let slots = form.matcherSlots;
  if (slots === undefined) {
    slots = new Array<unknown>(4 * MEMO_SLOTS).fill(undefined);
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
  /**
   * Where this matcher keeps its memo in `form.matcherSlots`: [owner token, candidates] for ads
   * in their own scripts, then the same for translit ads (Latin words match more terms there).
   */
  private readonly slot = nextSlot();
  /**
   * Replaced whenever a phrase is added, which makes every memo of this matcher stale (and those
   * of the groups it is in, which compare it with the token they last saw).
   */
  token: object = {};

  /**
   * Adds a phrase. Words match in their language's inflection; a word ending in `*` matches any
   * word starting with it. Up to `maxGap` other words may stand between consecutive phrase words.
   * The phrase matches words of its own language only (see {@link TermLang}): its script says
   * which, and `lang` tells Latin-script translit (`tr`, or `ru`/`hy` for a Latin term) from
   * English, or makes the term match every language (`any`).
   * Returns false when the phrase folds to nothing (e.g. only punctuation).
   */
  add(phrase: string, owner: T, maxGap = 1, lang?: TermLang): boolean {
    const raws: { words: KeyedWord[]; prefix: boolean }[] = [];
    for (const raw of phrase.trim().split(/\s+/u)) {
      const prefix = raw.length > 1 && raw.endsWith('*');
      raws.push({ words: foldText(prefix ? raw.slice(0, -1) : raw).words, prefix });
    }
    const words = raws.flatMap((r) => r.words.map((w) => ({ w, prefix: r.prefix })));
    const langs = tokenLangs(
      words.map((x) => x.w),
      lang,
    );
    const tokens: PhraseToken[] = words.map(({ w, prefix }, i) => ({
      value: prefix ? w.word : keyIn(w.word, langs[i]),
      prefix,
      lang: langs[i],
    }));
    const first = tokens[0];
    if (first === undefined) return false;
    const compiled: CompiledPhrase<T> = { tokens, maxGap, owner };
    const index = first.prefix ? this.byPrefix : this.byKey;
    const slot = `${first.lang}:${first.prefix ? first.value.slice(0, 3) : first.value}`;
    const list = index.get(slot) ?? [];
    // The same phrase for the same owner (e.g. "Dubai" and "Dubay" fold alike) is kept once.
    const signature = JSON.stringify(tokens);
    if (list.some((p) => p.owner === owner && JSON.stringify(p.tokens) === signature)) return true;
    list.push(compiled);
    index.set(slot, list);
    this.token = {};
    return true;
  }

  /**
   * All phrase matches in the ad's words, in word order. `translit`: the ad is typed in translit,
   * so its Latin words may also match Russian, Armenian and translit terms.
   */
  match(words: readonly KeyedWord[], translit = false): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    for (let i = 0; i < words.length; i++) {
      const candidates = this.candidates(words[i], translit);
      for (let c = 0; c < candidates.length; c++) tryAt(candidates[c], words, i, translit, matches);
    }
    return matches;
  }

  /**
   * Phrases whose first token matches the word: exact keys first, then prefixes. Remembered on
   * the word's shared form (a form's word and key never change), so each distinct word is
   * looked up once, not at every occurrence.
   */
  private candidates(word: KeyedWord, translit: boolean): readonly CompiledPhrase<T>[] {
    const form: FoldedWordForm = word.form;
    const at = this.slot + (translit ? 2 : 0);
    const slots = form.matcherSlots;
    if (slots !== undefined && slots[at] === this.token)
      return slots[at + 1] as CompiledPhrase<T>[];
    const list = this.findCandidates(word, translit);
    const memo = slotsOf(form);
    memo[at] = this.token;
    memo[at + 1] = list;
    return list;
  }

  /** {@link candidates} without the memo. */
  findCandidates(word: KeyedWord, translit = false): CompiledPhrase<T>[] {
    const list: CompiledPhrase<T>[] = [];
    for (const lang of langsOf(word, translit)) {
      for (const p of this.byKey.get(`${lang}:${wordKeyIn(word, lang)}`) ?? [])
        if (tokenMatches(p.tokens[0], word, translit)) list.push(p);
      if (this.byPrefix.size > 0)
        for (const p of this.byPrefix.get(`${lang}:${word.word.slice(0, 3)}`) ?? [])
          if (tokenMatches(p.tokens[0], word, translit)) list.push(p);
    }
    return list;
  }
}

/** Adds to `out` the match of `phrase` whose first word is `words[start]`, if there is one. */
function tryAt<T>(
  phrase: CompiledPhrase<T>,
  words: readonly KeyedWord[],
  start: number,
  translit: boolean,
  out: PhraseMatch<T>[],
): void {
  let at = start;
  for (let t = 1; t < phrase.tokens.length; t++) {
    const token = phrase.tokens[t];
    let found = -1;
    for (let j = at + 1; j <= at + 1 + phrase.maxGap && j < words.length; j++)
      if (tokenMatches(token, words[j], translit)) {
        found = j;
        break;
      }
    if (found === -1) return;
    at = found;
  }
  out.push({ owner: phrase.owner, firstWord: start, lastWord: at });
}

function tokenMatches(token: PhraseToken, word: KeyedWord, translit: boolean): boolean {
  if ((maskOfWord(word, translit) & LANG_BIT[token.lang]) === 0) return false;
  return token.prefix
    ? word.word.startsWith(token.value)
    : wordKeyIn(word, token.lang) === token.value;
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
  match(
    words: readonly KeyedWord[],
    translit = false,
  ): { [K in keyof M]: PhraseMatch<MatcherOwner<M[K]>>[] } {
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
      const list = this.candidates(words[i], translit);
      for (let c = 0; c < list.length; c++)
        tryAt(list[c].phrase, words, i, translit, out[list[c].matcher]);
    }
    return out as { [K in keyof M]: PhraseMatch<MatcherOwner<M[K]>>[] };
  }

  /** The word's candidates in every matcher, the first matcher's first (each in its own order). */
  private candidates(word: KeyedWord, translit: boolean): readonly GroupCandidate[] {
    const at = this.slot + (translit ? 2 : 0);
    const slots = word.form.matcherSlots;
    if (slots !== undefined && slots[at] === this.token) return slots[at + 1] as GroupCandidate[];
    const list: GroupCandidate[] = [];
    this.matchers.forEach((m, matcher) => {
      for (const phrase of m.findCandidates(word, translit)) list.push({ matcher, phrase });
    });
    const memo = slotsOf(word.form);
    memo[at] = this.token;
    memo[at + 1] = list;
    return list;
  }
}

type MatcherOwner<P> = P extends PhraseMatcher<infer T> ? T : never;
