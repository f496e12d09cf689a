import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';
import type {
  EmailFact,
  EvidenceSpan,
  HandleFact,
  MessengerPlatform,
  PhoneFact,
} from '../assessment.types.js';
import { isLetterOrDigitUnit } from '../text/char-class.js';
import { allMatches } from '../text/all-matches.js';
import { spanOf } from './evidence-span.js';

/** Phone-like runs: digits with spaces, dots, dashes and brackets, optionally led by "+". */
const PHONE_CANDIDATE = /\+?\(?\d[\d\s().\u2011-]{5,18}\d(?![\p{L}\d])/gu;

/** Parsed candidates: the same poster's number recurs across many ads. Bounded. */
const phoneCache = new Map<string, string | null>();
const EMAIL_LOCAL_CHAR = /[\p{L}\d._%+-]/u;
const EMAIL_DOMAIN = /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/u;
const URL =
  /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b(?:wa\.me|t\.me|telegram\.me|instagram\.com|vk\.com|facebook\.com|fb\.com|viber:\/\/)[^\s<>"']*/giu;

interface LinkRule {
  platform: MessengerPlatform;
  pattern: RegExp;
}

// Handle extraction from links; the handle is capture group 1.
const LINK_RULES: readonly LinkRule[] = [
  { platform: 'whatsapp', pattern: /(?:wa\.me\/|whatsapp\.com\/send\?phone=)\+?(\d{6,15})/iu },
  { platform: 'whatsapp', pattern: /chat\.whatsapp\.com\/([\w-]+)/iu },
  { platform: 'telegram', pattern: /(?:t|telegram)\.me\/([\w+]{3,})/iu },
  { platform: 'viber', pattern: /viber:\/\/\w+\?number=%?2?B?(\d{6,15})/iu },
  { platform: 'instagram', pattern: /instagram\.com\/([\w.]{2,})/iu },
  { platform: 'vk', pattern: /vk\.com\/([\w.]{2,})/iu },
  { platform: 'facebook', pattern: /(?:facebook|fb)\.com\/([\w.]{2,})/iu },
];

/** `@name` after a messenger's name ("Telegram: @jobs_dubai", "инста @model.agency"). */
const AT_HANDLE = /@([A-Za-z][\w.]{2,30}\w)/gu;

/** Finds phone numbers and normalises them to E.164; local numbers are read as Armenian. */
export function extractPhones(source: string, defaultCountry: CountryCode = 'AM'): PhoneFact[] {
  const phones: PhoneFact[] = [];
  for (const m of allMatches(PHONE_CANDIDATE, source)) {
    const raw = m[0];
    const start = m.index;
    // A lookbehind in the regex would make it scan slowly; check the character before by hand.
    if (start > 0 && isLetterOrDigitUnit(source.charCodeAt(start - 1))) continue;
    const key = `${defaultCountry}:${raw}`;
    let e164 = phoneCache.get(key);
    if (e164 === undefined) {
      e164 = parsePhone(raw, defaultCountry);
      if (phoneCache.size < 50_000) phoneCache.set(key, e164);
    }
    if (e164 === null) continue;
    phones.push({ e164, span: spanOf(source, start, start + raw.length) });
  }
  return phones;
}

/**
 * E-mail addresses, as source ranges. Scans from each "@" outwards: a single e-mail regex
 * backtracks over every letter of a long ad and costs more than all other facts together.
 */
export function findEmailRanges(source: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (let at = source.indexOf('@'); at !== -1; at = source.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && start > at - 64 && EMAIL_LOCAL_CHAR.test(source[start - 1])) start--;
    const domain = EMAIL_DOMAIN.exec(source.slice(at + 1, at + 256));
    if (start === at || !domain) continue;
    ranges.push({ start, end: at + 1 + domain[0].length });
  }
  return ranges;
}

function parsePhone(raw: string, defaultCountry: CountryCode): string | null {
  const digits = raw.replace(/\D/gu, '');
  if (digits.length < 8 || digits.length > 15) return null;
  let phone = parsePhoneNumberFromString(raw, defaultCountry);
  // Russian numbers are often written 8 (9xx) ...: retry as Russian before giving up.
  if ((!phone || !phone.isValid()) && digits.length === 11 && /^[78]/u.test(digits))
    phone = parsePhoneNumberFromString(raw, 'RU');
  return phone?.isValid() ? phone.number : null;
}

export function extractEmails(source: string): EmailFact[] {
  return findEmailRanges(source).map(({ start, end }) => ({
    email: source.slice(start, end).toLowerCase(),
    span: spanOf(source, start, end),
  }));
}

/** Cheap test before the link regex, which is slow to run over every position of a long ad. */
const MIGHT_HAVE_LINK = /https?:|www\.|\.me\/|\.com\/|viber:/iu;

export function extractLinks(source: string): EvidenceSpan[] {
  if (!MIGHT_HAVE_LINK.test(source)) return [];
  return allMatches(URL, source).map((m) => spanOf(source, m.index, m.index + m[0].length));
}

/**
 * Messenger handles from links and from `@name` written after a messenger's name. Mentions of a
 * messenger without a handle ("пишите в WhatsApp") are found by the lexicon in `facts.extractor.ts`.
 */
export function extractHandles(source: string, links: readonly EvidenceSpan[]): HandleFact[] {
  const handles: HandleFact[] = [];
  for (const link of links)
    for (const rule of LINK_RULES) {
      const m = rule.pattern.exec(link.text);
      if (m?.[1]) {
        handles.push({ platform: rule.platform, handle: m[1], span: link });
        break;
      }
    }
  if (source.includes('@'))
    for (const m of allMatches(AT_HANDLE, source)) {
      const before = source.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
      if (m.index > 0 && /[\w.]/u.test(source[m.index - 1])) continue; // an email
      const platform = platformNamedIn(before);
      if (platform)
        handles.push({
          platform,
          handle: m[1],
          span: spanOf(source, m.index, m.index + m[0].length),
        });
    }
  return handles;
}

function platformNamedIn(text: string): MessengerPlatform | undefined {
  if (/telegram|телеграм|տելեգրամ|\btg\b|\bтг\b/u.test(text)) return 'telegram';
  if (/insta|инста|ինստա/u.test(text)) return 'instagram';
  if (/whats|вотс|ватс|վաթս|вацап/u.test(text)) return 'whatsapp';
  if (/viber|вайбер|վայբեր/u.test(text)) return 'viber';
  return undefined;
}
