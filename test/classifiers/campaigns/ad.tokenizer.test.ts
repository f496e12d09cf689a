import { describe, expect, it } from 'vitest';
import { findContacts, Slot } from '../../../classifiers/campaigns/ad.contacts.js';
import { adSource, tokenizeAd } from '../../../classifiers/campaigns/ad.tokenizer.js';
import { shingleSet, TITLE_SENTENCE } from '../../../classifiers/campaigns/shingle.hasher.js';

const tokens = (text: string): string[] =>
  tokenizeAd(text, findContacts(text).ranges).map((t) => t.text);

describe('tokenizeAd', () => {
  it('replaces phones, e-mails, links, handles and numbers by slots', () => {
    expect(
      tokens(
        'Зарплата 2 000$, звоните +374 94 55 12 90, пишите jobs@example.am, https://t.me/job_am или @job_am',
      ),
    ).toEqual([
      'zarplata',
      Slot.Number,
      'zvonite',
      Slot.Number, // a phone reads as a number
      'piSite',
      Slot.Email,
      Slot.Link,
      'ili',
      Slot.Handle,
    ]);
  });

  it('folds scripts, look-alikes and emoji the way the classifier does', () => {
    expect(tokens('Работа')).toEqual(tokens('rabota'));
    expect(tokens('Рабoта в Дуб🌴ае')).toEqual(tokens('Работа в Дубае'));
    expect(tokens('աշխատանք')).toEqual(tokens('ashxatanq'));
    expect(tokens('Սպասք և աման')).toEqual(tokens('spasq ev aman'));
  });

  it('keeps letters glued to a number, with the digits as "#"', () => {
    expect(tokens('3000usd')).toEqual(['#usd']);
  });

  it('numbers sentences at . ! ? ; … ։ and line breaks, not inside 8.5 or a link', () => {
    const text =
      'One two. Three 8.5 four! Five? Six; seven… eight։ nine\nten www.example.am/x eleven';
    const sentences = tokenizeAd(text, findContacts(text).ranges).map((t) => t.sentence);
    expect(sentences).toEqual([0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7, 7, 7]);
  });

  it('puts the title before the body as a line of its own', () => {
    expect(adSource({ title: 'Hostess', text: 'Dubai' })).toBe('Hostess\nDubai');
    expect(adSource({ title: '', text: 'Dubai' })).toBe('Dubai');
  });
});

describe('shingleSet', () => {
  const set = (text: string, bodyStart = 0): ReturnType<typeof shingleSet> =>
    shingleSet(tokenizeAd(text, findContacts(text).ranges), 3, 1, bodyStart);

  it('gives the same set for sentences in another order', () => {
    expect([...set('One two three four. Five six seven.').hashes]).toEqual([
      ...set('Five six seven. One two three four.').hashes,
    ]);
  });

  it('makes one shingle of a short sentence and none of a line of slots only', () => {
    expect(set('Hello there. +374 94 55 12 90').hashes).toHaveLength(1);
  });

  it('marks the shingles of the title and numbers body sentences from 0', () => {
    const s = set('Hostess job\nDubai club work. Paid flights here.', 'Hostess job\n'.length);
    expect([...s.sentences].sort()).toEqual([0, 1, TITLE_SENTENCE]);
  });
});
