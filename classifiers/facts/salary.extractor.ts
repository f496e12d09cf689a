import type { PayPeriod, SalaryFact } from '../assessment.types.js';
import { spanOf } from './evidence-span.js';
import {
  CURRENCY_PATTERNS,
  PERIOD_PATTERNS,
  PERIODS_PER_MONTH,
  USD_PER_UNIT,
} from './money.rates.js';

const currencyAlternation = CURRENCY_PATTERNS.map(([, p]) => `(?:${p})`).join('|');
const currencyRegexes = CURRENCY_PATTERNS.map(
  ([code, p]) => [code, new RegExp(`^(?:${p})$`, 'iu')] as const,
);
const MULTIPLIER = String.raw`k|к|тыс\.?|тысяч\p{L}*|հազ\.?|հազար|hazar|tys\.?|thousand|млн|mln|million|միլիոն`;

/** Amounts: "3000", "3 000", "3,000", "2.5". Scanning for digits first is far cheaper than one big regex. */
const AMOUNT = /\d{1,3}(?:[ \u00A0.,']\d{3})+(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)/gu;
const LETTER_OR_DIGIT = /[\p{L}\d]/u;
/** Currency (and multiplier) right after an amount: "3000$", "300 тыс. руб", "500 հազ. դրամ". */
const AFTER = new RegExp(
  String.raw`^\s?(?:(?<mult>${MULTIPLIER})\s?)?(?<cur>${currencyAlternation})(?![\p{L}])`,
  'iu',
);
/** Currency right before an amount: "$3000", "USD 2 500". */
const BEFORE = new RegExp(String.raw`(?<![\p{L}])(?<cur>${currencyAlternation})\s?$`, 'iu');
const MULT_AFTER_PREFIXED = new RegExp(String.raw`^\s?(?<mult>${MULTIPLIER})(?![\p{L}])`, 'iu');

const periodRegexes = PERIOD_PATTERNS.map(
  ([period, p]) =>
    [period, new RegExp(String.raw`^[\s,.:-]{0,3}(?:\p{L}+\s){0,2}?(?:${p})`, 'iu')] as const,
);

/** Parses "3 000", "3,000", "3.000", "2,5" as numbers. */
function parseAmount(raw: string): number {
  const compact = raw.replace(/[ \u00A0']/gu, '');
  if (/^\d{1,3}([.,]\d{3})+$/u.test(compact)) return Number(compact.replace(/[.,]/gu, ''));
  return Number(compact.replace(',', '.'));
}

function multiplierOf(raw: string | undefined): number {
  if (!raw) return 1;
  return /^(?:млн|mln|million|միլիոն)/iu.test(raw) ? 1_000_000 : 1_000;
}

function currencyCode(text: string): string | undefined {
  return currencyRegexes.find(([, re]) => re.test(text))?.[0];
}

/**
 * Money amounts with currency and pay period, converted to monthly US dollars. An amount without
 * a currency is not taken as pay: it is far more often an age, a height or a phone fragment.
 */
export function extractSalaries(source: string): SalaryFact[] {
  const salaries: SalaryFact[] = [];
  for (const m of source.matchAll(AMOUNT)) {
    let start = m.index;
    // Checked by hand: a lookbehind in AMOUNT makes the regex crawl over every position.
    if (start > 0 && LETTER_OR_DIGIT.test(source[start - 1])) continue;
    let end = m.index + m[0].length;
    let currency: string | undefined;
    let multiplier: string | undefined;
    const after = AFTER.exec(source.slice(end, end + 24));
    if (after) {
      currency = currencyCode(after.groups?.cur ?? '');
      multiplier = after.groups?.mult;
      end += after[0].length;
    } else {
      const before = BEFORE.exec(source.slice(Math.max(0, start - 16), start));
      if (!before) continue;
      currency = currencyCode(before.groups?.cur ?? '');
      start -= before[0].length;
      const mult = MULT_AFTER_PREFIXED.exec(source.slice(end, end + 16));
      if (mult) {
        multiplier = mult.groups?.mult;
        end += mult[0].length;
      }
    }
    if (!currency) continue;
    const amount = parseAmount(m[0]) * multiplierOf(multiplier);
    if (!Number.isFinite(amount) || amount <= 0) continue;
    let period: PayPeriod = 'unknown';
    const rest = source.slice(end, end + 40);
    for (const [p, re] of periodRegexes) {
      const pm = re.exec(rest);
      if (pm) {
        period = p;
        end += pm[0].length;
        break;
      }
    }
    const monthlyUsd = Math.round(
      amount * (USD_PER_UNIT[currency] ?? 0) * PERIODS_PER_MONTH[period],
    );
    salaries.push({ amount, currency, period, monthlyUsd, span: spanOf(source, start, end) });
  }
  return salaries;
}
