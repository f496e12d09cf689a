import type { PayPeriod, SalaryFact } from '../assessment.types.js';
import { LETTER, SPACE, charFlags } from '../text/char-class.js';
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

/**
 * Whether a currency word or sign, or a multiplier, can start (`after`) or end (`!after`) at this
 * UTF-16 unit: a letter, a currency sign, or (at the end) the dot of "руб." / "долл.". Surrogates
 * are let through. A cheap test that spares most numbers in an ad (ages, phones, dates) the
 * currency regexes, which are costly because they are case-insensitive and Unicode-aware.
 */
function mayBeCurrencyEdge(code: number, after: boolean): boolean {
  if (code < 0) return false;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return true;
  switch (code) {
    case 0x24: // $
    case 0x20ac: // €
    case 0xa3: // £
    case 0x58f: // ֏
    case 0x20bd: // ₽
    case 0x20ba: // ₺
    case 0x20be: // ₾
    case 0x20a9: // ₩
      return true;
    case 0x2e: // .
      return !after;
    default:
      return (code >= 0xd800 && code <= 0xdfff) || (charFlags(code) & LETTER) !== 0;
  }
}

/** The unit at `index`, or the next one in `direction` if that one is whitespace; −1 outside. */
function edgeUnit(source: string, index: number, direction: 1 | -1): number {
  if (index < 0 || index >= source.length) return -1;
  const code = source.charCodeAt(index);
  if ((charFlags(code) & SPACE) === 0) return code;
  const next = index + direction;
  return next < 0 || next >= source.length ? -1 : source.charCodeAt(next);
}

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

// Currency words as written ("$", "драм", "AMD") → ISO code; few distinct spellings, so bounded.
const currencyCache = new Map<string, string | undefined>();

function currencyCode(text: string): string | undefined {
  if (currencyCache.has(text)) return currencyCache.get(text);
  const code = currencyRegexes.find(([, re]) => re.test(text))?.[0];
  if (currencyCache.size < 10_000) currencyCache.set(text, code);
  return code;
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
    // AFTER and BEFORE allow one optional whitespace between amount and currency (`\s?`), and no
    // currency or multiplier begins or ends with whitespace, so these tests are exact.
    const after = mayBeCurrencyEdge(edgeUnit(source, end, 1), true)
      ? AFTER.exec(source.slice(end, end + 24))
      : null;
    if (after) {
      currency = currencyCode(after.groups?.cur ?? '');
      multiplier = after.groups?.mult;
      end += after[0].length;
    } else {
      const before =
        start > 0 && mayBeCurrencyEdge(edgeUnit(source, start - 1, -1), false)
          ? BEFORE.exec(source.slice(Math.max(0, start - 16), start))
          : null;
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
