import type { PayPeriod, SalaryFact } from '../assessment.types.js';
import { allMatches } from '../text/all-matches.js';
import { LETTER, SPACE, charFlags, codePointAt, isLetterOrDigitUnit } from '../text/char-class.js';
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
/** Currency (and multiplier) right after an amount: "3000$", "300 тыс. руб", "500 հազ. դրամ". */
const AFTER = new RegExp(
  String.raw`^\s?(?:(?<mult>${MULTIPLIER})\s?)?(?<cur>${currencyAlternation})(?![\p{L}])`,
  'iu',
);
/** Currency right before an amount: "$3000", "USD 2 500". */
const BEFORE = new RegExp(String.raw`(?<![\p{L}])(?<cur>${currencyAlternation})\s?$`, 'iu');
const MULT_AFTER_PREFIXED = new RegExp(String.raw`^\s?(?<mult>${MULTIPLIER})(?![\p{L}])`, 'iu');

/**
 * Pay periods follow an amount as `^[\s,.:-]{0,3}(?:\p{L}+\s){0,2}?(?:phrase)`: the first period
 * of `PERIOD_PATTERNS`, in order, for which that regex matches. Rather than run that regex once
 * per period, `periodAfter` lists the places where a phrase can start, in the order those regexes
 * try them, and runs at each one regex with all the periods' phrases as alternatives in order.
 */
const PERIOD_AT = new RegExp(PERIOD_PATTERNS.map(([, p]) => `(${p})`).join('|'), 'iuy');

function isPeriodPrefix(code: number): boolean {
  return code === 0x2c || code === 0x2e || code === 0x3a || code === 0x2d || isSpace(code);
}

function isSpace(code: number): boolean {
  return (charFlags(code) & SPACE) !== 0;
}

/** The end of `(?:\p{L}+\s)` from `at` (a run of letters is matched whole), or −1. */
function afterWord(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const code = codePointAt(text, i);
    if ((charFlags(code) & LETTER) === 0) break;
    i += code > 0xffff ? 2 : 1;
  }
  return i > at && i < text.length && isSpace(text.charCodeAt(i)) ? i + 1 : -1;
}

/** The period phrase at the start of `text` and the length it covers, as the regexes above. */
function periodAfter(text: string): { period: PayPeriod; length: number } | undefined {
  let prefix = 0;
  while (prefix < 3 && prefix < text.length && isPeriodPrefix(text.charCodeAt(prefix))) prefix++;
  // Places to try, in the regexes' order: longest prefix first, then zero, one, two words on.
  const starts: number[] = [];
  for (let p = prefix; p >= 0; p--)
    for (let at = p, words = 0; at !== -1 && words <= 2; at = afterWord(text, at), words++)
      if (!starts.includes(at)) starts.push(at);
  let best: { period: number; length: number } | undefined;
  for (const start of starts) {
    PERIOD_AT.lastIndex = start;
    const m = PERIOD_AT.exec(text);
    if (!m) continue;
    const period = m.findIndex((group, i) => i > 0 && group !== undefined) - 1;
    if (best === undefined || period < best.period)
      best = { period, length: start + m[period + 1].length };
    if (period === 0) break;
  }
  return best && { period: PERIOD_PATTERNS[best.period][0], length: best.length };
}

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
  for (const m of allMatches(AMOUNT, source)) {
    let start = m.index;
    // Checked by hand: a lookbehind in AMOUNT makes the regex crawl over every position.
    if (start > 0 && isLetterOrDigitUnit(source.charCodeAt(start - 1))) continue;
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
    const periodPhrase = periodAfter(source.slice(end, end + 40));
    if (periodPhrase) {
      period = periodPhrase.period;
      end += periodPhrase.length;
    }
    const monthlyUsd = Math.round(
      amount * (USD_PER_UNIT[currency] ?? 0) * PERIODS_PER_MONTH[period],
    );
    salaries.push({ amount, currency, period, monthlyUsd, span: spanOf(source, start, end) });
  }
  return salaries;
}
