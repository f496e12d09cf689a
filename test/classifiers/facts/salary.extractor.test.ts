import { describe, expect, it } from 'vitest';
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
});
