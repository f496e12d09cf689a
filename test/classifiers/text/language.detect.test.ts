import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../classifiers/text/language.detect.js';
import { foldText } from '../../../classifiers/text/text-normalise.js';

const detect = (text: string, hint?: string): string => detectLanguage(hint, foldText(text).words);

describe('detectLanguage', () => {
  it('tells Armenian, Russian and English apart by script', () => {
    expect(detect('Պահանջվում են աշխատողներ Երևանում')).toBe('hy');
    expect(detect('Требуются работники на склад в Москве')).toBe('ru');
    expect(detect('We are hiring warehouse workers for our team')).toBe('en');
  });

  it('recognises Russian and Armenian typed in Latin letters as translit', () => {
    expect(detect('trebuyutsya devushki, zarplata vysokaya, pishite v vatsap')).toBe('translit');
    expect(detect('ashxatanq artasahmanum, ashxatavarc@ bardzr e, zangel hamarov')).toBe(
      'translit',
    );
  });

  it('calls an ad mixed when no script dominates', () => {
    expect(detect('Требуются девушки на работу в отель. Girls needed for hotel work.')).toBe(
      'mixed',
    );
  });

  it('keeps English ads with a few brand names as English', () => {
    expect(detect('Contact us on WhatsApp or Viber for the job in the hotel')).toBe('en');
  });

  it('trusts the source hint only when there is too little text to tell', () => {
    expect(detect('OK', 'ru')).toBe('ru');
    expect(detect('We are hiring warehouse workers for our team', 'ru')).toBe('en');
  });
});
