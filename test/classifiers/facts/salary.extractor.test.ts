import { describe, expect, it } from 'vitest';
import { PERIOD_PATTERNS } from '../../../classifiers/facts/money.rates.js';
import { extractSalaries } from '../../../classifiers/facts/salary.extractor.js';

const first = (text: string) => extractSalaries(text)[0];

describe('extractSalaries', () => {
  it('reads amount, currency and period in each language', () => {
    expect(first('Зарплата от 3000$ в месяц')).toMatchObject({
      amount: 3000,
      currency: 'USD',
      period: 'month',
      monthlyUsd: 3000,
    });
    expect(first('Աշխատավարձը 300000 դրամ ամսական')).toMatchObject({
      amount: 300000,
      currency: 'AMD',
      period: 'month',
    });
    expect(first('salary $3,500 per month')).toMatchObject({
      amount: 3500,
      currency: 'USD',
      period: 'month',
    });
    expect(first('zarplata 1500 evro')).toMatchObject({
      amount: 1500,
      currency: 'EUR',
      period: 'unknown',
    });
  });

  it('converts daily, nightly and hourly pay to a monthly US-dollar figure', () => {
    expect(first('$100/day')?.monthlyUsd).toBe(2200);
    expect(first('50 USD per night')?.monthlyUsd).toBe(1100);
    expect(first('15 € в час')?.monthlyUsd).toBe(Math.round(15 * 1.1 * 176));
  });

  it('understands "thousand" multipliers', () => {
    expect(first('оплата 300 тыс. руб в месяц')?.amount).toBe(300_000);
    expect(first('500 հազ. դրամ')?.amount).toBe(500_000);
  });

  it('ignores numbers without a currency', () => {
    expect(extractSalaries('Возраст 18-25, рост 170, звоните 094551290')).toEqual([]);
  });

  it('spans the amount, currency and period', () => {
    const text = 'Pay: $3,500 per month, paid weekly.';
    const salary = first(text);
    expect(text.slice(salary?.span.start, salary?.span.end)).toBe('$3,500 per month');
  });

  it('finds a currency right beside the amount, with one space at most, in any script', () => {
    // The currency regexes only run where a currency sign or word can touch the amount.
    const read = (text: string) =>
      extractSalaries(text).map((f) => [f.currency, f.amount, f.span.text]);
    expect(read('3000 ₽ в месяц')).toEqual([['RUB', 3000, '3000 ₽ в месяц']]);
    expect(read('руб. 3 000')).toEqual([['RUB', 3000, 'руб. 3 000']]);
    expect(read('от 3000\u00A0$')).toEqual([['USD', 3000, '3000\u00A0$']]);
    expect(read('12\n$')).toEqual([['USD', 12, '12\n$']]);
    expect(read('֏250000 and Kč 100')).toEqual([
      ['AMD', 250000, '֏250000'],
      ['CZK', 100, 'Kč 100'],
    ]);
    expect(read('zł 4000, 7 ₩')).toEqual([
      ['PLN', 4000, 'zł 4000'],
      ['KRW', 7, '7 ₩'],
    ]);
    expect(read('USD  3000')).toEqual([]);
    expect(read('3000, $')).toEqual([]);
    expect(read('(3000) 18-25 лет')).toEqual([]);
  });

  it('finds the pay period the seven anchored period regexes it replaced would find', () => {
    // The regexes `extractSalaries` ran before `periodAfter`: the first period, in order, wins.
    const regexes = PERIOD_PATTERNS.map(
      ([period, p]) =>
        [period, new RegExp(String.raw`^[\s,.:-]{0,3}(?:\p{L}+\s){0,2}?(?:${p})`, 'iu')] as const,
    );
    const pieces = [
      ' ',
      ',',
      '.',
      ':',
      '-',
      ' - ',
      '/',
      '\n',
      '\u00a0',
      'per',
      'hour',
      'h',
      'an',
      'a',
      'month',
      'mo',
      'day',
      'week',
      'year',
      'annum',
      'night',
      'в',
      'час',
      'за',
      'месяц',
      'мес',
      'день',
      'смену',
      'ночь',
      'ամսական',
      'ամիսը',
      'ժամը',
      'օրական',
      'տարեկան',
      'v',
      'mesyac',
      'HOUR',
      'Per',
      'ſ',
      '𝐀𝐁',
      'net',
      'only',
      '5',
      '$',
      'daily',
      'weekly',
    ];
    let seed = 1;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let checked = 0;
    let withPeriod = 0;
    for (let i = 0; i < 6_000; i++) {
      let rest = '';
      for (let j = 0, k = 1 + random(6); j < k; j++)
        rest += pieces[random(pieces.length)] + (random(2) === 0 ? ' ' : '');
      const old = regexes.find(([, re]) => re.test(rest.slice(0, 40)));
      const length = old ? (old[1].exec(rest.slice(0, 40)) as RegExpExecArray)[0].length : 0;
      const source = `500$${rest}`;
      const salary = extractSalaries(source)[0];
      // "$" running into a letter is no currency: then the first salary, if any, is another one.
      if (salary?.span.start !== 0) continue;
      checked++;
      if (salary.period !== 'unknown') withPeriod++;
      expect({ rest, period: salary.period }).toEqual({ rest, period: old?.[0] ?? 'unknown' });
      // The span ends where the old regex's match ended, less trailing punctuation and spaces.
      const covered = source.slice(0, 4 + length);
      expect(covered.startsWith(salary.span.text)).toBe(true);
      expect(covered.slice(salary.span.text.length)).toMatch(/^[\s,;:.[\]"'«»]*$/u);
    }
    expect(checked).toBeGreaterThan(1_500);
    expect(withPeriod).toBeGreaterThan(200);
  });
});
