import { describe, expect, it } from 'vitest';
import {
  foldPhrase,
  foldText,
  foldWordUncached,
  segmentWords,
} from '../../../classifiers/text/text-normalise.js';

const fold = (text: string): string => foldPhrase(text);

describe('foldText', () => {
  it('folds Russian, Armenian and translit spellings of a word to one skeleton', () => {
    expect(fold('виза')).toBe(fold('viza'));
    expect(fold('վիզա')).toBe(fold('viza'));
    expect(fold('աշխատանք')).toBe(fold('ashxatanq'));
    expect(fold('աշխատանք')).toBe(fold('ashkhatank'));
    expect(fold('требуются')).toBe(fold('trebuyutsya'));
    expect(fold('массаж')).toBe(fold('massazh'));
    expect(fold('ватсап')).toBe(fold('vatsap'));
  });

  it('folds Cyrillic look-alike letters inside a Latin word ("Dubаi" with Cyrillic а)', () => {
    expect(fold('Dub\u0430i')).toBe('dubai');
    expect(fold('\u0421ash')).toBe(fold('cash'));
  });

  it('folds Latin look-alike letters and digits inside a Cyrillic word', () => {
    expect(fold('вiза')).toBe(fold('виза'));
    expect(fold('3арплата')).toBe(fold('зарплата'));
  });

  it('folds Armenian look-alike letters inside a Latin word', () => {
    expect(fold('Wօrk')).toBe(fold('Work'));
  });

  it('joins spaced-out and dotted letters', () => {
    expect(fold('W h a t s A p p')).toBe(fold('WhatsApp'));
    expect(fold('v.i.z.a')).toBe(fold('viza'));
  });

  it('reads digits and symbols used as letters inside words', () => {
    expect(fold('v!za')).toBe(fold('viza'));
    expect(fold('ca$h')).toBe(fold('cash'));
    expect(fold('0pyt')).toBe(fold('opyt'));
  });

  it('keeps prices and ages as numbers', () => {
    expect(fold('3000$ 18-25')).toBe('3000 18 25');
  });

  it('ignores emoji, invisible characters and decorations between letters', () => {
    expect(fold('vi\u200Bza')).toBe(fold('viza'));
    expect(fold('Dub🌴ai')).toBe(fold('Dubai'));
    expect(fold('💰💰 cash 💰')).toBe(fold('cash'));
  });

  it('applies NFKC and case folding (fullwidth, mathematical bold, accents)', () => {
    expect(fold('ＶＩＺＡ')).toBe(fold('viza'));
    expect(fold('𝐖𝐡𝐚𝐭𝐬𝐀𝐩𝐩')).toBe(fold('whatsapp'));
    expect(fold('vízá')).toBe(fold('viza'));
  });

  it('keeps each folded word pointing at its source characters', () => {
    const source = 'Пишите в W h a t s A p p, 🌴 Dub\u0430i!';
    const { words } = foldText(source);
    const spans = words.map((w) => source.slice(w.sourceStart, w.sourceEnd));
    expect(spans).toEqual(['Пишите', 'в', 'W h a t s A p p', 'Dub\u0430i']);
  });

  it('finds the same words as Intl.Segmenter in Armenian, Russian and English ads', () => {
    const samples = [
      'Պահանջվում են աշխատողներ Դուբայում, աշխատավարձը 3000 դոլար։',
      'Требуются девушки 18-25 лет, зарплата от 3000$ в месяц! Пишите в WhatsApp.',
      "Don't miss it: hostess jobs in Dubai, free visa (tickets paid).",
    ];
    for (const text of samples) {
      const ours = foldText(text).words.map((w) => text.slice(w.sourceStart, w.sourceEnd));
      expect(ours).toEqual(segmentWords(text).map((w) => w.word));
    }
  });

  it('splits scripts written without spaces with Intl.Segmenter', () => {
    const text = '在迪拜工作免费签证';
    expect(foldText(text).words.length).toBeGreaterThan(1);
  });

  it('finds exactly the words of its reference regular expression, in every script and disguise', () => {
    // The hand-written scanner replaced this regex; they must agree on hostile text too.
    const WORD =
      /[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]|[!|$@€'’`*_~\p{So}\p{Sk}](?=[\p{L}\p{N}\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]))*/gu;
    const texts = [
      'Dub🌴ai v!za ca$h 0pyt W.h, вiза, Vіzа! e\u0301te',
      'Պահանջվում են աշխատողներ Դուբայում։ ու ո և ը',
      '𝐖𝐡𝐚𝐭𝐬𝐀𝐩𝐩 ﬁrst \uD835 lone \uDC16 sur\u00ADro\u200Bgates',
      "a''b a'b ^x ~y_z *** !!! x! 1,000 18-25 +374 (94) 55-12-90 a@b.am",
      'ΟΔΟΣ ذهب 123 ١٢٣ ⅫⅢ ½ ²',
    ];
    for (const text of texts) {
      const ours = foldText(text).words.map((w) => [w.sourceStart, w.sourceEnd]);
      const expected = [...text.matchAll(WORD)]
        .map((m) => [m.index, m.index + m[0].length])
        .filter(([start, end]) => fold(text.slice(start, end)) !== '');
      expect(ours).toEqual(expected);
    }
  });

  it('gives every occurrence of a word the same shared form', () => {
    const { words } = foldText('visa, visa and VISA');
    expect(words[0]?.form).toBe(words[1]?.form);
    expect(words[3]?.form).not.toBe(words[0]?.form);
    expect(words[3]?.word).toBe(words[0]?.word);
  });
});

describe('foldText word cache', () => {
  it('gives every word its own fold, however many words share a cache slot', () => {
    // Far more distinct words than the first cache has slots, so that words meet in a slot.
    const letters = [...'abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщыэюяաբգդեզէըթժիլխծկ'];
    const extras = ['!', '$', '0', '7', '𝐀', 'é', '\u200B', 'Ш', 'W'];
    let seed = 5;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const vocabulary: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      let word = letters[random(letters.length)];
      for (let k = 0, n = 1 + random(8); k < n; k++)
        word += random(6) === 0 ? extras[random(extras.length)] : letters[random(letters.length)];
      vocabulary.push(word + letters[random(letters.length)]);
    }
    let compared = 0;
    for (let t = 0; t < 400; t++) {
      const text = Array.from({ length: 200 }, () => vocabulary[random(vocabulary.length)]).join(
        ' ',
      );
      const plain = foldText(text);
      // Four single letters send the text through the spaced-out path, which folds each word
      // without the first cache: both must find the same words.
      const spaced = foldText(`${text} x y z w`);
      const view = (words: typeof plain.words) =>
        words.map((w) => [w.word, w.key, w.script, w.letters, w.sourceStart, w.sourceEnd]);
      expect(view(plain.words)).toEqual(view(spaced.words).slice(0, plain.words.length));
      compared += plain.words.length;
    }
    expect(compared).toBeGreaterThan(70_000);
  });
});

describe('foldText numbers', () => {
  it('folds a word of digits as the long way does', () => {
    let seed = 17;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const numbers = ['0', '00', '1000', '18', '094551290', '3000', '11', '0000000'];
    for (let i = 0; i < 3_000; i++) {
      let digits = '';
      for (let k = 0, n = 1 + random(12); k < n; k++) digits += String(random(10));
      numbers.push(digits);
    }
    for (const digits of numbers) {
      const { words } = foldText(` ${digits} `);
      const expected = foldWordUncached(digits);
      expect(words).toHaveLength(1);
      expect([words[0].word, words[0].key, words[0].script, words[0].letters]).toEqual([
        expected.text,
        expected.key,
        expected.script,
        expected.letters,
      ]);
    }
  });
});
