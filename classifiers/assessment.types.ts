/**
 * The shapes the classifier hands to the rest of adwatch. These are stored with each ad and shown
 * to analysts, so renaming a field is a data migration: add fields, do not rename them.
 */

import type { TextModel } from './model/text-model.js';
import type { LexiconOverride } from './tuning/lexicon.override.js';

/** Language or script of an ad. `translit` is Armenian or Russian typed in Latin letters. */
export type Lang = 'hy' | 'ru' | 'en' | 'translit' | 'mixed';

/** Coarse risk band for the triage queue. */
export type RiskBand = 'low' | 'medium' | 'high';

/** A piece of the ad, by UTF-16 offsets into `title + "\n" + text` (or `text` when there is no title). */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

/** One indicator found in an ad, with the words that triggered it. */
export interface IndicatorHit {
  id: string;
  label: string;
  /** ILO operational-indicator dimension, or `legitimacy` for signals that lower the score. */
  dimension: string;
  /** Contribution to the rules logit; negative for legitimacy signals. */
  weight: number;
  evidence: EvidenceSpan[];
}

/** Messenger or social platform a handle or link belongs to. */
export type MessengerPlatform = 'whatsapp' | 'telegram' | 'viber' | 'instagram' | 'vk' | 'facebook';

/** Pay period as written in the ad. */
export type PayPeriod =
  'hour' | 'day' | 'evening' | 'night' | 'week' | 'month' | 'year' | 'unknown';

export interface PhoneFact {
  e164: string;
  span: EvidenceSpan;
}

export interface EmailFact {
  email: string;
  span: EvidenceSpan;
}

export interface HandleFact {
  platform: MessengerPlatform;
  /** Username or phone number on the platform, without `@` or URL. Empty when only the platform is named. */
  handle: string;
  span: EvidenceSpan;
}

export interface SalaryFact {
  amount: number;
  /** ISO 4217 code (`USD`, `AMD`, `RUB`, `EUR`, `AED`, ...). */
  currency: string;
  period: PayPeriod;
  /** The amount as a monthly figure in US dollars, using the fixed rates in `facts/money.rates.ts`. */
  monthlyUsd: number;
  span: EvidenceSpan;
}

export interface AgeFact {
  min?: number;
  max?: number;
  span: EvidenceSpan;
}

export interface AppearanceFact {
  /** `height`, `weight` or body `measurements` (e.g. 90-60-90). */
  kind: 'height' | 'weight' | 'measurements';
  span: EvidenceSpan;
}

export interface DestinationFact {
  /** ISO 3166-1 alpha-2. */
  country: string;
  city?: string;
  span: EvidenceSpan;
  /**
   * Work or travel is offered there ("работа в Дубае", "group leaves for Moscow"), rather than the
   * place being a head office or a client base. Only such places count as work abroad.
   */
  offered?: boolean;
}

/** Facts pulled out of an ad, each with where it was found. */
export interface AdFacts {
  phones: PhoneFact[];
  emails: EmailFact[];
  handles: HandleFact[];
  links: EvidenceSpan[];
  /** The highest-paying salary mention, if any. */
  salary?: SalaryFact;
  salaries: SalaryFact[];
  ages: AgeFact[];
  appearance: AppearanceFact[];
  destinations: DestinationFact[];
  /** Job category id from `lexicons/categories.yaml` (e.g. `entertainment`, `construction`). */
  category?: string;
}

/** The classifier's verdict on one ad. */
export interface RiskAssessment {
  /** 0–100, integer. */
  score: number;
  band: RiskBand;
  /** `score >= flagThreshold`. */
  flagged: boolean;
  lang: Lang;
  components: {
    /** 0–100: the indicator combination on its own. */
    rules: number;
    /** 0–100: the text model's deceptive-recruitment probability. */
    model: number;
    /**
     * 0–1: how much the model was allowed to move the score, by language (the model reads
     * English), the share of words it knows and the ad's length.
     */
    modelWeight: number;
    /**
     * Score points the model added to (or, negative, took from) the rules' score: the final
     * score is `rules + modelPoints`. Analysts read "scam-like text" (model) and "trafficking
     * indicators" (rules) apart.
     */
    modelPoints: number;
  };
  indicators: IndicatorHit[];
  facts: AdFacts;
  /** `override`: the stored lexicon override (adjustments, threshold) in force, when there is one. */
  versions: { classifier: string; model: string; lexicon: string; override?: string };
}

/** One ad to score. */
export interface AdText {
  title?: string;
  text: string;
  /** Language hint from the source; detection still runs and wins when the text disagrees strongly. */
  lang?: string;
}

export interface ClassifierOptions {
  /** Score (0–100) at or above which an ad is flagged for analysts. Default 60. */
  flagThreshold?: number;
  /** Model file to load. Default: the committed `classifiers/model/emscad-lr.model.json`. */
  modelPath?: string;
  /**
   * An already loaded model (e.g. `parseTextModel` of a model stored in the registry); takes
   * precedence over `modelPath`.
   */
  model?: TextModel;
  /** Folder of `*.indicators.yaml` files. Default: the committed `classifiers/indicators/`. */
  indicatorsDir?: string;
}

/** An indicator as shipped in the lexicon. */
export interface IndicatorInfo {
  id: string;
  label: string;
  dimension: string;
  weight: number;
}

/** A loaded classifier. Construction does the heavy loading; `assess` is fast and pure. */
export interface Classifier {
  assess(ad: AdText): RiskAssessment;
  readonly flagThreshold: number;
  readonly versions: RiskAssessment['versions'];
  /** The shipped indicators with their shipped weights. */
  readonly indicators: readonly IndicatorInfo[];
  /**
   * The same loaded classifier with a stored override applied (null: the shipped lexicon and the
   * configured threshold). Cheap: nothing is loaded again.
   */
  withOverride(override: LexiconOverride | null): Classifier;
}
