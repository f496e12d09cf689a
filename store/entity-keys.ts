import { contactKeys } from './ad.types.js';

/** What kind of contact an entity is. Telegram channels are Telegram handles (one namespace). */
export const EntityKind = {
  Phone: 'phone',
  Email: 'email',
  Handle: 'handle',
  Link: 'link',
  Employer: 'employer',
} as const;
export type EntityKind = (typeof EntityKind)[keyof typeof EntityKind];

/** Messenger platforms whose handles are entities (`telegram:name`). */
export const messengerPlatforms = [
  'telegram',
  'whatsapp',
  'viber',
  'instagram',
  'vk',
  'facebook',
] as const;

/** An entity key taken apart: `tel:+374...`, `telegram:jobs`, `employer:ромашка`. */
export interface ParsedEntityKey {
  key: string;
  kind: EntityKind;
  /** The messenger, for handles. */
  platform?: string;
  /** The key without its prefix. */
  value: string;
}

export const maxEntityKeyChars = 300;

/** The fields of an ad its entity keys come from. */
export interface EntitySourceAd {
  url: string;
  employer?: string;
  classification?: { facts: Record<string, unknown> };
}

/**
 * Every entity key of an ad: its contacts (phones, e-mails, handles), the links in its text that
 * are not messenger links, the Telegram channel it was posted in, and its employer. Sorted.
 */
export function adEntityKeys(ad: EntitySourceAd): string[] {
  const facts = ad.classification?.facts ?? {};
  const keys = new Set(contactKeys(facts));
  for (const key of linkKeys(facts)) keys.add(key);
  const channel = telegramChannelOf(ad.url);
  if (channel) keys.add(`telegram:${channel}`);
  const employer = ad.employer ? normaliseEmployer(ad.employer) : '';
  if (employer) keys.add(`employer:${employer}`);
  return [...keys].filter((k) => k.length <= maxEntityKeyChars).sort();
}

/**
 * Legal-form words dropped from employer names, lower-case and without dots: English, Russian
 * and Armenian (ՍՊԸ = LLC, ՓԲԸ = CJSC, ԲԲԸ = OJSC, ԱՁ = sole proprietor).
 */
const legalForms = new Set([
  'llc',
  'ltd',
  'limited',
  'inc',
  'corp',
  'co',
  'plc',
  'llp',
  'cjsc',
  'ojsc',
  'jsc',
  'gmbh',
  'ооо',
  'оао',
  'зао',
  'пао',
  'ао',
  'ип',
  'тоо',
  'чп',
  'սպը',
  'փբը',
  'բբը',
  'աձ',
  'ա/ձ',
  'spy',
  'spe',
]);

/**
 * An employer name as one key: legal-form words, quotes and case removed, punctuation at word
 * ends dropped, whitespace collapsed. `ООО «Ромашка»` and `"Ромашка" ооо` give `ромашка`.
 */
export function normaliseEmployer(name: string): string {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[«»"“”„‟'‘’`‹›]/gu, ' ')
    .split(/\s+/u)
    .map((word) => word.replace(/^[.,;:()]+|[.,;:()]+$/gu, ''))
    .filter((word) => word && !legalForms.has(word.replace(/\./gu, '')));
  return words.join(' ');
}

/** A link as one key: without scheme, `www.`, fragment and trailing slash, lower-case. */
export function normaliseLink(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//u, '')
    .replace(/^www\./u, '')
    .replace(/#.*$/u, '')
    .replace(/[/?.,;:!)]+$/u, '');
}

/** The channel of a post at `https://t.me/<channel>/<id>` (or `t.me/s/...`), lower-case. */
export function telegramChannelOf(url: string): string | undefined {
  const m = /^https?:\/\/(?:t|telegram)\.me\/(?:s\/)?([a-z]\w{3,})\/\d+/iu.exec(url);
  return m?.[1]?.toLowerCase();
}

interface SpanLike {
  start?: unknown;
  text?: unknown;
}

/** Keys of the links in an ad's facts, leaving out those that gave a messenger handle. */
function linkKeys(facts: Record<string, unknown>): string[] {
  const spans = (name: string): SpanLike[] =>
    Array.isArray(facts[name]) ? (facts[name] as SpanLike[]) : [];
  const handleStarts = new Set(
    (Array.isArray(facts.handles) ? (facts.handles as { span?: SpanLike }[]) : []).map(
      (h) => h.span?.start,
    ),
  );
  const keys: string[] = [];
  for (const link of spans('links')) {
    if (typeof link.text !== 'string' || handleStarts.has(link.start)) continue;
    const value = normaliseLink(link.text);
    if (value) keys.push(`link:${value}`);
  }
  return keys;
}

/** A key taken apart, or undefined when it is not one adwatch makes. */
export function parseEntityKey(key: string): ParsedEntityKey | undefined {
  if (key.length > maxEntityKeyChars) return undefined;
  const colon = key.indexOf(':');
  if (colon < 1) return undefined;
  const prefix = key.slice(0, colon);
  const value = key.slice(colon + 1);
  if (!value || value !== value.trim()) return undefined;
  if (prefix === 'tel')
    return /^\+\d{6,15}$/u.test(value) ? { key, kind: 'phone', value } : undefined;
  if (prefix === 'email') return value.includes('@') ? { key, kind: 'email', value } : undefined;
  if (prefix === 'link') return { key, kind: 'link', value };
  if (prefix === 'employer') return { key, kind: 'employer', value };
  if ((messengerPlatforms as readonly string[]).includes(prefix))
    return { key, kind: 'handle', platform: prefix, value };
  return undefined;
}

/** What the dashboard shows for a key: `+374...`, `@name (telegram)`, the link, the e-mail. */
export function entityDisplay(parsed: ParsedEntityKey): string {
  if (parsed.kind === 'handle') return `${parsed.platform ?? ''}: ${parsed.value}`;
  return parsed.value;
}
