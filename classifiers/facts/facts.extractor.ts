import type { AdFacts, EvidenceSpan, HandleFact, MessengerPlatform } from '../assessment.types.js';
import type { FactName } from '../rules/indicator.schema.js';
import type { KeyedWord, PhraseMatch, PhraseMatcher } from '../text/phrase.matcher.js';
import {
  extractEmails,
  extractHandles,
  extractLinks,
  extractPhones,
} from './contacts.extractor.js';
import type { Gazetteer, Place } from './gazetteer.js';
import { messengerMatcher } from './messenger-mentions.js';
import { extractAges, extractAppearance } from './person.extractor.js';
import { extractSalaries } from './salary.extractor.js';

/** Facts as numbers that indicator conditions test, with the spans that support each. */
export interface FactValues {
  value: Partial<Record<FactName, number>>;
  evidence: Partial<Record<FactName, EvidenceSpan[]>>;
}

/** Phrase matches of the fact matchers, when the caller found them already (one pass for all). */
export interface FactPhraseMatches {
  messengers: readonly PhraseMatch<MessengerPlatform>[];
  places: readonly PhraseMatch<Place>[];
  offerWords: readonly PhraseMatch<true>[];
  /** The ad is typed in translit (see `readLanguage`). */
  translit: boolean;
  categories: readonly PhraseMatch<string>[];
}

/** A messenger named this close before a phone number makes that number a messenger contact. */
const MESSENGER_PHONE_WINDOW_CHARS = 40;

/** Pulls facts out of one ad; built once per classifier. */
export class FactExtractor {
  readonly messengers: PhraseMatcher<MessengerPlatform> = messengerMatcher();

  constructor(private readonly gazetteer: Gazetteer) {}

  extract(
    source: string,
    words: readonly KeyedWord[],
    toSpan: (first: number, last: number) => EvidenceSpan,
    matches?: FactPhraseMatches,
  ): { facts: AdFacts; values: FactValues } {
    const phones = extractPhones(source);
    const emails = extractEmails(source);
    const links = extractLinks(source);
    const handles = extractHandles(source, links);
    const mentions = (matches?.messengers ?? this.messengers.match(words)).map((m) => ({
      platform: m.owner,
      span: toSpan(m.firstWord, m.lastWord),
    }));
    // A messenger named just before a phone number: that number is a messenger contact.
    for (const mention of mentions) {
      const phone = phones.find(
        (p) =>
          p.span.start >= mention.span.end &&
          p.span.start - mention.span.end <= MESSENGER_PHONE_WINDOW_CHARS,
      );
      const handle: HandleFact = {
        platform: mention.platform,
        handle: phone?.e164 ?? '',
        span: mention.span,
      };
      if (!handles.some((h) => h.span.start === handle.span.start)) handles.push(handle);
    }
    handles.sort((a, b) => a.span.start - b.span.start);
    const salaries = extractSalaries(source);
    const ages = extractAges(source);
    const appearance = extractAppearance(source);
    const destinations = this.gazetteer.destinations(
      words,
      toSpan,
      matches?.places ?? this.gazetteer.places.match(words),
      matches?.offerWords ?? this.gazetteer.offerWords.match(words),
      matches?.translit,
    );
    const category = this.gazetteer.category(
      words,
      matches?.categories ?? this.gazetteer.categories.match(words),
    );

    const facts: AdFacts = {
      phones,
      emails,
      handles,
      links,
      salaries,
      ages,
      appearance,
      destinations,
    };
    const salary = salaries.reduce<(typeof salaries)[number] | undefined>(
      (best, s) => (best === undefined || s.monthlyUsd > best.monthlyUsd ? s : best),
      undefined,
    );
    if (salary) facts.salary = salary;
    if (category) facts.category = category;

    const contacts = handles.filter((h) => h.handle !== '');
    const abroad = destinations.filter((d) => d.country !== this.gazetteer.home && d.offered);
    const disguised: EvidenceSpan[] = [];
    for (let i = 0; i < words.length; i++)
      if (words[i].form.disguised) disguised.push(toSpan(i, i));
    const minAges = ages.filter((a) => a.min !== undefined);
    const maxAges = ages.filter((a) => a.max !== undefined);
    const values: FactValues = {
      value: {
        phones: phones.length,
        emails: emails.length,
        links: links.length,
        messengerContacts: contacts.length,
        messengerMentions: handles.length,
        appearance: appearance.length,
        destinationsAbroad: abroad.length,
        disguisedWords: disguised.length,
      },
      evidence: {
        phones: phones.map((p) => p.span),
        emails: emails.map((e) => e.span),
        links,
        messengerContacts: contacts.map((h) => h.span),
        messengerMentions: handles.map((h) => h.span),
        appearance: appearance.map((a) => a.span),
        destinationsAbroad: abroad.map((d) => d.span),
        disguisedWords: disguised,
      },
    };
    if (salary) {
      values.value.salaryMonthlyUsd = salary.monthlyUsd;
      values.evidence.salaryMonthlyUsd = [salary.span];
    }
    if (minAges.length > 0) {
      values.value.ageMin = Math.min(...minAges.map((a) => a.min as number));
      values.evidence.ageMin = minAges.map((a) => a.span);
    }
    if (maxAges.length > 0) {
      values.value.ageMax = Math.min(...maxAges.map((a) => a.max as number));
      values.evidence.ageMax = maxAges.map((a) => a.span);
    }
    return { facts, values };
  }
}
