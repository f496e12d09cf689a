import { describe, expect, it } from 'vitest';
import { campaignTemplate, TemplatePartKind } from '../../../classifiers/index.js';
import { RU_OFFER, RU_OFFER_TRANSLIT, reordered } from './campaign-ads.fixture.js';

describe('campaignTemplate', () => {
  const ads = [
    { id: 'a', title: 'Официантки в Стамбул', text: RU_OFFER },
    { id: 'b', title: 'Работа в Турции', text: reordered(RU_OFFER_TRANSLIT) },
    {
      id: 'c',
      title: 'Стамбул, ресторан',
      text: RU_OFFER.replace('+7 915 123-45-67', '8 999 000-11-22'),
    },
  ];
  const template = campaignTemplate(ads);

  it('cuts the first ad into consecutive parts that make up its whole text', () => {
    expect(template.adId).toBe('a');
    expect(template.parts.map((p) => p.text).join('')).toBe(template.source);
    for (const [i, part] of template.parts.entries()) {
      expect(template.source.slice(part.start, part.end)).toBe(part.text);
      if (i > 0) expect(part.start).toBe(template.parts[i - 1]?.end);
    }
  });

  it('marks the rotated parts as slots and the rewritten title as varying', () => {
    const kindOf = (text: string): string | undefined =>
      template.parts.find((p) => p.text.includes(text))?.kind;
    expect(kindOf('Официантки')).toBe(TemplatePartKind.Varying);
    expect(kindOf('чаевые остаются вам')).toBe(TemplatePartKind.Shared);
    expect(kindOf('+7 915 123-45-67')).toBe(TemplatePartKind.Slot);
    expect(kindOf('@istanbul_job')).toBe(TemplatePartKind.Slot);
    // A sentence moved elsewhere in another ad still counts as shared.
    expect(kindOf('Знание турецкого')).toBe(TemplatePartKind.Shared);
  });

  it('gives the share of the other ads that have each part', () => {
    const shared = template.parts.filter((p) => p.kind === TemplatePartKind.Shared);
    expect(shared.every((p) => p.share >= 0.5 && p.share <= 1)).toBe(true);
    expect(campaignTemplate([ads[0]]).parts.every((p) => p.share === 1)).toBe(true);
  });

  it('refuses an empty campaign', () => {
    expect(() => campaignTemplate([])).toThrow(/no ads/u);
  });
});
