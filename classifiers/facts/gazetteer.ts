import type { DestinationFact, EvidenceSpan } from '../assessment.types.js';
import type { placesFileSchema, categoriesFileSchema } from '../rules/indicator.schema.js';
import type { z } from 'zod';
import { PhraseMatcher } from '../text/phrase.matcher.js';
import type { KeyedWord, PhraseMatch, TermLang } from '../text/phrase.matcher.js';
import type { TermGroup } from '../rules/indicator.schema.js';

type Places = z.output<typeof placesFileSchema>;
type Categories = z.output<typeof categoriesFileSchema>;

export interface Place {
  country: string;
  city?: string;
}

/** Words before and after a place within which an offer word makes it the offer's destination. */
const OFFER_WORDS_BEFORE = 3;
const OFFER_WORDS_AFTER = 2;

/** The language a group of terms is matched in (see `TermLang`). */
const GROUP_LANG: Readonly<Record<TermGroup, TermLang>> = {
  en: 'en',
  ru: 'ru',
  hy: 'hy',
  translit: 'tr',
  any: 'any',
};

/** Destinations (countries and cities in any of the three languages) and job categories. */
export class Gazetteer {
  readonly home: string;
  readonly places = new PhraseMatcher<Place>();
  readonly categories = new PhraseMatcher<string>();
  /** Words that offer work or travel ("work", "работа", "աշխատանք", "flight", "виза"). */
  readonly offerWords = new PhraseMatcher<true>();
  private readonly categoryOrder: string[];

  constructor(places: Places, categories: Categories) {
    this.home = places.home;
    for (const [group, phrases] of Object.entries(places.offerContext))
      for (const phrase of phrases ?? [])
        this.offerWords.add(phrase, true, 0, GROUP_LANG[group as TermGroup]);
    for (const [country, entry] of Object.entries(places.countries)) {
      const countryPlace: Place = { country };
      for (const name of entry.names) this.places.add(name, countryPlace, 0);
      for (const [city, names] of Object.entries(entry.cities ?? {})) {
        const cityPlace: Place = { country, city };
        for (const name of [city, ...names]) this.places.add(name, cityPlace, 0);
      }
    }
    this.categoryOrder = Object.keys(categories.categories);
    for (const [id, phrases] of Object.entries(categories.categories))
      for (const phrase of phrases) this.categories.add(phrase, id, 0);
  }

  /**
   * Destinations named in the ad, in order, each with the words that name it and whether work or
   * travel is offered there (an offer word just before or after it: "работа в Дубае", "group
   * leaves for Moscow"), as opposed to a head office or a client base. Armenian writes place
   * names with a capital letter, which keeps "կատարում" (performs) apart from Qatar, and so does
   * English ("rooms" is not Rome), but not an ad typed in translit.
   */
  destinations(
    words: readonly KeyedWord[],
    toSpan: (first: number, last: number) => EvidenceSpan,
    matches: readonly PhraseMatch<Place>[] = this.places.match(words),
    offers: readonly PhraseMatch<true>[] = this.offerWords.match(words),
    translit = false,
  ): DestinationFact[] {
    const facts: DestinationFact[] = [];
    for (const m of matches) {
      const span = toSpan(m.firstWord, m.lastWord);
      const script = words[m.firstWord]?.script;
      if (script === 'armenian' && !startsUpperCase(span.text)) continue;
      // English capitalises names too ("rooms" is not Rome); translit typists often do not.
      if (script === 'latin' && !translit && !startsUpperCase(span.text)) continue;
      const fact: DestinationFact = { country: m.owner.country, span };
      if (m.owner.city !== undefined) fact.city = m.owner.city;
      fact.offered = offers.some(
        (o) =>
          o.firstWord <= m.lastWord + OFFER_WORDS_AFTER &&
          o.lastWord >= m.firstWord - OFFER_WORDS_BEFORE,
      );
      facts.push(fact);
    }
    return facts;
  }

  /** The job category mentioned most often, if any (ties go to the one listed first). */
  category(
    words: readonly KeyedWord[],
    matches: readonly PhraseMatch<string>[] = this.categories.match(words),
  ): string | undefined {
    const counts = new Map<string, number>();
    for (const m of matches) counts.set(m.owner, (counts.get(m.owner) ?? 0) + 1);
    let best: string | undefined;
    let bestCount = 0;
    for (const id of this.categoryOrder) {
      const n = counts.get(id) ?? 0;
      if (n > bestCount) {
        best = id;
        bestCount = n;
      }
    }
    return best;
  }
}

function startsUpperCase(text: string): boolean {
  const first = text.charAt(0);
  return first !== first.toLowerCase();
}
