import type { AgeFact, AppearanceFact } from '../assessment.types.js';
import { allMatches } from '../text/all-matches.js';
import { spanOf } from './evidence-span.js';

const YEARS = String.raw`(?:years?(?:\s+old)?|y\.?o\.?|yrs|лет|года?|տարեկան\p{L}*|տ\.|tarekan\p{L}*|let|goda?)`;
const A = String.raw`(\d{2})`;

/** Age phrases; `min`/`max` name which capture group is which bound. */
const AGE_RULES: readonly { re: RegExp; min?: number; max?: number }[] = [
  {
    re: new RegExp(
      String.raw`${A}\s?(?:[-–—]|to|до|до\s+|մինչև|-ից)\s?${A}(?:-ը)?\s?${YEARS}`,
      'giu',
    ),
    min: 1,
    max: 2,
  },
  {
    re: new RegExp(
      String.raw`(?:aged?|возраст\p{L}*|տարիք\p{L}*|vozrast)\s*(?::\s*)?(?:от\s+|from\s+)?${A}\s?(?:[-–—]|to|до)\s?${A}`,
      'giu',
    ),
    min: 1,
    max: 2,
  },
  {
    re: new RegExp(
      String.raw`(?:от|from|с|starting\s+at|ot|s)\s+${A}\s+(?:до|to|do)\s+${A}\s*${YEARS}?`,
      'giu',
    ),
    min: 1,
    max: 2,
  },
  {
    re: new RegExp(
      String.raw`(?:до|under|up\s+to|not\s+older\s+than|не\s+старше|մինչև|do|ne\s+starshe)\s+${A}\s?${YEARS}`,
      'giu',
    ),
    max: 1,
  },
  {
    re: new RegExp(
      String.raw`(?:от|from|с|старше|over|older\s+than|aged|ot|s|starshe)\s+${A}\s?${YEARS}`,
      'giu',
    ),
    min: 1,
  },
  {
    re: new RegExp(
      String.raw`(?:girls?|women|ladies|девушк\p{L}*|женщин\p{L}*|աղջիկ\p{L}*|կանայք|devushk\p{L}*|axjik\p{L}*|aghjik\p{L}*)\s*(?:,\s*)?(?:от\s+|from\s+)?${A}\s?[-–—]\s?${A}(?![\d])`,
      'giu',
    ),
    min: 1,
    max: 2,
  },
  {
    re: new RegExp(
      String.raw`${A}\s?(?:\+|(?:տարեկանից|tarekanic|and\s+(?:over|older|above)))`,
      'giu',
    ),
    min: 1,
  },
];

/** Ages and age ranges asked of applicants ("18-25 лет", "from 16 years", "16+", "18-ից 25 տարեկան"). */
export function extractAges(source: string): AgeFact[] {
  if (!/\d{2}/u.test(source)) return [];
  const ages: AgeFact[] = [];
  const taken: [number, number][] = [];
  for (const rule of AGE_RULES)
    for (const m of allMatches(rule.re, source)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const min = rule.min === undefined ? undefined : Number(m[rule.min]);
      const max = rule.max === undefined ? undefined : Number(m[rule.max]);
      if ([min, max].some((n) => n !== undefined && (n < 10 || n > 75))) continue;
      if (min !== undefined && max !== undefined && min > max) continue;
      taken.push([start, end]);
      const fact: AgeFact = { span: spanOf(source, start, end) };
      if (min !== undefined) fact.min = min;
      if (max !== undefined) fact.max = max;
      ages.push(fact);
    }
  return ages;
}

const HEIGHT =
  /(?:рост\p{L}*|height|հասակ\p{L}*|rost|hasak\p{L}*)\s*(?::\s*)?(?:(?:от|from|не\s+ниже|min\.?|ot)\s*)?(1[4-9]\d)\s*(?:см|cm|սմ|sm)?|(?<![\d.,])(1[5-9]\d)\s?(?:см|cm|սմ)(?![\p{L}])/giu;
const HAS_HEIGHT_NUMBER = /1[4-9][0-9]/;
const WEIGHT =
  /(?:вес|weight|քաշ|ves)\s*(?::\s*)?(?:(?:до|under|up\s+to|մինչև)\s*)?([3-9]\d)\s*(?:кг|kg|կգ)?/giu;
const MEASUREMENTS =
  /(?<![\d])([7-9]\d|1[01]\d)\s?[-x×/]\s?([5-7]\d)\s?[-x×/]\s?([7-9]\d|1[01]\d)(?![\d])/gu;

/** Height, weight and body-measurement requirements ("рост от 170", "90-60-90", "weight under 55 kg"). */
export function extractAppearance(source: string): AppearanceFact[] {
  if (!/\d{2}/u.test(source)) return [];
  const facts: AppearanceFact[] = [];
  // Every height has a number 140–199 (`1[4-9]\d` in both alternatives): without one, HEIGHT,
  // case-insensitive and tried at every character, cannot match, and a plain search is cheap.
  const heights = HAS_HEIGHT_NUMBER.test(source);
  for (const [kind, re] of [
    ['height', heights ? HEIGHT : undefined],
    ['weight', WEIGHT],
    ['measurements', MEASUREMENTS],
  ] as const)
    if (re !== undefined)
      for (const m of allMatches(re, source))
        facts.push({ kind, span: spanOf(source, m.index, m.index + m[0].length) });
  return facts;
}
