import type { DestinationFact, EvidenceSpan } from '../assessment.types.js';
import type { placesFileSchema, categoriesFileSchema } from '../rules/indicator.schema.js';
import type { z } from 'zod';
import { PhraseMatcher } from '../text/phrase.matcher.js';
import type { KeyedWord, PhraseMatch } from '../text/phrase.matcher.js';

type Places = z.output<typeof placesFileSchema>;
type Categories = z.output<typeof categoriesFileSchema>;

export interface Place {
  country: string;
  city?: string;
}

/** Destinations (countries and cities in any of the three languages) and job categories. */
export class Gazetteer {
  readonly home: string;
  readonly places = new PhraseMatcher<Place>();
  readonly categories = new PhraseMatcher<string>();
  private readonly categoryOrder: string[];

  constructor(places: Places, categories: Categories) {
    this.home = places.home;
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

  /** Destinations named in the ad, in order, each with the words that name it. */
  destinations(
    words: readonly KeyedWord[],
    toSpan: (first: number, last: number) => EvidenceSpan,
    matches: readonly PhraseMatch<Place>[] = this.places.match(words),
  ): DestinationFact[] {
    return matches.map((m) => {
      const fact: DestinationFact = {
        country: m.owner.country,
        span: toSpan(m.firstWord, m.lastWord),
      };
      if (m.owner.city !== undefined) fact.city = m.owner.city;
      return fact;
    });
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
