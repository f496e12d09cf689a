import {
  extractHandles,
  extractLinks,
  extractPhones,
  findEmailRanges,
} from '../facts/contacts.extractor.js';
import { allMatches } from '../text/all-matches.js';

/**
 * Placeholder tokens that stand for the parts a campaign rotates: every phone, e-mail, link,
 * `@handle` and number becomes one of these, so "+374 94 55 12 90" and "8 (999) 123-45-67" read
 * the same. They start with "#", which no folded word does.
 */
export const Slot = {
  Phone: '#tel',
  Email: '#email',
  Link: '#link',
  Handle: '#handle',
  Number: '#num',
} as const;
export type Slot = (typeof Slot)[keyof typeof Slot];

/** Where a contact stands in the ad, and the slot it becomes. */
export interface SlotRange {
  start: number;
  end: number;
  slot: Slot;
}

/** The contacts of an ad: its normalised keys, and the source ranges to replace by slots. */
export interface AdContacts {
  /**
   * Sorted, distinct keys in the format of the store's `contacts` index: `tel:+37494551290`
   * (E.164), `email:jobs@example.am`, `telegram:dubai_jobs` (messenger and lower-cased handle,
   * from links and from `@name` after a messenger's name).
   */
  keys: string[];
  /** Sorted and without overlaps. */
  ranges: SlotRange[];
}

/** `@name`; one after a word character or "." is part of an e-mail and is skipped. */
const AT_HANDLE = /@[\p{L}\p{N}_][\p{L}\p{N}_.]*[\p{L}\p{N}_]/gu;
const BEFORE_HANDLE = /[\p{L}\p{N}_.]/u;

/**
 * Finds an ad's contacts with the classifier's extractors. Ranges: links win over e-mails,
 * e-mails over phones, phones over handles (a link can hold a phone number, an e-mail an "@"),
 * and any `@name` is a handle slot even without a messenger's name before it.
 */
export function findContacts(source: string): AdContacts {
  const keys = new Set<string>();
  const found: SlotRange[] = [];
  const links = extractLinks(source);
  for (const link of links) found.push({ start: link.start, end: link.end, slot: Slot.Link });
  for (const range of findEmailRanges(source)) {
    found.push({ ...range, slot: Slot.Email });
    keys.add(`email:${source.slice(range.start, range.end).toLowerCase()}`);
  }
  for (const phone of extractPhones(source)) {
    found.push({ start: phone.span.start, end: phone.span.end, slot: Slot.Phone });
    keys.add(`tel:${phone.e164}`);
  }
  for (const handle of extractHandles(source, links))
    if (handle.handle !== '') keys.add(`${handle.platform}:${handle.handle.toLowerCase()}`);
  if (source.includes('@'))
    for (const m of allMatches(AT_HANDLE, source))
      if (m.index === 0 || !BEFORE_HANDLE.test(source[m.index - 1]))
        found.push({ start: m.index, end: m.index + m[0].length, slot: Slot.Handle });
  // A stable sort: at equal starts the stronger range, pushed first, stays first.
  found.sort((a, b) => a.start - b.start);
  const ranges: SlotRange[] = [];
  for (const range of found) {
    const last = ranges[ranges.length - 1];
    if (last === undefined || range.start >= last.end) ranges.push(range);
  }
  return { keys: [...keys].sort(), ranges };
}
