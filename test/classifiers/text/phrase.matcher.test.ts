import { describe, expect, it } from 'vitest';
import { PhraseMatcher, PhraseMatcherGroup } from '../../../classifiers/text/phrase.matcher.js';
import { foldText } from '../../../classifiers/text/text-normalise.js';

function matches(phrases: string[], text: string, gap = 1, translit = false): string[] {
  const matcher = new PhraseMatcher<string>();
  for (const p of phrases) matcher.add(p, p, gap);
  const { words } = foldText(text);
  return matcher
    .match(words, translit)
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
    expect(matches(phrase, 'besplatnaya viza', 1, true)).toHaveLength(1);
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

describe('PhraseMatcherGroup', () => {
  it('gives each matcher exactly the matches of its own match(), in one pass', () => {
    const vocabulary = [
      'виза',
      'визу',
      'free',
      'visa',
      'tickets',
      'are',
      'paid',
      'Dubai',
      'Дубай',
      'Դուբայ',
      'whatsapp',
      'W h a t s A p p',
      'vatsap',
      'girls',
      'hostess',
      'хостес',
      'несовершеннолетних',
      'work',
      'abroad',
      'работа',
      'за',
      'границей',
      'Turkey',
      'Istanbul',
      'waiter',
      'cook',
      'аниматор',
      'dancer',
      'Dancers',
      'the',
      'a',
      '18-25',
      'v!za',
      'Dub🌴ai',
      'ашхатанк',
      'Yerevan',
    ];
    const phrases = [
      [
        'free visa',
        'tickets paid',
        'виза',
        'несовершеннолетн*',
        'work abroad',
        'работа за границей',
      ],
      ['whatsapp', 'vatsap', 'viber'],
      ['Dubai', 'Дубай', 'Istanbul', 'Turkey'],
      ['waiter', 'cook', 'dancer', 'hostess', 'аниматор'],
      ['girls*', 'the dancer'],
    ];
    const matchers = phrases.map((list, m) => {
      const matcher = new PhraseMatcher<string>();
      for (const p of list) matcher.add(p, `${m}:${p}`, m === 0 ? 1 : 0);
      return matcher;
    });
    const group = new PhraseMatcherGroup(matchers);
    let seed = 3;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let found = 0;
    for (let i = 0; i < 2_000; i++) {
      const parts: string[] = [];
      for (let j = 0, k = 1 + random(30); j < k; j++)
        parts.push(vocabulary[random(vocabulary.length)]);
      const { words } = foldText(parts.join(random(2) === 0 ? ' ' : ', '));
      // A phrase added midway makes the memos stale: the group must see it too.
      if (i === 1_000) matchers[2].add('Yerevan', '2:Yerevan', 0);
      if (i >= 1_000 && random(4) === 0) words.push(...foldText('Yerevan').words);
      const together = group.match(words);
      matchers.forEach((matcher, m) => expect(together[m]).toEqual(matcher.match(words)));
      found += together.flat().length;
    }
    expect(found).toBeGreaterThan(5_000);
  });
});
