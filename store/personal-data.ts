import {
  classifiedText,
  type AdRecord,
  type AdVersion,
  type StoredClassification,
  type StoredEvidenceSpan,
} from './ad.types.js';
import { adEntityKeys } from './entity-keys.js';
import { adSearchTerms } from './search-terms.js';

/** What masked personal data reads as: one per UTF-16 unit, so every offset stays valid. */
export const maskChar = '•';

/** The facts that are contacts of a person: their spans are masked and the lists emptied. */
const contactFacts = ['phones', 'emails', 'handles', 'links'] as const;

/**
 * Text that reads as a contact even where the classifier found none (an older classification,
 * a field it does not read): e-mail addresses, links and @handles. Phone numbers are left to the
 * classifier's facts, since a pattern for them also takes salaries and dates.
 */
const contactPatterns = [
  /[^\s@]+@[^\s@]+\.[^\s@]+/gu,
  /\bhttps?:\/\/\S+/giu,
  /\b(?:t\.me|wa\.me|vk\.com|instagram\.com|facebook\.com|viber\.click)\/\S+/giu,
  /(?<![\w@])@[\w.]{3,}/gu,
];

/** The fields of an ad whose personal data can be reduced. */
export type ReducibleAd = Pick<
  AdRecord,
  | 'url'
  | 'title'
  | 'body'
  | 'employer'
  | 'location'
  | 'salaryText'
  | 'contactText'
  | 'contentHash'
  | 'classification'
  | 'versions'
>;

/** The fields of a reduced ad, as they replace the stored ones. */
export interface ReducedAdFields {
  title: string;
  body: string;
  employer?: string;
  location?: string;
  salaryText?: string;
  contactText?: string;
  classification?: StoredClassification;
  versions: AdVersion[];
  contacts: string[];
  /** Recomputed from the masked text: a masked phone number is no longer found by search. */
  searchTerms: string[];
}

/** The fields after the title, in the order classifiedText joins them. */
const textFields = ['body', 'employer', 'location', 'salaryText', 'contactText'] as const;
type TextField = (typeof textFields)[number];

/**
 * The ad with its personal data reduced: the contacts the classifier found (phones, e-mails,
 * messenger handles, links), anything else that reads as an e-mail, link or handle, and the
 * whole contact field are masked character by character, so that the evidence offsets of its
 * indicators still point at the same words; the contact facts are emptied, the entity keys
 * recomputed (the employer and Telegram channel stay) and earlier texts dropped (their hashes
 * stay). Score, indicators, language and the content hash of the original text are kept.
 */
export function reducePersonalData(ad: ReducibleAd): ReducedAdFields {
  const text = `${ad.title}\n${classifiedText(ad)}`;
  const classification = ad.classification;
  // Offsets of the facts point into the text only if they were found in this very text.
  const current = classification?.contentHash === ad.contentHash;
  const ranges: Array<[number, number]> = [...patternRanges(text)];
  if (classification && current) {
    for (const name of contactFacts) {
      for (const fact of listOf(classification.facts[name])) {
        const span = spanOf(fact);
        if (span) ranges.push([span.start, span.end]);
      }
    }
  }
  const starts = fieldStarts(ad);
  if (ad.contactText && starts.contactText !== undefined)
    ranges.push([starts.contactText, starts.contactText + ad.contactText.length]);
  const masked = mask(text, ranges);

  const reduced: ReducedAdFields = {
    title: masked.slice(0, ad.title.length),
    body: '',
    versions: ad.versions.map((version) => ({
      title: '',
      body: '',
      contentHash: version.contentHash,
      seenUntil: version.seenUntil,
      ...(version.captureId ? { captureId: version.captureId } : {}),
    })),
    contacts: [],
    searchTerms: [],
  };
  for (const field of textFields) {
    const start = starts[field];
    const value = ad[field];
    if (start !== undefined && value) reduced[field] = masked.slice(start, start + value.length);
  }
  if (classification) {
    const facts = { ...classification.facts };
    for (const name of contactFacts) if (name in facts) facts[name] = [];
    const maskSpan = (span: StoredEvidenceSpan): StoredEvidenceSpan => ({
      ...span,
      text: current
        ? masked.slice(span.start, span.end)
        : mask(span.text, [...patternRanges(span.text)]),
    });
    reduced.classification = {
      ...classification,
      facts,
      indicators: classification.indicators.map((indicator) => ({
        ...indicator,
        evidence: indicator.evidence.map(maskSpan),
      })),
    };
  }
  reduced.searchTerms = adSearchTerms(reduced);
  reduced.contacts = adEntityKeys({
    url: ad.url,
    ...(reduced.employer ? { employer: reduced.employer } : {}),
    ...(reduced.classification ? { classification: reduced.classification } : {}),
  });
  return reduced;
}

/** Where each non-empty field after the title starts in `title + "\n" + classifiedText(ad)`. */
function fieldStarts(ad: ReducibleAd): Partial<Record<TextField, number>> {
  const starts: Partial<Record<TextField, number>> = {};
  let offset = ad.title.length + 1;
  for (const field of textFields) {
    const value = ad[field];
    if (!value) continue;
    starts[field] = offset;
    offset += value.length + 1;
  }
  return starts;
}

function* patternRanges(text: string): Generator<[number, number]> {
  for (const pattern of contactPatterns)
    for (const match of text.matchAll(pattern)) yield [match.index, match.index + match[0].length];
}

/** The text with every non-space UTF-16 unit inside the ranges replaced by {@link maskChar}. */
export function mask(text: string, ranges: ReadonlyArray<[number, number]>): string {
  if (ranges.length === 0) return text;
  const units = text.split('');
  for (const [start, end] of ranges) {
    for (let i = Math.max(0, start); i < Math.min(units.length, end); i++) {
      if (!/\s/u.test(units[i] ?? '')) units[i] = maskChar;
    }
  }
  return units.join('');
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** A fact's span: its `span`, or the fact itself when it is one (links). */
function spanOf(fact: unknown): { start: number; end: number } | undefined {
  if (typeof fact !== 'object' || fact === null) return undefined;
  const candidate = ('span' in fact ? fact.span : fact) as Record<string, unknown>;
  return typeof candidate?.start === 'number' && typeof candidate.end === 'number'
    ? { start: candidate.start, end: candidate.end }
    : undefined;
}
