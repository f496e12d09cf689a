import type { ScoreDecisionCount } from '../../store/index.js';

/** How the flags of one lexicon fare against the analysts' decisions. */
export interface FlagFigures {
  flagged: number;
  /** Flagged ads an analyst confirmed. */
  flaggedConfirmed: number;
  /** Share of the flagged ads that were confirmed; null when nothing is flagged. */
  precision: number | null;
  /** Share of the confirmed ads that are flagged; null when nothing was confirmed. */
  recall: number | null;
}

/** One ad's flag under two lexicons, with its decision. */
export interface FlagPair {
  confirmed: boolean;
  before: boolean;
  after: boolean;
}

/** The effect of a proposed change on the decided ads. */
export interface FlagChangeFigures {
  ads: number;
  confirmed: number;
  dismissed: number;
  current: FlagFigures;
  proposed: FlagFigures;
  /** Ads flagged only under the proposal, and how many of those were confirmed. */
  appear: number;
  appearConfirmed: number;
  /** Ads flagged only today, and how many of those were confirmed (recall lost). */
  disappear: number;
  disappearConfirmed: number;
}

export function flagFigures(pairs: readonly FlagPair[], side: 'before' | 'after'): FlagFigures {
  let flagged = 0;
  let flaggedConfirmed = 0;
  let confirmed = 0;
  for (const pair of pairs) {
    if (pair.confirmed) confirmed++;
    if (!pair[side]) continue;
    flagged++;
    if (pair.confirmed) flaggedConfirmed++;
  }
  return {
    flagged,
    flaggedConfirmed,
    precision: flagged === 0 ? null : flaggedConfirmed / flagged,
    recall: confirmed === 0 ? null : flaggedConfirmed / confirmed,
  };
}

export function flagChangeFigures(pairs: readonly FlagPair[]): FlagChangeFigures {
  const confirmed = pairs.filter((p) => p.confirmed).length;
  const appearing = pairs.filter((p) => p.after && !p.before);
  const disappearing = pairs.filter((p) => p.before && !p.after);
  return {
    ads: pairs.length,
    confirmed,
    dismissed: pairs.length - confirmed,
    current: flagFigures(pairs, 'before'),
    proposed: flagFigures(pairs, 'after'),
    appear: appearing.length,
    appearConfirmed: appearing.filter((p) => p.confirmed).length,
    disappear: disappearing.length,
    disappearConfirmed: disappearing.filter((p) => p.confirmed).length,
  };
}

/** Precision and recall of flagging at `threshold` (score >= threshold). */
export interface CurvePoint {
  threshold: number;
  flagged: number;
  precision: number | null;
  recall: number | null;
}

export interface LanguageCurve {
  lang: string;
  confirmed: number;
  dismissed: number;
  /** One point per whole threshold 0–100. */
  points: CurvePoint[];
}

/**
 * Precision–recall curves per language (and `all`) from the decided ads' current scores: at each
 * threshold, the decided ads that score at or above it count as flagged.
 */
export function precisionRecallCurves(counts: readonly ScoreDecisionCount[]): LanguageCurve[] {
  const byLang = new Map<string, ScoreDecisionCount[]>();
  for (const row of counts) {
    byLang.set(row.lang, [...(byLang.get(row.lang) ?? []), row]);
    byLang.set('all', [...(byLang.get('all') ?? []), row]);
  }
  return [...byLang]
    .sort(([a], [b]) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)))
    .map(([lang, rows]) => curveOf(lang, rows));
}

function curveOf(lang: string, rows: readonly ScoreDecisionCount[]): LanguageCurve {
  // Decided ads per score, then summed from the top: what a threshold t flags is score >= t.
  const confirmedAt = new Array<number>(102).fill(0);
  const dismissedAt = new Array<number>(102).fill(0);
  for (const row of rows) {
    const score = Math.max(0, Math.min(100, Math.round(row.score)));
    confirmedAt[score] = (confirmedAt[score] ?? 0) + row.confirmed;
    dismissedAt[score] = (dismissedAt[score] ?? 0) + row.dismissed;
  }
  const confirmed = confirmedAt.reduce((a, b) => a + b, 0);
  const dismissed = dismissedAt.reduce((a, b) => a + b, 0);
  const points: CurvePoint[] = [];
  let flaggedConfirmed = 0;
  let flaggedDismissed = 0;
  for (let threshold = 100; threshold >= 0; threshold--) {
    flaggedConfirmed += confirmedAt[threshold] ?? 0;
    flaggedDismissed += dismissedAt[threshold] ?? 0;
    const flagged = flaggedConfirmed + flaggedDismissed;
    points.push({
      threshold,
      flagged,
      precision: flagged === 0 ? null : flaggedConfirmed / flagged,
      recall: confirmed === 0 ? null : flaggedConfirmed / confirmed,
    });
  }
  return { lang, confirmed, dismissed, points: points.reverse() };
}
