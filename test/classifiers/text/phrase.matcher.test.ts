import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../../classifiers/text/phrase.matcher.js';
import { foldText } from '../../../classifiers/text/text-normalise.js';

function matches(phrases: string[], text: string, gap = 1): string[] {
  const matcher = new PhraseMatcher<string>();
  for (const p of phrases) matcher.add(p, p, gap);
  const { words } = foldText(text);
  return matcher
    .match(words)
    .map((m) => text.slice(words[m.firstWord]?.sourceStart, words[m.lastWord]?.sourceEnd));
}

describe('PhraseMatcher', () => {
  it('matches inflected forms of a lexicon word', () => {
    expect(matches(['виза'], 'оформим визу быстро')).toEqual(['визу']);
    expect(matches(['աշխատանք'], 'աշխատանքներ Դուբայում')).toEqual(['աշխատանքներ']);
    expect(matches(['dancer'], 'Dancers wanted')).toEqual(['Dancers']);
  });

  it('matches one entry in native script, translit and look-alike spellings', () => {
    const phrase = ['бесплатная виза'];
    expect(matches(phrase, 'Бесплатная виза!')).toHaveLength(1);
    expect(matches(phrase, 'besplatnaya viza')).toHaveLength(1);
    expect(matches(phrase, 'БЕСПЛАТНАЯ ВIЗА')).toHaveLength(1);
  });

  it('matches a word ending in * as a prefix', () => {
    expect(matches(['несовершеннолетн*'], 'несовершеннолетних принимаем')).toEqual([
      'несовершеннолетних',
    ]);
  });

  it('allows up to the given number of words between phrase words', () => {
    expect(matches(['tickets paid'], 'tickets are paid', 1)).toEqual(['tickets are paid']);
    expect(matches(['tickets paid'], 'tickets are not paid', 1)).toEqual([]);
    expect(matches(['tickets paid'], 'tickets are paid', 0)).toEqual([]);
  });
});
