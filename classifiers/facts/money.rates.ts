import type { PayPeriod } from '../assessment.types.js';

/**
 * Fixed conversion rates to US dollars (mid-2025, rounded). Salary facts are compared with
 * thresholds in the indicator files, not used for accounting, so fixed rates keep scores
 * reproducible: the same ad gets the same score next year. Update with the lexicon version.
 */
// prettier-ignore
export const USD_PER_UNIT: Readonly<Record<string, number>> = {
  USD: 1, EUR: 1.1, GBP: 1.3, AMD: 0.0026, RUB: 0.012, AED: 0.27, TRY: 0.025, GEL: 0.37,
  KZT: 0.0019, PLN: 0.27, UAH: 0.024, CZK: 0.046, ILS: 0.29, QAR: 0.27, SAR: 0.27, KRW: 0.00072,
  JPY: 0.0068, CNY: 0.14,
};

/** How many of each period make a month of full-time work (22 working days, 176 hours). */
export const PERIODS_PER_MONTH: Readonly<Record<PayPeriod, number>> = {
  hour: 176,
  day: 22,
  evening: 22,
  night: 22,
  week: 4.33,
  month: 1,
  year: 1 / 12,
  unknown: 1,
};

/** Currency words and symbols, lower case, as a regex alternation per ISO code. */
export const CURRENCY_PATTERNS: readonly (readonly [string, string])[] = [
  [
    'USD',
    String.raw`\$|💵|usd|us\s?dollars?|dollars?|долл(?:\.|ар(?:ов|а)?)?|դոլար\p{L}*|dolar\p{L}*|бакс\p{L}*`,
  ],
  ['EUR', String.raw`€|eur(?:o|os)?|евро|եվրո\p{L}*|yevro|evro`],
  ['GBP', String.raw`£|gbp|pounds?(?:\s+sterling)?|фунт\p{L}*`],
  ['AMD', String.raw`֏|amd|драм\p{L}*|դրամ\p{L}*|dram\p{L}*`],
  ['RUB', String.raw`₽|rub(?:les?)?|руб(?:\.|л\p{L}*)?|ռուբլի\p{L}*|rubl\p{L}*`],
  ['AED', String.raw`aed|dirhams?|дирхам\p{L}*|դիրհամ\p{L}*`],
  ['TRY', String.raw`₺|try|tl|turkish\s+lira|лир\p{L}*|լիր\p{L}*`],
  ['GEL', String.raw`₾|gel|лари|լարի`],
  ['PLN', String.raw`pln|zł|zloty|злот\p{L}*`],
  ['CZK', String.raw`czk|kč|крон\p{L}*`],
  ['KRW', String.raw`₩|krw|won|вон`],
];

/** Period phrases per period, as regex alternations (matched a few words after the amount). */
export const PERIOD_PATTERNS: readonly (readonly [PayPeriod, string])[] = [
  [
    'hour',
    String.raw`/\s?h(?:our|r)?\b|per\s+hour|an\s+hour|hourly|в\s+час|/\s?час|за\s+час|ժամ(?:ը|ում|ական)|jamy?`,
  ],
  [
    'night',
    String.raw`per\s+night|a\s+night|nightly|за\s+ночь|в\s+ночь|/\s?ночь|գիշեր\p{L}*|gisher\p{L}*`,
  ],
  ['evening', String.raw`per\s+evening|an\s+evening|за\s+вечер|в\s+вечер|/\s?вечер|երեկո\p{L}*`],
  [
    'day',
    String.raw`per\s+day|a\s+day|daily|/\s?day|в\s+день|/\s?день|за\s+день|в\s+сутки|за\s+смену|օրական|օրը|orakan|v\s+den|za\s+smenu`,
  ],
  [
    'week',
    String.raw`per\s+week|a\s+week|weekly|/\s?week|в\s+неделю|/\s?нед|շաբաթական|shabatakan|v\s+nedelyu`,
  ],
  [
    'month',
    String.raw`per\s+month|a\s+month|monthly|/\s?mo(?:nth)?|в\s+месяц|/\s?мес|ежемесячно|ամսական|ամիս\p{L}*|amsakan|v\s+mesyac|mesyac`,
  ],
  [
    'year',
    String.raw`per\s+(?:year|annum)|a\s+year|annual(?:ly)?|yearly|/\s?y(?:ea)?r|в\s+год|/\s?год|տարեկան|tarekan`,
  ],
];
