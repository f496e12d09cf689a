import { findContacts } from './ad.contacts.js';
import { adSource, tokenizeAd } from './ad.tokenizer.js';
import { campaignSettings } from './campaign.settings.js';
import type { CampaignSettings } from './campaign.settings.js';
import { forEachShingle, setHas, shingleSet } from './shingle.hasher.js';
import { InputError } from '../../core/index.js';

export const TemplatePartKind = {
  /** Words most of the campaign's other ads have too: the template. */
  Shared: 'shared',
  /** Words most other ads do not have: a rewritten title or sentence. */
  Varying: 'varying',
  /** A phone, e-mail, link, handle or number: the parts a campaign rotates. */
  Slot: 'slot',
} as const;
export type TemplatePartKind = (typeof TemplatePartKind)[keyof typeof TemplatePartKind];

/** A stretch of the first ad's text (`title + "\n" + text`, or `text`), as UTF-16 offsets. */
export interface TemplatePart {
  start: number;
  end: number;
  text: string;
  kind: TemplatePartKind;
  /** Share of the other ads that have these words (0–1; 1 for a campaign of one ad). */
  share: number;
}

/** A campaign's template, for its page: the first ad's text cut into shared and varying parts. */
export interface CampaignTemplate {
  adId: string;
  source: string;
  /** Consecutive parts that together are exactly `source`. */
  parts: TemplatePart[];
}

/**
 * The template of a campaign: the first of `ads` (pass them earliest first) is aligned to the
 * others by shingles, so a sentence moved elsewhere still counts as shared. A word is shared with
 * another ad when a shingle that covers it is in that ad; it is part of the template when at least
 * half of the other ads share it.
 */
export function campaignTemplate(
  ads: readonly { id: string; title?: string; text: string }[],
  overrides: Partial<CampaignSettings> = {},
): CampaignTemplate {
  const [first, ...others] = ads;
  if (first === undefined)
    throw new InputError(
      'campaignTemplate: no ads given; pass the ads of one campaign, earliest first.',
    );
  const { shingleWords, seed } = campaignSettings(overrides);
  const source = adSource(first);
  const tokens = tokenizeAd(source, findContacts(source).ranges);
  const otherSets = others.map((ad) => {
    const text = adSource(ad);
    return shingleSet(tokenizeAd(text, findContacts(text).ranges), shingleWords, seed).hashes;
  });
  // sharedBy[token * others + j]: the j-th other ad has a shingle covering the token.
  const sharedBy = new Uint8Array(tokens.length * others.length);
  forEachShingle(tokens, shingleWords, seed, (hash, from, to) => {
    otherSets.forEach((set, j) => {
      if (setHas(set, hash)) for (let t = from; t < to; t++) sharedBy[t * others.length + j] = 1;
    });
  });
  const parts: TemplatePart[] = [];
  tokens.forEach((token, t) => {
    let count = 0;
    for (let j = 0; j < others.length; j++) count += sharedBy[t * others.length + j];
    const share = others.length === 0 ? 1 : count / others.length;
    const kind = token.text.startsWith('#')
      ? TemplatePartKind.Slot
      : share >= 0.5
        ? TemplatePartKind.Shared
        : TemplatePartKind.Varying;
    const last = parts[parts.length - 1];
    if (last !== undefined && last.kind === kind) {
      last.share = Math.min(last.share, share);
      return;
    }
    if (last !== undefined) last.end = token.start;
    parts.push({ start: last === undefined ? 0 : token.start, end: 0, text: '', kind, share });
  });
  if (parts.length === 0)
    parts.push({ start: 0, end: 0, text: '', kind: TemplatePartKind.Shared, share: 1 });
  parts[parts.length - 1].end = source.length;
  for (const part of parts) part.text = source.slice(part.start, part.end);
  return { adId: first.id, source, parts };
}
