import { z } from 'zod';

/**
 * Schema of the indicator files (`classifiers/indicators/*.indicators.yaml`). Those files are
 * written by analysts, not programmers, so every rule here should produce an error that names
 * the file, the indicator and what to change.
 */

/** Fact names an indicator may test; each maps to a number computed from the ad's facts. */
export const FACT_NAMES = [
  'salaryMonthlyUsd',
  'ageMin',
  'ageMax',
  'appearance',
  'phones',
  'emails',
  'links',
  'messengerContacts',
  'messengerMentions',
  'destinationsAbroad',
  'disguisedWords',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

export const DIMENSIONS = [
  'deceptive-recruitment',
  'abuse-of-vulnerability',
  'coercion-exploitation',
  // Forced criminality: recruitment into fraud, money-mule and scam-centre work (ILO, UNODC).
  'criminal-exploitation',
  'legitimacy',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const factCondition = z
  .object({
    fact: z.enum(FACT_NAMES),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict()
  .refine((c) => c.min !== undefined || c.max !== undefined, {
    message: 'a fact condition needs `min`, `max` or both',
  });
export type FactCondition = z.infer<typeof factCondition>;

/**
 * Terms by the language they are written in: a term matches ads in its own language only (and
 * Russian and Armenian terms also their translit); `any` matches every language.
 */
export const TERM_GROUPS = ['en', 'ru', 'hy', 'translit', 'any'] as const;
export type TermGroup = (typeof TERM_GROUPS)[number];

const termList = z.array(z.union([z.string(), z.number()]).transform(String));
const terms = z
  .object({
    en: termList.optional(),
    ru: termList.optional(),
    hy: termList.optional(),
    translit: termList.optional(),
    any: termList.optional(),
  })
  .strict();

const indicator = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'ids are lower-case words joined by "-"'),
    label: z.string().min(3),
    dimension: z.enum(DIMENSIONS).optional(),
    weight: z.number().min(-5).max(5),
    gap: z.number().int().min(0).max(5).optional(),
    terms: terms.optional(),
    patterns: z.array(z.string()).optional(),
    facts: z.array(factCondition).optional(),
    requires: z.array(factCondition).optional(),
    cancels: z.array(z.string()).optional(),
  })
  .strict();

export const indicatorFileSchema = z
  .object({
    dimension: z.enum(DIMENSIONS),
    indicators: z.array(indicator).min(1),
  })
  .strict();
export type IndicatorFile = z.infer<typeof indicatorFileSchema>;

export const combinationsFileSchema = z
  .object({
    combinations: z.array(
      z
        .object({
          ids: z.array(z.string()).min(2),
          bonus: z.number().min(0).max(5),
          why: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export const placesFileSchema = z
  .object({
    home: z.string().regex(/^[A-Z]{2}$/u),
    /** Words that make a place a destination of the offer ("работа в Дубае"), by language. */
    offerContext: terms,
    countries: z.record(
      z.string().regex(/^[A-Z]{2}$/u, 'countries are ISO 3166-1 two-letter codes, e.g. AE'),
      z
        .object({
          names: z.array(z.string()).min(1),
          cities: z.record(z.string(), z.array(z.string()).min(1)).optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const categoriesFileSchema = z
  .object({ categories: z.record(z.string(), z.array(z.string()).min(1)) })
  .strict();
